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

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.l7.SniffChecks.ascii;
import static org.v6proxy.l7.SniffChecks.feed;
import static org.v6proxy.l7.SniffChecks.hex;

/**
 * Tests of {@link RouteMatcher}.
 */
public class RouteMatcherTest {

    private static final Backend H1 = new Backend(Ip6Address.valueOf("2001:db8::1"), 443);
    private static final Backend H2 = new Backend(Ip6Address.valueOf("2001:db8::2"), 443);
    private static final Backend H3 = new Backend(Ip6Address.valueOf("2001:db8::3"), 443);
    private static final Backend H4 = new Backend(Ip6Address.valueOf("2001:db8::4"), 443);

    private static RouteMatcher names(ServiceMode mode, Route... routes) {
        return new RouteMatcher(mode, List.of(routes));
    }

    @Test
    public void wildcardMatchesSubdomainsAtAnyDepthButNotTheBareName() {
        RouteMatcher m = names(ServiceMode.TLS, new Route("*.example", H1));
        assertEquals(H1, m.backendForName("a.example"));
        assertEquals(H1, m.backendForName("a.b.c.example"));
        assertNull(m.backendForName("example"));
        assertNull(m.backendForName("aexample"));
        assertNull(m.backendForName("a.example.org"));
        assertNull(m.backendForName("a.examples"));
        assertNull(m.backendForName(".example"));
    }

    @Test
    public void exactBeatsWildcardAndLongerWildcardBeatsShorter() {
        RouteMatcher m = names(ServiceMode.HTTP, new Route("*.example", H1), new Route("*.b.example", H2),
                               new Route("x.b.example", H3), new Route("example", H4));
        assertEquals(H3, m.backendForName("x.b.example"));
        assertEquals(H2, m.backendForName("y.b.example"));
        assertEquals(H2, m.backendForName("z.y.b.example"));
        assertEquals(H1, m.backendForName("b.example"));
        assertEquals(H1, m.backendForName("c.example"));
        assertEquals(H4, m.backendForName("example"));
        assertNull(m.backendForName("example.org"));
    }

    @Test
    public void caseAndTrailingDotDoNotMatter() {
        RouteMatcher m = names(ServiceMode.TLS, new Route("A.Example.", H1), new Route("*.B.EXAMPLE", H2));
        assertEquals(H1, m.backendForName("a.example"));
        assertEquals(H1, m.backendForName("A.EXAMPLE."));
        assertEquals(H2, m.backendForName("x.b.example"));
        assertEquals(H2, m.backendForName("X.B.Example."));
        assertNull(m.backendForName("b.example"));
        assertNull(m.backendForName(""));
        assertNull(m.backendForName(null));
    }

    @Test
    public void firstOfDuplicateRoutesWins() {
        RouteMatcher m = names(ServiceMode.HTTP, new Route("a.example", H1), new Route("A.example", H2),
                               new Route("*.x", H3), new Route("*.X", H4));
        assertEquals(H1, m.backendForName("a.example"));
        assertEquals(H3, m.backendForName("a.x"));
        RouteMatcher p = names(ServiceMode.PREFIX, new Route("A", H1), new Route("A", H2));
        assertEquals(H1, p.backendForPrefix(ascii("AB"), 0, 2));
        assertEquals(H1, p.backendForName("A"));
    }

    @Test
    public void prefixLongestMatchWins() {
        RouteMatcher m = names(ServiceMode.PREFIX, new Route("A", H1), new Route("ABC", H2),
                               new Route("AB", H3));
        assertEquals(H2, m.backendForPrefix(ascii("ABCD"), 0, 4));
        assertEquals(H3, m.backendForPrefix(ascii("ABD"), 0, 3));
        assertEquals(H3, m.backendForPrefix(ascii("AB"), 0, 2));
        assertEquals(H1, m.backendForPrefix(ascii("A"), 0, 1));
        assertNull(m.backendForPrefix(ascii("B"), 0, 1));
        assertNull(m.backendForPrefix(ascii(""), 0, 0));
        // Only the slice counts: "xABC" from offset 1, length 2 is "AB".
        assertEquals(H3, m.backendForPrefix(ascii("xABC"), 1, 2));
        assertNull(m.backendForPrefix(null, 0, 0));
        assertNull(m.backendForPrefix(new byte[1], 0, 2));
        // Prefix routes are exact text: the name lookup is case-sensitive.
        assertEquals(H3, m.backendForName("AB"));
        assertNull(m.backendForName("ab"));
    }

    @Test
    public void prefixMatcherAndSnifferTogether() {
        RouteMatcher m = names(ServiceMode.PREFIX, new Route("A", H1), new Route("ABC", H2));
        Sniffer s = m.newSniffer();
        assertTrue(s instanceof PrefixSniffer);
        byte[] b = ascii("ABX");
        assertEquals(SniffStatus.NEED_MORE, feed(s, b, 1));
        assertEquals(SniffStatus.NEED_MORE, feed(s, b, 2));
        assertNull(m.backendFor(s));
        assertEquals(SniffStatus.MATCHED, feed(s, b, 3));
        assertEquals(H1, m.backendFor(s));
    }

    @Test
    public void eachModeMakesItsSniffer() {
        assertTrue(names(ServiceMode.HTTP).newSniffer() instanceof HttpHostSniffer);
        assertTrue(names(ServiceMode.TLS).newSniffer() instanceof TlsSniSniffer);
        Sniffer l4 = names(ServiceMode.L4, new Route("A", H1)).newSniffer();
        assertEquals(SniffStatus.NO_MATCH, feed(l4, ascii("A"), 1));
        assertNull(names(ServiceMode.L4).backendFor(l4));
        assertEquals(ServiceMode.TLS, names(ServiceMode.TLS).mode());
    }

    @Test
    public void endToEndWithRealClientBytes() {
        RouteMatcher tls = names(ServiceMode.TLS, new Route("*.example", H2), new Route("a.example", H1));
        Sniffer t = tls.newSniffer();
        byte[] hello = hex(RealCaptures.OPENSSL_CLIENT_HELLO_ALPN);
        assertEquals(SniffStatus.MATCHED, t.sniff(hello, 0, hello.length));
        assertEquals(H1, tls.backendFor(t));

        RouteMatcher http = names(ServiceMode.HTTP, new Route("*.example", H2), new Route("a.example", H1));
        Sniffer h = http.newSniffer();
        byte[] get = hex(RealCaptures.CURL_PROXY_REQUEST);
        assertEquals(SniffStatus.MATCHED, h.sniff(get, 0, get.length));
        assertEquals(H2, http.backendFor(h));

        Sniffer unknown = http.newSniffer();
        byte[] other = ascii("GET / HTTP/1.1\r\nHost: other.org\r\n\r\n");
        assertEquals(SniffStatus.MATCHED, unknown.sniff(other, 0, other.length));
        assertNull(http.backendFor(unknown));
        assertNull(http.backendFor(null));
    }
}
