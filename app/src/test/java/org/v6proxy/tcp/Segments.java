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
package org.v6proxy.tcp;

import java.io.ByteArrayOutputStream;

/**
 * Test fixtures: IPv4 and IPv6 packets carrying a TCP segment, and a from-scratch
 * RFC 1071 checksum that shares no code with {@code org.v6proxy.packet.Checksum}: it
 * copies the pseudo-header and the segment into one array and adds 16-bit words with the
 * end-around carry applied after every addition (RFC 1071 section 4.1's loop).
 */
final class Segments {

    static final int IP4_HEADER = 20;
    static final int IP6_HEADER = 40;

    private Segments() {
    }

    /** Checksum of the concatenated data: the complement of the one's complement sum. */
    static int rfc1071(byte[] data) {
        int sum = 0;
        for (int i = 0; i < data.length; i += 2) {
            int word = (data[i] & 0xff) << 8;
            if (i + 1 < data.length) {
                word |= data[i + 1] & 0xff;
            }
            sum += word;
            if (sum > 0xffff) {
                sum = (sum & 0xffff) + 1;
            }
        }
        return ~sum & 0xffff;
    }

    /** Builds a TCP header (20 bytes + options, padded by the caller to a multiple of 4) plus payload. */
    static byte[] tcp(int srcPort, int dstPort, int seq, int ack, int flags, int window,
                      byte[] options, byte[] payload) {
        if (options.length % 4 != 0 || options.length > 40) {
            throw new IllegalArgumentException("options must be a multiple of 4, at most 40");
        }
        int hl = 20 + options.length;
        byte[] t = new byte[hl + payload.length];
        t[0] = (byte) (srcPort >>> 8);
        t[1] = (byte) srcPort;
        t[2] = (byte) (dstPort >>> 8);
        t[3] = (byte) dstPort;
        for (int i = 0; i < 4; i++) {
            t[4 + i] = (byte) (seq >>> (24 - 8 * i));
            t[8 + i] = (byte) (ack >>> (24 - 8 * i));
        }
        t[12] = (byte) ((hl / 4) << 4);
        t[13] = (byte) flags;
        t[14] = (byte) (window >>> 8);
        t[15] = (byte) window;
        System.arraycopy(options, 0, t, 20, options.length);
        System.arraycopy(payload, 0, t, hl, payload.length);
        return t;
    }

    /** An IPv4 packet 192.0.2.10 -> 198.51.100.20 carrying the segment, with a correct TCP checksum. */
    static byte[] ip4(byte[] tcp) {
        byte[] p = new byte[IP4_HEADER + tcp.length];
        p[0] = 0x45;
        p[2] = (byte) (p.length >>> 8);
        p[3] = (byte) p.length;
        p[8] = 64;
        p[9] = 6;
        byte[] addrs = {(byte) 192, 0, 2, 10, (byte) 198, 51, 100, 20};
        System.arraycopy(addrs, 0, p, 12, 8);
        System.arraycopy(tcp, 0, p, IP4_HEADER, tcp.length);
        int hc = rfc1071(java.util.Arrays.copyOf(p, IP4_HEADER));
        p[10] = (byte) (hc >>> 8);
        p[11] = (byte) hc;
        setTcpChecksum(p, reference(p));
        return p;
    }

    /** An IPv6 packet 2001:db8:46::c000:20a -> 2001:db8::1 carrying the segment, with a correct TCP checksum. */
    static byte[] ip6(byte[] tcp) {
        byte[] p = new byte[IP6_HEADER + tcp.length];
        p[0] = 0x60;
        p[4] = (byte) (tcp.length >>> 8);
        p[5] = (byte) tcp.length;
        p[6] = 6;
        p[7] = 64;
        byte[] src = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0x46, 0, 0, 0, 0, 0, 0, (byte) 192, 0, 2, 10};
        byte[] dst = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        System.arraycopy(src, 0, p, 8, 16);
        System.arraycopy(dst, 0, p, 24, 16);
        System.arraycopy(tcp, 0, p, IP6_HEADER, tcp.length);
        setTcpChecksum(p, reference(p));
        return p;
    }

    /** Offset of the TCP header in a packet built here. */
    static int tcpOff(byte[] p) {
        return (p[0] & 0xf0) == 0x60 ? IP6_HEADER : IP4_HEADER;
    }

    /** Length of the TCP segment in a packet built here. */
    static int tcpLen(byte[] p) {
        return p.length - tcpOff(p);
    }

    /** From-scratch TCP checksum of a packet built here (checksum field taken as zero). */
    static int reference(byte[] p) {
        int off = tcpOff(p);
        int len = p.length - off;
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        if (off == IP4_HEADER) {
            // RFC 9293 section 3.1: src, dst, zero, PTCL, TCP length.
            d.write(p, 12, 8);
            d.write(0);
            d.write(6);
            d.write(len >>> 8);
            d.write(len);
        } else {
            // RFC 8200 section 8.1: src, dst, 32-bit length, 3 zero bytes, next header.
            d.write(p, 8, 32);
            d.write(0);
            d.write(0);
            d.write(len >>> 8);
            d.write(len);
            d.write(0);
            d.write(0);
            d.write(0);
            d.write(6);
        }
        byte[] seg = java.util.Arrays.copyOfRange(p, off, p.length);
        seg[16] = 0;
        seg[17] = 0;
        d.write(seg, 0, seg.length);
        return rfc1071(d.toByteArray());
    }

    /** The TCP checksum field of a packet built here. */
    static int tcpChecksum(byte[] p) {
        int off = tcpOff(p) + 16;
        return (p[off] & 0xff) << 8 | (p[off + 1] & 0xff);
    }

    static void setTcpChecksum(byte[] p, int csum) {
        int off = tcpOff(p) + 16;
        p[off] = (byte) (csum >>> 8);
        p[off + 1] = (byte) csum;
    }

    /** One's complement difference field - reference, as a value 0..0xfffe (0 = equal). */
    static int checksumError(byte[] p) {
        return Math.floorMod(tcpChecksum(p) - reference(p), 0xffff);
    }

    /** Reads a big-endian 32-bit value. */
    static int int32(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    /** Reads a big-endian 16-bit value. */
    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    /** Bytes from hex, spaces ignored. */
    static byte[] hex(String s) {
        String h = s.replace(" ", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    /** SACK option with the given edges (kind 5, length 2 + 4 * edges.length). */
    static byte[] sack(int... edges) {
        byte[] o = new byte[2 + 4 * edges.length];
        o[0] = 5;
        o[1] = (byte) o.length;
        for (int i = 0; i < edges.length; i++) {
            for (int j = 0; j < 4; j++) {
                o[2 + 4 * i + j] = (byte) (edges[i] >>> (24 - 8 * j));
            }
        }
        return o;
    }

    /** Concatenates option parts and pads with EOL to a multiple of 4. */
    static byte[] options(byte[]... parts) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            d.write(p, 0, p.length);
        }
        while (d.size() % 4 != 0) {
            d.write(0);
        }
        return d.toByteArray();
    }
}
