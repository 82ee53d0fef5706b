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
import org.onosproject.net.config.InvalidFieldException;
import org.v6proxy.api.ConnectionLimits;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.api.VirtualService;

import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.v6proxy.impl.ProxyManagerTest.CLIENT;
import static org.v6proxy.impl.ProxyManagerTest.CLIENT6;
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
 * Operator limits through the packet processor: maxConnectionsPerClient (global
 * default 2), maxConnections of a service (iperf: 3), RST for a refused TCP
 * connection, a drop for a refused UDP flow, every refusal counted, slots freed by
 * closing, and the configurable half-open bound (halfOpenMax 100).
 */
public class ConnectionLimitsTest {
    private static final int PORT = 5201;
    private static final int SSH = 2222;
    static final String LIMITED = "{ \"clientPrefix\": \"2001:db8:46::/96\", \"gatewayMac\": \"02:00:00:00:46:01\","
            + " \"maxConnectionsPerClient\": 2, \"halfOpenMax\": 100,"
            + " \"services\": ["
            + "  { \"name\": \"iperf\", \"vip\": \"10.0.0.43\", \"port\": 5201, \"mode\": \"l4\","
            + "    \"defaultBackend\": \"[2001:db8::1]:5201\", \"maxConnections\": 3 },"
            + "  { \"name\": \"ssh\", \"vip\": \"10.0.0.43\", \"port\": 2222, \"mode\": \"l4\","
            + "    \"defaultBackend\": \"[2001:db8::2]:22\", \"maxConnectionsPerClient\": 1000 },"
            + "  { \"name\": \"dns\", \"vip\": \"10.0.0.43\", \"port\": 53, \"protocol\": \"udp\", \"mode\": \"l4\","
            + "    \"defaultBackend\": \"[2001:db8::1]:5353\" }"
            + " ] }";

    @Rule
    public final OneInstance instance = new OneInstance(LIMITED);
    private final RecordingPacketService pkt = instance.pkt;
    private final ProxyManager mgr = instance.mgr;
    private final DistributedConnectionStore store = instance.store;

    private ProxyPacketProcessor processor() {
        return (ProxyPacketProcessor) pkt.processors.get(0);
    }

    private static byte[] syn(int src, int sport, int port) {
        return TestFrames.tcp4(GW, H3_MAC, src, VIP, sport, port, 1000, 0, 0x02, MSS_1460, NO_OPTS);
    }

    /** SYN, SYN-ACK, ACK from src:sport to iperf: established. */
    private void connect(int src, int sport) {
        pkt.inject(P3, syn(src, sport, PORT));
        byte[] v6 = CLIENT6.clone();
        v6[15] = (byte) src;
        v6[14] = (byte) (src >> 8);
        pkt.inject(P1, TestFrames.l4v6(GW, H1_MAC, H1, v6, 6, PORT, sport, 5000, 1001, 0x12, NO_OPTS, NO_OPTS));
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, src, VIP, sport, PORT, 1001, 5001, 0x10, NO_OPTS, NO_OPTS));
        assertThat("SYN, SYN-ACK and ACK crossed", pkt.drain().size(), is(3));
        assertThat(store.find4(6, src, sport, VIP, PORT).record().state(), is(ConnectionState.ESTABLISHED));
    }

    private long drops(DropReason r) {
        return mgr.getCounters().drops(r);
    }

    /** Asserts that the only frame sent is a RST|ACK to the client acknowledging its SYN. */
    private void assertRefusedWithRst() {
        List<RecordingPacketService.Emitted> out = pkt.drain();
        assertThat("one frame: " + out, out.size(), is(1));
        assertEquals(P3, out.get(0).out);
        byte[] f = out.get(0).frame;
        int tcp = 14 + 20;
        assertThat("RST|ACK", f[tcp + 13] & 0xff, is(0x14));
        assertThat("acknowledges the SYN", TestFrames.u32(f, tcp + 8), is(1001));
    }

    @Test
    public void perClientLimitRefusesTheThirdConnectionWithARst() {
        connect(CLIENT, 40000);
        connect(CLIENT, 40001);
        assertThat(drops(DropReason.CLIENT_CONNECTION_LIMIT), is(0L));
        pkt.inject(P3, syn(CLIENT, 40002, PORT));
        assertRefusedWithRst();
        assertThat(drops(DropReason.CLIENT_CONNECTION_LIMIT), is(1L));
        assertTrue("nothing stored for the refused one", store.find4(6, CLIENT, 40002, VIP, PORT) == null);
        connect(CLIENT + 1, 40000);
        assertThat("another client still connects", processor().limitCount("iperf", null), is(3));
    }

    @Test
    public void serviceLimitRefusesAnyClientBeyondIt() {
        connect(CLIENT, 40000);
        connect(CLIENT + 1, 40000);
        connect(CLIENT + 2, 40000);
        pkt.inject(P3, syn(CLIENT + 3, 40000, PORT));
        assertRefusedWithRst();
        assertThat(drops(DropReason.CONNECTION_LIMIT), is(1L));
        assertThat(drops(DropReason.CLIENT_CONNECTION_LIMIT), is(0L));
    }

    @Test
    public void closingAConnectionFreesItsSlot() {
        connect(CLIENT, 40000);
        connect(CLIENT, 40001);
        pkt.inject(P3, syn(CLIENT, 40002, PORT));
        assertRefusedWithRst();
        // The client resets its first connection (exactly at the backend's RCV.NXT): closing, no longer counted.
        pkt.inject(P3, TestFrames.tcp4(GW, H3_MAC, CLIENT, VIP, 40000, PORT, 1001, 0, 0x04, NO_OPTS, NO_OPTS));
        pkt.drain();
        assertThat(store.find4(6, CLIENT, 40000, VIP, PORT).record().state(), is(ConnectionState.CLOSING));
        processor().reap(System.nanoTime());
        assertThat(processor().limitCount("iperf", CLIENT), is(1));
        pkt.inject(P3, syn(CLIENT, 40002, PORT));
        List<RecordingPacketService.Emitted> out = pkt.drain();
        assertThat(out.size(), is(1));
        assertEquals("the SYN goes to the backend now", P1, out.get(0).out);
        assertThat(drops(DropReason.CLIENT_CONNECTION_LIMIT), is(1L));
    }

    @Test
    public void aSynThatNeverCompletesIsNotCountedOnceItExpires() {
        pkt.inject(P3, syn(CLIENT, 40000, PORT));
        pkt.inject(P3, syn(CLIENT, 40001, PORT));
        assertThat(pkt.drain().size(), is(2));
        pkt.inject(P3, syn(CLIENT, 40002, PORT));
        assertRefusedWithRst();
        // tcpTransitoryIdleSec (60 s) later on the test clock the half-open entries are gone, and so are their slots.
        processor().reap(System.nanoTime() + 61_000_000_000L);
        pkt.inject(P3, syn(CLIENT, 40002, PORT));
        assertEquals(P1, pkt.drain().get(0).out);
    }

    @Test
    public void udpFlowsBeyondTheLimitAreDroppedAndCounted() {
        byte[] payload = "q".getBytes();
        pkt.inject(P3, TestFrames.udp4(GW, H3_MAC, CLIENT, VIP, 1001, 53, payload));
        pkt.inject(P3, TestFrames.udp4(GW, H3_MAC, CLIENT, VIP, 1002, 53, payload));
        assertThat("two flows cross", pkt.drain().size(), is(2));
        pkt.inject(P3, TestFrames.udp4(GW, H3_MAC, CLIENT, VIP, 1003, 53, payload));
        assertTrue("the third is dropped, nothing answers", pkt.drain().isEmpty());
        assertThat(drops(DropReason.CLIENT_CONNECTION_LIMIT), is(1L));
        pkt.inject(P3, TestFrames.udp4(GW, H3_MAC, CLIENT, VIP, 1001, 53, payload));
        assertThat("an admitted flow keeps flowing", pkt.drain().size(), is(1));
    }

    @Test
    public void halfOpenBoundComesFromTheConfig() {
        assertThat(mgr.getSettings().get().halfOpenMax(), is(100));
        for (int i = 0; i < 300; i++) {
            // ssh allows 1000 per client; each SYN a new 4-tuple.
            pkt.inject(P3, syn(CLIENT, 10000 + i, SSH));
        }
        pkt.drain();
        assertThat(processor().halfOpenCount(), is(100));
        assertThat(drops(DropReason.HALF_OPEN_EVICTED), is(200L));
    }

    @Test
    public void limitsAreShownAndTheServicesOwnWins() {
        ProxySettings s = mgr.getSettings().get();
        assertThat(s.limits(), is(new ConnectionLimits(0, 2)));
        VirtualService iperf = mgr.getService("iperf").get();
        assertThat(iperf.limits(), is(new ConnectionLimits(3, 0)));
        assertThat("the service's own JSON keeps its limits",
                   V6ProxyConfig.toJson(iperf).get("maxConnections").asInt(), is(3));
    }

    @Test
    public void aTypoIsAClearErrorAndTheLimitsInForceStay() {
        assertRejected(LIMITED.replace("\"maxConnectionsPerClient\": 2", "\"maxConnectionPerClient\": 2"),
                       "unknown field \"maxConnectionPerClient\"");
        assertRejected(LIMITED.replace("\"maxConnections\": 3", "\"maxConnections\": -1"),
                       "services[0].maxConnections");
        assertRejected(LIMITED.replace("\"halfOpenMax\": 100", "\"halfOpenMax\": 0"), "halfOpenMax");
        assertThat(mgr.getSettings().get().limits(), is(new ConnectionLimits(0, 2)));
        connect(CLIENT, 40000);
        connect(CLIENT, 40001);
        pkt.inject(P3, syn(CLIENT, 40002, PORT));
        assertRefusedWithRst();
    }

    private void assertRejected(String config, String message) {
        try {
            instance.cfg.apply(instance.appId, V6ProxyConfig.class, config);
            fail("accepted: " + config);
        } catch (InvalidFieldException e) {
            assertThat(e.getMessage(), containsString(message));
        }
    }
}
