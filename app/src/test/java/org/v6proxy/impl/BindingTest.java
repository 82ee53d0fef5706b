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
import org.onlab.packet.Ip4Address;
import org.v6proxy.api.Backend;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.Route;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.l7.RouteMatcher;
import org.v6proxy.l7.SniffStatus;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.impl.DelayedBindingTest.httpRequest;

/**
 * The held segments and the sniffed prefix of one binding: in place for one
 * segment, copied into a buffer that grows only as far as the stream does,
 * never past the sniff limit.
 */
public class BindingTest {
    private static final Backend B = Backend.parse("[2001:db8::2]:80");
    private static final Backend DEFAULT_B = Backend.parse("[2001:db8::1]:80");
    private static final ConnectionKey KEY = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf("192.0.2.7"), 40000,
                                                               Ip4Address.valueOf("10.0.0.42"), 80);
    /** Bytes before a frame's payload in these tests (not a real header: Binding does not parse it). */
    private static final int HDR = 54;

    private static Binding binding(ServiceMode mode, Route... routes) {
        return new Binding(KEY, null, new RouteMatcher(mode, List.of(routes)), null, 0, 1000, 5000, -1, false,
                           1460);
    }

    /** A frame whose payload is data[from, to), after HDR bytes of 0xee. */
    private static byte[] frame(byte[] data, int from, int to) {
        byte[] f = new byte[HDR + to - from];
        Arrays.fill(f, 0, HDR, (byte) 0xee);
        System.arraycopy(data, from, f, HDR, to - from);
        return f;
    }

    private static int add(Binding bd, byte[] data, int from, int to) {
        return bd.add(from, frame(data, from, to), HDR, to - from);
    }

    @Test
    public void oneSegmentIsSniffedInPlace() {
        Binding bd = binding(ServiceMode.HTTP, new Route("*.b.example", B));
        byte[] req = httpRequest(0, "x.b.example");
        assertThat(add(bd, req, 0, req.length), is(HDR + req.length));
        assertThat(bd.contiguous, is(req.length));
        assertThat("no copy of a one-segment prefix", bd.streamCapacity(), is(0));
        assertThat(bd.sniff(), is(SniffStatus.MATCHED));
        assertSame(B, bd.matcher.backendFor(bd.sniffer));
    }

    @Test
    public void requestSpanningManySegmentsGrowsTheBufferGeometrically() {
        Binding bd = binding(ServiceMode.HTTP, new Route("*.b.example", B));
        byte[] req = httpRequest(6000, "x.b.example");
        int seg = 700;
        int last = 0;
        for (int from = 0; from < req.length; from += seg) {
            add(bd, req, from, Math.min(req.length, from + seg));
            assertThat(bd.contiguous, is(Math.min(req.length, from + seg)));
            int cap = bd.streamCapacity();
            assertTrue("capacity " + cap + " holds the prefix", from == 0 || cap >= bd.contiguous);
            assertTrue("never more than doubled past what is needed", cap <= Math.max(Binding.MIN_STREAM,
                                                                                     2 * bd.contiguous));
            assertTrue("grows only", cap >= last);
            last = cap;
            SniffStatus st = bd.sniff();
            assertThat(st, is(from + seg >= req.length ? SniffStatus.MATCHED : SniffStatus.NEED_MORE));
        }
        assertThat(bd.streamCapacity(), is(8192));
        assertSame(B, bd.matcher.backendFor(bd.sniffer));
    }

    @Test
    public void outOfOrderAndDuplicateSegmentsKeepSequenceOrder() {
        Binding bd = binding(ServiceMode.HTTP, new Route("*.b.example", B));
        byte[] req = httpRequest(3000, "x.b.example");
        int[] cuts = {0, 900, 1800, 2700, req.length};
        add(bd, req, cuts[3], cuts[4]);
        add(bd, req, cuts[1], cuts[2]);
        assertThat("gap at 0", bd.contiguous, is(0));
        assertThat(bd.sniff(), is(SniffStatus.NEED_MORE));
        add(bd, req, cuts[0], cuts[1]);
        assertThat(bd.contiguous, is(cuts[2]));
        assertThat("a duplicate holds nothing more", add(bd, req, cuts[1], cuts[2]), is(0));
        add(bd, req, cuts[2], cuts[3]);
        assertThat(bd.contiguous, is(req.length));
        assertThat(bd.sniff(), is(SniffStatus.MATCHED));
        byte[][] frames = bd.framesInOrder();
        assertThat(frames.length, is(4));
        for (int i = 0; i < frames.length; i++) {
            assertArrayEquals(Arrays.copyOfRange(req, cuts[i], cuts[i + 1]),
                              Arrays.copyOfRange(frames[i], HDR, frames[i].length));
        }
    }

    @Test
    public void longerRetransmissionAddsOnlyItsNewBytesAndTheFirstCopyWins() {
        Binding bd = binding(ServiceMode.PREFIX, new Route("ABCD", B), new Route("ZZCD", DEFAULT_B));
        byte[] first = "AB".getBytes(StandardCharsets.US_ASCII);
        byte[] longer = "ZZCD".getBytes(StandardCharsets.US_ASCII);
        add(bd, first, 0, 2);
        assertFalse(bd.conflict);
        assertThat(bd.sniff(), is(SniffStatus.NEED_MORE));
        // Same sequence, longer frame, other bytes where they overlap: only "CD" is new.
        assertThat(bd.add(0, frame(longer, 0, 4), HDR, 4), is(HDR + 4));
        assertTrue("the overlap disagreed", bd.conflict);
        assertThat(bd.contiguous, is(4));
        assertThat(bd.sniff(), is(SniffStatus.MATCHED));
        assertSame(B, bd.matcher.backendFor(bd.sniffer));
        assertArrayEquals("what is replayed is what was sniffed", "ABCD".getBytes(StandardCharsets.US_ASCII),
                          bd.heldBytes());
    }

    @Test
    public void everyOverlapShapeKeepsTheFirstCopy() {
        byte[] truth = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        byte[] other = "QRSTUVWXYZqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
        int[][] firsts = {{0, 10}, {5, 15}, {10, 20}, {0, 20}, {3, 4}};
        for (int[] f : firsts) {
            for (int from = 0; from < truth.length; from++) {
                for (int to = from + 1; to <= truth.length; to++) {
                    Binding bd = binding(ServiceMode.PREFIX, new Route("never", B));
                    add(bd, truth, f[0], f[1]);
                    add(bd, other, from, to);
                    boolean overlaps = from < f[1] && to > f[0];
                    assertThat("conflict for " + from + ".." + to, bd.conflict, is(overlaps));
                    byte[] expect = new byte[Math.max(f[1], to) - Math.min(f[0], from)];
                    int base = Math.min(f[0], from);
                    boolean gapBetween = from > f[1] || to < f[0];
                    if (gapBetween) {
                        continue;
                    }
                    for (int i = 0; i < expect.length; i++) {
                        int pos = base + i;
                        expect[i] = pos >= f[0] && pos < f[1] ? truth[pos] : other[pos];
                    }
                    assertArrayEquals("held for " + from + ".." + to, expect, bd.heldBytes());
                }
            }
        }
    }

    @Test
    public void aSecondFinElsewhereAndBytesPastTheFinAreNotKept() {
        Binding bd = binding(ServiceMode.PREFIX, new Route("never", B));
        byte[] data = "abcdef".getBytes(StandardCharsets.US_ASCII);
        bd.add(0, frame(data, 0, 4), HDR, 4, true);
        assertTrue(bd.fin);
        assertThat(bd.finAt, is(4));
        assertThat("bytes past the FIN", bd.add(2, frame(data, 2, 6), HDR, 4), is(0));
        assertTrue(bd.conflict);
        bd.add(0, frame(data, 0, 2), HDR, 2, true);
        assertTrue("a FIN elsewhere", bd.conflict);
        assertThat(bd.finAt, is(4));
        assertArrayEquals("abcd".getBytes(StandardCharsets.US_ASCII), bd.heldBytes());
        assertTrue(bd.streamComplete());
    }

    @Test
    public void prefixStopsAtTheSniffLimit() {
        Binding bd = binding(ServiceMode.HTTP, new Route("*.b.example", B));
        byte[] req = httpRequest(Binding.STREAM_LIMIT + 100, "x.b.example");
        int seg = 1000;
        for (int from = 0; from < req.length; from += seg) {
            add(bd, req, from, Math.min(req.length, from + seg));
            if (bd.contiguous < Binding.STREAM_LIMIT) {
                assertFalse(bd.streamComplete());
                assertThat(bd.sniff(), is(SniffStatus.NEED_MORE));
            }
        }
        assertThat(bd.contiguous, is(Binding.STREAM_LIMIT));
        assertThat(bd.streamCapacity(), is(Binding.STREAM_LIMIT));
        assertTrue(bd.streamComplete());
        assertThat("Host past 16 KiB is not seen", bd.finish(), is(SniffStatus.NO_MATCH));
        assertThat("every segment is still held for replay", bd.framesInOrder().length,
                   is((req.length + seg - 1) / seg));
    }

    @Test
    public void finCompletesTheStream() {
        Binding bd = binding(ServiceMode.PREFIX, new Route("A", B), new Route("AB", DEFAULT_B));
        add(bd, "A".getBytes(StandardCharsets.US_ASCII), 0, 1);
        assertFalse(bd.streamComplete());
        bd.fin = true;
        bd.finAt = 1;
        assertTrue(bd.streamComplete());
        assertThat(bd.finish(), is(SniffStatus.MATCHED));
        assertSame(B, bd.matcher.backendFor(bd.sniffer));
    }
}
