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

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;

/**
 * RFC 791 section 3.2 fragmentation of a packet, and of a fragment.
 */
public class Ip4SplitTest {
    private static final int LINK = 14;

    /** A frame with a 14-byte link header and an IPv4 header (flags/offset as given) over data. */
    private static byte[] packet(int flagsOffset, byte[] data) {
        byte[] f = new byte[LINK + 20 + data.length];
        f[12] = 0x08;
        int ip = LINK;
        f[ip] = 0x45;
        Bytes.putU16(f, ip + 2, 20 + data.length);
        Bytes.putU16(f, ip + 4, 0xbeef);
        Bytes.putU16(f, ip + 6, flagsOffset);
        f[ip + 8] = 64;
        f[ip + 9] = 17;
        Bytes.putInt(f, ip + 12, 0x0a000003);
        Bytes.putInt(f, ip + 16, 0x0a00002b);
        System.arraycopy(data, 0, f, ip + 20, data.length);
        Ip4.updateHeaderChecksum(f, ip);
        return f;
    }

    private static byte[] data(int n) {
        byte[] d = new byte[n];
        new Random(n).nextBytes(d);
        return d;
    }

    @Test
    public void aPacketBecomesFragmentsThatAddUp() {
        byte[] d = data(3001);
        List<byte[]> pieces = Ip4Split.split(packet(0, d), 0, LINK, 1452);
        assertThat("1448 + 1448 + 105", pieces.size(), is(3));
        byte[] joined = new byte[0];
        for (int i = 0; i < pieces.size(); i++) {
            byte[] p = pieces.get(i);
            assertThat("identification kept", Ip4.identification(p, LINK), is(0xbeef));
            assertThat(Ip4.fragmentOffset(p, LINK) * 8, is(joined.length));
            assertThat(Ip4.moreFragments(p, LINK), is(i < pieces.size() - 1));
            assertTrue(Ip4.headerChecksumValid(p, LINK, p.length - LINK));
            assertThat(p[12], is((byte) 0x08));
            int n = Ip4.totalLength(p, LINK) - 20;
            assertThat(p.length, is(LINK + 20 + n));
            assertTrue("all but the last carry a multiple of 8", i == pieces.size() - 1 || n % 8 == 0);
            joined = Arrays.copyOf(joined, joined.length + n);
            System.arraycopy(p, LINK + 20, joined, joined.length - n, n);
        }
        assertArrayEquals(d, joined);
    }

    @Test
    public void aFragmentBecomesSmallerFragmentsOfTheSameDatagram() {
        byte[] d = data(1480);
        // The middle fragment of a datagram: offset 1480 bytes, more to come.
        List<byte[]> pieces = Ip4Split.split(packet(Ip4.FLAG_MF | 185, d), 0, LINK, 1000);
        assertThat(pieces.size(), is(2));
        assertThat(Ip4.fragmentOffset(pieces.get(0), LINK), is(185));
        assertThat(Ip4.fragmentOffset(pieces.get(1), LINK), is(185 + 125));
        assertTrue("the datagram goes on after both", Ip4.moreFragments(pieces.get(1), LINK));
        // The last fragment of a datagram keeps MF clear on its last piece only.
        List<byte[]> tail = Ip4Split.split(packet(185, d), 0, LINK, 1000);
        assertTrue(Ip4.moreFragments(tail.get(0), LINK));
        assertThat(Ip4.moreFragments(tail.get(1), LINK), is(false));
    }

    @Test
    public void whatMayNotOrNeedNotBeSplitIsLeftAlone() {
        assertTrue("DF set", Ip4Split.split(packet(Ip4.FLAG_DF, data(3000)), 0, LINK, 1452).isEmpty());
        assertTrue("fits", Ip4Split.split(packet(0, data(1000)), 0, LINK, 1452).isEmpty());
        byte[] withOptions = packet(0, data(3000));
        withOptions[LINK] = 0x46;
        assertTrue("options", Ip4Split.split(withOptions, 0, LINK, 1452).isEmpty());
        byte[] lying = packet(0, data(3000));
        Bytes.putU16(lying, LINK + 2, 9000);
        assertTrue("longer than the frame", Ip4Split.split(lying, 0, LINK, 1452).isEmpty());
        assertTrue("no room", Ip4Split.split(packet(0, data(3000)), 0, LINK, 7).isEmpty());
    }

    /**
     * Found by fuzzing (tools/fuzztest, PacketFuzzTest#split): a fragment whose data runs past
     * 65535 bytes of datagram (offset 8190 units, 1000 bytes) was split into pieces whose
     * offsets wrapped the 13-bit field, one of them landing at offset 8, near the datagram's
     * start. It is not split now (the caller's translator then drops it, counted).
     */
    @Test
    public void aFragmentPastTheLargestDatagramIsNotSplit() {
        byte[] f = packet(Ip4.FLAG_MF | 8190, data(1000));
        assertTrue(Ip4Split.split(f, 0, LINK, 512).isEmpty());
        // The same fragment ending exactly at the limit (65515 data bytes) is split.
        byte[] edge = packet(65515 / 8 - 125, data(1000));
        List<byte[]> pieces = Ip4Split.split(edge, 0, LINK, 512);
        assertThat(pieces.size(), is(2));
        assertThat(Ip4.fragmentOffset(pieces.get(1), LINK), is(65515 / 8 - 125 + 64));
    }
}
