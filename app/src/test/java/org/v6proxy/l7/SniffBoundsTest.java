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
import org.onlab.packet.Ip6Address;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Route;
import org.v6proxy.api.ServiceMode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

/**
 * ClientHello fields, HTTP request lines and route names that end exactly at a boundary
 * (a buffer's end, a length's limit), found unpinned by mutation testing (docs/mutation.md).
 * Messages are built by hand here so each field's length is under the test's control; the
 * arrays are exactly as long as the message, so a read past its end throws.
 */
public class SniffBoundsTest {

    private static final Backend B1 = new Backend(Ip6Address.valueOf("2001:db8::1"), 443);
    private static final Backend B2 = new Backend(Ip6Address.valueOf("2001:db8::2"), 443);

    /** Bytes from hex text (spaces ignored). */
    private static byte[] hex(String s) {
        String t = s.replace(" ", "");
        byte[] b = new byte[t.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(t.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    /** RFC 6066 section 3: server_name extension with one host_name. */
    private static byte[] sni(String host) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        byte[] entry = cat(new byte[] {0}, u16(name.length), name);
        byte[] list = cat(u16(entry.length), entry);
        return cat(u16(0), u16(list.length), list);
    }

    /** RFC 8446 section 4.2: an extension with its data. */
    private static byte[] ext(int type, byte[] data) {
        return cat(u16(type), u16(data.length), data);
    }

    /**
     * RFC 8446 section 4.1.2: a ClientHello handshake message (header included).
     *
     * @param suites number of cipher suites
     * @param extensions the extension block's content
     * @return the message
     */
    private static byte[] hello(int suites, byte[] extensions) {
        byte[] body = cat(hex("0303"), new byte[32], new byte[] {0}, u16(2 * suites), new byte[2 * suites],
                          hex("01 00"), u16(extensions.length), extensions);
        return cat(new byte[] {1, 0}, u16(body.length), body);
    }

    /** The message's first len bytes as a message of its own (length field adjusted), in an exact array. */
    private static byte[] cut(byte[] msg, int len) {
        byte[] c = Arrays.copyOf(msg, len);
        c[1] = 0;
        c[2] = (byte) ((len - 4) >>> 8);
        c[3] = (byte) (len - 4);
        return c;
    }

    private static String nameOf(byte[] msg) {
        return TlsSniSniffer.serverNameOf(msg, 0, msg.length);
    }

    /** RFC 8446 5.1: one handshake record holding the message. */
    private static byte[] record(byte[] msg) {
        return cat(hex("16 0301"), u16(msg.length), msg);
    }

    @Test
    public void clientHelloLengthIsMinusOneForOtherMessages() {
        assertEquals(-1, TlsSniSniffer.clientHelloLength(hex("02 000005"), 0));
        byte[] m = hello(1, sni("a.example"));
        assertEquals(m.length, TlsSniSniffer.clientHelloLength(m, 0));
    }

    /** RFC 8446 4.1.2: cipher_suites<2..2^16-2>: a single suite is enough. */
    @Test
    public void oneCipherSuiteIsEnough() {
        assertEquals("a.example", nameOf(hello(1, sni("a.example"))));
        byte[] none = hello(0, sni("a.example"));
        assertNull(nameOf(none));
    }

    /** RFC 8446 4.2: extension_data<0..2^16-1>: an empty extension (4 bytes) may be the last one. */
    @Test
    public void emptyExtensionAtTheEnd() {
        assertEquals("a.example", nameOf(hello(1, cat(sni("a.example"), ext(23, new byte[0])))));
        assertEquals("a.example", nameOf(hello(1, cat(ext(23, new byte[0]), sni("a.example")))));
        // Three bytes of an extension header: invalid.
        assertNull(nameOf(hello(1, cat(sni("a.example"), hex("0017 00")))));
    }

    /** A ClientHello cut anywhere is refused, without reading past its end. */
    @Test
    public void everyTruncationIsRefused() {
        byte[] m = hello(2, cat(ext(23, new byte[0]), sni("a.example"), ext(43, hex("02 0304"))));
        for (int len = 4; len < m.length; len++) {
            assertNull("cut at " + len, nameOf(cut(m, len)));
        }
        assertEquals("a.example", nameOf(m));
    }

    /** RFC 6066 section 3: a server_name extension too short for its list length or its entry header. */
    @Test
    public void serverNameDataCutShort() {
        for (String data : new String[] {"", "00", "0000", "0001 00", "0002 0000", "0003 000000"}) {
            byte[] m = hello(1, ext(0, hex(data)));
            assertNull(data, nameOf(m));
        }
    }

    /**
     * A ClientHello in two records, the first call ending exactly where the first record
     * ends (RFC 8446 5.1: a message may span records), then the whole stream.
     */
    @Test
    public void clientHelloInTwoRecordsSplitAtTheRecordBoundary() {
        byte[] m = hello(1, sni("b.example"));
        byte[] first = Arrays.copyOf(m, 2);
        byte[] second = Arrays.copyOfRange(m, 2, m.length);
        byte[] stream = cat(hex("16 0301"), u16(first.length), first, hex("16 0301"), u16(second.length), second);
        for (int k = 1; k < stream.length; k++) {
            TlsSniSniffer s = new TlsSniSniffer();
            assertEquals("k " + k, SniffStatus.NEED_MORE, s.sniff(Arrays.copyOf(stream, k), 0, k));
            assertEquals("k " + k, SniffStatus.MATCHED, s.sniff(stream, 0, stream.length));
            assertEquals("b.example", s.matchedName());
        }
    }

    /** A fresh sniffer has decided nothing; a restart (a shorter prefix) forgets what was read. */
    @Test
    public void restartForgetsTheFirstStream() {
        byte[] a = record(hello(1, sni("aaaaaaaaa.example")));
        byte[] b = record(hello(3, sni("b.example")));
        TlsSniSniffer s = new TlsSniSniffer();
        assertNull(s.matchedName());
        assertEquals(SniffStatus.NEED_MORE, s.sniff(a, 0, 60));
        assertEquals(SniffStatus.NEED_MORE, s.sniff(b, 0, 8));
        assertEquals(SniffStatus.MATCHED, s.sniff(b, 0, b.length));
        assertEquals("b.example", s.matchedName());

        byte[] ha = "GET / HTTP/1.1\r\nX-Some-Long-Field-Name: value\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] hb = "PUT /x HTTP/1.1\r\nHost: b.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        HttpHostSniffer h = new HttpHostSniffer();
        assertEquals(SniffStatus.NEED_MORE, h.sniff(ha, 0, ha.length));
        assertEquals(SniffStatus.NEED_MORE, h.sniff(hb, 0, 3));
        assertEquals(SniffStatus.MATCHED, h.sniff(hb, 0, hb.length));
        assertEquals("b.example", h.matchedName());

        // The restarted stream complete at once, shorter than what was read of the first.
        TlsSniSniffer s2 = new TlsSniSniffer();
        byte[] longA = record(hello(100, sni("a.example")));
        assertEquals(SniffStatus.NEED_MORE, s2.sniff(longA, 0, 200));
        assertEquals(SniffStatus.MATCHED, s2.sniff(b, 0, b.length));
        assertEquals("b.example", s2.matchedName());
        HttpHostSniffer h2 = new HttpHostSniffer();
        assertEquals(SniffStatus.NEED_MORE, h2.sniff(ha, 0, ha.length));
        assertEquals(SniffStatus.MATCHED, h2.sniff(hb, 0, hb.length));
        assertEquals("b.example", h2.matchedName());
    }

    /** RFC 9112 2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT; a letter for the minor version is refused. */
    @Test
    public void minorVersionMustBeADigit() {
        HttpHostSniffer s = new HttpHostSniffer();
        assertEquals(SniffStatus.NO_MATCH, http(s, "GET / HTTP/1.x\r\nHost: a.example\r\n\r\n"));
        HttpHostSniffer t = new HttpHostSniffer();
        assertEquals(SniffStatus.MATCHED, http(t, "GET / HTTP/1.0\r\nHost: a.example\r\n\r\n"));
    }

    private static SniffStatus http(HttpHostSniffer s, String request) {
        byte[] b = request.getBytes(StandardCharsets.US_ASCII);
        return s.finish(b, 0, b.length);
    }

    /** RFC 9110 4.2.1: an "http" URI with an empty host is invalid; the Host field cannot save it. */
    @Test
    public void absoluteFormWithAnEmptyAuthorityIsRefused() {
        HttpHostSniffer s = new HttpHostSniffer();
        assertEquals(SniffStatus.NO_MATCH, http(s, "GET http:// HTTP/1.1\r\nHost: a.example\r\n\r\n"));
        assertNull(s.matchedName());
        HttpHostSniffer t = new HttpHostSniffer();
        assertEquals(SniffStatus.MATCHED, http(t, "GET http://c.example HTTP/1.1\r\nHost: a.example\r\n\r\n"));
        assertEquals("c.example", t.matchedName());
    }

    /** RFC 9112 3.2.3: the authority-form target (CONNECT) leaves the choice to Host. */
    @Test
    public void authorityFormLeavesTheChoiceToHost() {
        HttpHostSniffer s = new HttpHostSniffer();
        assertEquals(SniffStatus.MATCHED,
                     http(s, "CONNECT d.example:443 HTTP/1.1\r\nHost: d.example:443\r\n\r\n"));
        assertEquals("d.example", s.matchedName());
    }

    /** Only a field named Host (any case) counts; other 4-letter names do not. */
    @Test
    public void otherFourLetterFieldsAreNotHost() {
        HttpHostSniffer s = new HttpHostSniffer();
        assertEquals(SniffStatus.MATCHED, http(s, "GET / HTTP/1.1\r\nDate: today\r\nhOsT: e.example\r\n\r\n"));
        assertEquals("e.example", s.matchedName());
        HttpHostSniffer t = new HttpHostSniffer();
        assertEquals(SniffStatus.NO_MATCH, http(t, "GET / HTTP/1.1\r\nFrom: x.example\r\n\r\n"));
    }

    /** RFC 9110 5.5 / 7.2: a Host value of only whitespace names no host. */
    @Test
    public void blankHostValue() {
        HttpHostSniffer s = new HttpHostSniffer();
        assertEquals(SniffStatus.NO_MATCH, http(s, "GET / HTTP/1.1\r\nHost:   \r\n\r\n"));
        assertNull(s.matchedName());
    }

    /** RFC 3986 3.2.2: the hex digits at both ends of their ranges in an IPv6 literal. */
    @Test
    public void ipv6LiteralHexRangeEnds() {
        for (String lit : new String[] {"[a::f]", "[A::F]", "[9::0]"}) {
            byte[] b = lit.getBytes(StandardCharsets.US_ASCII);
            assertEquals(lit, lit.toLowerCase(), Names.authorityHost(b, 0, b.length));
        }
        for (String lit : new String[] {"[g::1]", "[G::1]", "[`::1]", "[@::1]"}) {
            byte[] b = lit.getBytes(StandardCharsets.US_ASCII);
            assertNull(lit, Names.authorityHost(b, 0, b.length));
        }
    }

    /** Names that are not in normal form (upper case, trailing dot) are normalized before the lookup. */
    @Test
    public void namesAreNormalizedBeforeTheLookup() {
        RouteMatcher m = new RouteMatcher(ServiceMode.TLS, List.of(new Route("localhost", B1),
                                                                   new Route("az.example", B2)));
        assertSame(B1, m.backendForName("LOCALHOST"));
        assertSame(B1, m.backendForName("localhost."));
        assertSame(B1, m.backendForName("localhost"));
        assertSame(B2, m.backendForName("AZ.example"));
        assertSame(B2, m.backendForName("aZ.example"));
        assertSame(B2, m.backendForName("Az.example"));
        assertNull(m.backendForName("localhost.example"));
        // Non-ASCII letters are lower-cased too (Locale.ROOT), whatever else the name holds.
        RouteMatcher u = new RouteMatcher(ServiceMode.HTTP, List.of(new Route("\u00e4\u00f6", B1)));
        assertSame(B1, u.backendForName("\u00c4\u00d6"));
        assertSame(B1, u.backendForName("\u00e4\u00f6"));
    }

    /** A route "*." is no wildcard (nothing after the dot): it is the exact name "*" once normalized. */
    @Test
    public void starDotAloneIsNoWildcard() {
        RouteMatcher m = new RouteMatcher(ServiceMode.HTTP, List.of(new Route("*.", B1)));
        assertSame(B1, m.backendForName("*"));
        assertNull(m.backendForName("a."));
    }

    /** Prefix routes: a route exactly as long as the bytes seen matches; none configured, none to look for. */
    @Test
    public void prefixRouteExactlyAsLongAsTheBytes() {
        RouteMatcher m = new RouteMatcher(ServiceMode.PREFIX, List.of(new Route("SSH-", B1), new Route("SS", B2)));
        assertTrue(m.hasPrefixes());
        byte[] ssh = "SSH-".getBytes(StandardCharsets.US_ASCII);
        assertSame(B1, m.backendForPrefix(ssh, 0, 4));
        assertSame(B2, m.backendForPrefix(ssh, 0, 3));
        assertNull(m.backendForPrefix(ssh, 0, 1));
        assertFalse(new RouteMatcher(ServiceMode.PREFIX, List.of()).hasPrefixes());
    }

    /**
     * RFC 8446 5.1: a record of exactly 2^14 bytes is allowed, so its first bytes leave the
     * decision open; only once its handshake header is read, the message it announces cannot end
     * within the 16384 bytes the sniffer looks at (NO_MATCH).
     */
    @Test
    public void recordOfTheLargestLengthIsNotRefusedAtItsHeader() {
        byte[] start = hex("16 0301 4000 01 00 3f fc");
        TlsSniSniffer s = new TlsSniSniffer();
        assertEquals(SniffStatus.NEED_MORE, s.sniff(start, 0, 6));
        assertEquals(SniffStatus.NO_MATCH, s.sniff(start, 0, 9));
        TlsSniSniffer t = new TlsSniSniffer();
        assertEquals(SniffStatus.NO_MATCH, t.sniff(hex("16 0301 4001 01"), 0, 6));
    }
}
