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
package org.v6proxy.bench;

/**
 * Internet checksums computed from scratch over serialized bytes (RFC 1071
 * section 4.1), with the end-around carry folded until none remains.
 * The comparison implementation uses it instead of the checksum code inside
 * {@code org.onlab.packet}'s serializers, which folds the carry once and so
 * gets about one TCP checksum in two hundred wrong.
 */
public final class Rfc1071 {
    private static final int WORD = 0xffff;
    private static final int BYTE = 0xff;
    private static final int SHIFT = 16;
    private static final int IP6_ADDRS = 8;
    private static final int IP6_ADDRS_LEN = 32;
    private static final int IP6_HEADER = 40;
    private static final int IP6_PLEN = 4;
    private static final int IP6_NH = 6;
    private static final int IP4_ADDRS = 12;
    private static final int IP4_ADDRS_LEN = 8;
    private static final int IP4_PROTO = 9;
    private static final int IP4_CSUM = 10;
    private static final int IP4_TOTAL = 2;
    private static final int NIBBLE = 0x0f;
    private static final int TCP_CSUM = 16;

    private Rfc1071() {
    }

    /**
     * Adds b[off, off + len) as big-endian 16-bit words (an odd last byte is
     * padded with zero) to start and folds the carries.
     *
     * @param b buffer
     * @param off first byte
     * @param len byte count
     * @param start partial sum to add to
     * @return the folded 16-bit one's complement sum
     */
    public static int sum(byte[] b, int off, int len, long start) {
        long s = start;
        int end = off + (len & ~1);
        for (int i = off; i < end; i += 2) {
            s += ((b[i] & BYTE) << 8) | (b[i + 1] & BYTE);
        }
        if ((len & 1) != 0) {
            s += (b[off + len - 1] & BYTE) << 8;
        }
        while ((s >>> SHIFT) != 0) {
            s = (s & WORD) + (s >>> SHIFT);
        }
        return (int) s;
    }

    /**
     * Writes the IPv4 header checksum (RFC 791 section 3.1) of the header at ip.
     *
     * @param f frame
     * @param ip offset of the IPv4 header
     */
    public static void ip4Header(byte[] f, int ip) {
        int ihl = (f[ip] & NIBBLE) * 4;
        put16(f, ip + IP4_CSUM, 0);
        put16(f, ip + IP4_CSUM, ~sum(f, ip, ihl, 0) & WORD);
    }

    /**
     * Writes the TCP checksum of an IPv4 packet (RFC 793 section 3.1 pseudo-header).
     *
     * @param f frame
     * @param ip offset of the IPv4 header
     */
    public static void tcp4(byte[] f, int ip) {
        int ihl = (f[ip] & NIBBLE) * 4;
        int tcpLen = get16(f, ip + IP4_TOTAL) - ihl;
        int tcp = ip + ihl;
        put16(f, tcp + TCP_CSUM, 0);
        long pseudo = sum(f, ip + IP4_ADDRS, IP4_ADDRS_LEN, 0) + (f[ip + IP4_PROTO] & BYTE) + tcpLen;
        put16(f, tcp + TCP_CSUM, ~sum(f, tcp, tcpLen, pseudo) & WORD);
    }

    /**
     * Writes the TCP checksum of an IPv6 packet without extension headers
     * (RFC 8200 section 8.1 pseudo-header).
     *
     * @param f frame
     * @param ip offset of the IPv6 header
     */
    public static void tcp6(byte[] f, int ip) {
        int tcpLen = get16(f, ip + IP6_PLEN);
        int tcp = ip + IP6_HEADER;
        put16(f, tcp + TCP_CSUM, 0);
        long pseudo = sum(f, ip + IP6_ADDRS, IP6_ADDRS_LEN, 0) + (f[ip + IP6_NH] & BYTE) + tcpLen;
        put16(f, tcp + TCP_CSUM, ~sum(f, tcp, tcpLen, pseudo) & WORD);
    }

    private static int get16(byte[] b, int off) {
        return ((b[off] & BYTE) << 8) | (b[off + 1] & BYTE);
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
