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
package org.v6proxy.packet;

import org.junit.Test;

import java.util.Random;

import static org.junit.Assert.assertEquals;

/**
 * Tests of {@link Checksum} against {@link RefChecksum} and the RFC 1624 examples.
 */
public class ChecksumTest {

    @Test
    public void sumMatchesReferenceOnRandomDataOddAndEven() {
        Random rnd = new Random(1071);
        for (int len = 0; len < 300; len++) {
            byte[] d = new byte[len + 3];
            rnd.nextBytes(d);
            // Slices at every alignment (the sum reads four bytes at a time): the result must not care.
            for (int off = 0; off <= 3 && off + len <= d.length; off++) {
                int cs = Checksum.finish(Checksum.sum(d, off, len));
                assertEquals("len " + len + " at " + off, RefChecksum.slice(d, off, len, -1, new byte[0]), cs);
            }
        }
        byte[] ones = new byte[4096];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertEquals("all-ones words keep their end-around carries", 0xffff, Checksum.sum(ones, 0, ones.length));
    }

    @Test
    public void oddLengthIsPaddedOnTheRight() {
        // 0x01 alone is the word 0x0100, not 0x0001 (RFC 1071 section 4.1).
        assertEquals(0x0100, Checksum.sum(new byte[] {1}, 0, 1));
        assertEquals(0x0302, Checksum.sum(new byte[] {1, 2, 2}, 0, 3));
    }

    @Test
    public void sumsOfRangesCombine() {
        Random rnd = new Random(7);
        byte[] d = new byte[101];
        rnd.nextBytes(d);
        int s = Checksum.sum(d, 0, 40);
        s = Checksum.sum(s, d, 40, 61);
        assertEquals(Checksum.sum(d, 0, 101), s);
        assertEquals(Checksum.sum(d, 0, 101), Checksum.add(Checksum.sum(d, 0, 40), Checksum.sum(d, 40, 61)));
    }

    @Test
    public void foldCarriesEndAround() {
        assertEquals(0xffff, Checksum.fold(0x1fffe));
        assertEquals(0xffff, Checksum.fold(0xffffffff));
        assertEquals(0x0001, Checksum.fold(0x10000));
        assertEquals(0, Checksum.fold(0));
        assertEquals(0xffff, Checksum.add(0xffff, 0xffff));
        assertEquals(0x0002, Checksum.add(0xffff, 0x0002));
    }

    @Test
    public void finishComplements() {
        assertEquals(0xffff, Checksum.finish(0));
        assertEquals(0x0000, Checksum.finish(0xffff));
        assertEquals(0x1234, Checksum.finish(0xedcb));
    }

    @Test
    public void knownIpv4HeaderChecksum() {
        // 45 00 002c 1234 4000 40 06 [csum] 192.0.2.33 198.51.100.7; computed by hand: 0x3c3c.
        byte[] ip = RefChecksum.hex("4500002c 12344000 40060000 c0000221 c6336407");
        assertEquals(0x3c3c, Checksum.finish(Checksum.sum(ip, 0, 20)));
    }

    @Test
    public void rfc1624Section4Example() {
        // HC = 0xdd2f, m = 0x5555 -> m' = 0x3285: equation 3 gives 0x0000 (eqn 2 would give 0xffff).
        assertEquals(0x0000, Checksum.adjust(0xdd2f, 0x5555, 0x3285));
        byte[] b = {(byte) 0xdd, 0x2f};
        Checksum.replace16(b, 0, 0x5555, 0x3285);
        assertEquals(0, b[0]);
        assertEquals(0, b[1]);
    }

    @Test
    public void adjustWithNoChangeKeepsChecksumExceptNegativeZero() {
        assertEquals(0x1234, Checksum.adjust(0x1234, 0xabcd, 0xabcd));
        assertEquals(0x0000, Checksum.adjust(0x0000, 0x4321, 0x4321));
        // HC 0xffff means "data sum 0"; equation 3 answers the other zero, 0x0000, which
        // verifies identically (one's complement +0 and -0).
        assertEquals(0x0000, Checksum.adjust(0xffff, 0x4321, 0x4321));
    }

    @Test
    public void incrementalEqualsRecomputationOnRandomChanges() {
        Random rnd = new Random(1624);
        for (int i = 0; i < 2000; i++) {
            byte[] d = new byte[24];
            rnd.nextBytes(d);
            d[10] = 0;
            d[11] = 0;
            int hc = RefChecksum.of(d);
            Bytes.putU16(d, 10, hc);
            int w = 2 * rnd.nextInt(12);
            if (w == 10) {
                continue;
            }
            if (rnd.nextBoolean() && w <= 20 && w != 8) {
                int old = Bytes.getInt(d, w);
                int nv = rnd.nextInt();
                Bytes.putInt(d, w, nv);
                Checksum.replace32(d, 10, old, nv);
            } else {
                int old = Bytes.getU16(d, w);
                int nv = rnd.nextInt(0x10000);
                Bytes.putU16(d, w, nv);
                Checksum.replace16(d, 10, old, nv);
            }
            int got = Bytes.getU16(d, 10);
            d[10] = 0;
            d[11] = 0;
            assertEquals("iteration " + i, RefChecksum.of(d), got);
        }
    }

    @Test
    public void wrongChecksumStaysEquallyWrong() {
        Random rnd = new Random(3);
        for (int i = 0; i < 500; i++) {
            byte[] d = new byte[20];
            rnd.nextBytes(d);
            d[0] = 0;
            d[1] = 0;
            int good = RefChecksum.of(d);
            int wrong = Checksum.add(good, 1 + rnd.nextInt(0xfffe));
            Bytes.putU16(d, 0, wrong);
            int before = Checksum.sum(d, 0, 20);
            int old = Bytes.getInt(d, 4);
            int nv = rnd.nextInt();
            Bytes.putInt(d, 4, nv);
            Checksum.replace32(d, 0, old, nv);
            // The verification sum (0xffff when right) is off by the same amount as before.
            assertEquals(before, Checksum.sum(d, 0, 20));
        }
    }

    @Test
    public void udpZeroRule() {
        assertEquals(0xffff, Checksum.udp(0));
        assertEquals(0x1234, Checksum.udp(0x1234));
        assertEquals(0xffff, Checksum.udp(0xffff));
    }

    @Test
    public void pseudoHeadersMatchReference() {
        Random rnd = new Random(99);
        for (int i = 0; i < 200; i++) {
            byte[] addrs = new byte[32];
            rnd.nextBytes(addrs);
            byte[] l4 = new byte[1 + rnd.nextInt(60)];
            rnd.nextBytes(l4);
            int s4 = Checksum.pseudoHeader4(Bytes.getInt(addrs, 0), Bytes.getInt(addrs, 4), 17, l4.length);
            assertEquals(RefChecksum.of(RefChecksum.pseudo4(addrs, 0, 17, l4.length), l4),
                         Checksum.finish(Checksum.sum(s4, l4, 0, l4.length)));
            int s6 = Checksum.pseudoHeader6(addrs, 0, addrs, 16, l4.length, 58);
            assertEquals(RefChecksum.of(RefChecksum.pseudo6(addrs, 0, 58, l4.length), l4),
                         Checksum.finish(Checksum.sum(s6, l4, 0, l4.length)));
        }
    }

    @Test
    public void sum32AddsHalves() {
        assertEquals(0x0002, Checksum.sum32(0xffff0002));
        assertEquals(0x3579, Checksum.sum32(0x12342345));
    }
}
