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

import org.junit.Test;

import java.util.Random;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

/**
 * Tests of {@link SipHash} against the reference vectors of the SipHash paper (key
 * 00..0f, message 00 01 02 ... of each length).
 */
public class SipHashTest {

    private static final byte[] KEY = new byte[16];
    private static final byte[] MSG = new byte[64];

    static {
        for (int i = 0; i < 16; i++) {
            KEY[i] = (byte) i;
        }
        for (int i = 0; i < 64; i++) {
            MSG[i] = (byte) i;
        }
    }

    private static long ref(int len) {
        return SipHash.hash(SipHash.keyHalf(KEY, 0), SipHash.keyHalf(KEY, 8), MSG, 0, len);
    }

    @Test
    public void referenceVectors() {
        assertEquals(0x726fdb47dd0e0e31L, ref(0));
        assertEquals(0x74f839c593dc67fdL, ref(1));
        assertEquals(0xab0200f58b01d137L, ref(7));
        assertEquals(0x93f5f5799a932462L, ref(8));
        assertEquals(0xa129ca6149be45e5L, ref(15));
        assertEquals(0x3f2acc7f57c29bdbL, ref(16));
        assertEquals(0xa80c038ccd5ccec8L, ref(23));
        assertEquals(0xb8ad50c6f649af94L, ref(24));
        assertEquals(0x958a324ceb064572L, ref(63));
    }

    @Test
    public void keyHalvesAreLittleEndian() {
        assertEquals(0x0706050403020100L, SipHash.keyHalf(KEY, 0));
        assertEquals(0x0f0e0d0c0b0a0908L, SipHash.keyHalf(KEY, 8));
    }

    @Test
    public void hashAtOffset() {
        byte[] shifted = new byte[30];
        System.arraycopy(MSG, 0, shifted, 5, 24);
        assertEquals(0xb8ad50c6f649af94L,
                     SipHash.hash(SipHash.keyHalf(KEY, 0), SipHash.keyHalf(KEY, 8), shifted, 5, 24));
    }

    @Test
    public void hash24MatchesGeneralForm() {
        long k0 = SipHash.keyHalf(KEY, 0);
        long k1 = SipHash.keyHalf(KEY, 8);
        assertEquals(0xb8ad50c6f649af94L, SipHash.hash24(k0, k1, 0x0706050403020100L,
                                                         0x0f0e0d0c0b0a0908L, 0x1716151413121110L));
        Random r = new Random(24);
        byte[] m = new byte[24];
        for (int n = 0; n < 1000; n++) {
            r.nextBytes(m);
            long a = r.nextLong();
            long b = r.nextLong();
            long w0 = SipHash.keyHalf(m, 0);
            long w1 = SipHash.keyHalf(m, 8);
            long w2 = SipHash.keyHalf(m, 16);
            assertEquals(SipHash.hash(a, b, m, 0, 24), SipHash.hash24(a, b, w0, w1, w2));
        }
    }

    @Test
    public void keyMatters() {
        long k0 = SipHash.keyHalf(KEY, 0);
        long k1 = SipHash.keyHalf(KEY, 8);
        assertNotEquals(SipHash.hash24(k0, k1, 1, 2, 3), SipHash.hash24(k0 ^ 1, k1, 1, 2, 3));
        assertNotEquals(SipHash.hash24(k0, k1, 1, 2, 3), SipHash.hash24(k0, k1 ^ (1L << 63), 1, 2, 3));
    }
}
