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
package org.v6proxy.testbed.services;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.host.HostEvent;
import org.v6proxy.testbed.RecordingDatapath;
import org.v6proxy.testbed.TestbedConfig;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.testbed.TestFrames.arp;
import static org.v6proxy.testbed.TestFrames.docV6;
import static org.v6proxy.testbed.TestFrames.ipv4;
import static org.v6proxy.testbed.TestFrames.ipv6;
import static org.v6proxy.testbed.TestFrames.mac;
import static org.v6proxy.testbed.TestFrames.neighborAdvertisement;
import static org.v6proxy.testbed.TestFrames.net10;

/**
 * Host learning from received frames, host events and the requestMac probes.
 */
public class TestbedHostServiceTest {

    private static final String H1 = "02:00:00:00:00:01";
    private static final String H3 = "02:00:00:00:00:03";
    private static final String GW = "02:00:00:00:46:01";
    private static final String BROADCAST = "ff:ff:ff:ff:ff:ff";

    private RecordingDatapath sw;
    private TestbedEventDispatcher dispatcher;
    private TestbedHostService hosts;
    private final List<HostEvent> events = new CopyOnWriteArrayList<>();

    @Before
    public void setUp() throws Exception {
        sw = new RecordingDatapath(TestbedConfig.DEFAULT_DEVICE, 4);
        dispatcher = new TestbedEventDispatcher();
        hosts = new TestbedHostService(sw, dispatcher);
        hosts.addListener(events::add);
    }

    @After
    public void tearDown() {
        dispatcher.shutdown();
    }

    private static HostId id(String mac) {
        return HostId.hostId(MacAddress.valueOf(mac), VlanId.NONE);
    }

    /** Sends a packet-in and waits until the host events it causes are delivered. */
    private void receive(int port, byte[] frame) throws Exception {
        sw.packetIn(port, frame);
        dispatcher.awaitIdle(2000);
    }

    @Test
    public void learnsIpv4FromArpAndIpv4Packets() throws Exception {
        receive(3, arp(1, H3, net10(3), BROADCAST, net10(42)));
        Host h = hosts.getHost(id(H3));
        assertEquals(Set.of(IpAddress.valueOf("10.0.0.3")), h.ipAddresses());
        assertEquals(PortNumber.portNumber(3), h.location().port());
        assertEquals(TestbedConfig.DEFAULT_DEVICE, h.location().deviceId());
        assertEquals(Set.of(h), hosts.getHostsByIp(IpAddress.valueOf("10.0.0.3")));
        assertEquals(1, events.size());
        assertEquals(HostEvent.Type.HOST_ADDED, events.get(0).type());
        // Same pair again: no event. A new address: UPDATED.
        receive(3, ipv4(H3, BROADCAST, net10(3), net10(42)));
        receive(3, ipv4(H3, BROADCAST, net10(33), net10(42)));
        assertEquals(2, events.size());
        assertEquals(HostEvent.Type.HOST_UPDATED, events.get(1).type());
        assertEquals(2, hosts.getHost(id(H3)).ipAddresses().size());
    }

    @Test
    public void learnsGlobalIpv6SourcesAndAdvertisedTargetsButNotLinkLocal() throws Exception {
        byte[] linkLocal = new byte[16];
        linkLocal[0] = (byte) 0xfe;
        linkLocal[1] = (byte) 0x80;
        linkLocal[15] = 1;
        receive(1, ipv6(H1, BROADCAST, linkLocal, docV6(2), 59, new byte[0]));
        assertNull(hosts.getHost(id(H1)));
        receive(1, neighborAdvertisement(H1, linkLocal, docV6(1)));
        assertEquals(Set.of(IpAddress.valueOf("2001:db8::1")), hosts.getHost(id(H1)).ipAddresses());
        receive(1, ipv6(H1, BROADCAST, docV6(11), docV6(2), 59, new byte[0]));
        assertEquals(2, hosts.getHost(id(H1)).ipAddresses().size());
        assertEquals(Set.of(hosts.getHost(id(H1))),
                     hosts.getConnectedHosts(new ConnectPoint(TestbedConfig.DEFAULT_DEVICE,
                                                              PortNumber.portNumber(1))));
    }

    @Test
    public void aHostSeenOnAnotherPortMovesAndAnAddressChangesOwner() throws Exception {
        receive(3, arp(1, H3, net10(3), BROADCAST, net10(42)));
        receive(4, arp(1, H3, net10(3), BROADCAST, net10(42)));
        assertEquals(HostEvent.Type.HOST_MOVED, events.get(1).type());
        assertEquals(PortNumber.portNumber(4), hosts.getHost(id(H3)).location().port());
        assertEquals(PortNumber.portNumber(3), events.get(1).prevSubject().location().port());
        // 10.0.0.3 now answers from another MAC: the old host loses it.
        receive(2, arp(2, GW, net10(3), BROADCAST, net10(4)));
        assertTrue(hosts.getHost(id(H3)).ipAddresses().isEmpty());
        assertEquals(id(GW), hosts.getHostsByIp(IpAddress.valueOf("10.0.0.3")).iterator().next().id());
    }

    @Test
    public void requestMacForIpv4FloodsAnArpProbe() throws Exception {
        hosts.requestMac(IpAddress.valueOf("10.0.0.4"));
        RecordingDatapath.PacketOut out = sw.expectPacketOut();
        assertNull("a flood", out.treatment);
        assertEquals("out of every port", 0, out.inPort);
        byte[] f = out.frame;
        assertEquals(42, f.length);
        assertArrayEquals(mac(BROADCAST), slice(f, 0, 6));
        assertArrayEquals(ProbeFrames.PROBE_MAC.toBytes(), slice(f, 6, 6));
        assertArrayEquals(new byte[] {0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1}, slice(f, 12, 10));
        assertArrayEquals(ProbeFrames.PROBE_MAC.toBytes(), slice(f, 22, 6));
        assertArrayEquals("sender IP 0.0.0.0 (RFC 5227 probe)", new byte[4], slice(f, 28, 4));
        assertArrayEquals(net10(4), slice(f, 38, 4));
    }

    @Test
    public void requestMacForIpv6FloodsASolicitationWithAValidChecksum() throws Exception {
        hosts.requestMac(IpAddress.valueOf("2001:db8::2"));
        RecordingDatapath.PacketOut out = sw.expectPacketOut();
        assertNull("a flood", out.treatment);
        assertEquals("out of every port", 0, out.inPort);
        byte[] f = out.frame;
        assertEquals(86, f.length);
        assertArrayEquals(new byte[] {0x33, 0x33, (byte) 0xff, 0, 0, 2}, slice(f, 0, 6));
        assertEquals(0x86dd, (f[12] & 0xff) << 8 | (f[13] & 0xff));
        assertEquals("payload length", 32, f[19]);
        assertEquals("next header ICMPv6", 58, f[20]);
        assertEquals("hop limit", 255, f[21] & 0xff);
        // Source fe80::ff:fe00:fe, destination ff02::1:ff00:2.
        assertArrayEquals(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff,
                                      (byte) 0xfe, 0, 0, (byte) 0xfe}, slice(f, 22, 16));
        assertArrayEquals(new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 0xff, 0, 0, 2},
                          slice(f, 38, 16));
        assertEquals("type NS", 135, f[54] & 0xff);
        assertArrayEquals(docV6(2), slice(f, 62, 16));
        assertArrayEquals(new byte[] {1, 1}, slice(f, 78, 2));
        assertArrayEquals(ProbeFrames.PROBE_MAC.toBytes(), slice(f, 80, 6));
        assertEquals("one's-complement sum over pseudo-header and message", 0xffff, verifySum(f));
    }

    /**
     * Independent check of the ICMPv6 checksum: the 16-bit one's-complement sum of the
     * pseudo-header (source, destination, length, next header) and the whole message,
     * checksum field included, must be 0xffff.
     */
    private static int verifySum(byte[] f) {
        long sum = 0;
        for (int i = 22; i < 54; i += 2) {
            sum += (f[i] & 0xff) * 256 + (f[i + 1] & 0xff);
        }
        sum += 32 + 58;
        for (int i = 54; i < 86; i += 2) {
            sum += (f[i] & 0xff) * 256 + (f[i + 1] & 0xff);
        }
        while (sum > 0xffff) {
            sum = (sum >> 16) + (sum & 0xffff);
        }
        return (int) sum;
    }

    private static byte[] slice(byte[] f, int off, int len) {
        byte[] b = new byte[len];
        System.arraycopy(f, off, b, 0, len);
        return b;
    }
}
