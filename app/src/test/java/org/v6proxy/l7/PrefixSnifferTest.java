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

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.v6proxy.l7.SniffChecks.ascii;
import static org.v6proxy.l7.SniffChecks.assertEverySplit;
import static org.v6proxy.l7.SniffChecks.feed;
import static org.v6proxy.l7.SniffChecks.finish;

/**
 * Tests of {@link PrefixSniffer} with the routes of a {@link RouteMatcher}.
 */
public class PrefixSnifferTest {

    private static final Backend H1 = new Backend(Ip6Address.valueOf("2001:db8::1"), 80);
    private static final Backend H2 = new Backend(Ip6Address.valueOf("2001:db8::2"), 80);
    private static final Backend H3 = new Backend(Ip6Address.valueOf("2001:db8::3"), 80);
    private static final Backend H4 = new Backend(Ip6Address.valueOf("2001:db8::4"), 80);

    private static final RouteMatcher ROUTES = new RouteMatcher(ServiceMode.PREFIX, List.of(
            new Route("A", H1), new Route("AB", H2), new Route("B", H3), new Route("GET /api/", H4)));

    private static PrefixSniffer sniffer() {
        return new PrefixSniffer(ROUTES);
    }

    @Test
    public void theDemoSendsAThenB() {
        // "A" alone cannot decide: "AB" may follow. The second segment brings "B".
        Sniffer s = sniffer();
        assertEquals(SniffStatus.NEED_MORE, feed(s, ascii("AB"), 1));
        assertEquals(SniffStatus.MATCHED, feed(s, ascii("AB"), 2));
        assertEquals("AB", s.matchedName());
        assertEquals(H2, ROUTES.backendFor(s));
    }

    @Test
    public void shorterRouteWinsWhenTheLongerOneCannot() {
        assertEverySplit(PrefixSnifferTest::sniffer, ascii("AC and more"), 2, SniffStatus.MATCHED, "A");
        assertEverySplit(PrefixSnifferTest::sniffer, ascii("ABBA"), 2, SniffStatus.MATCHED, "AB");
        assertEverySplit(PrefixSnifferTest::sniffer, ascii("B\n"), 1, SniffStatus.MATCHED, "B");
    }

    @Test
    public void longRouteAcrossSegments() {
        byte[] b = ascii("GET /api/v1 HTTP/1.1\r\n");
        assertEverySplit(PrefixSnifferTest::sniffer, b, 9, SniffStatus.MATCHED, "GET /api/");
        assertEverySplit(PrefixSnifferTest::sniffer, ascii("GET /index"), 6, SniffStatus.NO_MATCH, null);
    }

    @Test
    public void noRouteCanMatchIsNoMatchAtOnce() {
        assertEverySplit(PrefixSnifferTest::sniffer, ascii("Czzz"), 1, SniffStatus.NO_MATCH, null);
        assertEverySplit(PrefixSnifferTest::sniffer, new byte[] {0x16, 3, 1}, 1, SniffStatus.NO_MATCH, null);
    }

    @Test
    public void finishDecidesWithWhatIsThere() {
        // The client sent "A" and FIN (or went quiet): route "A", not the default.
        assertEquals(SniffStatus.MATCHED, finish(sniffer(), ascii("A"), 1));
        Sniffer s = sniffer();
        assertEquals(SniffStatus.NEED_MORE, feed(s, ascii("GET /ap"), 7));
        assertEquals(SniffStatus.NO_MATCH, finish(s, ascii("GET /ap"), 7));
        assertEquals(SniffStatus.NO_MATCH, finish(sniffer(), ascii(""), 0));
        Sniffer a = sniffer();
        assertEquals(SniffStatus.MATCHED, finish(a, ascii("A"), 1));
        assertEquals("A", a.matchedName());
        assertEquals(H1, ROUTES.backendFor(a));
    }

    @Test
    public void matchIsBytewiseAndUtf8() {
        RouteMatcher m = new RouteMatcher(ServiceMode.PREFIX, List.of(
                new Route("caf\u00e9", H1), new Route("a", H2)));
        byte[] b = "caf\u00e9!".getBytes(StandardCharsets.UTF_8);
        assertEquals(6, b.length);
        assertEverySplit(() -> new PrefixSniffer(m), b, 5, SniffStatus.MATCHED, "caf\u00e9");
        // Case matters for prefixes.
        assertEverySplit(() -> new PrefixSniffer(m), ascii("Ab"), 1, SniffStatus.NO_MATCH, null);
    }

    @Test
    public void emptyStreamNeedsMoreUnlessThereAreNoRoutes() {
        assertEquals(SniffStatus.NEED_MORE, feed(sniffer(), ascii(""), 0));
        RouteMatcher none = new RouteMatcher(ServiceMode.PREFIX, List.of());
        assertEquals(SniffStatus.NO_MATCH, feed(new PrefixSniffer(none), ascii(""), 0));
        assertEquals(SniffStatus.NO_MATCH, feed(new PrefixSniffer(null), ascii("A"), 1));
    }

    @Test
    public void routeLongerThanTheLimitNeverMatches() {
        String big = "x".repeat(Sniffer.MAX_SNIFF_BYTES + 1);
        RouteMatcher m = new RouteMatcher(ServiceMode.PREFIX, List.of(new Route(big, H1), new Route("x", H2)));
        byte[] b = ascii(big);
        Sniffer s = new PrefixSniffer(m);
        assertEquals(SniffStatus.NEED_MORE, feed(s, b, Sniffer.MAX_SNIFF_BYTES - 1));
        assertEquals(SniffStatus.MATCHED, feed(s, b, Sniffer.MAX_SNIFF_BYTES));
        assertEquals("x", s.matchedName());
    }

    @Test
    public void shorterPrefixRestarts() {
        // The caller restarted the stream: the new, shorter prefix is judged on its own.
        Sniffer s = sniffer();
        assertEquals(SniffStatus.NEED_MORE, feed(s, ascii("GET /ap"), 7));
        assertEquals(SniffStatus.NEED_MORE, feed(s, ascii("AB"), 1));
        assertNull(s.matchedName());
        assertEquals(SniffStatus.MATCHED, feed(s, ascii("AB"), 2));
        assertEquals("AB", s.matchedName());
    }

    @Test
    public void decisionsAreStickyAndSlicesChecked() {
        Sniffer s = sniffer();
        assertEquals(SniffStatus.MATCHED, feed(s, ascii("B"), 1));
        assertEquals(SniffStatus.MATCHED, feed(s, ascii("C"), 1));
        assertEquals("B", s.matchedName());
        assertEquals(SniffStatus.NO_MATCH, sniffer().sniff(null, 0, 0));
        assertEquals(SniffStatus.NO_MATCH, sniffer().sniff(new byte[2], 1, 2));
        assertNull(sniffer().matchedName());
    }
}
