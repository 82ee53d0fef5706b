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
import org.onlab.packet.Data;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IPv6;
import org.onlab.packet.TCP;

import java.util.Arrays;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.impl.TestFrames.ETH;
import static org.v6proxy.impl.TestFrames.u16;
import static org.v6proxy.impl.TestFrames.u32;

/**
 * The comparison implementation must produce what v6proxy produces, with
 * checksums that verify by an independent computation (TestFrames, RFC
 * 1071): otherwise the benchmark compares different work.
 */
public class OnlabProxyTest {
    private static final int[] PAYLOADS = {0, 1, 64, 511, 512, 1460};
    private static final int SPORT = 40000;
    private BenchRig rig;

    @Before
    public void setUp() {
        rig = new BenchRig();
        rig.establishBoth(BenchRig.CLIENT4, SPORT);
    }

    @After
    public void tearDown() {
        rig.close();
    }

    @Test
    public void clientToBackendSameFramesAsV6proxy() {
        for (int n : PAYLOADS) {
            byte[] in = BenchFrames.clientData(BenchRig.CLIENT4, SPORT, BenchFrames.payload(n, n));
            byte[] v6 = rig.v6proxy(in, BenchRig.CLIENT_AT);
            byte[] conv = rig.onlab(in, BenchRig.CLIENT_AT);
            assertNotNull("v6proxy forwarded " + n, v6);
            assertArrayEquals("payload " + n, v6, conv);
            assertEquals(0x86dd, u16(conv, 12));
            assertArrayEquals(BenchFrames.client6(BenchRig.CLIENT4), Arrays.copyOfRange(conv, ETH + 8, ETH + 24));
            assertArrayEquals(BenchRig.BACKEND6, Arrays.copyOfRange(conv, ETH + 24, ETH + 40));
            assertEquals("hop limit", 63, conv[ETH + 7] & 0xff);
            assertEquals("backend port", BenchRig.BACKEND_PORT, u16(conv, ETH + 40 + 2));
            assertTrue("TCP checksum, payload " + n, TestFrames.l4Ok6(conv, ETH));
            assertArrayEquals(Arrays.copyOfRange(in, in.length - n, in.length),
                              Arrays.copyOfRange(conv, conv.length - n, conv.length));
        }
    }

    @Test
    public void backendToClientSameFramesAsV6proxy() {
        for (int n : PAYLOADS) {
            byte[] in = BenchFrames.backendData(BenchRig.CLIENT4, SPORT, BenchFrames.payload(n, n));
            byte[] v6 = rig.v6proxy(in, BenchRig.BACKEND_AT);
            byte[] conv = rig.onlab(in, BenchRig.BACKEND_AT);
            assertNotNull("v6proxy forwarded " + n, v6);
            // RFC 7915 5.1: each side draws its own identification for DF-clear packets; the rest
            // (flags included) must match byte for byte.
            assertEquals("DF per size", u16(v6, ETH + 6), u16(conv, ETH + 6));
            assertTrue("IPv4 header checksum", TestFrames.ip4HeaderOk(conv, ETH));
            byte[] sameId = conv.clone();
            System.arraycopy(v6, ETH + 4, sameId, ETH + 4, 2);
            System.arraycopy(v6, ETH + 10, sameId, ETH + 10, 2);
            assertArrayEquals("payload " + n, v6, sameId);
            assertEquals(0x0800, u16(conv, 12));
            assertEquals(BenchRig.VIP4, u32(conv, ETH + 12));
            assertEquals(BenchRig.CLIENT4, u32(conv, ETH + 16));
            assertEquals("TTL", 63, conv[ETH + 8] & 0xff);
            assertEquals("DF iff over 1260 bytes, offset 0", conv.length - ETH > 1260 ? 0x4000 : 0, u16(conv, ETH + 6));
            assertEquals("service port", BenchRig.SERVICE_PORT, u16(conv, ETH + 20));
            assertTrue("IPv4 header checksum", TestFrames.ip4HeaderOk(conv, ETH));
            assertTrue("TCP checksum, payload " + n, TestFrames.l4Ok4(conv, ETH));
        }
    }

    @Test
    public void synMssClampedAlike() {
        byte[] jumboMss = {2, 4, 0x23, 0x00};
        byte[] syn = TestFrames.tcp4(BenchRig.GW_MAC, BenchRig.CLIENT_MAC, BenchRig.CLIENT4, BenchRig.VIP4, 40001,
                                     BenchRig.SERVICE_PORT, 77, 0, BenchFrames.SYN, jumboMss, new byte[0]);
        byte[] v6 = rig.v6proxy(syn, BenchRig.CLIENT_AT);
        byte[] conv = rig.onlab(syn, BenchRig.CLIENT_AT);
        assertArrayEquals(v6, conv);
        assertEquals("MSS = IPv6 MTU - 60", BenchRig.IPV6_MTU - 60, u16(conv, ETH + 40 + 22));
        assertTrue(TestFrames.l4Ok6(conv, ETH));
    }

    @Test
    public void unknownConnectionNotForwarded() {
        byte[] in = BenchFrames.clientData(BenchRig.CLIENT4, SPORT + 1, BenchFrames.payload(64, 1));
        assertNull(rig.onlab(in, BenchRig.CLIENT_AT));
        assertNull(rig.v6proxy(in, BenchRig.CLIENT_AT));
    }

    /**
     * org.onlab.packet's TCP serializer folds the carry once; on a segment
     * where that goes wrong, the comparison implementation (which computes
     * its checksums itself) must still be right.
     */
    @Test
    public void rightWhereOnlabSerializerIsWrong() {
        byte[] payload = null;
        for (long seed = 0; seed < 20_000 && payload == null; seed++) {
            byte[] p = BenchFrames.payload(1460, seed);
            if (!TestFrames.l4Ok6(onlabSerialized(p), ETH)) {
                payload = p;
            }
        }
        assertNotNull("no payload found on which org.onlab.packet's checksum is wrong", payload);
        byte[] in = BenchFrames.clientData(BenchRig.CLIENT4, SPORT, payload);
        byte[] conv = rig.onlab(in, BenchRig.CLIENT_AT);
        assertTrue(TestFrames.l4Ok6(conv, ETH));
        assertArrayEquals(rig.v6proxy(in, BenchRig.CLIENT_AT), conv);
        assertFalse("the serializer's own result differs", Arrays.equals(onlabSerialized(payload), conv));
    }

    /** The translated segment as org.onlab.packet serializes it with its own checksum code. */
    private static byte[] onlabSerialized(byte[] payload) {
        TCP tcp = new TCP();
        tcp.setSourcePort(SPORT);
        tcp.setDestinationPort(BenchRig.BACKEND_PORT);
        tcp.setSequence(BenchFrames.CLIENT_ISN + 1);
        tcp.setAcknowledge(BenchFrames.BACKEND_ISN + 1);
        tcp.setDataOffset((byte) 5);
        tcp.setFlags((short) BenchFrames.PSH_ACK);
        tcp.setWindowSize((short) 65535);
        tcp.setPayload(new Data(payload));
        IPv6 ip6 = new IPv6();
        ip6.setNextHeader(IPv6.PROTOCOL_TCP);
        ip6.setHopLimit((byte) 63);
        ip6.setSourceAddress(BenchFrames.client6(BenchRig.CLIENT4));
        ip6.setDestinationAddress(BenchRig.BACKEND6);
        ip6.setPayload(tcp);
        Ethernet eth = new Ethernet();
        eth.setDestinationMACAddress(TestFrames.mac(BenchRig.BACKEND_MAC));
        eth.setSourceMACAddress(TestFrames.mac(BenchRig.GW_MAC));
        eth.setEtherType(Ethernet.TYPE_IPV6);
        eth.setPayload(ip6);
        return eth.serialize();
    }
}
