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

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.onosproject.net.ConnectPoint;
import org.v6proxy.api.DropReason;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.impl.DelayedBindingTest.CONFIG;
import static org.v6proxy.impl.DelayedBindingTest.CLIENT_SYN_OPTS;
import static org.v6proxy.impl.DelayedBindingTest.VIP42;
import static org.v6proxy.impl.DelayedBindingTest.httpRequest;
import static org.v6proxy.impl.ProxyManagerTest.CLIENT;
import static org.v6proxy.impl.ProxyManagerTest.CLIENT6;
import static org.v6proxy.impl.ProxyManagerTest.GW;
import static org.v6proxy.impl.ProxyManagerTest.H1;
import static org.v6proxy.impl.ProxyManagerTest.H1_MAC;
import static org.v6proxy.impl.ProxyManagerTest.H2;
import static org.v6proxy.impl.ProxyManagerTest.H2_MAC;
import static org.v6proxy.impl.ProxyManagerTest.H3_MAC;
import static org.v6proxy.impl.ProxyManagerTest.NO_OPTS;
import static org.v6proxy.impl.ProxyManagerTest.P1;
import static org.v6proxy.impl.ProxyManagerTest.P2;
import static org.v6proxy.impl.ProxyManagerTest.P3;
import static org.v6proxy.impl.TestFrames.ETH;
import static org.v6proxy.impl.TestFrames.u32;

/**
 * Routed bytes are the replayed bytes: during pre-read a retransmission or
 * overlapping segment with other bytes changes neither what the HTTP sniffer
 * read nor what the backend gets (the first copy of every byte is kept, as
 * in the Linux receive queue), and the conflict is counted. Service "web"
 * routes *.b.example to h2 (P2), everything else to h1 (P1).
 */
public class PrereadOverlapTest {
    private static final int PORT = 8080;
    private static final int TCP6 = ETH + 40;

    @Rule
    public final OneInstance instance = new OneInstance(CONFIG);
    private final RecordingPacketService pkt = instance.pkt;
    private final ProxyManager mgr = instance.mgr;
    private final DistributedConnectionStore store = instance.store;
    private int cookie;

    @Before
    public void setUp() {
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP42, 40000, PORT, 1000, 0, 0x02, CLIENT_SYN_OPTS,
                                       NO_OPTS));
        cookie = u32(pkt.drain().get(0).frame, ETH + 20 + 4);
        send(0, new byte[0], 0x10);
        assertTrue(pkt.drain().isEmpty());
    }

    /** Sends client bytes at stream offset rel (flags PSH|ACK unless given). */
    private void send(int rel, byte[] data, int flags) {
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP42, 40000, PORT, 1001 + rel, cookie + 1, flags,
                                       NO_OPTS, data));
    }

    private void send(int rel, byte[] data) {
        send(rel, data, 0x18);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] part(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }

    /** Same bytes as original except the Host value, which has the same length. */
    private static byte[] rewritten(byte[] original, String host, String other) {
        String s = new String(original, StandardCharsets.US_ASCII);
        assertEquals(host.length(), other.length());
        return ascii(s.replace("Host: " + host, "Host: " + other));
    }

    private long conflicts() {
        return mgr.getCounters().drops(DropReason.OVERLAP_CONFLICT);
    }

    /**
     * Expects the SYN toward the backend at where, answers it, and returns the stream the backend receives
     * (the payloads of the replayed segments, checked to be in sequence and contiguous).
     */
    private byte[] boundTo(ConnectPoint where, long mac, byte[] backend) {
        List<RecordingPacketService.Emitted> out = pkt.drain();
        assertThat("one SYN to the backend", out.size(), is(1));
        assertEquals("routed to", where, out.get(0).out);
        assertThat(out.get(0).frame[TCP6 + 13] & 0xff, is(0x02));
        pkt.inject(where, TestFrames.l4v6(GW, mac, backend, CLIENT6, 6, PORT, 40000, 7000, 1001, 0x12, NO_OPTS,
                                          NO_OPTS));
        out = pkt.drain();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int next = 1001;
        for (int k = 1; k < out.size(); k++) {
            byte[] f = out.get(k).frame;
            assertEquals(where, out.get(k).out);
            assertTrue("checksums of replayed segment " + k, TestFrames.l4Ok6(f, ETH));
            int hl = ((f[TCP6 + 12] & 0xff) >> 4) * 4;
            assertThat("replayed in sequence, no overlap, no gap", u32(f, TCP6 + 4), is(next));
            int len = f.length - TCP6 - hl;
            stream.write(f, TCP6 + hl, len);
            next += len;
        }
        return stream.toByteArray();
    }

    private byte[] boundToH2() {
        return boundTo(P2, H2_MAC, H2);
    }

    private byte[] boundToH1() {
        return boundTo(P1, H1_MAC, H1);
    }

    @Test
    public void sameLengthRetransmissionWithOtherHostChangesNothing() {
        byte[] req = httpRequest(0, "x.b.example");
        byte[] evil = rewritten(req, "x.b.example", "xxa.example");
        // The first copy is incomplete (no blank line yet), so the sniffer is still reading when the second comes.
        int cut = req.length - 2;
        send(0, part(req, 0, cut));
        assertTrue(pkt.drain().isEmpty());
        send(0, part(evil, 0, cut));
        assertThat(conflicts(), is(1L));
        send(cut, part(req, cut, req.length));
        assertArrayEquals("h2 gets exactly the routed bytes", req, boundToH2());
    }

    @Test
    public void sameLengthRetransmissionCannotMoveADefaultConnectionToARoute() {
        byte[] req = httpRequest(0, "x.a.example");
        byte[] evil = rewritten(req, "x.a.example", "x.b.example");
        int cut = req.length - 2;
        send(0, part(req, 0, cut));
        send(0, part(evil, 0, cut));
        send(cut, part(req, cut, req.length));
        assertThat(conflicts(), is(1L));
        assertArrayEquals(req, boundToH1());
    }

    @Test
    public void longerRetransmissionRewritingTheHostIsIgnoredThere() {
        byte[] req = httpRequest(0, "x.b.example");
        byte[] evil = rewritten(req, "x.b.example", "xxa.example");
        int hostEnd = new String(req, StandardCharsets.US_ASCII).indexOf("\r\n\r\n");
        send(0, part(req, 0, hostEnd));
        send(0, part(evil, 0, req.length));
        assertThat(conflicts(), is(1L));
        assertArrayEquals("first copy of the Host, the rest from the longer one", req, boundToH2());
    }

    @Test
    public void overlappingTailCannotRewriteTheHost() {
        byte[] req = httpRequest(0, "x.b.example");
        byte[] evil = rewritten(req, "x.b.example", "xxa.example");
        int hostEnd = new String(req, StandardCharsets.US_ASCII).indexOf("\r\n\r\n");
        send(0, part(req, 0, hostEnd));
        // The tail starts 20 bytes back, inside the Host line, with other bytes there.
        send(hostEnd - 20, part(evil, hostEnd - 20, req.length));
        assertThat(conflicts(), is(1L));
        assertArrayEquals(req, boundToH2());
    }

    @Test
    public void tailBeforeHeadKeepsTheTail() {
        byte[] req = httpRequest(0, "x.b.example");
        byte[] evil = rewritten(req, "x.b.example", "xxa.example");
        int hostAt = new String(req, StandardCharsets.US_ASCII).indexOf("Host: ");
        // The tail (the genuine Host line on) comes first; then a head that overlaps it with another Host.
        send(hostAt, part(req, hostAt, req.length));
        assertTrue("nothing at 0 yet", pkt.drain().isEmpty());
        send(0, part(evil, 0, req.length));
        assertThat(conflicts(), is(1L));
        assertArrayEquals("the tail held first wins where they overlap", req, boundToH2());
    }

    @Test
    public void partialOverlapIntoTheHostValue() {
        byte[] req = httpRequest(0, "x.b.example");
        String text = new String(req, StandardCharsets.US_ASCII);
        int valueAt = text.indexOf("Host: ") + 6;
        // The first copy ends 3 bytes into the Host value ("x.b").
        send(0, part(req, 0, valueAt + 3));
        byte[] evil = ascii(text.substring(0, valueAt) + "evil.example\r\n\r\n");
        send(valueAt - 4, part(evil, valueAt - 4, evil.length));
        assertThat(conflicts(), is(1L));
        byte[] expected = ascii(text.substring(0, valueAt + 3) + "l.example\r\n\r\n");
        // "x.b" + "l.example" = "x.bl.example": not a route, so h1; and h1 gets exactly that.
        assertArrayEquals(expected, boundToH1());
    }

    @Test
    public void identicalRetransmissionIsNoConflict() {
        byte[] req = httpRequest(0, "x.b.example");
        int cut = req.length - 2;
        send(0, part(req, 0, cut));
        send(0, part(req, 0, cut));
        send(cut, part(req, cut, req.length));
        assertThat(conflicts(), is(0L));
        assertArrayEquals(req, boundToH2());
    }

    @Test
    public void finIsKeptOnceAndBytesPastItAreNot() {
        byte[] req = ascii("GET / HTTP/1.1\r\nHost: x.b.ex");
        send(0, req, 0x19);
        assertArrayEquals("decided at the FIN with what there is", req, boundToH1());
    }

    @Test
    public void aClientThatSentItsInitialWindowAndRetransmitsIsDecidedAtOnce() {
        byte[] req = httpRequest(20000, "x.b.example");
        int seg = 1440;
        for (int k = 0; k < 10; k++) {
            send(k * seg, part(req, k * seg, (k + 1) * seg));
        }
        assertTrue("still reading after the initial window", pkt.drain().isEmpty());
        // RTO: the client retransmits its first segment, as it will do until something is acknowledged.
        send(0, part(req, 0, seg));
        byte[] routed = boundToH1();
        assertArrayEquals("default, at once, not after prereadTimeoutMs", part(req, 0, 10 * seg), routed);
    }

    // ---- RSTs while the app is the client's peer, and once spliced (RFC 5961 section 3)

    private int bindings() {
        return ((ProxyPacketProcessor) pkt.processors.get(0)).bindingCount();
    }

    @Test
    public void rstDuringPrereadMustBeExact() {
        byte[] req = httpRequest(0, "x.b.example");
        send(0, part(req, 0, 10));
        send(100_000, new byte[0], 0x04);
        assertTrue("out of window: dropped", pkt.drain().isEmpty());
        assertThat(mgr.getCounters().drops(DropReason.RST_OUT_OF_WINDOW), is(1L));
        send(5, new byte[0], 0x04);
        List<RecordingPacketService.Emitted> out = pkt.drain();
        assertThat("in window, inexact: a challenge ACK", out.size(), is(1));
        assertEquals(P3, out.get(0).out);
        byte[] ack = out.get(0).frame;
        assertThat(ack[ETH + 20 + 13] & 0xff, is(0x10));
        assertThat("acknowledges RCV.NXT", u32(ack, ETH + 20 + 8), is(1001));
        assertThat(u32(ack, ETH + 20 + 4), is(cookie + 1));
        assertTrue(TestFrames.l4Ok4(ack, ETH));
        assertThat("the binding survives both", bindings(), is(1));
        send(10, part(req, 10, req.length));
        assertArrayEquals(req, boundToH2());
    }

    @Test
    public void exactRstDuringPrereadEndsTheBinding() {
        send(0, ascii("GET / HT"));
        assertThat(bindings(), is(1));
        send(0, new byte[0], 0x04);
        assertThat(bindings(), is(0));
    }

    @Test
    public void outOfWindowRstDuringASplicedTransferIsDropped() {
        byte[] req = httpRequest(0, "x.b.example");
        send(0, req);
        boundToH2();
        int next = 1001 + req.length;
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP42, 40000, PORT, next + 50_000_000, cookie + 1, 0x14,
                                       NO_OPTS, new byte[0]));
        pkt.inject(P2, TestFrames.l4v6(GW, H2_MAC, H2, CLIENT6, 6, PORT, 40000, 7001 + 50_000_000, next, 0x14, NO_OPTS,
                                       NO_OPTS));
        assertTrue(pkt.drain().isEmpty());
        assertThat(mgr.getCounters().drops(DropReason.RST_OUT_OF_WINDOW), is(2L));
        byte[] answer = ascii("HTTP/1.1 200 OK\r\n\r\n");
        pkt.inject(P2, TestFrames.l4v6(GW, H2_MAC, H2, CLIENT6, 6, PORT, 40000, 7001, next, 0x18, NO_OPTS, answer));
        List<RecordingPacketService.Emitted> out = pkt.drain();
        assertThat("the transfer goes on", out.size(), is(1));
        assertEquals(P3, out.get(0).out);
        // An exact RST from the backend (its SND.NXT) still ends it.
        pkt.inject(P2, TestFrames.l4v6(GW, H2_MAC, H2, CLIENT6, 6, PORT, 40000, 7001 + answer.length, next, 0x14,
                                       NO_OPTS, NO_OPTS));
        assertEquals(P3, pkt.drain().get(0).out);
        assertThat(store.find4(6, CLIENT, 40000, VIP42, PORT).record().state(),
                   is(org.v6proxy.api.ConnectionState.CLOSING));
    }
}
