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

import org.onlab.packet.Ip4Address;
import org.onosproject.net.ConnectPoint;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.Protocol;
import org.v6proxy.bench.Rfc1071;

import java.nio.charset.StandardCharsets;

/**
 * http (delayed binding) setup: the client's SYN to the http VIP, answered
 * by the proxy's SYN-ACK (whose ISN, the cookie for v6proxy, is read from
 * the emitted frame); the client's ACK and its request
 * {@code GET / HTTP/1.1, Host: a.example} acknowledging that ISN; the
 * proxy's SYN toward the backend the Host routes to (its source port and
 * ISN read from the emitted frame); the backend's SYN-ACK to it; the proxy
 * completes the handshake toward the backend and replays the request. The
 * frames of a slot are built once; the acknowledgment numbers that depend
 * on what the proxy chose are written into them (with their TCP checksum,
 * RFC 1071) at each connection.
 */
final class HttpSetupScenario extends SetupScenario {
    /** The client's request: what the backend must receive. */
    static final byte[] REQUEST = ("GET / HTTP/1.1\r\nHost: " + BenchRig.HTTP_HOST + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    /** A backend's SYN-ACK options: MSS 1460, SACK permitted, window scale 7 (no timestamps: none offered). */
    static final byte[] BACKEND_SYN_ACK_OPTS = {2, 4, 0x05, (byte) 0xb4, 1, 1, 4, 2, 1, 3, 3, 7};
    private static final int FIRST_PORT = 20000;
    private static final int IP4 = TestFrames.ETH;
    private static final int TCP4 = IP4 + 20;
    private static final int IP6 = TestFrames.ETH;
    private static final int TCP6 = IP6 + 40;
    private static final int PORT_DST = 2;
    private static final int SEQ = 4;
    private static final int ACK = 8;
    private static final int FLAGS = 13;
    private static final int IP6_DST = 24;
    private static final int V6_LEN = 16;

    private final BenchRig rig;
    private final boolean v6proxy;
    private final byte[][] syn;
    private final byte[][] ack;
    private final byte[][] data;
    private final byte[][] synAck;
    private final ConnectionKey[] keys;

    /**
     * Builds the frames of every slot.
     *
     * @param rig the implementations
     * @param v6proxy true for v6proxy, false for the org.onlab.packet implementation
     * @param ring number of client ports used in turn
     */
    HttpSetupScenario(BenchRig rig, boolean v6proxy, int ring) {
        super(ring);
        this.rig = rig;
        this.v6proxy = v6proxy;
        syn = new byte[ring][];
        ack = new byte[ring][];
        data = new byte[ring][];
        synAck = new byte[ring][];
        keys = new ConnectionKey[ring];
        int c = BenchRig.CLIENT4;
        int isn = BenchFrames.CLIENT_ISN;
        byte[] none = BenchFrames.NO_OPTS;
        for (int i = 0; i < ring; i++) {
            int port = FIRST_PORT + i;
            syn[i] = client(port, isn, 0, BenchFrames.SYN, BenchFrames.SYN_OPTS, none);
            ack[i] = client(port, isn + 1, 0, BenchFrames.ACK, none, none);
            data[i] = client(port, isn + 1, 0, BenchFrames.PSH_ACK, none, REQUEST);
            synAck[i] = TestFrames.l4v6(BenchRig.GW_MAC, BenchRig.BACKEND2_MAC, BenchRig.BACKEND2_6,
                                        BenchFrames.client6(c), 6, BenchRig.BACKEND_PORT, port,
                                        BenchFrames.BACKEND_ISN, 0, BenchFrames.SYN_ACK, BACKEND_SYN_ACK_OPTS,
                                        none);
            keys[i] = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf(c), port,
                                        Ip4Address.valueOf(BenchRig.HTTP_VIP4), BenchRig.SERVICE_PORT);
        }
    }

    private static byte[] client(int port, int seq, int ack, int flags, byte[] opts, byte[] payload) {
        return TestFrames.tcp4(BenchRig.GW_MAC, BenchRig.CLIENT_MAC, BenchRig.CLIENT4, BenchRig.HTTP_VIP4, port,
                               BenchRig.SERVICE_PORT, seq, ack, flags, opts, payload);
    }

    @Override
    byte[] open(int slot) {
        byte[] answer = send(syn[slot], BenchRig.CLIENT_AT);
        if (answer == null || answer.length < TCP4 + 20 || (answer[TCP4 + FLAGS] & 0xff) != BenchFrames.SYN_ACK) {
            return null;
        }
        int serverIsn = TestFrames.u32(answer, TCP4 + SEQ);
        put32(ack[slot], TCP4 + ACK, serverIsn + 1);
        Rfc1071.tcp4(ack[slot], IP4);
        put32(data[slot], TCP4 + ACK, serverIsn + 1);
        Rfc1071.tcp4(data[slot], IP4);
        rig.pkt.clear();
        handle(ack[slot], BenchRig.CLIENT_AT);
        byte[] toBackend = send(data[slot], BenchRig.CLIENT_AT);
        if (toBackend == null || toBackend.length < TCP6 + 20
                || (toBackend[TCP6 + FLAGS] & 0xff) != BenchFrames.SYN || !backend2(toBackend)) {
            return null;
        }
        byte[] answer6 = synAck[slot];
        System.arraycopy(toBackend, TCP6, answer6, TCP6 + PORT_DST, 2);
        put32(answer6, TCP6 + ACK, TestFrames.u32(toBackend, TCP6 + SEQ) + 1);
        Rfc1071.tcp6(answer6, IP6);
        return send(answer6, BenchRig.BACKEND2_AT);
    }

    /** Whether an IPv6 frame goes to the backend a.example routes to. */
    private static boolean backend2(byte[] f) {
        for (int i = 0; i < V6_LEN; i++) {
            if (f[IP6 + IP6_DST + i] != BenchRig.BACKEND2_6[i]) {
                return false;
            }
        }
        return true;
    }

    /** Hands a frame to the implementation and returns the last frame it emitted for it, or null. */
    private byte[] send(byte[] frame, ConnectPoint from) {
        rig.pkt.clear();
        handle(frame, from);
        return rig.pkt.lastFrame();
    }

    private void handle(byte[] frame, ConnectPoint from) {
        if (v6proxy) {
            rig.processor.handle(frame, 0, frame.length, from);
        } else {
            rig.onlabHttp.process(frame, from);
        }
    }

    private static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    @Override
    void remove(int slot) {
        if (v6proxy) {
            rig.store.remove(keys[slot]);
        } else {
            rig.onlabHttp.remove(keys[slot]);
        }
    }
}
