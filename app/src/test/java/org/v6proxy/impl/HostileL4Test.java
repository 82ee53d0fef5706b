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

import org.junit.Rule;
import org.junit.Test;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.ProxySettings;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.impl.ProxyManagerTest.CLIENT;
import static org.v6proxy.impl.ProxyManagerTest.CLIENT6;
import static org.v6proxy.impl.ProxyManagerTest.CONFIG;
import static org.v6proxy.impl.ProxyManagerTest.GW;
import static org.v6proxy.impl.ProxyManagerTest.H1;
import static org.v6proxy.impl.ProxyManagerTest.H1_MAC;
import static org.v6proxy.impl.ProxyManagerTest.H3_MAC;
import static org.v6proxy.impl.ProxyManagerTest.MSS_1460;
import static org.v6proxy.impl.ProxyManagerTest.NO_OPTS;
import static org.v6proxy.impl.ProxyManagerTest.P1;
import static org.v6proxy.impl.ProxyManagerTest.P3;
import static org.v6proxy.impl.ProxyManagerTest.VIP;

/**
 * Hostile clients of an l4 service (iperf, 10.0.0.43:5201 to h1): a spoofed
 * SYN flood costs no distributed state and a bounded, short-lived local
 * table; RST and FIN move a connection only from inside the receive window.
 */
public class HostileL4Test {
    private static final int FLOOD = 100_000;
    private static final int PORT = 5201;

    @Rule
    public final OneInstance instance = new OneInstance(CONFIG);
    private final RecordingPacketService pkt = instance.pkt;
    private final ProxyManager mgr = instance.mgr;
    private final DistributedConnectionStore store = instance.store;

    private ProxyPacketProcessor processor() {
        return (ProxyPacketProcessor) pkt.processors.get(0);
    }

    private byte[] client(int src, int sport, int seq, int ack, int flags) {
        return TestFrames.tcp4(GW, H3_MAC, src, VIP, sport, PORT, seq, ack, flags, flags == 0x02 ? MSS_1460 : NO_OPTS,
                               NO_OPTS);
    }

    private byte[] backend(int dport, int seq, int ack, int flags) {
        return TestFrames.l4v6(GW, H1_MAC, H1, CLIENT6, 6, PORT, dport, seq, ack, flags, NO_OPTS, NO_OPTS);
    }

    /** SYN, SYN-ACK, ACK from CLIENT:sport: client ISN 1000, backend ISN 5000. */
    private void connect(int sport) {
        pkt.inject(P3, client(CLIENT, sport, 1000, 0, 0x02));
        pkt.inject(P1, backend(sport, 5000, 1001, 0x12));
        pkt.inject(P3, client(CLIENT, sport, 1001, 5001, 0x10));
        List<RecordingPacketService.Emitted> out = pkt.drain();
        assertThat("SYN, SYN-ACK and ACK crossed", out.size(), is(3));
        ConnectionEntry e = store.find4(6, CLIENT, sport, VIP, PORT);
        assertNotNull(e);
        assertThat(e.record().state(), is(ConnectionState.ESTABLISHED));
    }

    private ConnectionState state(int sport) {
        return store.find4(6, CLIENT, sport, VIP, PORT).record().state();
    }

    private long drops(DropReason r) {
        return mgr.getCounters().drops(r);
    }

    @Test
    public void spoofedSynFloodLeavesTheMapEmptyTheTableBoundedAndDrains() {
        Random rnd = new Random(13);
        int base = 0x0a000064; // 10.0.0.100 .. 10.0.0.250
        long start = System.nanoTime();
        for (int i = 0; i < FLOOD; i++) {
            // Every SYN a new 4-tuple (retransmissions would reuse their entry).
            pkt.inject(P3, client(base + i % 151, 1024 + i / 151, rnd.nextInt(), 0, 0x02));
            if (i == FLOOD / 2) {
                // A legitimate client in the middle of the flood.
                pkt.drain();
                connect(40000);
            }
            if ((i & 0x3f) == 0) {
                pkt.drain();
            }
        }
        long floodNanos = System.nanoTime() - start;
        pkt.drain();
        assertThat("only the legitimate connection is in the map", store.connections().size(), is(1));
        assertThat("the local table at its bound", processor().halfOpenCount(),
                   is(ProxySettings.DEFAULT_HALF_OPEN_MAX));
        assertThat("every SYN past the bound evicted the oldest", drops(DropReason.HALF_OPEN_EVICTED),
                   is((long) (FLOOD - ProxySettings.DEFAULT_HALF_OPEN_MAX)));
        // A legitimate client after the flood connects and its data crosses.
        connect(40001);
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40001, PORT, 1001, 5001, 0x18, NO_OPTS,
                                       "data".getBytes()));
        assertEquals(P1, pkt.drain().get(0).out);
        assertThat(store.connections().size(), is(2));
        // Drained within the transitory timeout (60 s), on the test clock.
        processor().reap(System.nanoTime() + TimeUnit.SECONDS.toNanos(59));
        assertThat("not before", processor().halfOpenCount(), is(ProxySettings.DEFAULT_HALF_OPEN_MAX - 1));
        processor().reap(System.nanoTime() + TimeUnit.SECONDS.toNanos(61));
        assertThat(processor().halfOpenCount(), is(0));
        assertThat("all that is left locally is the two connections", store.entries().size(), is(2));
        assertThat(store.connections().size(), is(2));
        System.out.printf("SYN flood: %d SYNs in %.0f ms (%.0f SYN/s), map %d, local half-open %d, evicted %d%n",
                          FLOOD, floodNanos / 1e6, FLOOD / (floodNanos / 1e9), store.connections().size(),
                          ProxySettings.DEFAULT_HALF_OPEN_MAX, drops(DropReason.HALF_OPEN_EVICTED));
    }

    @Test
    public void synRetransmissionsReuseTheHalfOpenEntry() {
        pkt.inject(P3, client(CLIENT, 40000, 1000, 0, 0x02));
        ConnectionEntry e = store.find4(6, CLIENT, 40000, VIP, PORT);
        pkt.inject(P3, client(CLIENT, 40000, 1000, 0, 0x02));
        pkt.inject(P3, client(CLIENT, 40000, 1000, 0, 0x02));
        assertThat("each SYN is forwarded", pkt.drain().size(), is(3));
        assertTrue(e == store.find4(6, CLIENT, 40000, VIP, PORT));
        assertThat(processor().halfOpenCount(), is(1));
        assertTrue(store.connections().isEmpty());
    }

    @Test
    public void backendSynAckDoesNotEstablishOnlyTheClientsAckDoes() {
        pkt.inject(P3, client(CLIENT, 40000, 1000, 0, 0x02));
        pkt.inject(P1, backend(40000, 5000, 1001, 0x12));
        assertTrue("no record at the SYN-ACK", store.connections().isEmpty());
        processor().reap(System.nanoTime() + TimeUnit.SECONDS.toNanos(61));
        assertNull("a SYN-ACK the client never acknowledged expires with the transitory timeout",
                   store.find4(6, CLIENT, 40000, VIP, PORT));
        pkt.drain();
        connect(40001);
        assertThat(store.connections().iterator().next().state(), is(ConnectionState.ESTABLISHED));
    }

    @Test
    public void ackThatDoesNotAcknowledgeTheSynAckEstablishesNothing() {
        pkt.inject(P3, client(CLIENT, 40000, 1000, 0, 0x02));
        pkt.inject(P1, backend(40000, 5000, 1001, 0x12));
        pkt.drain();
        pkt.inject(P3, client(CLIENT, 40000, 1001, 777, 0x10));
        assertTrue(pkt.drain().isEmpty());
        assertTrue(store.connections().isEmpty());
        assertThat(drops(DropReason.NO_CONNECTION), is(1L));
    }

    @Test
    public void halfOpenRstMustBeExact() {
        pkt.inject(P3, client(CLIENT, 40000, 1000, 0, 0x02));
        pkt.drain();
        pkt.inject(P3, client(CLIENT, 40000, 1500, 0, 0x04));
        pkt.inject(P1, backend(40000, 5000, 999, 0x14));
        assertTrue(pkt.drain().isEmpty());
        assertThat(drops(DropReason.RST_OUT_OF_WINDOW), is(2L));
        assertThat(processor().halfOpenCount(), is(1));
        // The backend refuses the SYN (port closed): RST|ACK acknowledging it.
        pkt.inject(P1, backend(40000, 0, 1001, 0x14));
        assertEquals(P3, pkt.drain().get(0).out);
        assertThat(processor().halfOpenCount(), is(0));
        assertNull(store.find4(6, CLIENT, 40000, VIP, PORT));
    }

    @Test
    public void outOfWindowRstIsDroppedAndCounted() {
        connect(40000);
        pkt.inject(P3, client(CLIENT, 40000, 1001 + 200_000, 5001, 0x14));
        pkt.inject(P1, backend(40000, 5001 + 200_000, 1001, 0x14));
        assertTrue("nothing forwarded", pkt.drain().isEmpty());
        assertThat(drops(DropReason.RST_OUT_OF_WINDOW), is(2L));
        assertThat(state(40000), is(ConnectionState.ESTABLISHED));
        byte[] data = TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40000, PORT, 1001, 5001, 0x18, NO_OPTS,
                                      "still".getBytes());
        pkt.inject(P3, data);
        assertEquals(P1, pkt.drain().get(0).out);
    }

    @Test
    public void inWindowInexactRstIsForwardedForAChallengeAckButChangesNothing() {
        connect(40000);
        pkt.inject(P3, client(CLIENT, 40000, 1001 + 100, 5001, 0x14));
        List<RecordingPacketService.Emitted> out = pkt.drain();
        assertThat("to the backend, whose stack answers with a challenge ACK", out.size(), is(1));
        assertEquals(P1, out.get(0).out);
        assertThat(state(40000), is(ConnectionState.ESTABLISHED));
        assertThat(drops(DropReason.RST_OUT_OF_WINDOW), is(0L));
    }

    @Test
    public void exactRstCloses() {
        connect(40000);
        pkt.inject(P1, backend(40000, 5001, 1001, 0x14));
        assertEquals(P3, pkt.drain().get(0).out);
        assertThat(state(40000), is(ConnectionState.CLOSING));
    }

    @Test
    public void outOfWindowSegmentsCannotSetUpAnExactRst() {
        connect(40000);
        // A blind attacker's data far outside the window, then a forged ACK from the backend acknowledging it,
        // then a RST "exactly" where the forged segments pointed: none of it moves the connection.
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40000, PORT, 1001 + 300_000, 5001, 0x18, NO_OPTS,
                                       new byte[10]));
        pkt.inject(P1, backend(40000, 5001, 1001 + 300_010, 0x10));
        pkt.inject(P3, client(CLIENT, 40000, 1001 + 300_010, 5001, 0x14));
        assertThat(state(40000), is(ConnectionState.ESTABLISHED));
        assertThat(drops(DropReason.RST_OUT_OF_WINDOW), is(1L));
    }

    @Test
    public void outOfWindowFinChangesNoPhase() {
        connect(40000);
        pkt.inject(P3, client(CLIENT, 40000, 1001 + 200_000, 5001, 0x11));
        assertThat(state(40000), is(ConnectionState.ESTABLISHED));
        pkt.inject(P3, client(CLIENT, 40000, 1001, 5001, 0x11));
        assertThat(state(40000), is(ConnectionState.HALF_CLOSED));
    }
}
