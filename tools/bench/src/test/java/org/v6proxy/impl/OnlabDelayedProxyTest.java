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
import org.onosproject.net.ConnectPoint;
import org.v6proxy.bench.OnlabDelayedProxy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.impl.TestFrames.ETH;
import static org.v6proxy.impl.TestFrames.u16;
import static org.v6proxy.impl.TestFrames.u32;

/**
 * The delayed-binding comparison implementation does what the http
 * scenario needs of it, the way v6proxy does it where the two are compared
 * (checksums checked from scratch, RFC 1071).
 */
public class OnlabDelayedProxyTest {
    private static final int TCP4 = ETH + 20;
    private static final int TCP6 = ETH + 40;
    private static final int PORT = 30000;
    private BenchRig rig;

    @Before
    public void setUp() {
        rig = new BenchRig();
    }

    @After
    public void tearDown() {
        rig.close();
    }

    private static byte[] client(int port, int seq, int ack, int flags, byte[] opts, byte[] payload) {
        return TestFrames.tcp4(BenchRig.GW_MAC, BenchRig.CLIENT_MAC, BenchRig.CLIENT4, BenchRig.HTTP_VIP4, port,
                               BenchRig.SERVICE_PORT, seq, ack, flags, opts, payload);
    }

    private byte[] onlab(byte[] frame) {
        return onlab(frame, BenchRig.CLIENT_AT);
    }

    /** Hands a frame to the delayed-binding baseline; returns the last frame it emitted, or null. */
    private byte[] onlab(byte[] frame, ConnectPoint from) {
        rig.pkt.clear();
        rig.onlabHttp.process(frame, from);
        return rig.pkt.lastFrame();
    }

    private byte[] onlabSynAck(int port) {
        return onlab(client(port, 1000, 0, BenchFrames.SYN, BenchFrames.SYN_OPTS, BenchFrames.NO_OPTS));
    }

    @Test
    public void synAnsweredWithRandomIsnLikeV6proxyOffersAndNothingStored() {
        byte[] a = onlabSynAck(PORT);
        byte[] b = onlabSynAck(PORT + 1);
        byte[] v6 = rig.v6proxy(client(PORT, 1000, 0, BenchFrames.SYN, BenchFrames.SYN_OPTS, BenchFrames.NO_OPTS),
                                BenchRig.CLIENT_AT);
        for (byte[] f : new byte[][] {a, b}) {
            assertNotNull(f);
            assertTrue("checksums", ChecksumCheck.tcp4(f));
            assertEquals(BenchFrames.SYN_ACK, f[TCP4 + 13] & 0xff);
            assertEquals(1001, u32(f, TCP4 + 8));
            assertEquals(BenchRig.HTTP_VIP4, u32(f, ETH + 12));
            assertEquals(BenchRig.CLIENT4, u32(f, ETH + 16));
            assertEquals(BenchRig.SERVICE_PORT, u16(f, TCP4));
        }
        assertNotEquals("random ISNs", u32(a, TCP4 + 4), u32(b, TCP4 + 4));
        int hl = ((v6[TCP4 + 12] & 0xff) >> 4) * 4;
        assertEquals("MSS as v6proxy offers", u16(v6, TCP4 + 22), u16(a, TCP4 + 22));
        assertEquals(2, a[TCP4 + 20]);
        assertTrue("v6proxy's options have a fixed length here", hl > 20);
        assertEquals(2, rig.onlabHttp.halfOpenCount());
        assertEquals(0, rig.onlabHttp.recordCount());
        assertEquals(0, rig.onlabHttp.size());
    }

    @Test
    public void ackOfAnotherIsnBindsNothing() {
        int isn = u32(onlabSynAck(PORT), TCP4 + 4);
        byte[] req = HttpSetupScenario.REQUEST;
        assertNull(onlab(client(PORT, 1001, isn + 2, BenchFrames.PSH_ACK, BenchFrames.NO_OPTS, req)));
        assertEquals(0, rig.onlabHttp.size());
        assertNull(onlab(client(PORT + 1, 1001, isn + 1, BenchFrames.PSH_ACK, BenchFrames.NO_OPTS, req)));
        assertEquals(0, rig.onlabHttp.size());
    }

    @Test
    public void requestInTwoSegmentsRoutesByHost() {
        int isn = u32(onlabSynAck(PORT), TCP4 + 4);
        byte[] req = "GET /x HTTP/1.1\r\nUser-Agent: t\r\nHOST: Other.Example:80\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] first = Arrays.copyOfRange(req, 0, 10);
        byte[] rest = Arrays.copyOfRange(req, 10, req.length);
        assertNull(onlab(client(PORT, 1001, isn + 1, BenchFrames.ACK, BenchFrames.NO_OPTS, BenchFrames.NO_OPTS)));
        assertNull("headers not complete", onlab(client(PORT, 1001, isn + 1, BenchFrames.PSH_ACK,
                                                         BenchFrames.NO_OPTS, first)));
        byte[] syn = onlab(client(PORT, 1011, isn + 1, BenchFrames.PSH_ACK, BenchFrames.NO_OPTS, rest));
        assertNotNull(syn);
        assertEquals(BenchFrames.SYN, syn[TCP6 + 13] & 0xff);
        assertArrayEquals("no route: default backend", BenchRig.BACKEND6, Arrays.copyOfRange(syn, ETH + 24, TCP6));
        assertEquals("client's own ISN", 1000, u32(syn, TCP6 + 4));
        assertEquals(PORT, u16(syn, TCP6));
        assertTrue(ChecksumCheck.tcp6(syn));

        byte[] synAck = TestFrames.l4v6(BenchRig.GW_MAC, BenchRig.BACKEND_MAC, BenchRig.BACKEND6,
                                        BenchFrames.client6(BenchRig.CLIENT4), 6, BenchRig.BACKEND_PORT, PORT,
                                        7000, 1001, BenchFrames.SYN_ACK, HttpSetupScenario.BACKEND_SYN_ACK_OPTS,
                                        BenchFrames.NO_OPTS);
        rig.pkt.clear();
        long before = rig.pkt.emitted();
        rig.onlabHttp.process(synAck, BenchRig.BACKEND_AT);
        assertEquals("handshake ACK and two replayed segments", 3, rig.pkt.emitted() - before);
        byte[] replay = rig.pkt.lastFrame();
        assertArrayEquals(rest, Arrays.copyOfRange(replay, TCP6 + 20, replay.length));
        assertEquals(1011, u32(replay, TCP6 + 4));
        assertEquals(7001, u32(replay, TCP6 + 8));
        assertTrue(ChecksumCheck.tcp6(replay));

        byte[] answer = "HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] toClient = onlab(TestFrames.l4v6(BenchRig.GW_MAC, BenchRig.BACKEND_MAC, BenchRig.BACKEND6,
                                                    BenchFrames.client6(BenchRig.CLIENT4), 6,
                                                    BenchRig.BACKEND_PORT, PORT, 7001, 1001 + req.length,
                                                    BenchFrames.PSH_ACK, BenchFrames.NO_OPTS, answer),
                                    BenchRig.BACKEND_AT);
        assertNotNull(toClient);
        assertEquals("seq in the proxy's space", isn + 1, u32(toClient, TCP4 + 4));
        assertEquals(BenchRig.SERVICE_PORT, u16(toClient, TCP4));
        assertEquals(BenchRig.HTTP_VIP4, u32(toClient, ETH + 12));
        assertArrayEquals(answer, Arrays.copyOfRange(toClient, TCP4 + 20, toClient.length));
        assertTrue(ChecksumCheck.tcp4(toClient));
    }

    @Test
    public void hostHeader() {
        assertEquals("a.example", host("GET / HTTP/1.1\r\nHost: A.Example\r\n\r\n"));
        assertEquals("a.example", host("GET / HTTP/1.1\r\nhost:a.example:8080\r\n\r\n"));
        assertEquals("[2001:db8::1]", host("GET / HTTP/1.1\r\nHost: [2001:db8::1]\r\n\r\n"));
        assertNull("headers not ended", host("GET / HTTP/1.1\r\nHost: a.example\r\n"));
        assertNull("no Host", host("GET / HTTP/1.1\r\nX-Host: a\r\n\r\n"));
        assertNull("Host in the body only", host("GET / HTTP/1.1\r\n\r\nHost: a\r\n"));
    }

    private static String host(String request) {
        return OnlabDelayedProxy.hostHeader(request.getBytes(StandardCharsets.US_ASCII));
    }
}
