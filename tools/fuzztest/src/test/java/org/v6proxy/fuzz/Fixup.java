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
package org.v6proxy.fuzz;

import java.util.Arrays;

import static org.v6proxy.fuzz.Ref.u16;
import static org.v6proxy.fuzz.Ref.u8;

/**
 * Turns a fuzz input into a packet: the first byte says which checksums to recompute
 * (bit 0: the IPv4 header's; bit 1: the TCP, UDP or ICMP one, of an unfragmented packet
 * without IPv6 extension headers), the rest is the packet. Without it the fuzzer would
 * rarely get past the checksum checks; with the bits clear, wrong checksums are fuzzed too.
 */
final class Fixup {

    static final int IP4_HEADER = 1;
    static final int L4 = 2;

    private Fixup() {
    }

    /**
     * Returns the IPv4 packet of a fuzz input.
     *
     * @param data mode byte and packet
     * @return packet with the requested checksums recomputed
     */
    static byte[] ip4(byte[] data) {
        if (data.length == 0) {
            return data;
        }
        int mode = data[0];
        byte[] p = Arrays.copyOfRange(data, 1, data.length);
        if (p.length < 20) {
            return p;
        }
        int ihl = (p[0] & 0x0f) * 4;
        int total = u16(p, 2);
        if ((mode & L4) != 0 && ihl >= 20 && total >= ihl && total <= p.length && (u16(p, 6) & 0x3fff) == 0) {
            int proto = u8(p, 9);
            int at = proto == 6 ? 16 : proto == 17 ? 6 : proto == 1 ? 2 : -1;
            if (at >= 0 && total - ihl >= at + 2) {
                put16(p, ihl + at, 0);
                int init = proto == 1 ? 0 : Ref.pseudo4(p, 0, proto, total - ihl);
                put16(p, ihl + at, ~Ref.sum(init, p, ihl, total - ihl) & 0xffff);
            }
        }
        if ((mode & IP4_HEADER) != 0 && ihl >= 20 && ihl <= p.length) {
            put16(p, 10, 0);
            put16(p, 10, ~Ref.sum(0, p, 0, ihl) & 0xffff);
        }
        return p;
    }

    /**
     * Returns the IPv6 packet of a fuzz input.
     *
     * @param data mode byte and packet
     * @return packet with the requested checksum recomputed
     */
    static byte[] ip6(byte[] data) {
        if (data.length == 0) {
            return data;
        }
        int mode = data[0];
        byte[] p = Arrays.copyOfRange(data, 1, data.length);
        if (p.length < 40 || (mode & L4) == 0) {
            return p;
        }
        int nh = u8(p, 6);
        int len = u16(p, 4);
        int at = nh == 6 ? 16 : nh == 17 ? 6 : nh == 58 ? 2 : -1;
        if (at >= 0 && 40 + len <= p.length && len >= at + 2) {
            put16(p, 40 + at, 0);
            put16(p, 40 + at, ~Ref.sum(Ref.pseudo6(p, 0, nh, len), p, 40, len) & 0xffff);
        }
        return p;
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
