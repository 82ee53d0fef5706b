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

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.v6proxy.impl.TestFrames.ETH;
import static org.v6proxy.impl.TestFrames.onesSum;
import static org.v6proxy.impl.TestFrames.u16;
import static org.v6proxy.impl.TestFrames.u32;

/**
 * Splits test frames into fragments the way a sending stack does (RFC 791
 * section 3.2, RFC 8200 section 4.5) and puts translated fragments back
 * together, independently of the code under test.
 */
final class Fragments {
    private static final int IP4 = 20;
    private static final int IP6 = 40;
    private static final int FRAG6 = 8;

    private Fragments() {
    }

    /**
     * Splits an IPv4 frame (20-byte header) into fragments of at most chunk data bytes.
     *
     * @param frame whole frame
     * @param chunk data bytes per fragment (a multiple of 8)
     * @return fragment frames, in order
     */
    static List<byte[]> split4(byte[] frame, int chunk) {
        int total = u16(frame, ETH + 2);
        List<byte[]> out = new ArrayList<>();
        for (int at = 0; at < total - IP4; at += chunk) {
            int n = Math.min(chunk, total - IP4 - at);
            byte[] f = new byte[ETH + IP4 + n];
            System.arraycopy(frame, 0, f, 0, ETH + IP4);
            System.arraycopy(frame, ETH + IP4 + at, f, ETH + IP4, n);
            f[ETH + 2] = (byte) ((IP4 + n) >> 8);
            f[ETH + 3] = (byte) (IP4 + n);
            int flags = (at + n < total - IP4 ? 0x2000 : 0) | (at / 8);
            f[ETH + 6] = (byte) (flags >> 8);
            f[ETH + 7] = (byte) flags;
            f[ETH + 10] = 0;
            f[ETH + 11] = 0;
            int c = 0xffff - onesSum(f, ETH, IP4, 0);
            f[ETH + 10] = (byte) (c >> 8);
            f[ETH + 11] = (byte) c;
            out.add(f);
        }
        return out;
    }

    /**
     * Splits an IPv6 frame (no extension headers) into fragments of at most chunk data bytes.
     *
     * @param frame whole frame
     * @param chunk data bytes per fragment (a multiple of 8)
     * @param id fragment identification
     * @return fragment frames, in order
     */
    static List<byte[]> split6(byte[] frame, int chunk, int id) {
        int plen = u16(frame, ETH + 4);
        int nh = frame[ETH + 6] & 0xff;
        List<byte[]> out = new ArrayList<>();
        for (int at = 0; at < plen; at += chunk) {
            int n = Math.min(chunk, plen - at);
            byte[] f = new byte[ETH + IP6 + FRAG6 + n];
            System.arraycopy(frame, 0, f, 0, ETH + IP6);
            f[ETH + 4] = (byte) ((FRAG6 + n) >> 8);
            f[ETH + 5] = (byte) (FRAG6 + n);
            f[ETH + 6] = 44;
            int h = ETH + IP6;
            f[h] = (byte) nh;
            int offM = at | (at + n < plen ? 1 : 0);
            f[h + 2] = (byte) (offM >> 8);
            f[h + 3] = (byte) offM;
            f[h + 4] = (byte) (id >>> 24);
            f[h + 5] = (byte) (id >>> 16);
            f[h + 6] = (byte) (id >>> 8);
            f[h + 7] = (byte) id;
            System.arraycopy(frame, ETH + IP6 + at, f, h + FRAG6, n);
            out.add(f);
        }
        return out;
    }

    /**
     * Reassembles translated IPv4 fragments (20-byte headers): checks that they
     * share the identification and that offsets and MF line up.
     *
     * @param frags fragment frames, in order
     * @return the datagram's data (the transport header and payload)
     */
    static byte[] join4(List<byte[]> frags) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int id = u16(frags.get(0), ETH + 4);
        for (int i = 0; i < frags.size(); i++) {
            byte[] f = frags.get(i);
            int flags = u16(f, ETH + 6);
            boolean last = i == frags.size() - 1;
            if (u16(f, ETH + 4) != id || (flags & 0x1fff) * 8 != data.size()
                    || ((flags & 0x2000) != 0) == last || !TestFrames.ip4HeaderOk(f, ETH)) {
                throw new AssertionError("fragment " + i + " does not line up: " + Arrays.toString(f));
            }
            data.write(f, ETH + IP4, u16(f, ETH + 2) - IP4);
        }
        return data.toByteArray();
    }

    /**
     * Reassembles translated IPv6 fragments (a fragment header right after the IPv6 header).
     *
     * @param frags fragment frames, in order
     * @return the datagram's data
     */
    static byte[] join6(List<byte[]> frags) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int id = u32(frags.get(0), ETH + IP6 + 4);
        for (int i = 0; i < frags.size(); i++) {
            byte[] f = frags.get(i);
            int offM = u16(f, ETH + IP6 + 2);
            boolean last = i == frags.size() - 1;
            if ((f[ETH + 6] & 0xff) != 44 || u32(f, ETH + IP6 + 4) != id || (offM & 0xfff8) != data.size()
                    || ((offM & 1) != 0) == last) {
                throw new AssertionError("fragment " + i + " does not line up: " + Arrays.toString(f));
            }
            data.write(f, ETH + IP6 + FRAG6, u16(f, ETH + 4) - FRAG6);
        }
        return data.toByteArray();
    }

    /**
     * Checks a reassembled UDP datagram's checksum (RFC 768) with a pseudo-header.
     *
     * @param udp the datagram
     * @param addrs source and destination addresses, concatenated
     * @return true if it verifies
     */
    static boolean udpOk(byte[] udp, byte[] addrs) {
        long pseudo = onesSum(addrs, 0, addrs.length, 0) + 17 + udp.length;
        return onesSum(udp, 0, udp.length, pseudo) == 0xffff;
    }
}
