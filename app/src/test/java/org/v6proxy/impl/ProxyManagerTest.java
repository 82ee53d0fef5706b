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

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.ICMP6;
import org.onlab.packet.IPv6;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.ndp.NeighborAdvertisement;
import org.onlab.packet.ndp.NeighborDiscoveryOptions;
import org.onosproject.TestApplicationId;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.IPCriterion;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.Direction;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.ProxyEvent;
import org.v6proxy.neighbor.BackendResolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.impl.TestFrames.ETH;
import static org.v6proxy.impl.TestFrames.u16;
import static org.v6proxy.impl.TestFrames.u32;

/**
 * The manager and its packet processor driven through ONOS adapters: config
 * handling, neighbour answers, the L4 path in both directions, teardown,
 * expiry, resets, and a second instance continuing a connection.
 */
public class ProxyManagerTest {
    static final DeviceId DEV = DeviceId.deviceId("of:0000000000000001");
    static final ConnectPoint P1 = new ConnectPoint(DEV, PortNumber.portNumber(1));
    static final ConnectPoint P2 = new ConnectPoint(DEV, PortNumber.portNumber(2));
    static final ConnectPoint P3 = new ConnectPoint(DEV, PortNumber.portNumber(3));
    static final long GW = 0x020000004601L;
    static final long H1_MAC = 0x020000000001L;
    static final long H2_MAC = 0x020000000002L;
    static final long H3_MAC = 0x020000000003L;
    static final int CLIENT = Ip4Address.valueOf("10.0.0.3").toInt();
    static final int VIP = Ip4Address.valueOf("10.0.0.43").toInt();
    static final int ROUTER = Ip4Address.valueOf("192.0.2.1").toInt();
    static final byte[] H1 = Ip6Address.valueOf("2001:db8::1").toOctets();
    static final byte[] H2 = Ip6Address.valueOf("2001:db8::2").toOctets();
    static final byte[] CLIENT6 = Ip6Address.valueOf("2001:db8:46::a00:3").toOctets();
    static final byte[] NO_OPTS = new byte[0];
    static final byte[] MSS_1460 = {2, 4, 0x05, (byte) 0xb4};
    static final byte[] MSS_1500 = {2, 4, 0x05, (byte) 0xdc};

    static final String CONFIG = "{ \"clientPrefix\": \"2001:db8:46::/96\", \"gatewayMac\": \"02:00:00:00:46:01\","
            + " \"services\": ["
            + "  { \"name\": \"iperf\", \"vip\": \"10.0.0.43\", \"port\": 5201, \"mode\": \"l4\","
            + "    \"defaultBackend\": \"[2001:db8::1]:5201\" },"
            + "  { \"name\": \"ssh\", \"vip\": \"10.0.0.43\", \"port\": 2222, \"mode\": \"l4\","
            + "    \"defaultBackend\": \"[2001:db8::2]:22\" },"
            + "  { \"name\": \"dns\", \"vip\": \"10.0.0.43\", \"port\": 53, \"protocol\": \"udp\", \"mode\": \"l4\","
            + "    \"defaultBackend\": \"[2001:db8::1]:5353\" }"
            + " ] }";

    static final String CONFIG_WITHOUT_IPERF = CONFIG.replace(
            "  { \"name\": \"iperf\", \"vip\": \"10.0.0.43\", \"port\": 5201, \"mode\": \"l4\","
                    + "    \"defaultBackend\": \"[2001:db8::1]:5201\" },", "");

    private final ApplicationId appId = new TestApplicationId(ProxyManager.APP_NAME);
    private SharedStorageService storage;
    private TestConfigRegistry cfg;
    private TestHostService hosts;
    private RecordingPacketService pkt;
    private ProxyManager mgr;
    private Instance first;
    private DistributedConnectionStore store;
    private final List<ProxyEvent> events = new ArrayList<>();

    /** One manager wired like an ONOS instance, over shared storage and config. */
    private static final class Instance {
        final ProxyManager mgr = new ProxyManager();
        final DistributedConnectionStore store = new DistributedConnectionStore();
        final RecordingPacketService pkt = new RecordingPacketService();
        final TestMastership mastership = new TestMastership();

        ProxyPacketProcessor processor() {
            return (ProxyPacketProcessor) pkt.processors.get(0);
        }
    }

    private Instance instance(SharedStorageService st, TestConfigRegistry reg, TestHostService hs) {
        Instance i = new Instance();
        ManagerWiring.wire(i.mgr, i.store, st, i.pkt, reg, hs, i.mastership, appId);
        return i;
    }

    @Before
    public void setUp() {
        storage = new SharedStorageService();
        cfg = new TestConfigRegistry();
        hosts = new TestHostService();
        Instance i = instance(storage, cfg, hosts);
        first = i;
        mgr = i.mgr;
        store = i.store;
        pkt = i.pkt;
        mgr.addListener(events::add);
        cfg.apply(appId, V6ProxyConfig.class, CONFIG);
        hosts.add(IpAddress.valueOf("2001:db8::1"), MacAddress.valueOf(H1_MAC), new HostLocation(P1, 0));
        hosts.add(IpAddress.valueOf("2001:db8::2"), MacAddress.valueOf(H2_MAC), new HostLocation(P2, 0));
    }

    @After
    public void tearDown() {
        mgr.deactivate();
        store.deactivate();
    }

    private byte[] clientSyn(int sport, int dport) {
        return TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, sport, dport, 1000, 0, 0x02, MSS_1460, NO_OPTS);
    }

    private RecordingPacketService.Emitted only() {
        List<RecordingPacketService.Emitted> out = pkt.drain();
        assertEquals("frames emitted", 1, out.size());
        return out.get(0);
    }

    private static boolean hasDst(TrafficSelector s, String prefix) {
        Criterion c = s.getCriterion(Criterion.Type.IPV4_DST);
        return c != null && ((IPCriterion) c).ip().toString().equals(prefix);
    }

    @Test
    public void configAppliedAndEventsPosted() {
        assertThat(mgr.getServices().size(), is(3));
        assertTrue(mgr.getService("iperf").isPresent());
        assertEquals("2001:db8:46::/96", mgr.getSettings().get().clientPrefix().toString());
        assertThat(events.size(), is(3));
        assertTrue(events.stream().allMatch(e -> e.type() == ProxyEvent.Type.SERVICE_ADDED));
    }

    @Test
    public void interceptsFollowConfig() {
        // ARP, all IPv4 to each VIP (ports, fragments, ICMP), IPv6 to the prefix, NS
        assertThat(pkt.requests.size(), is(4));
        TrafficSelector vip = pkt.requests.stream().filter(s -> hasDst(s, "10.0.0.43/32")).findFirst().get();
        assertThat(vip.criteria().size(), is(2));
        // The VIP keeps other services: its intercept stays.
        cfg.apply(appId, V6ProxyConfig.class, CONFIG_WITHOUT_IPERF);
        assertThat(pkt.requests.size(), is(4));
        assertTrue(pkt.cancelled.isEmpty());
        cfg.removeConfig(appId, V6ProxyConfig.class);
        assertTrue("all intercepts withdrawn", pkt.requests.isEmpty());
    }

    @Test
    public void invalidConfigKeepsRunningConfig() {
        cfg.applyUnchecked(appId, V6ProxyConfig.class, CONFIG.replace("2001:db8:46::/96", "2001:db8:46::/95"));
        assertThat(mgr.getServices().size(), is(3));
        assertNotNull(mgr.lastConfigError());
        assertTrue(mgr.lastConfigError(), mgr.lastConfigError().contains("clientPrefix"));
    }

    @Test
    public void l4SynTranslatedToBackend() {
        assertTrue(pkt.inject(P3, clientSyn(40000, 5201)));
        RecordingPacketService.Emitted e = only();
        byte[] f = e.frame;
        assertEquals(P1, e.out);
        assertArrayEquals(TestFrames.mac(H1_MAC), java.util.Arrays.copyOfRange(f, 0, 6));
        assertArrayEquals(TestFrames.mac(GW), java.util.Arrays.copyOfRange(f, 6, 12));
        assertThat(u16(f, 12), is(0x86dd));
        assertArrayEquals(CLIENT6, java.util.Arrays.copyOfRange(f, ETH + 8, ETH + 24));
        assertArrayEquals(H1, java.util.Arrays.copyOfRange(f, ETH + 24, ETH + 40));
        assertThat("hop limit decremented", f[ETH + 7] & 0xff, is(63));
        int tcp = ETH + 40;
        assertThat(u16(f, tcp), is(40000));
        assertThat(u16(f, tcp + 2), is(5201));
        assertThat("client's own ISN", u32(f, tcp + 4), is(1000));
        assertThat(f[tcp + 13] & 0xff, is(0x02));
        assertThat("MSS clamped to ipv6Mtu - 60", u16(f, tcp + 22), is(1440));
        assertTrue("TCP checksum", TestFrames.l4Ok6(f, ETH));
        assertTrue("a SYN writes nothing to the map", store.connections().isEmpty());
        ConnectionEntry local = store.find4(6, CLIENT, 40000, VIP, 5201);
        Connection c = local.record();
        assertTrue(local.halfOpen());
        assertThat(c.state(), is(ConnectionState.SYN_SENT));
        assertThat(c.service(), is("iperf"));
        assertThat(c.clientLocation(), is(P3));
        assertThat(processor().halfOpenCount(), is(1));
        assertThat(mgr.getConnectionCount("iperf"), is(0));
    }

    /** The client's SYN and the backend's SYN-ACK; the SYN-ACK's translation is left to drain. */
    private void synAck(int sport, int vport, byte[] backend, int bport) {
        pkt.inject(P3, clientSyn(sport, vport));
        pkt.drain();
        pkt.inject(P1, TestFrames.l4v6(GW, H1_MAC, backend, CLIENT6, 6, bport, sport, 5000, 1001, 0x12,
                                       MSS_1500, NO_OPTS));
    }

    /** The whole handshake: SYN, SYN-ACK, the client's ACK (nothing left to drain). */
    private void establish(int sport, int vport, byte[] backend, int bport) {
        synAck(sport, vport, backend, bport);
        pkt.drain();
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, sport, vport, 1001, 5001, 0x10, NO_OPTS, NO_OPTS));
        pkt.drain();
    }

    @Test
    public void backendSynAckTranslatedToClient() {
        synAck(40000, 5201, H1, 5201);
        RecordingPacketService.Emitted e = only();
        byte[] f = e.frame;
        assertEquals(P3, e.out);
        assertArrayEquals(TestFrames.mac(H3_MAC), java.util.Arrays.copyOfRange(f, 0, 6));
        assertThat(u16(f, 12), is(0x0800));
        assertThat(u32(f, ETH + 12), is(VIP));
        assertThat(u32(f, ETH + 16), is(CLIENT));
        assertThat("TTL decremented", f[ETH + 8] & 0xff, is(63));
        assertTrue(TestFrames.ip4HeaderOk(f, ETH));
        assertTrue(TestFrames.l4Ok4(f, ETH));
        int tcp = ETH + 20;
        assertThat(u16(f, tcp), is(5201));
        assertThat(u16(f, tcp + 2), is(40000));
        assertThat(u32(f, tcp + 4), is(5000));
        assertThat(u32(f, tcp + 8), is(1001));
        assertThat("MSS clamped to ipv4Mtu - 40", u16(f, tcp + 22), is(1460));
        assertTrue("still half-open: nothing in the map until the client's ACK", store.connections().isEmpty());
        assertThat(mgr.getCounters().packets(Direction.BACKEND_TO_CLIENT), is(1L));
        assertThat(mgr.getCounters().packets(Direction.CLIENT_TO_BACKEND), is(1L));
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40000, 5201, 1001, 5001, 0x10, NO_OPTS, NO_OPTS));
        assertEquals(P1, only().out);
        assertThat(store.connections().iterator().next().state(), is(ConnectionState.ESTABLISHED));
        assertThat(processor().halfOpenCount(), is(0));
    }

    @Test
    public void backendPortDifferentFromServicePort() {
        pkt.inject(P3, clientSyn(40001, 2222));
        RecordingPacketService.Emitted e = only();
        assertEquals(P2, e.out);
        assertThat(u16(e.frame, ETH + 40 + 2), is(22));
        assertTrue(TestFrames.l4Ok6(e.frame, ETH));
        pkt.inject(P2, TestFrames.l4v6(GW, H2_MAC, H2, CLIENT6, 6, 22, 40001, 7, 1001, 0x12, NO_OPTS, NO_OPTS));
        byte[] back = only().frame;
        assertThat(u16(back, ETH + 20), is(2222));
        assertTrue(TestFrames.l4Ok4(back, ETH));
    }

    @Test
    public void dataBothWaysWithChecksums() {
        establish(40000, 5201, H1, 5201);
        pkt.drain();
        byte[] data = "hello backend".getBytes();
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40000, 5201, 1001, 5001, 0x18, NO_OPTS, data));
        byte[] f = only().frame;
        assertTrue(TestFrames.l4Ok6(f, ETH));
        assertArrayEquals(data, java.util.Arrays.copyOfRange(f, ETH + 60, f.length));
        byte[] reply = "hello client".getBytes();
        pkt.inject(P1, TestFrames.l4v6(GW, H1_MAC, H1, CLIENT6, 6, 5201, 40000, 5001, 1014, 0x18,
                                       NO_OPTS, reply));
        byte[] g = only().frame;
        assertTrue(TestFrames.l4Ok4(g, ETH));
        assertArrayEquals(reply, java.util.Arrays.copyOfRange(g, ETH + 40, g.length));
        ConnectionKey key = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf(CLIENT), 40000,
                                              Ip4Address.valueOf(VIP), 5201);
        org.v6proxy.api.ConnectionStats st = mgr.getConnectionStats(key).get();
        assertThat(st.packets(Direction.CLIENT_TO_BACKEND), is(3L));
        assertThat(st.bytes(Direction.CLIENT_TO_BACKEND), is(44L + 40L + 53L));
        assertThat(st.packets(Direction.BACKEND_TO_CLIENT), is(2L));
        assertThat(st.bytes(Direction.BACKEND_TO_CLIENT), is(64L + 72L));
        assertTrue(st.idleMillis() >= 0);
    }

    @Test
    public void wrongIncomingChecksumStaysWrong() {
        byte[] syn = clientSyn(40000, 5201);
        syn[ETH + 20 + 17] ^= 0x01;
        pkt.inject(P3, syn);
        assertFalse("a corrupted checksum is not repaired", TestFrames.l4Ok6(only().frame, ETH));
    }

    @Test
    public void finBothWaysThenLingerExpiry() {
        establish(40000, 5201, H1, 5201);
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40000, 5201, 1001, 5001, 0x11, NO_OPTS, NO_OPTS));
        assertThat(store.connections().iterator().next().state(), is(ConnectionState.HALF_CLOSED));
        pkt.inject(P1, TestFrames.l4v6(GW, H1_MAC, H1, CLIENT6, 6, 5201, 40000, 5001, 1002, 0x11,
                                       NO_OPTS, NO_OPTS));
        assertThat(store.connections().iterator().next().state(), is(ConnectionState.CLOSING));
        pkt.drain();
        // The last ACK still crosses during the linger.
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40000, 5201, 1002, 5002, 0x10, NO_OPTS, NO_OPTS));
        assertThat(pkt.drain().size(), is(1));
        processor().reap(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        assertThat(store.connections().size(), is(1));
        processor().reap(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        assertTrue("closed connection expired after the linger", store.connections().isEmpty());
        assertThat(mgr.getConnectionCount("iperf"), is(0));
    }

    @Test
    public void countersKeepTheTrafficOfEndedConnectionsAndReset() {
        establish(40000, 5201, H1, 5201);
        byte[] data = TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40000, 5201, 1001, 5001, 0x18, NO_OPTS, new byte[100]);
        pkt.inject(P3, data);
        assertThat(mgr.getCounters().packets(Direction.CLIENT_TO_BACKEND), is(3L));
        assertThat("IP bytes: the SYN (44), the handshake ACK (40) and the data segment (140)",
                   mgr.getCounters().bytes(Direction.CLIENT_TO_BACKEND), is(44L + 40L + 140L));
        assertTrue(mgr.removeConnection(store.connections().iterator().next().key()));
        assertTrue(store.connections().isEmpty());
        assertThat(mgr.getCounters().packets(Direction.CLIENT_TO_BACKEND), is(3L));
        assertThat(mgr.getCounters().packets(Direction.BACKEND_TO_CLIENT), is(1L));
        mgr.resetCounters();
        assertThat(mgr.getCounters().packets(Direction.CLIENT_TO_BACKEND), is(0L));
        assertThat(mgr.getCounters().bytes(Direction.BACKEND_TO_CLIENT), is(0L));
        establish(40001, 5201, H1, 5201);
        assertThat(mgr.getCounters().packets(Direction.CLIENT_TO_BACKEND), is(2L));
        assertThat(mgr.getCounters().packets(Direction.BACKEND_TO_CLIENT), is(1L));
    }

    @Test
    public void dataFollowsABackendThatMovedOnceItsOldLocationIsSilent() throws InterruptedException {
        establish(40000, 5201, H1, 5201);
        pkt.drain();
        byte[] data = TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40000, 5201, 1001, 5001, 0x18, NO_OPTS, new byte[10]);
        pkt.inject(P3, data);
        assertEquals(P1, only().out);
        long newMac = 0x020000000099L;
        hosts.add(IpAddress.valueOf("2001:db8::1"), MacAddress.valueOf(newMac), new HostLocation(P2, 0));
        pkt.inject(P3, data);
        // The move is verified first: data stays at P1, and P1 gets a solicitation for 2001:db8::1.
        boolean moved = false;
        int solicitations = 0;
        for (int i = 0; i < 100 && !moved; i++) {
            for (RecordingPacketService.Emitted e : pkt.drain()) {
                if (isSolicitation(e.frame)) {
                    assertEquals(P1, e.out);
                    solicitations++;
                } else {
                    moved = e.out.equals(P2);
                    assertTrue("data goes to P1 or, after the verification, to P2",
                               moved || e.out.equals(P1));
                    if (moved) {
                        assertArrayEquals(TestFrames.mac(newMac), java.util.Arrays.copyOfRange(e.frame, 0, 6));
                    }
                }
            }
            Thread.sleep(50);
            pkt.inject(P3, data);
        }
        assertTrue("moved once the old location stayed silent", moved);
        assertThat(solicitations, is(BackendResolver.VERIFY_PROBES));
        assertThat(mgr.getCounters().drops(DropReason.BACKEND_MOVE_REFUSED), is(0L));
    }

    @Test
    public void hijackIsRefusedWhenTheBackendAnswersAtItsLocation() throws InterruptedException {
        establish(40000, 5201, H1, 5201);
        pkt.drain();
        byte[] data = TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40000, 5201, 1001, 5001, 0x18, NO_OPTS, new byte[10]);
        // A host at P2 claims 2001:db8::1 (as the host service reports spoofed frames).
        hosts.add(IpAddress.valueOf("2001:db8::1"), MacAddress.valueOf(H2_MAC), new HostLocation(P2, 0));
        RecordingPacketService.Emitted ns = null;
        for (int i = 0; i < 100 && ns == null; i++) {
            for (RecordingPacketService.Emitted e : pkt.drain()) {
                ns = isSolicitation(e.frame) ? e : ns;
            }
            Thread.sleep(10);
        }
        assertTrue("the old location is probed", ns != null);
        assertEquals(P1, ns.out);
        assertArrayEquals(TestFrames.mac(H1_MAC), java.util.Arrays.copyOfRange(ns.frame, 0, 6));
        // h1 answers from P1; an answer from P2 would prove nothing.
        pkt.inject(P2, advertisement(H2_MAC));
        assertThat(mgr.getCounters().drops(DropReason.BACKEND_MOVE_REFUSED), is(0L));
        pkt.inject(P1, advertisement(H1_MAC));
        for (int i = 0; i < 100 && mgr.getCounters().drops(DropReason.BACKEND_MOVE_REFUSED) == 0; i++) {
            Thread.sleep(10);
        }
        assertThat(mgr.getCounters().drops(DropReason.BACKEND_MOVE_REFUSED), is(1L));
        Thread.sleep(2 * BackendResolver.DEFAULT_VERIFY_MS);
        pkt.drain();
        pkt.inject(P3, data);
        RecordingPacketService.Emitted e = only();
        assertEquals("the connection stays with h1", P1, e.out);
        assertArrayEquals(TestFrames.mac(H1_MAC), java.util.Arrays.copyOfRange(e.frame, 0, 6));
    }

    private static boolean isSolicitation(byte[] f) {
        return f.length > ETH + 40 && TestFrames.u16(f, 12) == 0x86dd && (f[ETH + 6] & 0xff) == 58
                && (f[ETH + 40] & 0xff) == 135;
    }

    /** A solicited neighbour advertisement for 2001:db8::1 to 2001:db8:46:: from a MAC (built with onlab). */
    private static byte[] advertisement(long srcMac) {
        NeighborAdvertisement na = new NeighborAdvertisement();
        na.setTargetAddress(H1);
        na.setSolicitedFlag((byte) 1);
        na.setOverrideFlag((byte) 1);
        na.addOption(NeighborDiscoveryOptions.TYPE_TARGET_LL_ADDRESS, TestFrames.mac(srcMac));
        ICMP6 icmp6 = new ICMP6();
        icmp6.setIcmpType(ICMP6.NEIGHBOR_ADVERTISEMENT);
        icmp6.setIcmpCode((byte) 0);
        icmp6.setPayload(na);
        IPv6 ip6 = new IPv6();
        ip6.setSourceAddress(H1);
        ip6.setDestinationAddress(Ip6Address.valueOf("2001:db8:46::").toOctets());
        ip6.setHopLimit((byte) 255);
        ip6.setNextHeader(IPv6.PROTOCOL_ICMP6);
        ip6.setPayload(icmp6);
        Ethernet eth = new Ethernet();
        eth.setSourceMACAddress(TestFrames.mac(srcMac));
        eth.setDestinationMACAddress(TestFrames.mac(GW));
        eth.setEtherType(Ethernet.TYPE_IPV6);
        eth.setPayload(ip6);
        return eth.serialize();
    }

    @Test
    public void newSynOnClosedTupleStartsFresh() {
        establish(40000, 5201, H1, 5201);
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40000, 5201, 1001, 5001, 0x14, NO_OPTS, NO_OPTS));
        assertThat(store.connections().iterator().next().state(), is(ConnectionState.CLOSING));
        pkt.drain();
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40000, 5201, 9000, 0, 0x02, NO_OPTS, NO_OPTS));
        assertThat(u32(only().frame, ETH + 40 + 4), is(9000));
        assertTrue("the old record is gone, the new SYN is half-open", store.connections().isEmpty());
        assertThat(store.find4(6, CLIENT, 40000, VIP, 5201).record().state(), is(ConnectionState.SYN_SENT));
    }

    @Test
    public void idleEstablishedExpiresAfterTimeout() {
        establish(40000, 5201, H1, 5201);
        processor().reap(System.nanoTime() + TimeUnit.SECONDS.toNanos(3600));
        assertThat(store.connections().size(), is(1));
        processor().reap(System.nanoTime() + TimeUnit.SECONDS.toNanos(7441));
        assertTrue(store.connections().isEmpty());
    }

    @Test
    public void halfOpenExpiresAfterTransitoryTimeout() {
        pkt.inject(P3, clientSyn(40000, 5201));
        processor().reap(System.nanoTime() + TimeUnit.SECONDS.toNanos(61));
        assertTrue(store.connections().isEmpty());
    }

    @Test
    public void segmentWithoutConnectionIsCountedDrop() {
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40000, 5201, 1001, 5001, 0x10, NO_OPTS, NO_OPTS));
        assertTrue(pkt.drain().isEmpty());
        assertThat(mgr.getCounters().drops(DropReason.NO_CONNECTION), is(1L));
        assertTrue(store.connections().isEmpty());
    }

    @Test
    public void unservedPortAnsweredWithReset() {
        assertTrue(pkt.inject(P3, clientSyn(40000, 9999)));
        byte[] f = only().frame;
        assertThat(u32(f, ETH + 12), is(VIP));
        assertThat(u32(f, ETH + 16), is(CLIENT));
        int tcp = ETH + 20;
        assertThat("RST|ACK", f[tcp + 13] & 0xff, is(0x14));
        assertThat("acks the SYN", u32(f, tcp + 8), is(1001));
        assertTrue(TestFrames.l4Ok4(f, ETH));
        assertTrue(TestFrames.ip4HeaderOk(f, ETH));
        assertTrue(store.connections().isEmpty());
        assertThat(mgr.getCounters().drops(DropReason.NO_SERVICE), is(1L));
    }

    @Test
    public void udpMappingRoundTrip() {
        byte[] q = "query".getBytes();
        pkt.inject(P3, TestFrames.udp4(GW, H3_MAC, CLIENT, VIP, 33333, 53, q));
        RecordingPacketService.Emitted e = only();
        assertEquals(P1, e.out);
        assertThat(u16(e.frame, ETH + 40 + 2), is(5353));
        assertTrue(TestFrames.l4Ok6(e.frame, ETH));
        pkt.inject(P1, TestFrames.l4v6(GW, H1_MAC, H1, CLIENT6, 17, 5353, 33333, 0, 0, 0, NO_OPTS,
                                       "answer".getBytes()));
        byte[] back = only().frame;
        assertThat(u16(back, ETH + 20), is(53));
        assertTrue(TestFrames.l4Ok4(back, ETH));
        assertThat(store.connections().iterator().next().key().protocol(), is(Protocol.UDP));
        processor().reap(System.nanoTime() + TimeUnit.SECONDS.toNanos(301));
        assertTrue(store.connections().isEmpty());
    }

    @Test
    public void removedServiceResetsItsConnections() {
        establish(40000, 5201, H1, 5201);
        pkt.drain();
        cfg.apply(appId, V6ProxyConfig.class, CONFIG_WITHOUT_IPERF);
        List<RecordingPacketService.Emitted> out = pkt.drain();
        assertThat(out.size(), is(2));
        RecordingPacketService.Emitted toClient = out.stream().filter(x -> x.out.equals(P3)).findFirst().get();
        RecordingPacketService.Emitted toBackend = out.stream().filter(x -> x.out.equals(P1)).findFirst().get();
        assertThat(toClient.frame[ETH + 20 + 13] & 0x04, is(0x04));
        assertThat("RST in the client's window", u32(toClient.frame, ETH + 20 + 4), is(5001));
        assertTrue(TestFrames.l4Ok4(toClient.frame, ETH));
        assertThat(toBackend.frame[ETH + 40 + 13] & 0x04, is(0x04));
        assertThat("RST in the backend's window", u32(toBackend.frame, ETH + 40 + 4), is(1001));
        assertTrue(TestFrames.l4Ok6(toBackend.frame, ETH));
        assertTrue(store.connections().isEmpty());
        assertTrue(events.stream().anyMatch(e -> e.type() == ProxyEvent.Type.SERVICE_REMOVED));
    }

    @Test
    public void adminRemoveConnectionResets() {
        establish(40000, 5201, H1, 5201);
        pkt.drain();
        ConnectionKey key = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf(CLIENT), 40000,
                                              Ip4Address.valueOf(VIP), 5201);
        assertTrue(mgr.removeConnection(key));
        assertThat(pkt.drain().size(), is(2));
        assertFalse(mgr.removeConnection(key));
    }

    @Test
    public void secondInstanceContinuesConnection() {
        establish(40000, 5201, H1, 5201);
        pkt.drain();
        Instance other = instance(storage, cfg, hosts);
        try {
            byte[] data = "after failover".getBytes();
            other.pkt.inject(P1, TestFrames.l4v6(GW, H1_MAC, H1, CLIENT6, 6, 5201, 40000, 5001, 1001, 0x18,
                                                 NO_OPTS, data));
            List<RecordingPacketService.Emitted> out = other.pkt.drain();
            assertThat(out.size(), is(1));
            assertEquals(P3, out.get(0).out);
            assertTrue(TestFrames.l4Ok4(out.get(0).frame, ETH));
            other.pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40000, 5201, 1001, 5015, 0x10,
                                                 NO_OPTS, NO_OPTS));
            assertThat(other.pkt.drain().get(0).out, is(P1));
        } finally {
            other.mgr.deactivate();
            other.store.deactivate();
        }
    }

    @Test
    public void onlyTheMasterOfTheClientsDeviceExpiresAConnection() {
        establish(40000, 5201, H1, 5201);
        Instance other = instance(storage, cfg, hosts);
        try {
            long now = System.nanoTime();
            long later = now + TimeUnit.HOURS.toNanos(3);
            other.mastership.master.set(false);
            other.processor().reap(later);
            assertThat("another instance's idle connection is not this one's to expire",
                       store.connections().size(), is(1));
            // Mastership moves (rebalancing, or the first instance failed): the old carrier leaves it alone...
            first.mastership.master.set(false);
            other.mastership.master.set(true);
            processor().reap(later);
            assertThat(store.connections().size(), is(1));
            // ...and the new master gives it a whole idle period from when it took over.
            other.processor().reap(later);
            other.processor().reap(later + TimeUnit.SECONDS.toNanos(7439));
            assertThat(store.connections().size(), is(1));
            other.processor().reap(later + TimeUnit.SECONDS.toNanos(7441));
            assertTrue("expired cluster-wide by the new master", store.connections().isEmpty());
            assertNull(other.store.find4(6, CLIENT, 40000, VIP, 5201));
            assertNull(store.find4(6, CLIENT, 40000, VIP, 5201));
        } finally {
            other.mgr.deactivate();
            other.store.deactivate();
        }
    }

    @Test
    public void connectionsOfADeviceWithoutMasterAreExpiredAnyway() {
        establish(40000, 5201, H1, 5201);
        first.mastership.master.set(false);
        first.mastership.masterElsewhere.set(false);
        long later = System.nanoTime() + TimeUnit.HOURS.toNanos(3);
        processor().reap(later);
        assertTrue("nobody receives its packets any more", store.connections().isEmpty());
    }

    @Test
    public void unknownBackendProbedAndHeldFramesSentWhenFound() throws InterruptedException {
        hosts.hosts.remove(IpAddress.valueOf("2001:db8::2"));
        TestHostService fresh = hosts;
        // A new instance has an empty location cache.
        Instance other = instance(storage, cfg, fresh);
        try {
            other.pkt.inject(P3, clientSyn(40002, 2222));
            assertTrue(other.pkt.drain().isEmpty());
            assertTrue(fresh.probes.contains(IpAddress.valueOf("2001:db8::2")));
            fresh.add(IpAddress.valueOf("2001:db8::2"), MacAddress.valueOf(H2_MAC), new HostLocation(P2, 0));
            // Held frames are released on the manager's timer thread.
            for (int i = 0; i < 200 && other.pkt.emitted.isEmpty(); i++) {
                Thread.sleep(10);
            }
            List<RecordingPacketService.Emitted> out = other.pkt.drain();
            assertThat(out.size(), is(1));
            assertEquals(P2, out.get(0).out);
            assertArrayEquals(TestFrames.mac(H2_MAC), java.util.Arrays.copyOfRange(out.get(0).frame, 0, 6));
        } finally {
            other.mgr.deactivate();
            other.store.deactivate();
        }
    }

    @Test
    public void ttlExpiredAnsweredToSender() {
        byte[] syn = clientSyn(40000, 5201);
        syn[ETH + 8] = 1;
        syn[ETH + 10] = 0;
        syn[ETH + 11] = 0;
        int c = 0xffff - TestFrames.onesSum(syn, ETH, 20, 0);
        syn[ETH + 10] = (byte) (c >> 8);
        syn[ETH + 11] = (byte) c;
        pkt.inject(P3, syn);
        RecordingPacketService.Emitted e = only();
        assertEquals(P3, e.out);
        assertThat(u16(e.frame, 12), is(0x0800));
        assertThat("ICMP", e.frame[ETH + 9] & 0xff, is(1));
        assertThat("time exceeded", e.frame[ETH + 20] & 0xff, is(11));
        assertThat(mgr.getCounters().drops(DropReason.TTL_EXPIRED), is(1L));
    }

    @Test
    public void pingToVipAnswered() {
        byte[] echo = TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 0, 0, 0, 0, 0, NO_OPTS, NO_OPTS);
        // Turn the TCP frame into an ICMP echo request: protocol 1, type 8, id/seq, checksum.
        echo[ETH + 9] = 1;
        echo[ETH + 10] = 0;
        echo[ETH + 11] = 0;
        int c = 0xffff - TestFrames.onesSum(echo, ETH, 20, 0);
        echo[ETH + 10] = (byte) (c >> 8);
        echo[ETH + 11] = (byte) c;
        int icmp = ETH + 20;
        java.util.Arrays.fill(echo, icmp, echo.length, (byte) 0);
        echo[icmp] = 8;
        echo[icmp + 5] = 7;
        int ic = 0xffff - TestFrames.onesSum(echo, icmp, echo.length - icmp, 0);
        echo[icmp + 2] = (byte) (ic >> 8);
        echo[icmp + 3] = (byte) ic;
        pkt.inject(P3, echo);
        byte[] r = only().frame;
        assertThat(r[ETH + 20] & 0xff, is(0));
        assertThat(u32(r, ETH + 12), is(VIP));
        assertThat(TestFrames.onesSum(r, ETH + 20, r.length - ETH - 20, 0), is(0xffff));
    }

    @Test
    public void malformedFramesAreCountedNeverThrown() {
        byte[] syn = clientSyn(40000, 5201);
        for (int len = 0; len < syn.length; len++) {
            pkt.inject(P3, java.util.Arrays.copyOf(syn, len));
        }
        byte[] ack = TestFrames.l4v6(GW, H1_MAC, H1, CLIENT6, 6, 5201, 40000, 5001, 1001, 0x10, NO_OPTS,
                                     new byte[32]);
        for (int len = 0; len < ack.length; len++) {
            pkt.inject(P1, java.util.Arrays.copyOf(ack, len));
        }
        Random rnd = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] f = (i % 2 == 0 ? syn : ack).clone();
            for (int k = 0; k < 3; k++) {
                f[ETH + rnd.nextInt(f.length - ETH)] = (byte) rnd.nextInt(256);
            }
            pkt.inject(i % 2 == 0 ? P3 : P1, f);
        }
        assertThat(mgr.getCounters().drops(DropReason.INTERNAL_ERROR), is(0L));
        assertTrue(mgr.getCounters().drops(DropReason.MALFORMED) > 0);
    }

    @Test
    public void adminServiceEditsGoThroughNetworkConfig() {
        mgr.removeService("dns");
        assertFalse(mgr.getService("dns").isPresent());
        assertThat(((V6ProxyConfig) cfg.getConfig(appId, V6ProxyConfig.class)).services().size(), is(2));
        try {
            mgr.addService(mgr.getService("ssh").get().toBuilder().name("ssh2").build());
            throw new AssertionError("duplicate VIP:port accepted");
        } catch (IllegalArgumentException expected) {
            assertThat(mgr.getServices().size(), is(2));
        }
    }

    @Test
    public void packetTooBigFromBackendBecomesFragmentationNeeded() {
        pkt.inject(P3, clientSyn(40001, 2222));
        byte[] sent = only().frame;
        // The backend quotes the start of the translated segment it could not forward (RFC 4443 3.2).
        int quoted = 40 + 20 + 4;
        byte[] quote = java.util.Arrays.copyOfRange(sent, ETH, ETH + quoted);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(ETH + 40 + 8 + quoted);
        bb.put(TestFrames.mac(GW)).put(TestFrames.mac(H2_MAC)).putShort((short) 0x86dd);
        bb.putInt(0x60000000).putShort((short) (8 + quoted)).put((byte) 58).put((byte) 64).put(H2).put(CLIENT6);
        bb.put((byte) 2).put((byte) 0).putShort((short) 0).putInt(1400).put(quote);
        byte[] ptb = bb.array();
        long pseudo = 0;
        for (int i = 8; i < 40; i += 2) {
            pseudo += u16(ptb, ETH + i);
        }
        pseudo += 8 + quoted + 58;
        int c = 0xffff - TestFrames.onesSum(ptb, ETH + 40, 8 + quoted, pseudo);
        ptb[ETH + 40 + 2] = (byte) (c >> 8);
        ptb[ETH + 40 + 3] = (byte) c;
        pkt.inject(P2, ptb);
        RecordingPacketService.Emitted e = only();
        byte[] f = e.frame;
        assertEquals(P3, e.out);
        assertThat(u32(f, ETH + 12), is(VIP));
        assertThat(u32(f, ETH + 16), is(CLIENT));
        int icmp = ETH + 20;
        assertThat("destination unreachable", f[icmp] & 0xff, is(3));
        assertThat("fragmentation needed", f[icmp + 1] & 0xff, is(4));
        assertThat("RFC 7915 5.2: MTU - 20", u16(f, icmp + 6), is(1380));
        int inner = icmp + 8;
        assertThat(u32(f, inner + 12), is(CLIENT));
        assertThat(u32(f, inner + 16), is(VIP));
        assertThat("quoted destination port is the service port", u16(f, inner + 20 + 2), is(2222));
        assertThat(TestFrames.onesSum(f, icmp, f.length - icmp, 0), is(0xffff));
        assertTrue(TestFrames.ip4HeaderOk(f, ETH));
    }

    /** Opens a connection to the ssh service (port 2222 to [2001:db8::2]:22); returns the SYN-ACK the client got. */
    private byte[] sshSynAck(int sport) {
        pkt.inject(P3, clientSyn(sport, 2222));
        pkt.drain();
        pkt.inject(P2, TestFrames.l4v6(GW, H2_MAC, H2, CLIENT6, 6, 22, sport, 5000, 1001, 0x12, MSS_1500, NO_OPTS));
        return only().frame;
    }

    private static byte[] icmp4Error(byte[] toClient, int type, int code, int mtu) {
        return TestFrames.icmp4Error(GW, H3_MAC, ROUTER, VIP, toClient, type, code, mtu);
    }

    @Test
    public void fragmentationNeededOnTheClientSideBecomesPacketTooBigToTheBackend() {
        byte[] synAck = sshSynAck(40001);
        // A link narrower than 1500 bytes between the proxy and the client: its router answers a full-size
        // segment from the VIP with Fragmentation Needed (RFC 1191).
        pkt.inject(P3, icmp4Error(synAck, 3, 4, 1400));
        RecordingPacketService.Emitted e = only();
        byte[] f = e.frame;
        assertEquals("to the backend's port", P2, e.out);
        assertThat(u16(f, 12), is(0x86dd));
        assertArrayEquals(H2, java.util.Arrays.copyOfRange(f, ETH + 24, ETH + 40));
        int icmp = ETH + 40;
        assertThat("packet too big", f[icmp] & 0xff, is(2));
        assertThat(f[icmp + 1] & 0xff, is(0));
        assertThat("RFC 7915 4.2: MTU + 20", u32(f, icmp + 4), is(1420));
        int inner = icmp + 8;
        assertArrayEquals("quoted as the backend sent it", H2, java.util.Arrays.copyOfRange(f, inner + 8, inner + 24));
        assertArrayEquals(CLIENT6, java.util.Arrays.copyOfRange(f, inner + 24, inner + 40));
        assertThat("the backend's own port", u16(f, inner + 40), is(22));
        assertThat(u16(f, inner + 42), is(40001));
        assertThat("the backend's sequence number", u32(f, inner + 44), is(5000));
        assertTrue("ICMPv6 checksum", TestFrames.l4Ok6(f, ETH));
    }

    @Test
    public void portUnreachableFromTheClientReachesTheBackend() {
        pkt.inject(P3, TestFrames.udp4(GW, H3_MAC, CLIENT, VIP, 40002, 53, new byte[12]));
        pkt.drain();
        pkt.inject(P1, TestFrames.l4v6(GW, H1_MAC, H1, CLIENT6, 17, 5353, 40002, 0, 0, 0, NO_OPTS, new byte[12]));
        byte[] reply = only().frame;
        pkt.inject(P3, icmp4Error(reply, 3, 3, 0));
        byte[] f = only().frame;
        assertThat("destination unreachable", f[ETH + 40] & 0xff, is(1));
        assertThat("port unreachable", f[ETH + 41] & 0xff, is(4));
        assertThat(u16(f, ETH + 48 + 40), is(5353));
        assertTrue("ICMPv6 checksum", TestFrames.l4Ok6(f, ETH));
    }

    @Test
    public void icmpErrorsAboutNoConnectionAreCountedDrops() {
        byte[] synAck = sshSynAck(40003);
        byte[] stray = synAck.clone();
        stray[ETH + 20 + 2] = 0x11;   // another client port: no such connection
        pkt.inject(P3, icmp4Error(stray, 3, 4, 1400));
        assertTrue(pkt.drain().isEmpty());
        assertThat(mgr.getCounters().drops(DropReason.ICMP_UNTRANSLATABLE), is(1L));
        byte[] laterFragment = synAck.clone();
        laterFragment[ETH + 7] = 100;   // quotes a later fragment: its first bytes are data, not ports
        pkt.inject(P3, icmp4Error(laterFragment, 3, 4, 1400));
        assertTrue(pkt.drain().isEmpty());
        assertThat(mgr.getCounters().drops(DropReason.ICMP_UNTRANSLATABLE), is(2L));
        byte[] error = icmp4Error(synAck, 3, 4, 1400);
        for (int len = ETH + 20; len < error.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(error, len);
            cut[ETH + 3] = (byte) (len - ETH);   // a consistent total length: the quote itself is short
            pkt.inject(P3, cut);
        }
        pkt.drain();
        assertThat(mgr.getCounters().drops(DropReason.INTERNAL_ERROR), is(0L));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Injects frames at one port; returns what was emitted, all of it out of the other. */
    private List<byte[]> forwarded(List<byte[]> frames, ConnectPoint in, ConnectPoint out) {
        frames.forEach(f -> pkt.inject(in, f));
        List<byte[]> sent = new ArrayList<>();
        for (RecordingPacketService.Emitted e : pkt.drain()) {
            assertEquals(out, e.out);
            sent.add(e.frame);
        }
        return sent;
    }

    @Test
    public void aBackendsFragmentedDatagramReachesTheClient() {
        pkt.inject(P3, TestFrames.udp4(GW, H3_MAC, CLIENT, VIP, 40010, 53, new byte[12]));
        pkt.drain();
        // A large UDP answer (DNS with EDNS): the backend's stack fragments it (RFC 8200 4.5).
        byte[] payload = randomBytes(3000);
        byte[] whole = TestFrames.l4v6(GW, H1_MAC, H1, CLIENT6, 17, 5353, 40010, 0, 0, 0, NO_OPTS, payload);
        List<byte[]> frags = Fragments.split6(whole, 1448, 0x12345678);
        List<byte[]> frames = forwarded(frags, P1, P3);
        assertThat(frames.size(), is(frags.size()));
        assertThat("RFC 7915 5.1.1: the identification's low 16 bits", u16(frames.get(0), ETH + 4), is(0x5678));
        byte[] udp = Fragments.join4(frames);
        assertThat("from the service port", u16(udp, 0), is(53));
        assertThat(u16(udp, 2), is(40010));
        assertArrayEquals(payload, java.util.Arrays.copyOfRange(udp, 8, udp.length));
        assertTrue("UDP checksum of the whole datagram",
                   Fragments.udpOk(udp, concat(Ip4Address.valueOf(VIP).toOctets(),
                                               Ip4Address.valueOf(CLIENT).toOctets())));
    }

    @Test
    public void aClientsFragmentedDatagramReachesTheBackend() {
        byte[] payload = randomBytes(2000);
        byte[] whole = TestFrames.udp4(GW, H3_MAC, CLIENT, VIP, 40011, 53, payload);
        List<byte[]> frags = Fragments.split4(whole, 1200);
        List<byte[]> frames = forwarded(frags, P3, P1);
        assertThat(frames.size(), is(frags.size()));
        assertThat("RFC 7915 4.1: the IPv4 identification", u32(frames.get(0), ETH + 40 + 4), is(0x4321));
        byte[] udp = Fragments.join6(frames);
        assertThat("to the backend's port", u16(udp, 2), is(5353));
        assertArrayEquals(payload, java.util.Arrays.copyOfRange(udp, 8, udp.length));
        assertTrue("UDP checksum of the whole datagram", Fragments.udpOk(udp, concat(CLIENT6, H1)));
    }

    @Test
    public void aClientsDatagramTooBigForTheIpv6SideIsFragmented() {
        byte[] payload = randomBytes(4000);
        byte[] whole = TestFrames.udp4(GW, H3_MAC, CLIENT, VIP, 40013, 53, payload);
        // DF clear: sent whole (a stack with a larger MTU), and fragmented as a 1500-byte MTU stack does, whose
        // 1500-byte fragments would become 1528 bytes as IPv6. RFC 7915 4.1: they MUST be fragmented.
        for (List<byte[]> sent : List.of(List.of(whole), Fragments.split4(whole, 1480))) {
            List<byte[]> frames = forwarded(sent, P3, P1);
            assertTrue("each fits the IPv6 MTU", frames.stream().allMatch(f -> f.length - ETH <= 1500));
            byte[] udp = Fragments.join6(frames);
            assertArrayEquals(payload, java.util.Arrays.copyOfRange(udp, 8, udp.length));
            assertTrue("UDP checksum of the whole datagram", Fragments.udpOk(udp, concat(CLIENT6, H1)));
        }
    }

    @Test
    public void aClientsLaterFragmentWaitsForItsFirst() {
        // The later fragment overtakes the first one (several paths, a reordering link): it is held,
        // and follows its first fragment to the backend, in order.
        byte[] payload = randomBytes(2000);
        List<byte[]> frags = Fragments.split4(TestFrames.udp4(GW, H3_MAC, CLIENT, VIP, 40014, 53, payload), 1200);
        pkt.inject(P3, frags.get(1));
        assertTrue("held", pkt.drain().isEmpty());
        List<byte[]> frames = forwarded(List.of(frags.get(0)), P3, P1);
        assertThat(frames.size(), is(2));
        byte[] udp = Fragments.join6(frames);
        assertArrayEquals(payload, java.util.Arrays.copyOfRange(udp, 8, udp.length));
        assertTrue("UDP checksum of the whole datagram", Fragments.udpOk(udp, concat(CLIENT6, H1)));
        assertThat(mgr.getCounters().drops(DropReason.FRAGMENT), is(0L));
    }

    @Test
    public void aBackendsLaterFragmentWaitsForItsFirst() {
        pkt.inject(P3, TestFrames.udp4(GW, H3_MAC, CLIENT, VIP, 40012, 53, new byte[12]));
        pkt.drain();
        byte[] payload = randomBytes(3000);
        byte[] whole = TestFrames.l4v6(GW, H1_MAC, H1, CLIENT6, 17, 5353, 40012, 0, 0, 0, NO_OPTS, payload);
        List<byte[]> frags = Fragments.split6(whole, 1448, 7);
        assertThat(frags.size(), is(3));
        // The last two overtake the first (RFC 8200 4.5 lets a receiver get them in any order): they wait.
        pkt.inject(P1, frags.get(2));
        pkt.inject(P1, frags.get(1));
        assertTrue("held", pkt.drain().isEmpty());
        List<byte[]> frames = forwarded(List.of(frags.get(0)), P1, P3);
        assertThat("the first, then the held ones", frames.size(), is(3));
        byte[] udp = Fragments.join4(List.of(frames.get(0), frames.get(2), frames.get(1)));
        assertArrayEquals(payload, java.util.Arrays.copyOfRange(udp, 8, udp.length));
        assertTrue("UDP checksum of the whole datagram",
                   Fragments.udpOk(udp, concat(Ip4Address.valueOf(VIP).toOctets(),
                                               Ip4Address.valueOf(CLIENT).toOctets())));
        assertThat(mgr.getCounters().drops(DropReason.FRAGMENT), is(0L));
        assertThat(mgr.getCounters().drops(DropReason.FRAGMENT_OVERFLOW), is(0L));
    }

    @Test
    public void fragmentsOfAClosedConnectionAreCountedDrops() {
        pkt.inject(P3, TestFrames.udp4(GW, H3_MAC, CLIENT, VIP, 40012, 53, new byte[12]));
        pkt.drain();
        byte[] whole = TestFrames.l4v6(GW, H1_MAC, H1, CLIENT6, 17, 5353, 40012, 0, 0, 0, NO_OPTS,
                                       randomBytes(3000));
        List<byte[]> frags = Fragments.split6(whole, 1448, 7);
        pkt.inject(P1, frags.get(0));
        assertThat(pkt.drain().size(), is(1));
        pkt.inject(P1, frags.get(1));
        assertThat("a later fragment follows its first", pkt.drain().size(), is(1));
        // A datagram whose connection ends between its fragments: the rest is not sent after it.
        store.remove(store.connections().iterator().next().key());
        pkt.inject(P1, frags.get(2));
        assertTrue(pkt.drain().isEmpty());
        assertThat(mgr.getCounters().drops(DropReason.FRAGMENT), is(1L));
    }

    @Test
    public void newClientPrefixResetsConnections() {
        establish(40000, 5201, H1, 5201);
        pkt.drain();
        cfg.apply(appId, V6ProxyConfig.class, CONFIG.replace("2001:db8:46::/96", "2001:db8:47::/96"));
        assertThat("RST to both ends", pkt.drain().size(), is(2));
        assertTrue(store.connections().isEmpty());
        assertThat(mgr.getServices().size(), is(3));
    }

    private ProxyPacketProcessor processor() {
        return (ProxyPacketProcessor) pkt.processors.get(0);
    }

    @Test
    public void unusedLookupIsNull() {
        assertNull(store.find4(6, CLIENT, 1, VIP, 5201));
    }
}
