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

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.v6proxy.api.DropReason;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target of the IPv4 fragment queue (held fragments and reassembly, RFC 791 section
 * 3.2 / RFC 815): an attacker chooses offsets, lengths, MF, order, overlaps, duplicates
 * and timing of the fragments of a few datagrams. In the package of the code under test:
 * the queue is not public.
 */
class FragmentQueueFuzzTest {

    private static final int MAX_DATAGRAMS = 4;
    /** As on the proxy's path (L4Path): room for more than one 64 KiB datagram. */
    private static final int MAX_BYTES = 1 << 20;
    private static final long MAX_WAIT = 5_000_000_000L;
    private static final int ETH = 14;

    /**
     * No exception; a refused fragment is counted; the bounds hold; a reassembled packet
     * is a valid IPv4 packet (header checksum, total length = its size, at most 65535
     * bytes, no fragment flags) whose data is each byte at its datagram position; when
     * every datagram has expired, nothing is held and no byte is left accounted.
     */
    @FuzzTest
    void fragments(FuzzedDataProvider in) {
        Map<DropReason, Integer> drops = new EnumMap<>(DropReason.class);
        FragmentQueue q = new FragmentQueue(MAX_DATAGRAMS, MAX_BYTES, MAX_WAIT,
                                            r -> drops.merge(r, 1, Integer::sum));
        long now = in.consumeLong(0, 1L << 40);
        int ops = in.consumeInt(1, 40);
        int[] nextUnit = new int[MAX_DATAGRAMS + 2];
        for (int i = 0; i < ops && in.remainingBytes() > 0; i++) {
            now += in.consumeInt(0, 2_000_000_000);
            int dgram = in.consumeInt(0, MAX_DATAGRAMS + 1);
            int src = 0x0a000001 + dgram;
            int id = 0x1234;
            long k1 = FragmentQueue.v4Addresses(src, 0x0a00002a);
            long k2 = FragmentQueue.v4ProtoId(6, id);
            int action = in.consumeInt(0, 9);
            if (action == 0) {
                List<FragmentQueue.Piece> taken = q.take(k1, k2, now);
                for (FragmentQueue.Piece p : taken) {
                    checkPiece(p, dgram);
                }
                continue;
            }
            int options = in.consumeInt(0, 10) * 4;
            int shape = in.consumeInt(0, 3);
            int offsetUnits;
            if (shape == 0) {
                offsetUnits = nextUnit[dgram];                   // right after this datagram's last piece
            } else {
                offsetUnits = shape == 1 ? in.consumeInt(0, 0x1fff) : in.consumeInt(0, 400);
            }
            int dataLen = in.consumeBoolean() ? in.consumeInt(0, 65535 - 20 - options) : in.consumeInt(0, 3000);
            boolean more = in.consumeBoolean();
            if (more && in.consumeBoolean()) {
                dataLen &= ~7;                                    // RFC 791: all but the last carry 8-byte units
            }
            nextUnit[dgram] = Math.min(0x1fff, offsetUnits + (dataLen + 7) / 8);
            byte[] frame = fragment(src, id, options, offsetUnits, dataLen, more, dgram);
            int overflowBefore = drops.getOrDefault(DropReason.FRAGMENT_OVERFLOW, 0);
            boolean held = q.hold(k1, k2, FragmentQueue.ip4Piece(frame, 0, ETH, 20 + options + dataLen), now);
            if (!held) {
                check(drops.getOrDefault(DropReason.FRAGMENT_OVERFLOW, 0) == overflowBefore + 1,
                      "a refused fragment was not counted");
                continue;
            }
            byte[] whole = q.reassemble(k1, k2, now);
            if (whole != null) {
                checkWhole(whole, dgram);
            }
            check(q.datagrams() <= MAX_DATAGRAMS && q.bytes() >= 0 && q.bytes() <= MAX_BYTES,
                  "bounds", q.datagrams(), q.bytes());
        }
        q.take(0, 0, now + MAX_WAIT);
        check(q.datagrams() == 0 && q.bytes() == 0, "left after every datagram expired", q.datagrams(), q.bytes());
    }

    /** An Ethernet frame holding one fragment; data byte at datagram position x is pattern(x). */
    private static byte[] fragment(int src, int id, int options, int offsetUnits, int dataLen, boolean more,
                                   int dgram) {
        int ihl = 20 + options;
        byte[] f = new byte[ETH + ihl + dataLen];
        f[12] = 0x08;
        int ip = ETH;
        f[ip] = (byte) (0x40 | ihl / 4);
        put16(f, ip + 2, ihl + dataLen);
        put16(f, ip + 4, id);
        put16(f, ip + 6, (more ? 0x2000 : 0) | offsetUnits);
        f[ip + 8] = 64;
        f[ip + 9] = 6;
        put32(f, ip + 12, src);
        put32(f, ip + 16, 0x0a00002a);
        for (int i = 0; i < options; i++) {
            f[ip + 20 + i] = 1;                                  // NOP
        }
        put16(f, ip + 10, ~sum(f, ip, ihl) & 0xffff);
        for (int i = 0; i < dataLen; i++) {
            f[ip + ihl + i] = pattern(offsetUnits * 8 + i, dgram);
        }
        return f;
    }

    private static byte pattern(int pos, int dgram) {
        return (byte) (pos * 31 + pos / 251 + dgram);
    }

    private static void checkPiece(FragmentQueue.Piece p, int dgram) {
        for (int i = 0; i < p.dataLen; i++) {
            check(p.frame[p.dataOff + i] == pattern(p.offset + i, dgram), "held data changed");
        }
    }

    private static void checkWhole(byte[] whole, int dgram) {
        int ip = ETH;
        int total = (whole[ip + 2] & 0xff) << 8 | whole[ip + 3] & 0xff;
        check(whole.length - ETH <= 65535, "reassembled datagram over 65535 bytes (RFC 791)", whole.length - ETH);
        check(total == whole.length - ETH, "total length is not the size", total, whole.length - ETH);
        check(whole[ip] == 0x45, "header");
        check((whole[ip + 6] & 0xff) == 0 && whole[ip + 7] == 0, "fragment flags left");
        check(sum(whole, ip, 20) == 0xffff, "header checksum");
        for (int i = 0; i < total - 20; i++) {
            if (whole[ip + 20 + i] != pattern(i, dgram)) {
                check(false, "data at", i);
            }
        }
    }

    private static int sum(byte[] b, int off, int len) {
        long acc = 0;
        for (int i = 0; i < len; i += 2) {
            acc += (b[off + i] & 0xff) << 8 | (i + 1 < len ? b[off + i + 1] & 0xff : 0);
        }
        while (acc > 0xffff) {
            acc = (acc & 0xffff) + (acc >>> 16);
        }
        return (int) acc;
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void put32(byte[] b, int off, int v) {
        put16(b, off, v >>> 16);
        put16(b, off + 2, v);
    }

    private static void check(boolean ok, String what, Object... details) {
        if (!ok) {
            StringBuilder sb = new StringBuilder(what);
            for (Object d : details) {
                sb.append(' ').append(d);
            }
            throw new AssertionError(sb.toString());
        }
    }
}
