/*
 * Copyright 2026-present v6proxy contributors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.v6proxy.l7;

import org.junit.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

/**
 * Edges of name parsing that mutation testing found unpinned: the RFC 1035 length limits,
 * the characters at each end of the letter and hex ranges, authority ports and IPv6
 * literals (RFC 3986 3.2.2/3.2.3), and the ClientHello entry point without record framing.
 */
public class NameEdgesTest {

    private static String dns(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return Names.dnsName(b, 0, b.length);
    }

    private static String authority(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return Names.authorityHost(b, 0, b.length);
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    @Test
    public void nameAndLabelLengthLimits() {
        String label63 = repeat('a', 63);
        assertEquals(label63, dns(label63));
        assertNull("a 64-byte label", dns(repeat('a', 64)));
        String name253 = String.join(".", label63, label63, label63, repeat('b', 61));
        assertEquals(253, name253.length());
        assertEquals(name253, dns(name253));
        assertNull("254 bytes", dns(name253 + "b"));
        assertNull("empty", dns(""));
        assertEquals("a", dns("a."));
    }

    @Test
    public void letterRangeEnds() {
        assertEquals("az", dns("az"));
        assertEquals("az", dns("AZ"));
        for (String bad : new String[] {"a`", "a{", "a@", "a[", "a/", "a:"}) {
            assertNull(bad, dns(bad));
        }
    }

    @Test
    public void authorityPortsAndLiterals() {
        assertNull(authority(""));
        assertEquals("a.example", authority("a.example:65535"));
        assertEquals("a.example", authority("a.example:"));
        assertNull("six port digits", authority("a.example:123456"));
        assertEquals("[2001:db8:af::1]", authority("[2001:DB8:aF::1]:443"));
        assertEquals("[::ffff:10.0.0.1]", authority("[::FFFF:10.0.0.1]"));
        for (String bad : new String[] {"[::g]", "[::G]", "[::`]", "[::@]", "[abcd]", "[::1", "[::1]x"}) {
            assertNull(bad, authority(bad));
        }
    }

    @Test
    public void normalizeKeepsALoneDot() {
        assertEquals(".", Names.normalize("."));
        assertEquals("a.example", Names.normalize("A.Example."));
    }

    @Test
    public void serverNameOfAHandshakeMessage() {
        byte[] hello = new ClientHelloBuilder().serverName("sni.example").build();
        byte[] at3 = new byte[hello.length + 3];
        System.arraycopy(hello, 0, at3, 3, hello.length);
        assertEquals("sni.example", TlsSniSniffer.serverNameOf(at3, 3, hello.length));
        assertNull("length not the message's", TlsSniSniffer.serverNameOf(at3, 3, hello.length - 1));
        assertNull("shorter than a header", TlsSniSniffer.serverNameOf(at3, 3, 3));
        byte[] notHello = at3.clone();
        notHello[3] = 2;                                           // server_hello
        assertNull(TlsSniSniffer.serverNameOf(notHello, 3, hello.length));
        byte[] longer = at3.clone();
        longer[4] = 1;                                             // uint24 length off by 65536
        assertNull(TlsSniSniffer.serverNameOf(longer, 3, hello.length));
        assertNull("no name", TlsSniSniffer.serverNameOf(new ClientHelloBuilder().serverName(null).build(), 0,
                                                          new ClientHelloBuilder().serverName(null).build().length));
    }
}
