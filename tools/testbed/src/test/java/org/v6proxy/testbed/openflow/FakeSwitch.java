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
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequestFailedCode;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.Assert.assertEquals;

/**
 * The switch end of an OpenFlow 1.3 connection, for tests: reads and writes openflowj
 * messages over a real socket to the controller and answers the handshake as Open vSwitch
 * does (features, port descriptions in two multipart parts, role, barrier).
 */
final class FakeSwitch implements AutoCloseable {

    static final OFFactory OF = OFFactories.getFactory(OFVersion.OF_13);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final OFMessageReader<OFMessage> reader = OFFactories.getGenericReader();
    /** Messages of the handshake, in the order the controller sent them. */
    final List<OFMessage> handshake = new ArrayList<>();

    FakeSwitch(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
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
        send(OF.buildHello().setXid(1).build());
        handshake.add(expect(OFType.HELLO));
        OFMessage features = expect(OFType.FEATURES_REQUEST);
        handshake.add(features);
        send(OF.buildFeaturesReply().setXid(features.getXid()).setDatapathId(DatapathId.of(dpid))
                     .setNBuffers(0).setNTables((short) 254).build());
        OFMessage desc = expect(OFType.STATS_REQUEST);
        handshake.add(desc);
        send(OF.buildPortDescStatsReply().setXid(desc.getXid()).setFlags(Set.of(OFStatsReplyFlags.REPLY_MORE))
                     .setEntries(List.of(port(1, "h1"), port(2, "h2"))).build());
        send(OF.buildPortDescStatsReply().setXid(desc.getXid()).setFlags(Set.of())
                     .setEntries(List.of(port(3, "h3"), OF.buildPortDesc().setPortNo(OFPort.LOCAL).setName("br")
                             .setHwAddr(MacAddress.of(0x0200000001ffL)).build())).build());
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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
