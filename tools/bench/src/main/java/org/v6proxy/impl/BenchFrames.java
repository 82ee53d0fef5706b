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

import java.util.Random;

/**
 * The frames the benchmarks send, built with the app's test frame builder
 * (correct checksums): a TCP connection between client 10.x.y.z:port and the
 * l4 service 10.0.0.43:80, served by backend [2001:db8::1]:8080. The
 * handshake carries the options Linux puts on it (SYN and SYN-ACK: MSS, SACK
 * permitted, timestamps, window scale; ACK: timestamps). Data segments carry
 * no options, so that a 1460-byte payload makes a full 1500-byte IPv4 packet
 * (1520 bytes as IPv6).
 */
final class BenchFrames {
    static final int CLIENT_ISN = 1000;
    static final int BACKEND_ISN = 5000;
    static final int PSH_ACK = 0x18;
    static final int ACK = 0x10;
    static final int SYN = 0x02;
    static final int SYN_ACK = 0x12;
    private static final int V4_IN_V6 = 12;
    private static final int V6_LEN = 16;

    /** No TCP options. */
    static final byte[] NO_OPTS = new byte[0];
    /** NOP, NOP, timestamps (RFC 7323), as on a Linux ACK. */
    static final byte[] TS_OPTS = {1, 1, 8, 10, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};
    /** MSS 1460, SACK permitted, timestamps, NOP, window scale 7: a Linux SYN. */
    static final byte[] SYN_OPTS = {2, 4, 0x05, (byte) 0xb4, 4, 2, 8, 10, 0x01, 0x02, 0x03, 0x04, 0, 0, 0, 0,
        1, 3, 3, 7};

    private BenchFrames() {
    }

    /**
     * Returns deterministic pseudo-random payload bytes.
     *
     * @param n length
     * @param seed seed
     * @return bytes
     */
    static byte[] payload(int n, long seed) {
        byte[] p = new byte[n];
        new Random(seed).nextBytes(p);
        return p;
    }

    /**
     * Returns the client's IPv6 address for a client IPv4 address (RFC 6052, /96).
     *
     * @param clientIp client IPv4
     * @return 16 bytes
     */
    static byte[] client6(int clientIp) {
        byte[] a = BenchRig.CLIENT_PREFIX6.clone();
        for (int i = 0; i < V6_LEN - V4_IN_V6; i++) {
            a[V4_IN_V6 + i] = (byte) (clientIp >>> (24 - 8 * i));
        }
        return a;
    }

    /**
     * Returns the client's SYN.
     *
     * @param clientIp client IPv4
     * @param sport client port
     * @return frame
     */
    static byte[] clientSyn(int clientIp, int sport) {
        return TestFrames.tcp4(BenchRig.GW_MAC, BenchRig.CLIENT_MAC, clientIp, BenchRig.VIP4, sport,
                               BenchRig.SERVICE_PORT, CLIENT_ISN, 0, SYN, SYN_OPTS, new byte[0]);
    }

    /**
     * Returns the backend's SYN-ACK.
     *
     * @param clientIp client IPv4
     * @param sport client port
     * @return frame
     */
    static byte[] backendSynAck(int clientIp, int sport) {
        return TestFrames.l4v6(BenchRig.GW_MAC, BenchRig.BACKEND_MAC, BenchRig.BACKEND6, client6(clientIp), 6,
                               BenchRig.BACKEND_PORT, sport, BACKEND_ISN, CLIENT_ISN + 1, SYN_ACK, SYN_OPTS,
                               new byte[0]);
    }

    /**
     * Returns the client's ACK of the SYN-ACK.
     *
     * @param clientIp client IPv4
     * @param sport client port
     * @return frame
     */
    static byte[] clientAck(int clientIp, int sport) {
        return TestFrames.tcp4(BenchRig.GW_MAC, BenchRig.CLIENT_MAC, clientIp, BenchRig.VIP4, sport,
                               BenchRig.SERVICE_PORT, CLIENT_ISN + 1, BACKEND_ISN + 1, ACK, TS_OPTS, new byte[0]);
    }

    /**
     * Returns a client data segment (PSH|ACK, no options).
     *
     * @param clientIp client IPv4
     * @param sport client port
     * @param data payload
     * @return frame
     */
    static byte[] clientData(int clientIp, int sport, byte[] data) {
        return TestFrames.tcp4(BenchRig.GW_MAC, BenchRig.CLIENT_MAC, clientIp, BenchRig.VIP4, sport,
                               BenchRig.SERVICE_PORT, CLIENT_ISN + 1, BACKEND_ISN + 1, PSH_ACK, NO_OPTS, data);
    }

    /**
     * Returns a backend data segment (PSH|ACK, no options).
     *
     * @param clientIp client IPv4
     * @param sport client port
     * @param data payload
     * @return frame
     */
    static byte[] backendData(int clientIp, int sport, byte[] data) {
        return TestFrames.l4v6(BenchRig.GW_MAC, BenchRig.BACKEND_MAC, BenchRig.BACKEND6, client6(clientIp), 6,
                               BenchRig.BACKEND_PORT, sport, BACKEND_ISN + 1, CLIENT_ISN + 1, PSH_ACK, NO_OPTS,
                               data);
    }
}
