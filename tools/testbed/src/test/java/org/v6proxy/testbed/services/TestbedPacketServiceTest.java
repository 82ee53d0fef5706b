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

import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onosproject.cluster.NodeId;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.packet.DefaultOutboundPacket;
import org.onosproject.net.packet.PacketContext;
import org.onosproject.net.packet.PacketPriority;
import org.onosproject.net.packet.PacketProcessor;
import org.v6proxy.testbed.RecordingDatapath;
import org.v6proxy.testbed.RecordingDatapath.PacketOut;
import org.v6proxy.testbed.TestFrames;
import org.v6proxy.testbed.TestbedConfig;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.testbed.TestFrames.numbered;

/**
 * Packet-in to processors, unhandled packet-ins left to the switch, send(), emit() and
 * packet requests as the switch's intercepts.
 */
public class TestbedPacketServiceTest {

    private static final String H1 = "02:00:00:00:00:01";
    private static final String H2 = "02:00:00:00:00:02";
    private static final String BROADCAST = "ff:ff:ff:ff:ff:ff";

    private RecordingDatapath sw;
    private TestbedPacketService packets;

    @Before
    public void setUp() {
        sw = new RecordingDatapath(TestbedConfig.DEFAULT_DEVICE, 3);
        packets = new TestbedPacketService(sw, new NodeId("local"));
    }

    private static TrafficTreatment output(PortNumber port) {
        return DefaultTrafficTreatment.builder().setOutput(port).build();
    }

    @Test
    public void processorsRunInAscendingPriorityAndAllOfThemRun() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        List<PacketContext> seen = new CopyOnWriteArrayList<>();
        packets.addProcessor(c -> order.add("observer"), PacketProcessor.observer(1));
        packets.addProcessor(c -> {
            order.add("director");
            c.block();
        }, PacketProcessor.director(1));
        packets.addProcessor(c -> {
            order.add("advisor");
            seen.add(c);
        }, PacketProcessor.advisor(1));
        packets.addProcessor(c -> {
            throw new IllegalStateException("a broken processor");
        }, PacketProcessor.director(0));
        byte[] f = numbered(BROADCAST, H1, 1);
        assertTrue("handled", sw.packetIn(1, f));
        sw.expectNothing();
        assertEquals(List.of("advisor", "director", "observer"), order);
        PacketContext c = seen.get(0);
        assertTrue(c.isHandled());
        assertEquals(new ConnectPoint(TestbedConfig.DEFAULT_DEVICE, PortNumber.portNumber(1)),
                     c.inPacket().receivedFrom());
        ByteBuffer raw = c.inPacket().unparsed();
        byte[] bytes = new byte[raw.remaining()];
        raw.get(bytes);
        assertArrayEquals(f, bytes);
        assertEquals("another call is not affected by the read", f.length, c.inPacket().unparsed().remaining());
        Ethernet eth = c.inPacket().parsed();
        assertEquals(TestFrames.ETH_EXPERIMENTAL, eth.getEtherType() & 0xffff);
        assertEquals(4, packets.getProcessors().size());
        assertEquals(1, packets.getProcessors().get(0).invocations());
    }

    @Test
    public void anUnhandledPacketIsLeftToTheSwitch() throws Exception {
        List<PacketContext> seen = new CopyOnWriteArrayList<>();
        packets.addProcessor(seen::add, PacketProcessor.director(1));
        byte[] f = numbered(BROADCAST, H1, 1);
        assertFalse("handled", sw.packetIn(1, f));
        assertFalse(seen.get(0).isHandled());
        assertArrayEquals(f, sw.expectForwarded());
        sw.expectNothing();
    }

    @Test
    public void sendAppliesTheContextTreatmentOnce() throws Exception {
        packets.addProcessor(c -> {
            c.treatmentBuilder().setOutput(PortNumber.portNumber(3));
            c.send();
            c.send();
        }, PacketProcessor.director(1));
        byte[] f = numbered(H2, H1, 5);
        assertTrue(sw.packetIn(1, f));
        PacketOut out = sw.expectPacketOut();
        assertEquals(output(PortNumber.portNumber(3)), out.treatment);
        assertArrayEquals(f, out.frame);
        assertEquals("answers the packet-in from port 1", 1, out.inPort);
        sw.expectNothing();
    }

    @Test
    public void emitSendsAPacketOutWithItsTreatment() throws Exception {
        byte[] f = numbered(H2, H1, 9);
        packets.emit(new DefaultOutboundPacket(TestbedConfig.DEFAULT_DEVICE, output(PortNumber.portNumber(2)),
                                               ByteBuffer.wrap(f)));
        PacketOut out = sw.expectPacketOut();
        assertEquals(output(PortNumber.portNumber(2)), out.treatment);
        assertArrayEquals(f, out.frame);
        assertEquals("no packet-in answered", 0, out.inPort);
        packets.emit(new DefaultOutboundPacket(TestbedConfig.DEFAULT_DEVICE, output(PortNumber.FLOOD),
                                               ByteBuffer.wrap(f)));
        assertEquals(output(PortNumber.FLOOD), sw.expectPacketOut().treatment);
        // A slice of a larger buffer is sent as just the slice.
        ByteBuffer big = ByteBuffer.allocate(f.length + 10);
        big.position(5);
        big.put(f);
        big.position(5);
        big.limit(5 + f.length);
        packets.emit(new DefaultOutboundPacket(TestbedConfig.DEFAULT_DEVICE, output(PortNumber.portNumber(1)),
                                               big));
        assertArrayEquals(f, sw.expectPacketOut().frame);
        sw.expectNothing();
    }

    @Test
    public void packetRequestsBecomeInterceptsOnceAndAreCancelled() throws Exception {
        TrafficSelector arp = DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_ARP).build();
        DefaultApplicationId app = new DefaultApplicationId(1, "org.v6proxy");
        packets.requestPackets(arp, PacketPriority.REACTIVE, app);
        packets.requestPackets(arp, PacketPriority.REACTIVE, app);
        assertEquals(1, packets.getRequests().size());
        assertEquals(arp, packets.getRequests().get(0).selector());
        packets.cancelPackets(arp, PacketPriority.REACTIVE, app);
        assertTrue(packets.getRequests().isEmpty());
        String criteria = " " + arp.criteria();
        assertEquals(List.of("+1@" + PacketPriority.REACTIVE.priorityValue() + criteria,
                             "-1@" + PacketPriority.REACTIVE.priorityValue() + criteria), sw.intercepts());
    }
}
