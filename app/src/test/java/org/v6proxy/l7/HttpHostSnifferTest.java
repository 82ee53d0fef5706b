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

import java.util.Random;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.l7.SniffChecks.ascii;
import static org.v6proxy.l7.SniffChecks.assertEverySplit;
import static org.v6proxy.l7.SniffChecks.assertNeverMatches;
import static org.v6proxy.l7.SniffChecks.assertTruncationsNoMatch;
import static org.v6proxy.l7.SniffChecks.feed;
import static org.v6proxy.l7.SniffChecks.finish;
import static org.v6proxy.l7.SniffChecks.firstDecision;
import static org.v6proxy.l7.SniffChecks.hex;

/**
 * Tests of {@link HttpHostSniffer}.
 */
public class HttpHostSnifferTest {

    private static final SniffStatus MATCHED = SniffStatus.MATCHED;
    private static final SniffStatus NO_MATCH = SniffStatus.NO_MATCH;
    private static final SniffStatus NEED_MORE = SniffStatus.NEED_MORE;

    private static final String BROWSER_TAIL =
            "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Connection: keep-alive\r\n"
            + "Cookie: session=0123456789abcdef0123456789abcdef; theme=dark\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n";

    /** Checks a complete request head: NEED_MORE until its last byte, then MATCHED with the name, for all splits. */
    private static void assertHost(String request, String name) {
        byte[] b = ascii(request);
        assertEverySplit(HttpHostSniffer::new, b, b.length, MATCHED, name);
        assertTruncationsNoMatch(HttpHostSniffer::new, b, b.length);
    }

    /** Checks a complete request head that has no usable host: NO_MATCH exactly at its end. */
    private static void assertNoHostAtEnd(String request) {
        byte[] b = ascii(request);
        assertEverySplit(HttpHostSniffer::new, b, b.length, NO_MATCH, null);
    }

    private static void assertNoMatch(String request) {
        assertNeverMatches(request, HttpHostSniffer::new, ascii(request));
    }

    private static int decidedAt(String request, SniffStatus expected) {
        return decidedAt(ascii(request), expected);
    }

    private static int decidedAt(byte[] request, SniffStatus expected) {
        int[] d = firstDecision(new HttpHostSniffer(), request);
        assertEquals(expected.ordinal(), d[0]);
        return d[1];
    }

    @Test
    public void realCurlRequest() {
        byte[] b = hex(RealCaptures.CURL_REQUEST);
        assertEverySplit(HttpHostSniffer::new, b, b.length, MATCHED, "a.example");
        assertTruncationsNoMatch(HttpHostSniffer::new, b, b.length);
    }

    @Test
    public void realCurlProxyRequestUsesTheAbsoluteTarget() {
        byte[] b = hex(RealCaptures.CURL_PROXY_REQUEST);
        assertEverySplit(HttpHostSniffer::new, b, b.length, MATCHED, "b.example");
    }

    @Test
    public void hostFirstAmongBrowserHeaders() {
        assertHost("GET /index.html HTTP/1.1\r\nHost: a.example\r\n" + BROWSER_TAIL + "\r\n", "a.example");
    }

    @Test
    public void hostLastAfterBrowserHeaders() {
        assertHost("GET / HTTP/1.1\r\n" + BROWSER_TAIL + "Host: b.example\r\n\r\n", "b.example");
    }

    @Test
    public void hostNameAndValueCaseAndPort() {
        assertHost("GET / HTTP/1.1\r\nAccept: */*\r\nHOST: WWW.A.Example:8080\r\nX: y\r\n\r\n", "www.a.example");
        assertHost("POST /f HTTP/1.1\r\nhOsT: a.example:\r\nContent-Length: 0\r\n\r\n", "a.example");
    }

    @Test
    public void optionalWhitespaceAroundTheValue() {
        assertHost("GET / HTTP/1.1\r\nHost:a.example\r\n\r\n", "a.example");
        assertHost("GET / HTTP/1.1\r\nHost: \t a.example \t \r\n\r\n", "a.example");
    }

    @Test
    public void trailingDotIsDropped() {
        assertHost("GET / HTTP/1.1\r\nHost: a.example.:80\r\n\r\n", "a.example");
    }

    @Test
    public void ipv6LiteralKeepsBracketsLosesPort() {
        assertHost("GET / HTTP/1.1\r\nHost: [2001:DB8::1]:8080\r\n\r\n", "[2001:db8::1]");
        assertHost("GET / HTTP/1.1\r\nHost: [::1]\r\n\r\n", "[::1]");
        assertHost("GET / HTTP/1.1\r\nHost: 192.0.2.1:80\r\n\r\n", "192.0.2.1");
    }

    @Test
    public void bareLfLineEnds() {
        assertHost("GET / HTTP/1.1\nAccept: */*\nHost: a.example\n\n", "a.example");
        assertHost("GET / HTTP/1.1\r\nAccept: */*\nHost: a.example\r\n\n", "a.example");
    }

    @Test
    public void emptyLinesBeforeTheRequestLineAreSkipped() {
        assertHost("\r\n\nGET / HTTP/1.1\r\nHost: a.example\r\n\r\n", "a.example");
    }

    @Test
    public void absoluteFormWinsOverHost() {
        assertHost("GET http://A.example:8080/p?q HTTP/1.1\r\nHost: b.example\r\n\r\n", "a.example");
        assertHost("GET https://a.example HTTP/1.1\r\nHost: b.example\r\n\r\n", "a.example");
        assertHost("GET HTTP://a.example?x HTTP/1.0\r\n\r\n", "a.example");
    }

    @Test
    public void http10WithHostMatches() {
        assertHost("GET / HTTP/1.0\r\nHost: a.example\r\n\r\n", "a.example");
    }

    @Test
    public void noHostIsNoMatchOnlyWhenTheHeadEnds() {
        assertNoHostAtEnd("GET / HTTP/1.0\r\n\r\n");
        assertNoHostAtEnd("GET / HTTP/1.0\r\nUser-Agent: x\r\n\r\n");
        assertNoHostAtEnd("GET / HTTP/1.1\r\n" + BROWSER_TAIL + "\r\n");
    }

    @Test
    public void bodyAfterTheHeadIsNotLookedAt() {
        String head = "POST /up HTTP/1.1\r\nHost: a.example\r\nContent-Length: 9\r\n\r\n";
        byte[] b = ascii(head + "\u0000\u0001\u0016GET / ");
        assertEverySplit(HttpHostSniffer::new, b, head.length(), MATCHED, "a.example");
    }

    @Test
    public void invalidHostValuesAreNoMatch() {
        for (String host : new String[] {"", " ", "a b", "a.example:8x", "a.example:123456", "user@a.example",
                                         "*.example", "a..example", "[::1", "[v1.x]", "[::1]x", "a.example/",
                                         "\u00e9.example"}) {
            assertNoHostAtEnd("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        }
    }

    @Test
    public void requestsAServerMustRejectAreNoMatch() {
        assertNoMatch("GET / HTTP/1.1\r\nHost: a.example\r\nHost: a.example\r\n\r\n");
        assertNoMatch("GET / HTTP/1.1\r\nHost : a.example\r\n\r\n");
        assertNoMatch("GET / HTTP/1.1\r\nX: 1\r\n continued\r\nHost: a.example\r\n\r\n");
        assertNoMatch("GET / HTTP/1.1\r\n Host: a.example\r\n\r\n");
        assertNoMatch("GET / HTTP/1.1\r\nHost: a.example\rX: 1\r\n\r\n");
        assertNoMatch("GET / HTTP/1.1\r\nX: a\u0000b\r\nHost: a.example\r\n\r\n");
        assertNoMatch("GET / HTTP/1.1\r\nNo colon here\r\nHost: a.example\r\n\r\n");
        assertNoMatch("GET / HTTP/1.1\r\n: empty name\r\nHost: a.example\r\n\r\n");
        assertNoMatch("GET http://u:p@a.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n");
        assertNoMatch("GET http:///p HTTP/1.1\r\nHost: a.example\r\n\r\n");
    }

    @Test
    public void badRequestLinesAreNoMatchAtTheBadByte() {
        assertEquals(5, decidedAt("GET  / HTTP/1.1\r\nHost: a.example\r\n\r\n", NO_MATCH));
        assertEquals(12, decidedAt("GET / HTTP/2.0\r\n\r\n", NO_MATCH));
        assertEquals(7, decidedAt("GET / http/1.1\r\nHost: a\r\n\r\n", NO_MATCH));
        assertEquals(15, decidedAt("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", NO_MATCH));
        assertEquals(16, decidedAt("GET / HTTP/1.1\rHost: a\r\n\r\n", NO_MATCH));
        assertEquals(6, decidedAt("GET /\r\n", NO_MATCH));
        assertEquals(6, decidedAt("GET /\ta HTTP/1.1\r\nHost: a\r\n\r\n", NO_MATCH));
        assertEquals(3, decidedAt("GE(T / HTTP/1.1\r\n", NO_MATCH));
        assertEquals(12, decidedAt("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", NO_MATCH));
    }

    @Test
    public void notHttpIsNoMatchAtTheFirstByte() {
        for (String first : new String[] {"16", "00", "20", "7b", "80", "ff", "0d0d"}) {
            int[] d = firstDecision(new HttpHostSniffer(), hex(first + "0301"));
            assertEquals(first, NO_MATCH.ordinal(), d[0]);
            assertEquals(first, first.length() / 2, d[1]);
        }
        assertEquals(NO_MATCH, feed(new HttpHostSniffer(), hex(RealCaptures.OPENSSL_CLIENT_HELLO), 1));
        assertEquals(NEED_MORE, feed(new HttpHostSniffer(), ascii("G"), 1));
        assertEquals(NEED_MORE, feed(new HttpHostSniffer(), ascii(""), 0));
    }

    @Test
    public void headEndingExactlyAtTheLimitMatches() {
        String head = paddedRequest(HttpHostSniffer.MAX_HEADER_BYTES);
        byte[] b = ascii(head);
        assertEquals(HttpHostSniffer.MAX_HEADER_BYTES, b.length);
        Sniffer s = new HttpHostSniffer();
        assertEquals(NEED_MORE, feed(s, b, b.length - 1));
        assertEquals(MATCHED, feed(s, b, b.length));
        assertEquals("a.example", s.matchedName());
    }

    @Test
    public void headOneByteOverTheLimitIsNoMatch() {
        byte[] b = ascii(paddedRequest(HttpHostSniffer.MAX_HEADER_BYTES + 1));
        Sniffer s = new HttpHostSniffer();
        assertEquals(NEED_MORE, feed(s, b, b.length - 2));
        assertEquals(NO_MATCH, feed(s, b, b.length - 1));
        assertEquals(NO_MATCH, feed(new HttpHostSniffer(), b, b.length));
        assertEquals(HttpHostSniffer.MAX_HEADER_BYTES, decidedAt(b, NO_MATCH));
    }

    @Test
    public void oversizedHeadIsNoMatch() {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\n");
        while (sb.length() < 40000) {
            sb.append("X-Filler: ").append("x".repeat(100)).append("\r\n");
        }
        byte[] b = ascii(sb.append("Host: a.example\r\n\r\n").toString());
        assertNeverMatches("40 KB head", HttpHostSniffer::new, b);
        assertEquals(HttpHostSniffer.MAX_HEADER_BYTES, decidedAt(b, NO_MATCH));
    }

    @Test
    public void randomCorruptionNeverThrows() {
        byte[] good = ascii("GET http://a.example/x HTTP/1.1\r\nHost: b.example:80\r\n" + BROWSER_TAIL + "\r\n");
        Random rnd = new Random(9112);
        for (int round = 0; round < 3000; round++) {
            byte[] b = good.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int i = 0; i < flips; i++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            Sniffer s = new HttpHostSniffer();
            SniffStatus st = feed(s, b, b.length);
            if (st == MATCHED) {
                assertTrue(s.matchedName(), s.matchedName().matches("[a-z0-9_.-]+|\\[[0-9a-f:.]+\\]"));
            } else {
                assertNull(s.matchedName());
            }
            SniffStatus last = finish(new HttpHostSniffer(), b, b.length);
            assertEquals(st == MATCHED ? MATCHED : NO_MATCH, last);
        }
    }

    @Test
    public void decisionsAreStickyAndShorterPrefixRestarts() {
        byte[] b = ascii("GET / HTTP/1.1\r\nHost: a.example\r\n\r\n");
        Sniffer s = new HttpHostSniffer();
        assertEquals(NEED_MORE, feed(s, b, 20));
        assertEquals(NEED_MORE, feed(s, b, 3));
        assertEquals(MATCHED, feed(s, b, b.length));
        assertEquals(MATCHED, s.sniff(hex("16"), 0, 1));
        assertEquals(MATCHED, s.finish(hex(""), 0, 0));
        assertEquals("a.example", s.matchedName());
    }

    @Test
    public void impossibleSlicesAreNoMatch() {
        assertEquals(NO_MATCH, new HttpHostSniffer().sniff(null, 0, 0));
        assertEquals(NO_MATCH, new HttpHostSniffer().sniff(new byte[4], 3, 2));
        assertEquals(NO_MATCH, new HttpHostSniffer().finish(new byte[4], -1, 1));
    }

    /** A request with Host first, padded by one filler field so that the head is exactly {@code total} bytes. */
    private static String paddedRequest(int total) {
        String start = "GET / HTTP/1.1\r\nHost: a.example\r\nX-Pad: ";
        String end = "\r\n\r\n";
        return start + "p".repeat(total - start.length() - end.length()) + end;
    }
}
