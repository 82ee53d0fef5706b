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
package org.v6proxy.tcp;

/**
 * Sequence number arithmetic modulo 2^32 (RFC 9293 section 3.4, RFC 1982 style).
 *
 * <p>Sequence numbers are carried in Java {@code int}s; addition and subtraction wrap
 * naturally. {@code a} is before {@code b} when the signed 32-bit difference
 * {@code (int) (a - b)} is negative, i.e. when b is less than 2^31 ahead of a. Two
 * numbers exactly 2^31 apart are undefined in RFC 1982 (section 3.2); here each of them
 * counts as before the other, which no TCP window can produce (windows are at most
 * 2^30, RFC 7323 section 2.3).</p>
 */
public final class SeqMath {

    private SeqMath() {
    }

    /**
     * Tells whether a comes strictly before b.
     *
     * @param a sequence number
     * @param b sequence number
     * @return true if a &lt; b modulo 2^32
     */
    public static boolean before(int a, int b) {
        return a - b < 0;
    }

    /**
     * Tells whether a comes before b or equals it.
     *
     * @param a sequence number
     * @param b sequence number
     * @return true if a &lt;= b modulo 2^32
     */
    public static boolean beforeOrEqual(int a, int b) {
        return a - b <= 0;
    }

    /**
     * Tells whether a comes strictly after b.
     *
     * @param a sequence number
     * @param b sequence number
     * @return true if a &gt; b modulo 2^32
     */
    public static boolean after(int a, int b) {
        return b - a < 0;
    }

    /**
     * Tells whether a comes after b or equals it.
     *
     * @param a sequence number
     * @param b sequence number
     * @return true if a &gt;= b modulo 2^32
     */
    public static boolean afterOrEqual(int a, int b) {
        return b - a <= 0;
    }

    /**
     * Tells whether seq lies in the closed range [low, high], walking forward from low.
     * Defined for every pair of bounds (a range of up to 2^32 - 1 numbers): the unsigned
     * distance from low to seq must not exceed the one from low to high.
     *
     * @param seq  sequence number to test
     * @param low  first number of the range
     * @param high last number of the range
     * @return true if low &lt;= seq &lt;= high modulo 2^32
     */
    public static boolean between(int seq, int low, int high) {
        return Integer.compareUnsigned(seq - low, high - low) <= 0;
    }

    /**
     * Tells whether seq lies in the window of len numbers starting at start
     * (RFC 9293 section 3.4's acceptability test {@code start <= seq < start + len}).
     *
     * @param seq   sequence number to test
     * @param start first number of the window
     * @param len   window length (taken as unsigned; 0 means empty)
     * @return true if seq is inside the window
     */
    public static boolean inWindow(int seq, int start, int len) {
        return Integer.compareUnsigned(seq - start, len) < 0;
    }

    /**
     * Returns the later of two sequence numbers.
     *
     * @param a sequence number
     * @param b sequence number
     * @return b if a is before b, else a
     */
    public static int max(int a, int b) {
        return before(a, b) ? b : a;
    }

    /**
     * Returns the earlier of two sequence numbers.
     *
     * @param a sequence number
     * @param b sequence number
     * @return a if a is before b, else b
     */
    public static int min(int a, int b) {
        return before(a, b) ? a : b;
    }

    /**
     * Returns the unsigned distance from a forward to b (b - a modulo 2^32).
     *
     * @param a start
     * @param b end
     * @return distance 0..2^32-1
     */
    public static long distance(int a, int b) {
        return (b - a) & 0xffffffffL;
    }
}
