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

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

/**
 * Feeds sniffers the way the delayed-binding path does, with every split of an input, and checks the answers.
 */
final class SniffChecks {

    /** Bytes before the stream in every array handed to a sniffer: a sniffer must not look at them. */
    static final int PAD = 3;

    private SniffChecks() {
    }

    /**
     * Returns an array of exactly PAD + k bytes: PAD bytes of junk that looks like a stream start, then the first
     * k bytes of the input. Reading past the slice throws, reading before it sees junk.
     *
     * @param input the stream
     * @param k prefix length
     * @return the array
     */
    static byte[] prefix(byte[] input, int k) {
        byte[] b = new byte[PAD + k];
        Arrays.fill(b, 0, PAD, (byte) 0x16);
        b[1] = 'G';
        System.arraycopy(input, 0, b, PAD, k);
        return b;
    }

    /**
     * Feeds a prefix.
     *
     * @param s sniffer
     * @param input stream
     * @param k prefix length
     * @return the answer
     */
    static SniffStatus feed(Sniffer s, byte[] input, int k) {
        return s.sniff(prefix(input, k), PAD, k);
    }

    /**
     * Feeds a prefix for a final answer.
     *
     * @param s sniffer
     * @param input stream
     * @param k prefix length
     * @return the answer
     */
    static SniffStatus finish(Sniffer s, byte[] input, int k) {
        return s.finish(prefix(input, k), PAD, k);
    }

    /**
     * Checks that the sniffer answers NEED_MORE for every prefix shorter than {@code decidedAt} and then
     * {@code expected} (with {@code name}) for every longer one, whether the prefixes come to one sniffer one byte
     * at a time, to fresh sniffers in two calls (every first length) or in three calls, or at once.
     *
     * @param factory makes a fresh sniffer
     * @param input the stream
     * @param decidedAt the length at which the answer is decided
     * @param expected the answer from then on
     * @param name the matched name, null unless MATCHED
     */
    static void assertEverySplit(Supplier<Sniffer> factory, byte[] input, int decidedAt,
                                 SniffStatus expected, String name) {
        int n = input.length;
        Sniffer one = factory.get();
        for (int k = 0; k <= n; k++) {
            check("byte by byte, k=" + k, one, feed(one, input, k), k, decidedAt, expected, name);
        }
        for (int k = 0; k <= n; k++) {
            Sniffer s = factory.get();
            check("first call k=" + k, s, feed(s, input, k), k, decidedAt, expected, name);
            check("second call after k=" + k, s, feed(s, input, n), n, decidedAt, expected, name);
        }
        int step = Math.max(1, n / 50);
        for (int k1 = 0; k1 <= n; k1 += step) {
            for (int k2 = k1; k2 <= n; k2 += step) {
                Sniffer s = factory.get();
                feed(s, input, k1);
                check("k1=" + k1 + " k2=" + k2, s, feed(s, input, k2), k2, decidedAt, expected, name);
                check("k1=" + k1 + " k2=" + k2 + " n", s, feed(s, input, n), n, decidedAt, expected, name);
            }
        }
    }

    private static void check(String what, Sniffer s, SniffStatus got, int k, int decidedAt,
                              SniffStatus expected, String name) {
        if (k < decidedAt) {
            assertEquals(what, SniffStatus.NEED_MORE, got);
            assertNull(what, s.matchedName());
        } else {
            assertEquals(what, expected, got);
            assertEquals(what, name, s.matchedName());
        }
    }

    /**
     * Checks that no truncation of a stream is taken for a match: for every shorter prefix a fresh sniffer
     * answers NEED_MORE (never MATCHED), and a final answer on it is NO_MATCH.
     *
     * @param factory makes a fresh sniffer
     * @param input the complete stream
     * @param decidedAt the length at which the complete stream is decided
     */
    static void assertTruncationsNoMatch(Supplier<Sniffer> factory, byte[] input, int decidedAt) {
        for (int k = 0; k < decidedAt; k++) {
            Sniffer s = factory.get();
            assertNotEquals("k=" + k, SniffStatus.MATCHED, feed(s, input, k));
            assertEquals("finish k=" + k, SniffStatus.NO_MATCH, finish(factory.get(), input, k));
        }
    }

    /**
     * Checks that a sniffer never matches any prefix of a (broken) stream, one byte at a time and at once, and
     * that the final answer is NO_MATCH. An exception fails the test.
     *
     * @param what message
     * @param factory makes a fresh sniffer
     * @param input the stream
     */
    static void assertNeverMatches(String what, Supplier<Sniffer> factory, byte[] input) {
        Sniffer one = factory.get();
        for (int k = 0; k <= input.length; k++) {
            if (feed(one, input, k) == SniffStatus.MATCHED) {
                fail(what + ": MATCHED \"" + one.matchedName() + "\" at k=" + k);
            }
        }
        assertEquals(what, SniffStatus.NO_MATCH, finish(one, input, input.length));
        assertEquals(what, SniffStatus.NO_MATCH, finish(factory.get(), input, input.length));
    }

    /**
     * Returns the first answer other than NEED_MORE, feeding one byte more each time.
     *
     * @param s sniffer
     * @param input the stream
     * @return {answer ordinal, length at which it came}, or {NEED_MORE ordinal, length} if never
     */
    static int[] firstDecision(Sniffer s, byte[] input) {
        for (int k = 0; k <= input.length; k++) {
            SniffStatus st = feed(s, input, k);
            if (st != SniffStatus.NEED_MORE) {
                return new int[] {st.ordinal(), k};
            }
        }
        return new int[] {SniffStatus.NEED_MORE.ordinal(), input.length};
    }

    /**
     * ASCII bytes of a string.
     *
     * @param s text
     * @return bytes
     */
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Parses hex, ignoring spaces.
     *
     * @param hex hex digits
     * @return bytes
     */
    static byte[] hex(String hex) {
        String h = hex.replace(" ", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
