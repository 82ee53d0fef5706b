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

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequestFailedCode;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.Assert.assertEquals;

/**
 * The switch end of an OpenFlow 1.3 connection, for tests: reads and writes openflowj
 * messages over a real socket to the controller and answers the handshake as Open vSwitch
 * does (features, port descriptions in two multipart parts, role, barrier).
 */
public final class FakeSwitch implements AutoCloseable {

    /** OpenFlow 1.3 messages. */
    public static final OFFactory OF = OFFactories.getFactory(OFVersion.OF_13);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final OFMessageReader<OFMessage> reader = OFFactories.getGenericReader();
    /** Messages of the handshake, in the order the controller sent them. */
    final List<OFMessage> handshake = new ArrayList<>();
    /** Flow mods read by {@link #nextPacketOut}. */
    public final List<OFMessage> flowMods = new ArrayList<>();

    /**
     * Connects to a controller.
     *
     * @param port the controller's port on loopback
     * @throws IOException when nobody listens
     */
    public FakeSwitch(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5000);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        out = socket.getOutputStream();
    }

    OFMessage read() throws IOException {
        byte[] header = new byte[OpenFlowChannel.HEADER];
        in.readFully(header);
        int len = (header[2] & 0xff) << 8 | (header[3] & 0xff);
        byte[] m = new byte[len];
        System.arraycopy(header, 0, m, 0, header.length);
        in.readFully(m, header.length, len - header.length);
        try {
            return reader.readFrom(Unpooled.wrappedBuffer(m));
        } catch (OFParseError e) {
            throw new IOException(e);
        }
    }

    /** Reads the next message of a type, answering echo requests on the way. */
    OFMessage expect(OFType type) throws IOException {
        OFMessage m = read();
        assertEquals("message from the controller", type, m.getType());
        return m;
    }

    void send(OFMessage m) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        m.writeTo(buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        out.write(bytes);
        out.flush();
    }

    static OFPortDesc port(int n, String name) {
        return OF.buildPortDesc().setPortNo(OFPort.of(n)).setName(name)
                .setHwAddr(MacAddress.of(0x020000000100L + n)).build();
    }

    /**
     * Answers the controller's handshake up to the barrier; a role request is answered with
     * the role asked for unless {@code refuseRole}.
     */
    void handshake(long dpid, boolean refuseRole) throws IOException {
        handshake(dpid, refuseRole, 3);
    }

    /**
     * Answers the handshake as a switch with ports 1..N named h1..hN.
     *
     * @param dpid datapath id
     * @param refuseRole whether to refuse a role request
     * @param nPorts number of ports
     * @throws IOException when the connection fails
     */
    public void handshake(long dpid, boolean refuseRole, int nPorts) throws IOException {
        handshake(dpid, refuseRole, nPorts, false);
    }

    /**
     * Answers the handshake; with {@code lateHello} the switch sends its HELLO only after the
     * features request, numbered with that request's xid (a switch's xids are its own).
     */
    void handshake(long dpid, boolean refuseRole, int nPorts, boolean lateHello) throws IOException {
        if (!lateHello) {
            send(OF.buildHello().setXid(1).build());
        }
        handshake.add(expect(OFType.HELLO));
        OFMessage features = expect(OFType.FEATURES_REQUEST);
        handshake.add(features);
        if (lateHello) {
            send(OF.buildHello().setXid(features.getXid()).build());
        }
        send(OF.buildFeaturesReply().setXid(features.getXid()).setDatapathId(DatapathId.of(dpid))
                     .setNBuffers(0).setNTables((short) 254).build());
        OFMessage desc = expect(OFType.STATS_REQUEST);
        handshake.add(desc);
        // Two parts, as a switch may split a multipart reply; the LOCAL port in the last one.
        List<OFPortDesc> first = new ArrayList<>();
        List<OFPortDesc> last = new ArrayList<>();
        for (int i = 1; i <= nPorts; i++) {
            (i < nPorts ? first : last).add(port(i, "h" + i));
        }
        last.add(OF.buildPortDesc().setPortNo(OFPort.LOCAL).setName("br").setHwAddr(MacAddress.of(0x0200000001ffL))
                         .build());
        send(OF.buildPortDescStatsReply().setXid(desc.getXid()).setFlags(Set.of(OFStatsReplyFlags.REPLY_MORE))
                     .setEntries(first).build());
        send(OF.buildPortDescStatsReply().setXid(desc.getXid()).setFlags(Set.of()).setEntries(last).build());
        while (true) {
            OFMessage m = read();
            handshake.add(m);
            if (m.getType() == OFType.ROLE_REQUEST) {
                OFRoleRequest r =
                        (OFRoleRequest) m;
                if (refuseRole) {
                    send(OF.errorMsgs().buildRoleRequestFailedErrorMsg().setXid(r.getXid())
                                 .setCode(OFRoleRequestFailedCode.STALE)
                                 .build());
                    return;
                }
                send(OF.buildRoleReply().setXid(r.getXid()).setRole(r.getRole())
                             .setGenerationId(r.getGenerationId()).build());
                if (r.getRole() == OFControllerRole.ROLE_SLAVE) {
                    // A slave's handshake ends with its role: it may not touch the table.
                    return;
                }
            } else if (m.getType() == OFType.BARRIER_REQUEST) {
                send(OF.buildBarrierReply().setXid(m.getXid()).build());
                return;
            }
        }
    }

    /**
     * Returns a loopback TCP port that was free a moment ago, for a controller to listen on.
     *
     * @return port
     * @throws IOException when none can be bound
     */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Connects once a controller listens on the port (it may start after this call) and
     * answers its handshake, on another thread.
     *
     * @param port the controller's port on loopback
     * @param dpid datapath id
     * @param nPorts number of ports
     * @return completes with the connected switch, or exceptionally after 10 s
     */
    public static CompletableFuture<FakeSwitch> connectWhenListening(int port, long dpid, int nPorts) {
        CompletableFuture<FakeSwitch> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            long deadline = System.currentTimeMillis() + 10_000;
            while (true) {
                FakeSwitch sw;
                try {
                    sw = new FakeSwitch(port);
                } catch (IOException e) {
                    if (System.currentTimeMillis() > deadline) {
                        f.completeExceptionally(e);
                        return;
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException ie) {
                        f.completeExceptionally(ie);
                        return;
                    }
                    continue;
                }
                try {
                    sw.handshake(dpid, false, nPorts);
                    f.complete(sw);
                } catch (IOException | RuntimeException | AssertionError e) {
                    f.completeExceptionally(e);
                }
                return;
            }
        }, "fake-switch-connect");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /**
     * Sends a frame to the controller as a packet-in from a port (the match's IN_PORT).
     *
     * @param port ingress port
     * @param frame the frame
     * @throws IOException when the connection fails
     */
    public void packetIn(int port, byte[] frame) throws IOException {
        send(OF.buildPacketIn().setXid(0).setBufferId(OFBufferId.NO_BUFFER).setTotalLen(frame.length)
                     .setReason(OFPacketInReason.ACTION).setTableId(TableId.of(0))
                     .setMatch(OF.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(port)).build())
                     .setData(frame).build());
    }

    /**
     * Sends the same frame as a packet-in from a port {@code count} times, as fast as the
     * connection takes them (one buffered stream, flushed at the end), on a thread of its own.
     *
     * @param port ingress port
     * @param frame the frame
     * @param count how many
     * @return the sending thread, started
     */
    public Thread floodPacketIns(int port, byte[] frame, int count) {
        ByteBuf buf = Unpooled.buffer();
        OF.buildPacketIn().setXid(0).setBufferId(OFBufferId.NO_BUFFER).setTotalLen(frame.length)
                .setReason(OFPacketInReason.ACTION).setTableId(TableId.of(0))
                .setMatch(OF.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(port)).build())
                .setData(frame).build().writeTo(buf);
        byte[] one = new byte[buf.readableBytes()];
        buf.readBytes(one);
        Thread t = new Thread(() -> {
            try {
                BufferedOutputStream bulk = new BufferedOutputStream(out, 1 << 16);
                for (int i = 0; i < count; i++) {
                    bulk.write(one);
                }
                bulk.flush();
            } catch (IOException e) {
                // The reader side sees the connection fail and reports it.
                return;
            }
        }, "fake-switch-flood");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Reads up to the next packet-out, passing flow mods (kept in {@link #flowMods}) and
     * answering barriers and echoes on the way.
     *
     * @param timeoutMillis how long to wait for each message
     * @return the packet-out
     * @throws IOException when the connection closes or nothing comes in time
     */
    public OFPacketOut nextPacketOut(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        while (true) {
            OFMessage m = read();
            switch (m.getType()) {
                case PACKET_OUT:
                    return (OFPacketOut) m;
                case BARRIER_REQUEST:
                    send(OF.buildBarrierReply().setXid(m.getXid()).build());
                    break;
                case ECHO_REQUEST:
                    send(OF.buildEchoReply().setXid(m.getXid()).build());
                    break;
                case FLOW_MOD:
                    flowMods.add(m);
                    break;
                default:
                    break;
            }
        }
    }

    /**
     * Returns the output ports of a packet-out's actions, in order.
     *
     * @param out packet-out
     * @return ports
     */
    public static List<OFPort> outputs(OFPacketOut out) {
        List<OFPort> ports = new ArrayList<>();
        for (OFAction a : out.getActions()) {
            if (a instanceof OFActionOutput) {
                ports.add(((OFActionOutput) a).getPort());
            }
        }
        return ports;
    }

    /**
     * Asserts that the controller closes the connection within a time, whatever it sends before.
     *
     * @param timeoutMillis how long
     * @throws IOException when the connection stays open
     */
    public void awaitClosedByController(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            while (true) {
                read();
            }
        } catch (EOFException | SocketException e) {
            return;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
