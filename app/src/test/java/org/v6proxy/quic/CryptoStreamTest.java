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
package org.v6proxy.quic;

import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Reassembly of the CRYPTO stream by offset: overlaps, repeats, holes and the bounds.
 */
public class CryptoStreamTest {

    private static byte[] stream(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    @Test
    public void piecesInAnyOrderAndOverlappingMakeTheStream() {
        byte[] s = stream(5000);
        CryptoStream c = new CryptoStream();
        assertTrue(c.add(3000, s, 3000, 2000));
        assertEquals(0, c.contiguous());
        assertTrue(c.add(1000, s, 1000, 1500));
        assertEquals(2, c.ranges());
        assertTrue(c.add(2000, s, 2000, 1200));   // bridges the two, overlapping both
        assertEquals(1, c.ranges());
        assertTrue(c.add(0, s, 0, 1000));         // adjacent: merged
        assertEquals(1, c.ranges());
        assertEquals(5000, c.contiguous());
        for (int i = 0; i < 5000; i++) {
            assertEquals(s[i], c.bytes()[i]);
        }
    }

    @Test
    public void tooManyHolesAreRefused() {
        byte[] s = stream(4 * CryptoStream.MAX_RANGES);
        CryptoStream c = new CryptoStream();
        for (int i = 0; i < CryptoStream.MAX_RANGES; i++) {
            assertTrue(c.add(2 * i + 1, s, 2 * i + 1, 1));
        }
        assertFalse(c.add(2 * CryptoStream.MAX_RANGES + 1, s, 0, 1));
        // Filling a hole still works (it merges, adds no range).
        assertTrue(c.add(0, s, 0, 1));
        assertEquals(2, c.contiguous());
    }

    @Test
    public void bytesBeyondTheLimitAreNotKept() {
        byte[] s = stream(100);
        CryptoStream c = new CryptoStream();
        assertTrue(c.add(CryptoStream.MAX_CRYPTO_BYTES, s, 0, 100));
        assertEquals(0, c.ranges());
        assertTrue(c.add(CryptoStream.MAX_CRYPTO_BYTES - 10, s, 0, 100));
        assertEquals(1, c.ranges());
        assertEquals(CryptoStream.MAX_CRYPTO_BYTES, c.bytes().length);
    }
}
