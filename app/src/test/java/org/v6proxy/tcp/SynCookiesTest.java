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

import java.security.SecureRandom;
import java.util.Random;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

/**
 * Tests of {@link SynCookies}.
 */
public class SynCookiesTest {

    private static final byte[] SECRET = Segments.hex("000102030405060708090a0b0c0d0e0f");
    private static final int CLIENT = 0xc000020a;     // 192.0.2.10
    private static final int VIP = 0xc633642a;        // 198.51.100.42
    private static final int CPORT = 50000;
    private static final int VPORT = 80;
    private static final int ISN = 0x12345678;
    private static final long SLICE = SynCookies.SLICE_MILLIS;
    // Some time in 2026, in the middle of a slice.
    private static final long NOW = 1_780_000_000_000L / SLICE * SLICE + SLICE / 2;

    private final SynCookies cookies = new SynCookies(SECRET);

    private int issue(long now) {
        return cookies.issue(CLIENT, CPORT, VIP, VPORT, ISN, 6, 7, true, now);
    }

    private SynCookies.Decoded check(int cookie, long now) {
        return cookies.validate(CLIENT, CPORT, VIP, VPORT, cookie + 1, ISN + 1, now);
    }

    @Test
    public void roundTripEveryOptionCombination() {
        Random r = new Random(1);
        int n = 0;
        for (int mss = 0; mss < SynCookies.MSS_CLASSES; mss++) {
            for (int ws = -1; ws <= SynCookies.MAX_WSCALE; ws++) {
                for (int s = 0; s < 2; s++) {
                    int ip = r.nextInt();
                    int port = r.nextInt(65536);
                    int isn = r.nextInt();
                    boolean sack = s == 1;
                    int c = cookies.issue(ip, port, VIP, 443, isn, mss, ws, sack, NOW);
                    SynCookies.Decoded d = cookies.validate(ip, port, VIP, 443, c + 1, isn + 1, NOW + 1000);
                    assertTrue(d.isValid());
                    assertEquals(mss, d.mssIndex());
                    assertEquals(SynCookies.mssOf(mss), d.mss());
                    assertEquals(ws, d.wscale());
                    assertEquals(ws >= 0, d.hasWscale());
                    assertEquals(sack, d.sackOk());
                    n++;
                }
            }
        }
        assertEquals(8 * 16 * 2, n);
    }

    @Test
    public void validatesAcrossSequenceWrap() {
        // Client ISN 0xffffffff: the ACK carries seq 0. A cookie of 0xffffffff gives ack 0.
        int c = cookies.issue(CLIENT, CPORT, VIP, VPORT, 0xffffffff, 2, 0, false, NOW);
        assertTrue(cookies.validate(CLIENT, CPORT, VIP, VPORT, c + 1, 0, NOW).isValid());
    }

    @Test
    public void offByOneRefused() {
        int c = issue(NOW);
        assertTrue(check(c, NOW).isValid());
        assertFalse(cookies.validate(CLIENT, CPORT, VIP, VPORT, c, ISN + 1, NOW).isValid());
        assertFalse(cookies.validate(CLIENT, CPORT, VIP, VPORT, c + 2, ISN + 1, NOW).isValid());
        assertFalse(cookies.validate(CLIENT, CPORT, VIP, VPORT, c + 1, ISN, NOW).isValid());
        assertFalse(cookies.validate(CLIENT, CPORT, VIP, VPORT, c + 1, ISN + 2, NOW).isValid());
    }

    @Test
    public void neighbouringAcksRefusedForManyConnections() {
        // A change confined to the low byte decodes to other options whose tag cannot match.
        Random r = new Random(11);
        int accepted = 0;
        for (int i = 0; i < 10_000; i++) {
            int ip = r.nextInt();
            int isn = r.nextInt();
            int c = cookies.issue(ip, CPORT, VIP, VPORT, isn, r.nextInt(8), r.nextInt(16) - 1, r.nextBoolean(), NOW);
            for (int delta : new int[]{-1, 1, 2, 128}) {
                if (cookies.validate(ip, CPORT, VIP, VPORT, c + 1 + delta, isn + 1, NOW).isValid()) {
                    accepted++;
                }
            }
        }
        assertEquals(0, accepted);
    }

    @Test
    public void otherTupleRefused() {
        int c = issue(NOW);
        assertFalse(cookies.validate(CLIENT + 1, CPORT, VIP, VPORT, c + 1, ISN + 1, NOW).isValid());
        assertFalse(cookies.validate(CLIENT, CPORT + 1, VIP, VPORT, c + 1, ISN + 1, NOW).isValid());
        assertFalse(cookies.validate(CLIENT, CPORT, VIP + 1, VPORT, c + 1, ISN + 1, NOW).isValid());
        assertFalse(cookies.validate(CLIENT, CPORT, VIP, VPORT + 1, c + 1, ISN + 1, NOW).isValid());
        // Swapped endpoints (the reverse direction) are another tuple too.
        assertFalse(cookies.validate(VIP, VPORT, CLIENT, CPORT, c + 1, ISN + 1, NOW).isValid());
    }

    @Test
    public void otherSecretRefused() {
        int c = issue(NOW);
        byte[] other = SECRET.clone();
        other[15] ^= 1;
        assertFalse(new SynCookies(other).validate(CLIENT, CPORT, VIP, VPORT, c + 1, ISN + 1, NOW).isValid());
        assertTrue(new SynCookies(SECRET.clone()).validate(CLIENT, CPORT, VIP, VPORT, c + 1, ISN + 1, NOW)
                           .isValid());
    }

    @Test
    public void staleAndFutureRefused() {
        int c = issue(NOW);
        assertTrue(check(c, NOW + SLICE).isValid());
        assertFalse(check(c, NOW + 2 * SLICE).isValid());
        assertFalse(check(c, NOW + 100 * SLICE).isValid());
        assertFalse(check(c, NOW - SLICE).isValid());
    }

    @Test
    public void sliceBorders() {
        long start = NOW / SLICE * SLICE;   // first millisecond of slice k
        long last = start + SLICE - 1;      // last millisecond of slice k
        // Issued at the last millisecond of slice k: valid through the end of slice k + 1.
        int late = issue(last);
        assertTrue(check(late, last).isValid());
        assertTrue(check(late, last + 1).isValid());
        assertTrue(check(late, last + SLICE).isValid());
        assertFalse(check(late, last + SLICE + 1).isValid());
        // Issued at the first millisecond: same end, so the lifetime is 64..128 s.
        int early = issue(start);
        assertTrue(check(early, start + 2 * SLICE - 1).isValid());
        assertFalse(check(early, start + 2 * SLICE).isValid());
        assertFalse(check(early, start - 1).isValid());
        // Slice k and k + 1 give different cookies for the same SYN.
        assertNotEquals(issue(start), issue(start + SLICE));
        assertEquals(issue(start), issue(last));
    }

    @Test
    public void negativeClockStillSlices() {
        int c = issue(-1);
        assertTrue(check(c, -1).isValid());
        assertTrue(check(c, SLICE - 1).isValid());
        assertFalse(check(c, SLICE).isValid());
    }

    @Test
    public void randomAcksAreRefused() {
        // A forger who knows the tuple and its own ISN guesses the ack: each guess passes
        // with probability 2 * 2^-24 (two slices, 24 tag bits), so 10^6 guesses are expected
        // to yield 0.12 acceptances; allow at most 3.
        issue(NOW);
        Random r = new Random(42);
        int accepted = 0;
        for (int i = 0; i < 1_000_000; i++) {
            if (cookies.validate(CLIENT, CPORT, VIP, VPORT, r.nextInt(), ISN + 1, NOW).isValid()) {
                accepted++;
            }
        }
        assertTrue("accepted " + accepted, accepted <= 3);
    }

    @Test
    public void randomSegmentsAreRefused() {
        // Random tuples, seqs and acks (a flood of bogus ACKs): same bound.
        Random r = new Random(7);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            if (cookies.validate(r.nextInt(), r.nextInt(65536), VIP, VPORT, r.nextInt(), r.nextInt(), NOW)
                    .isValid()) {
                accepted++;
            }
        }
        assertTrue("accepted " + accepted, accepted <= 2);
    }

    @Test
    public void cookieBitsLookUniform() {
        // Every bit of the ISN, including the 8 data bits, should be set about half the time
        // over many SYNs with the same options.
        Random r = new Random(3);
        int[] ones = new int[32];
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            int c = cookies.issue(r.nextInt(), r.nextInt(65536), VIP, VPORT, r.nextInt(), 6, 7, true, NOW);
            for (int bit = 0; bit < 32; bit++) {
                ones[bit] += (c >>> bit) & 1;
            }
        }
        for (int bit = 0; bit < 32; bit++) {
            assertTrue("bit " + bit + ": " + ones[bit], ones[bit] > n * 0.47 && ones[bit] < n * 0.53);
        }
    }

    @Test
    public void invalidMarker() {
        SynCookies.Decoded d = check(issue(NOW) + 5, NOW);
        assertSame(SynCookies.Decoded.INVALID, d);
        assertFalse(d.isValid());
        assertEquals(-1, d.mssIndex());
        assertEquals(0, d.mss());
        assertEquals(-1, d.wscale());
        assertFalse(d.sackOk());
        assertEquals("Decoded{INVALID}", d.toString());
    }

    @Test
    public void issueClampsOutOfRangeOptions() {
        int c = cookies.issue(CLIENT, CPORT, VIP, VPORT, ISN, 99, 20, false, NOW);
        SynCookies.Decoded d = check(c, NOW);
        assertEquals(SynCookies.MSS_CLASSES - 1, d.mssIndex());
        assertEquals(14, d.wscale());
        c = cookies.issue(CLIENT, CPORT, VIP, VPORT, ISN, -3, -5, false, NOW);
        d = check(c, NOW);
        assertEquals(0, d.mssIndex());
        assertEquals(SynCookies.WSCALE_NONE, d.wscale());
        assertFalse(d.hasWscale());
    }

    @Test
    public void mssClassesRoundDown() {
        assertArrayEquals(new int[]{536, 1220, 1300, 1360, 1400, 1440, 1460, 8960}, SynCookies.mssTable());
        int[] table = SynCookies.mssTable();
        for (int i = 0; i < table.length; i++) {
            assertEquals(i, SynCookies.mssIndexFor(table[i]));
            assertEquals(table[i], SynCookies.mssOf(i));
            if (i > 0) {
                assertEquals(i - 1, SynCookies.mssIndexFor(table[i] - 1));
            }
        }
        assertEquals(0, SynCookies.mssIndexFor(0));
        assertEquals(0, SynCookies.mssIndexFor(100));
        assertEquals(5, SynCookies.mssIndexFor(1452));
        assertEquals(7, SynCookies.mssIndexFor(65535));
        assertEquals(536, SynCookies.mssOf(-1));
        assertEquals(8960, SynCookies.mssOf(8));
    }

    @Test
    public void deterministicForSameInput() {
        assertEquals(issue(NOW), issue(NOW + 1));
        assertNotEquals(issue(NOW), cookies.issue(CLIENT, CPORT, VIP, VPORT, ISN + 1, 6, 7, true, NOW));
    }

    @Test(expected = IllegalArgumentException.class)
    public void shortSecretRejected() {
        new SynCookies(new byte[15]);
    }

    @Test(expected = IllegalArgumentException.class)
    public void nullSecretRejected() {
        new SynCookies((byte[]) null);
    }

    @Test
    public void randomSecretWorks() {
        SynCookies rnd = new SynCookies(new SecureRandom());
        int c = rnd.issue(CLIENT, CPORT, VIP, VPORT, ISN, 3, -1, true, NOW);
        SynCookies.Decoded d = rnd.validate(CLIENT, CPORT, VIP, VPORT, c + 1, ISN + 1, NOW);
        assertTrue(d.isValid());
        assertEquals(1360, d.mss());
        assertFalse(d.hasWscale());
        assertTrue(d.sackOk());
    }
}
