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
package org.v6proxy.impl;

import org.junit.Test;
import org.v6proxy.api.DropReason;
import org.v6proxy.packet.Bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.impl.TestFrames.ETH;

/**
 * {@link FragmentQueue}: reassembly (RFC 791 section 3.2) and its bounds, with fragments cut
 * by {@link Fragments} (independent of the code under test) and a test clock.
 */
public class FragmentQueueTest {
    private static final long SEC = 1_000_000_000L;
    private static final int CLIENT = 0x0a000003;
    private static final int VIP = 0x0a00002b;

    private final List<DropReason> drops = new ArrayList<>();
    private final FragmentQueue q = new FragmentQueue(4, 8000, 5 * SEC, drops::add);

    private static byte[] datagram(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i * 7);
        }
        return TestFrames.udp4(1, 2, CLIENT, VIP, 40000, 53, data);
    }

    private static long k1() {
        return FragmentQueue.v4Addresses(CLIENT, VIP);
    }

    private static long k2(int id) {
        return FragmentQueue.v4ProtoId(17, id);
    }

    private boolean hold(byte[] f, int id, long now) {
        return q.hold(k1(), k2(id), FragmentQueue.ip4Piece(f, 0, ETH, TestFrames.u16(f, ETH + 2)), now);
    }

    @Test
    public void reassemblesInAnyOrder() {
        byte[] whole = datagram(300);
        List<byte[]> frags = Fragments.split4(whole, 104);
        assertEquals(3, frags.size());
        assertTrue(hold(frags.get(2), 0x4321, 0));
        assertNull(q.reassemble(k1(), k2(0x4321), 0));
        assertTrue(hold(frags.get(0), 0x4321, 0));
        assertNull("a hole", q.reassemble(k1(), k2(0x4321), 0));
        assertTrue(hold(frags.get(1), 0x4321, 0));
        byte[] got = q.reassemble(k1(), k2(0x4321), SEC);
        assertEquals(whole.length, got.length);
        // Same bytes as the unfragmented frame, except flags (DF clear here) and the header checksum.
        assertArrayEquals(Arrays.copyOfRange(whole, ETH + 20, whole.length), Arrays.copyOfRange(got, ETH + 20,
                                                                                                  got.length));
        assertEquals(0, TestFrames.u16(got, ETH + 6));
        assertTrue(TestFrames.ip4HeaderOk(got, ETH));
        assertTrue(TestFrames.l4Ok4(got, ETH));
        assertEquals(0, q.datagrams());
        assertEquals(0, q.bytes());
        assertTrue(drops.isEmpty());
    }

    @Test
    public void takeReturnsArrivalOrderAndForgets() {
        List<byte[]> frags = Fragments.split4(datagram(300), 104);
        hold(frags.get(2), 1, 0);
        hold(frags.get(1), 1, 0);
        List<FragmentQueue.Piece> got = q.take(k1(), k2(1), 0);
        assertEquals(2, got.size());
        assertArrayEquals(frags.get(2), got.get(0).frame);
        assertArrayEquals(frags.get(1), got.get(1).frame);
        assertTrue(q.take(k1(), k2(1), 0).isEmpty());
        assertTrue("another identification is another datagram", q.take(k1(), k2(2), 0).isEmpty());
    }

    @Test
    public void boundedInDatagramsBytesAndPieces() {
        List<byte[]> frags = Fragments.split4(datagram(300), 104);
        for (int id = 0; id < 4; id++) {
            assertTrue(hold(frags.get(1), id, 0));
        }
        assertFalse("a fifth datagram", hold(frags.get(1), 4, 0));
        assertEquals(List.of(DropReason.FRAGMENT_OVERFLOW), drops);
        assertTrue("more of a held one still fits", hold(frags.get(2), 0, 0));
        byte[] big = Fragments.split4(datagram(9000), 7400).get(0);
        assertFalse("8000 bytes in all", hold(big, 1, 0));
        assertEquals(2, drops.size());
        FragmentQueue many = new FragmentQueue(4, 1 << 20, 5 * SEC, drops::add);
        List<byte[]> tiny = Fragments.split4(datagram(1000), 8);
        for (int i = 0; i < FragmentQueue.MAX_PIECES; i++) {
            assertTrue(many.hold(k1(), k2(9), FragmentQueue.ip4Piece(tiny.get(i), 0, ETH, 28), 0));
        }
        assertFalse(many.hold(k1(), k2(9), FragmentQueue.ip4Piece(tiny.get(64), 0, ETH, 28), 0));
        assertEquals(DropReason.FRAGMENT_OVERFLOW, drops.get(2));
    }

    @Test
    public void waitingIsBoundedInTime() {
        List<byte[]> frags = Fragments.split4(datagram(300), 104);
        hold(frags.get(1), 1, 0);
        hold(frags.get(2), 1, SEC);
        hold(frags.get(1), 2, 3 * SEC);
        assertEquals(2, q.datagrams());
        assertTrue("4.9 s: still there", drops.isEmpty() && q.datagrams() == 2
                && q.take(k1(), k2(7), 5 * SEC - 1).isEmpty() && q.datagrams() == 2);
        assertTrue(q.take(k1(), k2(1), 5 * SEC).isEmpty());
        assertEquals(List.of(DropReason.FRAGMENT_TIMEOUT, DropReason.FRAGMENT_TIMEOUT), drops);
        assertEquals(1, q.datagrams());
        // Datagram 2 is 5 s old at 8 s: its held piece expires, a new arrival starts afresh (no whole).
        hold(frags.get(0), 2, 8 * SEC);
        assertEquals(3, drops.size());
        assertNull(q.reassemble(k1(), k2(2), 8 * SEC));
        assertEquals(1, q.datagrams());
        assertTrue(q.take(k1(), k2(2), 13 * SEC).isEmpty());
        assertEquals(4, drops.size());
        assertEquals(0, q.datagrams());
        assertEquals(0, q.bytes());
    }

    @Test
    public void overlappingFragmentsDropTheDatagram() {
        byte[] whole = datagram(300);
        List<byte[]> a = Fragments.split4(whole, 104);
        List<byte[]> b = Fragments.split4(whole, 64);
        hold(a.get(0), 3, 0);                                              // bytes 0..103
        hold(b.get(1), 3, 0);                                              // bytes 64..127: overlaps
        hold(a.get(2), 3, 0);
        assertNull(q.reassemble(k1(), k2(3), 0));
        assertEquals(List.of(DropReason.MALFORMED, DropReason.MALFORMED, DropReason.MALFORMED), drops);
        assertEquals(0, q.datagrams());
    }

    private static final byte[] BACKEND6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    private static final byte[] CLIENT6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0x46, 0, 0, 0, 0, 0, 0, 10, 0, 0, 3};

    private static byte[] datagram6(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i * 5);
        }
        return TestFrames.l4v6(1, 2, BACKEND6, CLIENT6, 17, 53, 40000, 0, 0, 0, new byte[0], data);
    }

    private boolean hold6(FragmentQueue queue, byte[] f, int id, long now) {
        int total = 40 + TestFrames.u16(f, ETH + 4);
        return queue.hold(FragmentQueue.v6ClientId(CLIENT, id), FragmentQueue.v6Source(f, ETH + 8),
                          FragmentQueue.ip6Piece(f, 0, ETH, total, ETH + 40), now);
    }

    @Test
    public void reassemblesAnIpv6DatagramInAnyOrder() {
        byte[] whole = datagram6(300);
        List<byte[]> frags = Fragments.split6(whole, 104, 0x01020304);
        assertEquals(3, frags.size());
        long k1 = FragmentQueue.v6ClientId(CLIENT, 0x01020304);
        long k2 = FragmentQueue.v6Source(whole, ETH + 8);
        assertTrue(hold6(q, frags.get(1), 0x01020304, 0));
        assertTrue(hold6(q, frags.get(2), 0x01020304, 0));
        assertNull("the first is missing", q.reassemble6(k1, k2, 0));
        assertTrue("another identification is another datagram",
                   q.take(FragmentQueue.v6ClientId(CLIENT, 0x01020305), k2, 0).isEmpty());
        assertTrue(hold6(q, frags.get(0), 0x01020304, SEC));
        byte[] got = q.reassemble6(k1, k2, SEC);
        // The unfragmented frame, byte for byte (next header and payload length restored).
        assertArrayEquals(whole, got);
        assertTrue(TestFrames.l4Ok6(got, ETH));
        assertEquals(0, q.datagrams());
        assertEquals(0, q.bytes());
        assertTrue(drops.isEmpty());
    }

    @Test
    public void ipv6DatagramsFromAnotherSourceAreApart() {
        byte[] whole = datagram6(300);
        List<byte[]> frags = Fragments.split6(whole, 104, 9);
        byte[] other = frags.get(0).clone();
        other[ETH + 8 + 15] = 3;                                           // another backend, same identification
        assertTrue(hold6(q, frags.get(1), 9, 0));
        assertTrue(hold6(q, frags.get(2), 9, 0));
        assertTrue(hold6(q, other, 9, 0));
        assertEquals(2, q.datagrams());
        assertNull(q.reassemble6(FragmentQueue.v6ClientId(CLIENT, 9), FragmentQueue.v6Source(whole, ETH + 8), 0));
        List<FragmentQueue.Piece> theirs = q.take(FragmentQueue.v6ClientId(CLIENT, 9),
                                                  FragmentQueue.v6Source(other, ETH + 8), 0);
        assertEquals(1, theirs.size());
        assertArrayEquals(other, theirs.get(0).frame);
        assertEquals(0, theirs.get(0).offset);
        assertTrue(theirs.get(0).more);
        assertEquals(104, theirs.get(0).dataLen);
    }

    @Test
    public void ipv6FragmentsWaitBoundedInTimeAndOverlapsDropTheDatagram() {
        List<byte[]> frags = Fragments.split6(datagram6(300), 104, 5);
        assertTrue(hold6(q, frags.get(2), 5, 0));
        assertTrue(hold6(q, frags.get(1), 5, 0));
        assertTrue(q.take(FragmentQueue.v6ClientId(CLIENT, 6), 0, 5 * SEC - 1).isEmpty());
        assertTrue("4.9 s: still held", drops.isEmpty());
        assertTrue(q.take(FragmentQueue.v6ClientId(CLIENT, 6), 0, 5 * SEC).isEmpty());
        assertEquals(List.of(DropReason.FRAGMENT_TIMEOUT, DropReason.FRAGMENT_TIMEOUT), drops);
        assertEquals(0, q.bytes());
        List<byte[]> finer = Fragments.split6(datagram6(300), 64, 5);
        assertTrue(hold6(q, frags.get(0), 5, 6 * SEC));                     // bytes 0..103
        assertTrue(hold6(q, finer.get(1), 5, 6 * SEC));                    // bytes 64..127: overlaps (RFC 5722)
        assertNull(q.reassemble6(FragmentQueue.v6ClientId(CLIENT, 5), FragmentQueue.v6Source(frags.get(0), ETH + 8),
                                 6 * SEC));
        assertEquals(DropReason.MALFORMED, drops.get(3));
        assertEquals(4, drops.size());
        assertEquals(0, q.datagrams());
    }

    /** An IPv4 fragment frame of datagram id with data bytes at offset (a multiple of 8). */
    private static byte[] fragment(int id, int offset, int len, boolean more) {
        byte[] f = new byte[ETH + 20 + len];
        f[12] = 0x08;
        f[ETH] = 0x45;
        Bytes.putU16(f, ETH + 2, 20 + len);
        Bytes.putU16(f, ETH + 4, id);
        Bytes.putU16(f, ETH + 6, (more ? 0x2000 : 0) | offset / 8);
        f[ETH + 8] = 64;
        f[ETH + 9] = 17;
        Bytes.putInt(f, ETH + 12, CLIENT);
        Bytes.putInt(f, ETH + 16, VIP);
        return f;
    }

    /**
     * Found by fuzzing (tools/fuzztest, FragmentQueueFuzzTest): fragments without a hole whose
     * data end past 65535 bytes of datagram were reassembled into a packet whose 16-bit total
     * length wrapped (67413 bytes announced as 1877), which the proxy then parsed as a short
     * packet. RFC 791 allows no such datagram: dropped whole, counted per fragment.
     */
    @Test
    public void fragmentsAddingUpToMoreThan65535BytesDropTheDatagram() {
        FragmentQueue big = new FragmentQueue(4, 1 << 20, 5 * SEC, drops::add);
        byte[] a = fragment(9, 0, 65000, true);
        byte[] b = fragment(9, 65000, 600, false);                // ends at 65600 + 20 > 65535
        assertTrue(big.hold(k1(), k2(9), FragmentQueue.ip4Piece(a, 0, ETH, 20 + 65000), 0));
        assertTrue(big.hold(k1(), k2(9), FragmentQueue.ip4Piece(b, 0, ETH, 20 + 600), 0));
        assertNull(big.reassemble(k1(), k2(9), 0));
        assertEquals(List.of(DropReason.MALFORMED, DropReason.MALFORMED), drops);
        assertEquals(0, big.datagrams());
        assertEquals(0, big.bytes());
        // At the limit (65515 data bytes) it reassembles.
        drops.clear();
        byte[] c = fragment(10, 65000, 515, false);
        assertTrue(big.hold(k1(), k2(10), FragmentQueue.ip4Piece(fragment(10, 0, 65000, true), 0, ETH, 65020), 0));
        assertTrue(big.hold(k1(), k2(10), FragmentQueue.ip4Piece(c, 0, ETH, 20 + 515), 0));
        byte[] whole = big.reassemble(k1(), k2(10), 0);
        assertEquals(ETH + 65535, whole.length);
        assertEquals(65535, TestFrames.u16(whole, ETH + 2));
        assertTrue(drops.isEmpty());
    }
}
