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

import java.util.Arrays;
import java.util.List;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
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

/**
 * Two instances of a cluster open l4 TCP connections of one client ip:port to
 * two VIPs whose services share a backend: one IPv6 4-tuple. Both SYNs pass
 * (a SYN costs no cluster-wide state); at the handshake's end the first
 * instance's claim of the 4-tuple wins and the other resets its client.
 */
public class L4TupleRaceTest {
    private static final int PORT = 5201;
    private static final int SPORT = 40000;
    private static final int VIP_A = Ip4Address.valueOf("10.0.0.43").toInt();
    private static final int VIP_B = Ip4Address.valueOf("10.0.0.44").toInt();
    private static final String CONFIG = "{ \"clientPrefix\": \"2001:db8:46::/96\","
            + " \"gatewayMac\": \"02:00:00:00:46:01\", \"services\": ["
            + "  { \"name\": \"a\", \"vip\": \"10.0.0.43\", \"port\": 5201, \"mode\": \"l4\","
            + "    \"defaultBackend\": \"[2001:db8::1]:5201\" },"
            + "  { \"name\": \"b\", \"vip\": \"10.0.0.44\", \"port\": 5201, \"mode\": \"l4\","
            + "    \"defaultBackend\": \"[2001:db8::1]:5201\" } ] }";
    private static final int ETH = 14;
    private static final int RST = 0x04;

    @Rule
    public final TwoInstances two = new TwoInstances(CONFIG);

    private static byte[] client(int vip, int seq, int ack, int flags) {
        return TestFrames.tcp4(GW, H3_MAC, CLIENT, vip, SPORT, PORT, seq, ack, flags,
                               flags == 0x02 ? MSS_1460 : NO_OPTS, NO_OPTS);
    }

    private static byte[] backendSynAck() {
        return TestFrames.l4v6(GW, H1_MAC, H1, CLIENT6, 6, PORT, SPORT, 5000, 1001, 0x12, NO_OPTS, NO_OPTS);
    }

    @Test
    public void theSecondInstanceToCompleteTheHandshakeResetsItsClient() {
        two.pktA.inject(P3, client(VIP_A, 1000, 0, 0x02));
        two.pktB.inject(P3, client(VIP_B, 1000, 0, 0x02));
        assertThat("both SYNs reach the backend", two.pktA.drain().size() + two.pktB.drain().size(), is(2));
        two.pktA.inject(P1, backendSynAck());
        two.pktB.inject(P1, backendSynAck());
        two.pktA.drain();
        two.pktB.drain();
        two.pktA.inject(P3, client(VIP_A, 1001, 5001, 0x10));
        assertThat("A's ACK crosses", two.pktA.drain().size(), is(1));
        assertThat(two.mgrA.getCounters().drops(DropReason.TUPLE_COLLISION), is(0L));
        two.pktB.inject(P3, client(VIP_B, 1001, 5001, 0x10));
        List<RecordingPacketService.Emitted> out = two.pktB.drain();
        RecordingPacketService.Emitted rst = out.stream().filter(e -> e.out.equals(P3)).findFirst().orElse(null);
        assertNotNull("B's client is told: " + out.size() + " frames", rst);
        assertTrue(TestFrames.ip4HeaderOk(rst.frame, ETH));
        assertThat("a RST", rst.frame[ETH + 20 + 13] & RST, is(RST));
        assertEquals("from the VIP it connected to", VIP_B, Ip4Address.valueOf(
                Arrays.copyOfRange(rst.frame, ETH + 12, ETH + 16)).toInt());
        assertThat(two.mgrB.getCounters().drops(DropReason.TUPLE_COLLISION), is(1L));
        assertNull("B forgot its connection", two.storeB.find4(6, CLIENT, SPORT, VIP_B, PORT));
        List<Connection> stored = List.copyOf(two.storeA.connections());
        assertThat("only A's connection is in the map", stored.size(), is(1));
        assertEquals(VIP_A, stored.get(0).key().vip().toInt());
        assertNotNull("A's connection goes on", two.storeA.find4(6, CLIENT, SPORT, VIP_A, PORT));
    }
}
