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

import java.nio.ByteBuffer;

/**
 * Builds test frames byte by byte and checks checksums with a from-scratch
 * one's-complement sum (RFC 1071), independent of the code under test.
 */
final class TestFrames {
    static final int ETH = 14;

    private TestFrames() {
    }

    /** RFC 1071 sum of 16-bit words, carries folded until none remain. */
    static int onesSum(byte[] b, int off, int len, long start) {
        long sum = start;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) sum;
    }

    /** True when the IPv4 header checksum verifies. */
    static boolean ip4HeaderOk(byte[] f, int ip) {
        int ihl = (f[ip] & 0x0f) * 4;
        return onesSum(f, ip, ihl, 0) == 0xffff;
    }

    /** True when the TCP/UDP checksum of an IPv4 packet verifies. */
    static boolean l4Ok4(byte[] f, int ip) {
        int ihl = (f[ip] & 0x0f) * 4;
        int total = u16(f, ip + 2);
        int l4len = total - ihl;
        long pseudo = u16(f, ip + 12) + u16(f, ip + 14) + u16(f, ip + 16) + u16(f, ip + 18)
                + (f[ip + 9] & 0xff) + l4len;
        return onesSum(f, ip + ihl, l4len, pseudo) == 0xffff;
    }

    /** True when the TCP/UDP/ICMPv6 checksum of an IPv6 packet (no extension headers) verifies. */
    static boolean l4Ok6(byte[] f, int ip) {
        int plen = u16(f, ip + 4);
        long pseudo = 0;
        for (int i = 8; i < 40; i += 2) {
            pseudo += u16(f, ip + i);
        }
        pseudo += plen + (f[ip + 6] & 0xff);
        return onesSum(f, ip + 40, plen, pseudo) == 0xffff;
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    static int u32(byte[] b, int off) {
        return ByteBuffer.wrap(b, off, 4).getInt();
    }

    static byte[] mac(long m) {
        byte[] b = new byte[6];
        for (int i = 5; i >= 0; i--) {
            b[i] = (byte) m;
            m >>>= 8;
        }
        return b;
    }

    /**
     * An IPv4 TCP frame (checksums right).
     *
     * @param dstMac Ethernet destination
     * @param srcMac Ethernet source
     * @param src source IPv4 (int)
     * @param dst destination IPv4
     * @param sport source port
     * @param dport destination port
     * @param seq sequence
     * @param ack ack
     * @param flags flags
     * @param options TCP options (length multiple of 4)
     * @param payload data
     * @return frame
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    static byte[] tcp4(long dstMac, long srcMac, int src, int dst, int sport, int dport, int seq, int ack,
                       int flags, byte[] options, byte[] payload) {
        int tcpLen = 20 + options.length;
        int total = 20 + tcpLen + payload.length;
        ByteBuffer bb = ByteBuffer.allocate(ETH + total);
        bb.put(mac(dstMac)).put(mac(srcMac)).putShort((short) 0x0800);
        bb.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) 0x1234)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).putInt(src).putInt(dst);
        bb.putShort((short) sport).putShort((short) dport).putInt(seq).putInt(ack)
                .put((byte) ((tcpLen / 4) << 4)).put((byte) flags).putShort((short) 65535)
                .putShort((short) 0).putShort((short) 0).put(options).put(payload);
        byte[] f = bb.array();
        int ipCsum = 0xffff - onesSum(f, ETH, 20, 0);
        f[ETH + 10] = (byte) (ipCsum >> 8);
        f[ETH + 11] = (byte) ipCsum;
        long pseudo = ((src >>> 16) & 0xffff) + (src & 0xffff) + ((dst >>> 16) & 0xffff) + (dst & 0xffff)
                + 6 + tcpLen + payload.length;
        int csum = 0xffff - onesSum(f, ETH + 20, tcpLen + payload.length, pseudo);
        f[ETH + 20 + 16] = (byte) (csum >> 8);
        f[ETH + 20 + 17] = (byte) csum;
        return f;
    }

    /**
     * An IPv4 UDP frame (checksums right).
     *
     * @param dstMac Ethernet destination
     * @param srcMac Ethernet source
     * @param src source IPv4
     * @param dst destination IPv4
     * @param sport source port
     * @param dport destination port
     * @param payload data
     * @return frame
     */
    static byte[] udp4(long dstMac, long srcMac, int src, int dst, int sport, int dport, byte[] payload) {
        int udpLen = 8 + payload.length;
        int total = 20 + udpLen;
        ByteBuffer bb = ByteBuffer.allocate(ETH + total);
        bb.put(mac(dstMac)).put(mac(srcMac)).putShort((short) 0x0800);
        bb.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) 0x4321)
                .putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0).putInt(src).putInt(dst);
        bb.putShort((short) sport).putShort((short) dport).putShort((short) udpLen).putShort((short) 0).put(payload);
        byte[] f = bb.array();
        int ipCsum = 0xffff - onesSum(f, ETH, 20, 0);
        f[ETH + 10] = (byte) (ipCsum >> 8);
        f[ETH + 11] = (byte) ipCsum;
        long pseudo = ((src >>> 16) & 0xffff) + (src & 0xffff) + ((dst >>> 16) & 0xffff) + (dst & 0xffff)
                + 17 + udpLen;
        int csum = 0xffff - onesSum(f, ETH + 20, udpLen, pseudo);
        if (csum == 0) {
            csum = 0xffff;
        }
        f[ETH + 20 + 6] = (byte) (csum >> 8);
        f[ETH + 20 + 7] = (byte) csum;
        return f;
    }

    /**
     * An IPv6 TCP or UDP frame (checksum right); for UDP, seq/ack/flags/options are ignored.
     *
     * @param dstMac Ethernet destination
     * @param srcMac Ethernet source
     * @param src source IPv6 (16 bytes)
     * @param dst destination IPv6
     * @param proto 6 or 17
     * @param sport source port
     * @param dport destination port
     * @param seq sequence
     * @param ack ack
     * @param flags flags
     * @param options TCP options
     * @param payload data
     * @return frame
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    static byte[] l4v6(long dstMac, long srcMac, byte[] src, byte[] dst, int proto, int sport, int dport,
                       int seq, int ack, int flags, byte[] options, byte[] payload) {
        int l4Len = (proto == 6 ? 20 + options.length : 8) + payload.length;
        ByteBuffer bb = ByteBuffer.allocate(ETH + 40 + l4Len);
        bb.put(mac(dstMac)).put(mac(srcMac)).putShort((short) 0x86dd);
        bb.putInt(0x60000000).putShort((short) l4Len).put((byte) proto).put((byte) 64).put(src).put(dst);
        if (proto == 6) {
            bb.putShort((short) sport).putShort((short) dport).putInt(seq).putInt(ack)
                    .put((byte) (((20 + options.length) / 4) << 4)).put((byte) flags).putShort((short) 65535)
                    .putShort((short) 0).putShort((short) 0).put(options).put(payload);
        } else {
            bb.putShort((short) sport).putShort((short) dport).putShort((short) l4Len).putShort((short) 0)
                    .put(payload);
        }
        byte[] f = bb.array();
        long pseudo = 0;
        for (int i = 8; i < 40; i += 2) {
            pseudo += u16(f, ETH + i);
        }
        pseudo += l4Len + proto;
        int csum = 0xffff - onesSum(f, ETH + 40, l4Len, pseudo);
        if (proto == 17 && csum == 0) {
            csum = 0xffff;
        }
        int at = ETH + 40 + (proto == 6 ? 16 : 6);
        f[at] = (byte) (csum >> 8);
        f[at + 1] = (byte) csum;
        return f;
    }
    /**
     * Builds an ICMPv4 error to a VIP (RFC 792) quoting the IP header and
     * first 8 data bytes of a frame the proxy sent to a client.
     *
     * @param dstMac gateway MAC
     * @param srcMac sender's MAC
     * @param from the error's source (a router, or the client)
     * @param vip the VIP (the quoted packet's source)
     * @param toClient the quoted frame
     * @param type ICMP type
     * @param code ICMP code
     * @param mtu next-hop MTU (Fragmentation Needed), else 0
     * @return frame
     */
    static byte[] icmp4Error(long dstMac, long srcMac, int from, int vip, byte[] toClient, int type, int code,
                             int mtu) {
        int quoted = 20 + 8;
        ByteBuffer bb = ByteBuffer.allocate(ETH + 20 + 8 + quoted);
        bb.put(mac(dstMac)).put(mac(srcMac)).putShort((short) 0x0800);
        bb.putInt(0x45000000 | (20 + 8 + quoted)).putInt(0).putInt(0x40010000).putInt(from).putInt(vip);
        bb.put((byte) type).put((byte) code).putShort((short) 0).putShort((short) 0).putShort((short) mtu);
        bb.put(toClient, ETH, quoted);
        byte[] f = bb.array();
        int h = 0xffff - onesSum(f, ETH, 20, 0);
        f[ETH + 10] = (byte) (h >> 8);
        f[ETH + 11] = (byte) h;
        int c = 0xffff - onesSum(f, ETH + 20, 8 + quoted, 0);
        f[ETH + 22] = (byte) (c >> 8);
        f[ETH + 23] = (byte) c;
        return f;
    }

    /**
     * Builds an ICMPv6 error (RFC 4443) quoting the IPv6 packet of a frame.
     *
     * @param dstMac gateway MAC
     * @param srcMac sender's MAC
     * @param from the error's source address
     * @param to its destination (the quoted packet's source)
     * @param quotedFrame the frame whose IPv6 packet is quoted
     * @param type ICMPv6 type
     * @param code ICMPv6 code
     * @param word the type-specific word (MTU, pointer, or 0)
     * @return frame
     */
    static byte[] icmp6Error(long dstMac, long srcMac, byte[] from, byte[] to, byte[] quotedFrame, int type,
                             int code, int word) {
        int quoted = quotedFrame.length - ETH;
        ByteBuffer bb = ByteBuffer.allocate(ETH + 40 + 8 + quoted);
        bb.put(mac(dstMac)).put(mac(srcMac)).putShort((short) 0x86dd);
        bb.putInt(0x60000000).putShort((short) (8 + quoted)).put((byte) 58).put((byte) 64).put(from).put(to);
        bb.put((byte) type).put((byte) code).putShort((short) 0).putInt(word);
        bb.put(quotedFrame, ETH, quoted);
        byte[] f = bb.array();
        long pseudo = 0;
        for (int i = 8; i < 40; i += 2) {
            pseudo += u16(f, ETH + i);
        }
        pseudo += 8 + quoted + 58;
        int c = 0xffff - onesSum(f, ETH + 40, 8 + quoted, pseudo);
        f[ETH + 42] = (byte) (c >> 8);
        f[ETH + 43] = (byte) c;
        return f;
    }
}
