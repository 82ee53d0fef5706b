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
import org.onlab.packet.Ip4Address;
import org.v6proxy.api.Connection;
import org.v6proxy.api.DropReason;
import org.v6proxy.l7.ClientHelloBuilder;
import org.v6proxy.quic.InitialBuilder;
import org.v6proxy.quic.QuicVersion;
import org.v6proxy.quic.RfcVectors;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.impl.ProxyManagerTest.CLIENT;
import static org.v6proxy.impl.ProxyManagerTest.CLIENT6;
import static org.v6proxy.impl.ProxyManagerTest.GW;
import static org.v6proxy.impl.ProxyManagerTest.H1;
import static org.v6proxy.impl.ProxyManagerTest.H2;
import static org.v6proxy.impl.ProxyManagerTest.H2_MAC;
import static org.v6proxy.impl.ProxyManagerTest.H3_MAC;
import static org.v6proxy.impl.ProxyManagerTest.P2;
import static org.v6proxy.impl.ProxyManagerTest.P3;
import static org.v6proxy.impl.TestFrames.ETH;
import static org.v6proxy.impl.TestFrames.u16;

/**
 * Services of mode quic through the processor: the backend chosen by the SNI of the client's Initials, the
 * datagrams held until then replayed in order as an l4 UDP flow, and what is dropped without state.
 */
public class QuicRoutingTest {
    static final int VIP = Ip4Address.valueOf("10.0.0.42").toInt();
    static final String CONFIG = "{ \"clientPrefix\": \"2001:db8:46::/96\", \"gatewayMac\": \"02:00:00:00:46:01\","
            + " \"services\": ["
            + "  { \"name\": \"h3\", \"vip\": \"10.0.0.42\", \"port\": 443, \"protocol\": \"udp\","
            + "    \"mode\": \"quic\","
            + "    \"routes\": [ { \"match\": \"a.example\", \"backend\": \"[2001:db8::1]:443\" },"
            + "                  { \"match\": \"*.b.example\", \"backend\": \"[2001:db8::2]:4433\" },"
            + "                  { \"match\": \"example.com\", \"backend\": \"[2001:db8::2]:4433\" } ],"
            + "    \"defaultBackend\": \"[2001:db8::1]:8443\" },"
            + "  { \"name\": \"strict\", \"vip\": \"10.0.0.42\", \"port\": 444, \"protocol\": \"udp\","
            + "    \"mode\": \"quic\","
            + "    \"routes\": [ { \"match\": \"a.example\", \"backend\": \"[2001:db8::1]:443\" } ] }"
            + " ] }";

    @Rule
    public final OneInstance instance = new OneInstance(CONFIG);
    private final RecordingPacketService pkt = instance.pkt;
    private final ProxyManager mgr = instance.mgr;
    private final DistributedConnectionStore store = instance.store;

    private static byte[] datagram(int sport, int dport, byte[] payload) {
        return TestFrames.udp4(GW, H3_MAC, CLIENT, VIP, sport, dport, payload);
    }

    /** Initials carrying a ClientHello for {@code name}, split over {@code parts} datagrams. */
    private static byte[][] initials(String name, int parts, QuicVersion v) {
        byte[] ch = new ClientHelloBuilder().serverName(name).build();
        InitialBuilder b = new InitialBuilder().version(v);
        byte[][] d = new byte[parts][];
        int step = (ch.length + parts - 1) / parts;
        for (int i = 0; i < parts; i++) {
            int from = i * step;
            d[i] = b.packet(i, 1200, InitialBuilder.cryptoFrame(ch, from, Math.min(step, ch.length - from)));
        }
        return d;
    }

    /** Checks an emitted frame: to the backend at {@code port}, the client's datagram unchanged inside. */
    private static void assertToBackend(RecordingPacketService.Emitted e, byte[] backend, int port, int sport,
                                        byte[] payload) {
        byte[] f = e.frame;
        assertThat("IPv6", u16(f, 12), is(0x86dd));
        assertArrayEquals(CLIENT6, Arrays.copyOfRange(f, ETH + 8, ETH + 24));
        assertArrayEquals(backend, Arrays.copyOfRange(f, ETH + 24, ETH + 40));
        assertThat(u16(f, ETH + 40), is(sport));
        assertThat(u16(f, ETH + 42), is(port));
        assertArrayEquals(payload, Arrays.copyOfRange(f, ETH + 48, f.length));
        assertTrue(TestFrames.l4Ok6(f, ETH));
    }

    private Connection only() {
        assertThat(store.connections().size(), is(1));
        return store.connections().iterator().next();
    }

    @Test
    public void nameInOneInitialGoesToItsBackendAndTheFlowStaysThere() {
        // RFC 9001 appendix A.2: a ClientHello for example.com in one Initial.
        byte[] d = RfcVectors.hex(RfcVectors.V1_PACKET);
        pkt.inject(P3, datagram(50000, 443, d));
        List<RecordingPacketService.Emitted> out = pkt.drain();
        assertThat(out.size(), is(1));
        assertEquals(P2, out.get(0).out);
        assertToBackend(out.get(0), H2, 4433, 50000, d);
        assertEquals("[2001:db8::2]:4433", only().backend().toString());
        // Later datagrams of the 4-tuple (1-RTT short headers, not readable here) follow as l4 UDP.
        byte[] shortHeader = {0x40, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        pkt.inject(P3, datagram(50000, 443, shortHeader));
        out = pkt.drain();
        assertThat(out.size(), is(1));
        assertToBackend(out.get(0), H2, 4433, 50000, shortHeader);
        // The backend's answer reaches the client from the VIP's port.
        pkt.inject(P2, TestFrames.l4v6(GW, H2_MAC, H2, CLIENT6, 17, 4433, 50000, 0, 0, 0, new byte[0],
                                       new byte[] {1, 2, 3}));
        out = pkt.drain();
        assertThat(out.size(), is(1));
        assertEquals(P3, out.get(0).out);
        assertThat(u16(out.get(0).frame, ETH + 20), is(443));
    }

    @Test
    public void clientHelloOverTwoInitialsIsHeldThenReplayedInOrder() {
        byte[][] d = initials("x.b.example", 2, QuicVersion.V2);
        pkt.inject(P3, datagram(50001, 443, d[0]));
        assertTrue("nothing sent before the name is known", pkt.drain().isEmpty());
        assertTrue("no connection before the name is known", store.connections().isEmpty());
        pkt.inject(P3, datagram(50001, 443, d[1]));
        List<RecordingPacketService.Emitted> out = pkt.drain();
        assertThat(out.size(), is(2));
        assertEquals(P2, out.get(0).out);
        assertToBackend(out.get(0), H2, 4433, 50001, d[0]);
        assertToBackend(out.get(1), H2, 4433, 50001, d[1]);
        assertEquals("[2001:db8::2]:4433", only().backend().toString());
    }

    @Test
    public void unknownNameGoesToTheDefault() {
        byte[][] d = initials("nobody.example", 2, QuicVersion.V1);
        pkt.inject(P3, datagram(50002, 443, d[1]));    // second half first
        pkt.inject(P3, datagram(50002, 443, d[0]));
        List<RecordingPacketService.Emitted> out = pkt.drain();
        assertThat(out.size(), is(2));
        assertToBackend(out.get(0), H1, 8443, 50002, d[1]);
        assertToBackend(out.get(1), H1, 8443, 50002, d[0]);
    }

    @Test
    public void noRouteAndNoDefaultIsDroppedWithoutState() {
        byte[][] good = initials("a.example", 2, QuicVersion.V1);
        pkt.inject(P3, datagram(50003, 444, good[0]));
        pkt.inject(P3, datagram(50003, 444, good[1]));
        assertThat(pkt.drain().size(), is(2));
        byte[][] d = initials("z.example", 2, QuicVersion.V1);
        pkt.inject(P3, datagram(50004, 444, d[0]));
        pkt.inject(P3, datagram(50004, 444, d[1]));
        assertTrue(pkt.drain().isEmpty());
        assertThat(mgr.getCounters().drops(DropReason.NO_ROUTE), is(2L));
        assertThat(store.connections().size(), is(1));
    }

    @Test
    public void fragmentedInitialIsDroppedWithoutState() {
        byte[] d = RfcVectors.hex(RfcVectors.V1_PACKET);
        pkt.inject(P3, datagram(50006, 443, d));
        assertThat(pkt.drain().size(), is(1));
        byte[] f = datagram(50007, 443, d);
        f[ETH + 6] |= 0x20;   // More Fragments: the first fragment of a larger datagram
        f[ETH + 10] = 0;
        f[ETH + 11] = 0;
        long sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += u16(f, ETH + i);
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        f[ETH + 10] = (byte) (~sum >>> 8);
        f[ETH + 11] = (byte) ~sum;
        pkt.inject(P3, f);
        assertTrue(pkt.drain().isEmpty());
        assertThat(mgr.getCounters().drops(DropReason.FRAGMENT), is(1L));
        assertThat(store.connections().size(), is(1));
    }

    @Test
    public void garbageAndOtherVersionsAreCountedAndStoreNothing() {
        byte[][] good = initials("a.example", 2, QuicVersion.V1);
        pkt.inject(P3, datagram(50005, 443, good[0]));
        assertTrue(pkt.drain().isEmpty());
        byte[] garbage = new byte[1300];
        new Random(1).nextBytes(garbage);
        garbage[0] = 0x40;   // a short header: no Initial
        for (int port = 51000; port < 51100; port++) {
            pkt.inject(P3, datagram(port, 443, garbage));
            pkt.inject(P3, datagram(port, 443, new byte[] {1, 2, 3}));
        }
        byte[] otherVersion = good[0].clone();
        otherVersion[4] = 2;
        pkt.inject(P3, datagram(52000, 443, otherVersion));
        assertTrue(pkt.drain().isEmpty());
        assertThat(mgr.getCounters().drops(DropReason.QUIC_NOT_INITIAL), is(200L));
        assertThat(mgr.getCounters().drops(DropReason.QUIC_VERSION), is(1L));
        assertTrue(store.connections().isEmpty());
        // The client that sent a valid Initial is still pending, and completes.
        pkt.inject(P3, datagram(50005, 443, good[1]));
        assertThat(pkt.drain().size(), is(2));
        assertThat(store.connections().size(), is(1));
    }
}
