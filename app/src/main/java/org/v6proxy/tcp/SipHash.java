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
 * SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012), a keyed
 * 64-bit pseudo-random function for short messages. Written from the paper's
 * description: a 128-bit key (k0, k1 read little-endian), 8-byte little-endian message
 * words with 2 compression rounds each, a final word holding the message length in its
 * top byte, and 4 finalization rounds. Pure static arithmetic: no allocation, no state,
 * safe from any thread.
 */
public final class SipHash {

    /** Key length in bytes. */
    public static final int KEY_LEN = 16;

    // Initialization constants of the paper ("somepseudorandomlygeneratedbytes").
    private static final long INIT0 = 0x736f6d6570736575L;
    private static final long INIT1 = 0x646f72616e646f6dL;
    private static final long INIT2 = 0x6c7967656e657261L;
    private static final long INIT3 = 0x7465646279746573L;

    private SipHash() {
    }

    /**
     * Reads a little-endian 64-bit key half.
     *
     * @param key key bytes
     * @param off offset of the 8 bytes
     * @return the key half as the paper's k0 (off 0) or k1 (off 8)
     */
    public static long keyHalf(byte[] key, int off) {
        return littleEndian(key, off, 8);
    }

    /**
     * SipHash-2-4 of b[off, off+len).
     *
     * @param k0  first key half
     * @param k1  second key half
     * @param b   message array
     * @param off start of the message
     * @param len message length
     * @return 64-bit hash
     */
    public static long hash(long k0, long k1, byte[] b, int off, int len) {
        long v0 = k0 ^ INIT0;
        long v1 = k1 ^ INIT1;
        long v2 = k0 ^ INIT2;
        long v3 = k1 ^ INIT3;
        int full = off + (len & ~7);
        for (int i = off; i < full; i += 8) {
            long m = littleEndian(b, i, 8);
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        long last = ((long) len) << 56 | littleEndian(b, full, len & 7);
        return finish(v0, v1, v2, v3, last);
    }

    /**
     * SipHash-2-4 of a 24-byte message given as its three little-endian 64-bit words
     * (equal to {@link #hash} of those 24 bytes), without any array.
     *
     * @param k0 first key half
     * @param k1 second key half
     * @param m0 message bytes 0..7 as a little-endian word
     * @param m1 message bytes 8..15 as a little-endian word
     * @param m2 message bytes 16..23 as a little-endian word
     * @return 64-bit hash
     */
    public static long hash24(long k0, long k1, long m0, long m1, long m2) {
        long v0 = k0 ^ INIT0;
        long v1 = k1 ^ INIT1;
        long v2 = k0 ^ INIT2;
        long v3 = k1 ^ INIT3;
        for (int w = 0; w < 3; w++) {
            long m = w == 0 ? m0 : w == 1 ? m1 : m2;
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        return finish(v0, v1, v2, v3, 24L << 56);
    }

    /** Compresses the final word (length byte + tail) and runs the 4 finalization rounds. */
    private static long finish(long v0in, long v1in, long v2in, long v3in, long last) {
        long v0 = v0in;
        long v1 = v1in;
        long v2 = v2in;
        long v3 = v3in ^ last;
        for (int r = 0; r < 2; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= last;
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    /** Reads n (0..8) bytes little-endian. */
    private static long littleEndian(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xffL);
        }
        return v;
    }
}
