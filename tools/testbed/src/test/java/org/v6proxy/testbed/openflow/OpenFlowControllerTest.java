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
package org.v6proxy.testbed.openflow;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IPv4;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.TpPort;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.TrafficSelector;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.v6proxy.testbed.openflow.FakeSwitch.OF;

/**
 * The controller endpoint against a switch speaking OpenFlow 1.3 over a real socket: the
 * handshake, roles, packet-in to packet-out, intercepts as flow rules and echo.
 */
public class OpenFlowControllerTest {

    private static final long DPID = 1;
    private static final short APP = 42;

    private OpenFlowController controller;
    private FakeSwitch fake;

    @Before
    public void setUp() throws IOException {
        controller = OpenFlowController.start(0, OFControllerRole.ROLE_MASTER, 7);
        fake = new FakeSwitch(controller.port());
    }

    @After
    public void tearDown() throws IOException {
        fake.close();
        controller.close();
    }

    private OpenFlowSwitch connect() throws IOException {
        fake.handshake(DPID, false);
        return controller.awaitSwitch(DPID, 5000);
    }

    @Test
    public void handshakeDescribesTheSwitchAndInstallsForwarding() throws IOException {
        OpenFlowSwitch sw = connect();
        assertEquals(DeviceId.deviceId("of:0000000000000001"), sw.deviceId());
        // Both multipart parts, without the reserved LOCAL port.
        assertEquals(List.of(1, 2, 3), sw.portNumbers());
        assertEquals("h3", sw.portName(3));
        assertEquals(OFControllerRole.ROLE_MASTER, sw.role());

        List<OFMessage> h = fake.handshake;
        OFSetConfig config = (OFSetConfig) find(h, OFType.SET_CONFIG);
        assertEquals("whole frames in packet-ins", 0xffff, config.getMissSendLen());
        OFRoleRequest role = (OFRoleRequest) find(h, OFType.ROLE_REQUEST);
        assertEquals(OFControllerRole.ROLE_MASTER, role.getRole());
        assertEquals(U64.of(7), role.getGenerationId());
        OFFlowDelete wipe = (OFFlowDelete) find(h, OFType.FLOW_MOD);
        assertEquals(TableId.ALL, wipe.getTableId());
        OFFlowAdd normal = (OFFlowAdd) h.get(h.indexOf(wipe) + 1);
        assertEquals(0, normal.getPriority());
        assertEquals(List.of(OFPort.NORMAL), outputs(normal));
        assertEquals(OFType.BARRIER_REQUEST, h.get(h.size() - 1).getType());
    }

    @Test
    public void aSwitchMessageWithARequestsXidDoesNotAnswerIt() throws IOException {
        // Open vSwitch numbers its HELLO from its own counter: it once equalled the features request's xid.
        fake.handshake(DPID, false, 3, true);
        OpenFlowSwitch sw = controller.awaitSwitch(DPID, 5000);
        assertEquals(List.of(1, 2, 3), sw.portNumbers());
    }

    @Test
    public void refusedRoleFailsTheHandshake() throws Exception {
        fake.handshake(DPID, true);
        try {
            controller.awaitSwitch(DPID, 1000);
            fail("a switch whose role request was refused must not be usable");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("0000000000000001"));
        }
        assertTrue(controller.switches().isEmpty());
    }

    @Test
    public void packetInReachesTheHandlerWithItsPortAndUnhandledOnesAreForwarded() throws IOException,
            InterruptedException {
        OpenFlowSwitch sw = connect();
        BlockingQueue<Object[]> seen = new ArrayBlockingQueue<>(4);
        sw.setPacketInHandler((port, frame) -> {
            seen.add(new Object[]{port, frame});
            return frame[13] == 1;
        });
        byte[] handled = frame(1);
        byte[] unhandled = frame(2);
        fake.send(packetIn(2, handled));
        fake.send(packetIn(3, unhandled));
        Object[] first = seen.poll(5, TimeUnit.SECONDS);
        assertNotNull(first);
        assertEquals(2, first[0]);
        assertArrayEquals(handled, (byte[]) first[1]);
        Object[] second = seen.poll(5, TimeUnit.SECONDS);
        assertEquals(3, second[0]);
        // Only the unhandled frame comes back, to the switch's own forwarding from its ingress port.
        OFPacketOut out = (OFPacketOut) fake.expect(OFType.PACKET_OUT);
        assertEquals(OFPort.of(3), out.getInPort());
        assertEquals(OFBufferId.NO_BUFFER, out.getBufferId());
        assertEquals(List.of(OFPort.NORMAL), ports(out.getActions()));
        assertArrayEquals(unhandled, out.getData());
        assertEquals(2, sw.counters()[0]);
        assertEquals(1, sw.counters()[2]);
    }

    @Test
    public void treatmentsBecomePacketOuts() throws IOException {
        OpenFlowSwitch sw = connect();
        byte[] f = frame(3);
        sw.apply(DefaultTrafficTreatment.builder().setEthDst(MacAddress.valueOf("02:00:00:00:00:03"))
                         .setOutput(PortNumber.portNumber(3)).build(), f, 3);
        OFPacketOut out = (OFPacketOut) fake.expect(OFType.PACKET_OUT);
        assertEquals(OFPort.of(3), out.getInPort());
        assertEquals(2, out.getActions().size());
        OFActionSetField set = (OFActionSetField) out.getActions().get(0);
        assertEquals(MatchField.ETH_DST, set.getField().getMatchField());
        // Back out of the ingress port must be IN_PORT in OpenFlow.
        assertEquals(OFPort.IN_PORT, ((OFActionOutput) out.getActions().get(1)).getPort());
        assertArrayEquals(f, out.getData());

        sw.apply(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(2)).build(), f, 0);
        out = (OFPacketOut) fake.expect(OFType.PACKET_OUT);
        assertEquals(OFPort.CONTROLLER, out.getInPort());
        assertEquals(List.of(OFPort.of(2)), ports(out.getActions()));

        sw.flood(0, f);
        out = (OFPacketOut) fake.expect(OFType.PACKET_OUT);
        assertEquals(List.of(OFPort.ALL), ports(out.getActions()));
    }

    @Test
    public void interceptsAreFlowRulesCarryingTheAppId() throws IOException {
        OpenFlowSwitch sw = connect();
        TrafficSelector selector = DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                .matchIPDst(IpPrefix.valueOf("10.0.0.42/32")).matchIPProtocol(IPv4.PROTOCOL_TCP)
                .matchTcpDst(TpPort.tpPort(80)).build();
        sw.intercept(selector, 5, APP, true);
        OFFlowAdd add = (OFFlowAdd) fake.expect(OFType.FLOW_MOD);
        assertEquals(U64.of(APP), add.getCookie());
        assertEquals(5, add.getPriority());
        assertEquals(EthType.IPv4, add.getMatch().get(MatchField.ETH_TYPE));
        assertEquals(IPv4Address.of("10.0.0.42"), add.getMatch().get(MatchField.IPV4_DST));
        assertEquals(IpProtocol.TCP, add.getMatch().get(MatchField.IP_PROTO));
        assertEquals(TransportPort.of(80), add.getMatch().get(MatchField.TCP_DST));
        assertEquals(List.of(OFPort.CONTROLLER), outputs(add));
        OFActionOutput toController = (OFActionOutput) actions(add).get(0);
        assertEquals("whole frames", 0xffff, toController.getMaxLen());

        sw.intercept(selector, 5, APP, false);
        OFFlowDeleteStrict del = (OFFlowDeleteStrict) fake.expect(OFType.FLOW_MOD);
        assertEquals(add.getMatch(), del.getMatch());
        assertEquals(5, del.getPriority());
        assertEquals(U64.of(APP), del.getCookie());
        assertEquals(U64.NO_MASK, del.getCookieMask());
    }

    @Test
    public void echoRequestsAreAnswered() throws IOException {
        connect();
        byte[] data = {1, 2, 3};
        fake.send(OF.buildEchoRequest().setXid(99).setData(data).build());
        OFEchoReply reply = (OFEchoReply) fake.expect(OFType.ECHO_REPLY);
        assertEquals(99, reply.getXid());
        assertArrayEquals(data, reply.getData());
    }

    @Test
    public void roleCanBeClaimedAgainWithANewerGeneration() throws Exception {
        OpenFlowSwitch sw = connect();
        OpenFlowSwitch.RoleFuture f = sw.requestRole(OFControllerRole.ROLE_SLAVE, 8);
        OFRoleRequest r = (OFRoleRequest) fake.expect(OFType.ROLE_REQUEST);
        assertEquals(U64.of(8), r.getGenerationId());
        fake.send(OF.buildRoleReply().setXid(r.getXid()).setRole(OFControllerRole.ROLE_SLAVE)
                          .setGenerationId(U64.of(8)).build());
        assertEquals(OFControllerRole.ROLE_SLAVE, f.get(5, TimeUnit.SECONDS, "role").getRole());
        assertEquals(OFControllerRole.ROLE_SLAVE, sw.role());
    }

    @Test
    public void slaveSendsNoInterceptsUntilItClaimsMasterThenInstallsThemOverTheTable() throws Exception {
        fake.close();
        controller.close();
        OpenFlowController.RoleClaim slaveClaim = new OpenFlowController.RoleClaim(OFControllerRole.ROLE_SLAVE, 3);
        controller = OpenFlowController.start(0, () -> slaveClaim);
        fake = new FakeSwitch(controller.port());
        OpenFlowSwitch sw = connect();
        assertEquals(OFControllerRole.ROLE_SLAVE, sw.role());
        OFRoleRequest slave = (OFRoleRequest) find(fake.handshake, OFType.ROLE_REQUEST);
        assertEquals(OFControllerRole.ROLE_SLAVE, slave.getRole());
        assertEquals(U64.of(3), slave.getGenerationId());
        assertTrue("a slave leaves the table alone", fake.handshake.stream()
                .noneMatch(m -> m.getType() == OFType.FLOW_MOD));
        TrafficSelector selector = DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_ARP).build();
        sw.intercept(selector, 5, APP, true);
        sw.flood(0, frame(1));

        Thread claim = new Thread(() -> {
            try {
                sw.claim(OFControllerRole.ROLE_MASTER, 4, 5000);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        claim.start();
        // Neither the intercept nor the flood went out as a slave: the role request comes first.
        OFRoleRequest master = (OFRoleRequest) fake.expect(OFType.ROLE_REQUEST);
        assertEquals(OFControllerRole.ROLE_MASTER, master.getRole());
        assertEquals(U64.of(4), master.getGenerationId());
        fake.send(OF.buildRoleReply().setXid(master.getXid()).setRole(OFControllerRole.ROLE_MASTER)
                          .setGenerationId(master.getGenerationId()).build());
        OFFlowAdd normal = (OFFlowAdd) fake.expect(OFType.FLOW_MOD);
        assertEquals("forwarding added over the table, no flush", 0, normal.getPriority());
        assertEquals(List.of(OFPort.NORMAL), outputs(normal));
        OFFlowAdd intercept = (OFFlowAdd) fake.expect(OFType.FLOW_MOD);
        assertEquals(5, intercept.getPriority());
        assertEquals(U64.of(APP), intercept.getCookie());
        assertEquals(List.of(OFPort.CONTROLLER), outputs(intercept));
        assertEquals(EthType.ARP, intercept.getMatch().get(MatchField.ETH_TYPE));
        OFMessage barrier = fake.expect(OFType.BARRIER_REQUEST);
        fake.send(OF.buildBarrierReply().setXid(barrier.getXid()).build());
        claim.join(5000);
        assertEquals(OFControllerRole.ROLE_MASTER, sw.role());
    }

    private static byte[] frame(int tag) {
        byte[] f = new byte[60];
        Arrays.fill(f, 0, 6, (byte) 0xff);
        f[11] = (byte) tag;
        f[13] = (byte) tag;
        return f;
    }

    private static OFMessage packetIn(int port, byte[] frame) {
        return OF.buildPacketIn().setXid(0).setBufferId(OFBufferId.NO_BUFFER).setTotalLen(frame.length)
                .setReason(OFPacketInReason.ACTION).setTableId(TableId.of(0))
                .setMatch(OF.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(port)).build())
                .setData(frame).build();
    }

    private static OFMessage find(List<OFMessage> list, OFType type) {
        return list.stream().filter(m -> m.getType() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + list));
    }

    private static List<OFAction> actions(OFFlowAdd add) {
        return ((OFInstructionApplyActions) add.getInstructions().get(0)).getActions();
    }

    private static List<OFPort> outputs(OFFlowAdd add) {
        return ports(actions(add));
    }

    private static List<OFPort> ports(List<OFAction> actions) {
        return actions.stream().filter(a -> a instanceof OFActionOutput).map(a -> ((OFActionOutput) a).getPort())
                .collect(Collectors.toList());
    }
}
