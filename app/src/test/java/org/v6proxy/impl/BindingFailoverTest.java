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

import java.util.List;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.impl.DelayedBindingTest.CLIENT_SYN_OPTS;
import static org.v6proxy.impl.DelayedBindingTest.CONFIG;
import static org.v6proxy.impl.DelayedBindingTest.VIP42;
import static org.v6proxy.impl.ProxyManagerTest.CLIENT;
import static org.v6proxy.impl.ProxyManagerTest.CLIENT6;
import static org.v6proxy.impl.ProxyManagerTest.GW;
import static org.v6proxy.impl.ProxyManagerTest.H2;
import static org.v6proxy.impl.ProxyManagerTest.H2_MAC;
import static org.v6proxy.impl.ProxyManagerTest.H3_MAC;
import static org.v6proxy.impl.ProxyManagerTest.NO_OPTS;
import static org.v6proxy.impl.ProxyManagerTest.P2;
import static org.v6proxy.impl.ProxyManagerTest.P3;
import static org.v6proxy.impl.TestFrames.ETH;
import static org.v6proxy.impl.TestFrames.u32;

/**
 * A delayed-binding connection caught by a failover while instance A opened
 * its backend leg: the record (SYN_SENT, no splice) is in the map, the held
 * bytes and the cookie's ISN died with A. Instance B, now master, must not
 * translate such a connection's segments as if they were spliced: the
 * backend's SYN-ACK is dropped and the client's next segment gets a RST it
 * accepts, so that no client waits for an answer that cannot come.
 */
public class BindingFailoverTest {
    private static final int TCP4 = ETH + 20;
    private static final int RST = 0x04;

    @Rule
    public final TwoInstances two = new TwoInstances(CONFIG);

    private static byte[] client(int seq, int ack, int flags, byte[] opts, byte[] data) {
        return TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP42, 40000, 80, seq, ack, flags, opts, data);
    }

    private static byte[] backendSynAck() {
        return TestFrames.l4v6(GW, H2_MAC, H2, CLIENT6, 6, 8080, 40000, 7000, 1001, 0x12, NO_OPTS, NO_OPTS);
    }

    /** Instance A answers the handshake, reads "B" and sends its SYN to backend B; returns A's ISN. */
    private int bindingOnA() {
        two.pktA.inject(P3, client(1000, 0, 0x02, CLIENT_SYN_OPTS, NO_OPTS));
        int cookie = u32(two.pktA.drain().get(0).frame, TCP4 + 4);
        two.pktA.inject(P3, client(1001, cookie + 1, 0x10, NO_OPTS, NO_OPTS));
        two.pktA.inject(P3, client(1001, cookie + 1, 0x18, NO_OPTS, "B\n".getBytes()));
        List<RecordingPacketService.Emitted> out = two.pktA.drain();
        assertThat("A's SYN to the backend", out.size(), is(1));
        assertEquals(P2, out.get(0).out);
        assertThat("B mirrors A's record", two.storeB.connections().size(), is(1));
        assertThat(two.storeB.connections().iterator().next().state(), is(ConnectionState.SYN_SENT));
        return cookie;
    }

    @Test
    public void theBindingInstanceItselfKeepsItsConnection() {
        int cookie = bindingOnA();
        // The client's retransmission on A (alive) is held, not answered: the binding is A's.
        two.pktA.inject(P3, client(1001, cookie + 1, 0x18, NO_OPTS, "B\n".getBytes()));
        assertTrue(two.pktA.drain().isEmpty());
        two.pktA.inject(P2, backendSynAck());
        assertThat("handshake ACK and the replayed request", two.pktA.drain().size(), is(2));
        assertThat(two.mgrA.getCounters().drops(DropReason.BINDING_LOST), is(0L));
    }

    @Test
    public void aSurvivorResetsTheClientOfABindingLostWithItsInstance() {
        int cookie = bindingOnA();
        // A is gone from here on: B is master and gets the backend's SYN-ACK, then the client's retransmission.
        two.pktB.inject(P2, backendSynAck());
        assertEndsOfLostBinding(two.pktB.drain(), 1001, 7000);
        assertThat(two.mgrB.getCounters().drops(DropReason.BINDING_LOST), is(1L));
        two.pktB.inject(P3, client(1001, cookie + 1, 0x18, NO_OPTS, "B\n".getBytes()));
        List<RecordingPacketService.Emitted> out = two.pktB.drain();
        assertThat(out.size(), is(1));
        byte[] rst = out.get(0).frame;
        assertEquals(P3, out.get(0).out);
        assertTrue(TestFrames.ip4HeaderOk(rst, ETH));
        assertTrue(TestFrames.l4Ok4(rst, ETH));
        assertThat("a RST", rst[TCP4 + 13] & RST, is(RST));
        // RFC 793 section 3.4: SEQ = the segment's ACK, which is the client's RCV.NXT: accepted.
        assertThat(u32(rst, TCP4 + 4), is(cookie + 1));
        assertThat(two.mgrB.getCounters().drops(DropReason.BINDING_LOST), is(2L));
        assertNull("B forgot the connection", two.storeB.find4(6, CLIENT, 40000, VIP42, 80));
        assertTrue("nothing left in the map", two.storeB.connections().isEmpty());
    }

    /**
     * A died after the splice but before its write of the splice landed: the backend acknowledged
     * the client's request and FIN through A, so the client only waits for the answer and sends
     * no segment of its own. The backend's answer on B must end both legs (a client that waits
     * for ever was seen in the cluster e2e test b3): a RST to the backend at its ACK, and an ACK
     * the client cannot accept, whose answer B resets.
     */
    @Test
    public void aSurvivorEndsALostBindingWhoseClientOnlyWaits() {
        int cookie = bindingOnA();
        // The answer after the backend took "B\n" and the FIN (ack 1004), sent to B, now master.
        two.pktB.inject(P2, TestFrames.l4v6(GW, H2_MAC, H2, CLIENT6, 6, 8080, 40000, 7001, 1004, 0x19,
                                           NO_OPTS, "OK-B\n".getBytes()));
        assertEndsOfLostBinding(two.pktB.drain(), 1004, 7001);
        assertThat(two.mgrB.getCounters().drops(DropReason.BINDING_LOST), is(1L));
        // The client answers the unacceptable ACK with its own (RFC 9293 section 3.10.7.4).
        two.pktB.inject(P3, client(1004, cookie + 1, 0x10, NO_OPTS, NO_OPTS));
        List<RecordingPacketService.Emitted> out = two.pktB.drain();
        assertThat(out.size(), is(1));
        assertThat("a RST", out.get(0).frame[TCP4 + 13] & RST, is(RST));
        assertThat("at the client's RCV.NXT", u32(out.get(0).frame, TCP4 + 4), is(cookie + 1));
        assertTrue("nothing left in the map", two.storeB.connections().isEmpty());
    }

    /**
     * Asserts B's answer to a backend segment of a lost binding: a RST to the backend whose SEQ is
     * the segment's ACK, and a bare ACK to the client outside its window (the backend's SEQ).
     */
    private static void assertEndsOfLostBinding(List<RecordingPacketService.Emitted> out, int backendAck,
                                                int backendSeq) {
        assertThat("a RST to the backend and an ACK to the client: " + out.size(), out.size(), is(2));
        RecordingPacketService.Emitted toBackend = out.get(0).out.equals(P2) ? out.get(0) : out.get(1);
        RecordingPacketService.Emitted toClient = out.get(0).out.equals(P2) ? out.get(1) : out.get(0);
        assertEquals(P2, toBackend.out);
        assertEquals(P3, toClient.out);
        int tcp6 = ETH + 40;
        assertThat("RST only", toBackend.frame[tcp6 + 13] & 0xff, is(RST));
        assertThat(u32(toBackend.frame, tcp6 + 4), is(backendAck));
        assertTrue(TestFrames.ip4HeaderOk(toClient.frame, ETH));
        assertTrue(TestFrames.l4Ok4(toClient.frame, ETH));
        assertThat("ACK only", toClient.frame[TCP4 + 13] & 0xff, is(0x10));
        assertThat(u32(toClient.frame, TCP4 + 4), is(backendSeq));
    }
}
