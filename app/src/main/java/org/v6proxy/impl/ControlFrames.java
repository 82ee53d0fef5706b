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

import org.v6proxy.packet.Bytes;
import org.v6proxy.packet.Checksum;
import org.v6proxy.packet.Eth;
import org.v6proxy.packet.Ip4;
import org.v6proxy.packet.Ip6;
import org.v6proxy.packet.IpProto;
import org.v6proxy.packet.Tcp;
import org.v6proxy.tcp.SynOptions;

/**
 * Builds the frames the proxy originates itself: TCP resets toward either
 * side and ICMP echo replies from a VIP. These are rare (control path), so
 * they are written from scratch with full checksums.
 */
final class ControlFrames {
    private static final int TCP_LEN = 20;
    private static final int IP4_LEN = 20;
    private static final int IP6_LEN = 40;
    private static final int TTL = 64;
    private static final int V6_LEN = 16;
    /** RFC 792: an echo message has at least type, code, checksum, identifier and sequence number. */
    private static final int MIN_ECHO_LEN = 8;
    private static final int ICMP_ECHO_REPLY = 0;
    private static final int ICMP_ECHO_REQUEST = 8;
    private static final int ICMP_CSUM = 2;

    private ControlFrames() {
    }

    /**
     * Options of a SYN or SYN-ACK the proxy originates (no timestamps: the
     * proxy never negotiates them, so no TSval rewriting is ever needed).
     */
    static final class SynOpts {
        final int mss;
        final int wscale;
        final boolean sack;

        SynOpts(int mss, int wscale, boolean sack) {
            this.mss = mss;
            this.wscale = wscale;
            this.sack = sack;
        }

        int length() {
            return SynOptions.length(wscale, sack);
        }
    }

    /**
     * Builds an IPv4 TCP segment with no payload, window 0 and no options (a reset).
     *
     * @param dstMac Ethernet destination
     * @param srcMac Ethernet source
     * @param src IPv4 source
     * @param dst IPv4 destination
     * @param srcPort TCP source port
     * @param dstPort TCP destination port
     * @param seq sequence number
     * @param ack acknowledgment number
     * @param flags TCP flags
     * @return frame
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    static byte[] tcp4(long dstMac, long srcMac, int src, int dst, int srcPort, int dstPort,
                       int seq, int ack, int flags) {
        return tcp4(dstMac, srcMac, src, dst, srcPort, dstPort, seq, ack, flags, 0, null);
    }

    /**
     * Builds an IPv4 TCP segment with no payload.
     *
     * @param dstMac Ethernet destination
     * @param srcMac Ethernet source
     * @param src IPv4 source
     * @param dst IPv4 destination
     * @param srcPort TCP source port
     * @param dstPort TCP destination port
     * @param seq sequence number
     * @param ack acknowledgment number
     * @param flags TCP flags
     * @param window window field
     * @param opts SYN options, or null for none
     * @return frame
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    static byte[] tcp4(long dstMac, long srcMac, int src, int dst, int srcPort, int dstPort,
                       int seq, int ack, int flags, int window, SynOpts opts) {
        int tcpLen = TCP_LEN + (opts == null ? 0 : opts.length());
        byte[] f = new byte[Eth.HEADER_LEN + IP4_LEN + tcpLen];
        int ip = Eth.writeHeader(f, 0, dstMac, srcMac, Eth.ETHERTYPE_IPV4);
        Ip4.setVersionIhl(f, ip, IP4_LEN);
        Ip4.setTotalLength(f, ip, IP4_LEN + tcpLen);
        Ip4.setFlagsFragment(f, ip, Ip4.FLAG_DF);
        Ip4.setTtl(f, ip, TTL);
        Ip4.setProtocol(f, ip, IpProto.TCP);
        Ip4.setSrc(f, ip, src);
        Ip4.setDst(f, ip, dst);
        Ip4.updateHeaderChecksum(f, ip);
        int tcp = ip + IP4_LEN;
        writeTcp(f, tcp, srcPort, dstPort, seq, ack, flags, window, opts);
        int sum = Checksum.pseudoHeader4(src, dst, IpProto.TCP, tcpLen);
        Tcp.setChecksum(f, tcp, Checksum.finish(Checksum.sum(sum, f, tcp, tcpLen)));
        return f;
    }

    /**
     * Builds an IPv6 TCP segment with no payload, window 0 and no options (a reset).
     *
     * @param dstMac Ethernet destination
     * @param srcMac Ethernet source
     * @param src IPv6 source (16 bytes)
     * @param dst IPv6 destination (16 bytes)
     * @param srcPort TCP source port
     * @param dstPort TCP destination port
     * @param seq sequence number
     * @param ack acknowledgment number
     * @param flags TCP flags
     * @return frame
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    static byte[] tcp6(long dstMac, long srcMac, byte[] src, byte[] dst, int srcPort, int dstPort,
                       int seq, int ack, int flags) {
        return tcp6(dstMac, srcMac, src, dst, srcPort, dstPort, seq, ack, flags, 0, null);
    }

    /**
     * Builds an IPv6 TCP segment with no payload.
     *
     * @param dstMac Ethernet destination
     * @param srcMac Ethernet source
     * @param src IPv6 source (16 bytes)
     * @param dst IPv6 destination (16 bytes)
     * @param srcPort TCP source port
     * @param dstPort TCP destination port
     * @param seq sequence number
     * @param ack acknowledgment number
     * @param flags TCP flags
     * @param window window field
     * @param opts SYN options, or null for none
     * @return frame
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    static byte[] tcp6(long dstMac, long srcMac, byte[] src, byte[] dst, int srcPort, int dstPort,
                       int seq, int ack, int flags, int window, SynOpts opts) {
        int tcpLen = TCP_LEN + (opts == null ? 0 : opts.length());
        byte[] f = new byte[Eth.HEADER_LEN + IP6_LEN + tcpLen];
        int ip = Eth.writeHeader(f, 0, dstMac, srcMac, Eth.ETHERTYPE_IPV6);
        Ip6.setVersionClassFlow(f, ip, 0, 0);
        Ip6.setPayloadLength(f, ip, tcpLen);
        Ip6.setNextHeader(f, ip, IpProto.TCP);
        Ip6.setHopLimit(f, ip, TTL);
        System.arraycopy(src, 0, f, ip + Ip6.SRC_OFFSET, V6_LEN);
        System.arraycopy(dst, 0, f, ip + Ip6.DST_OFFSET, V6_LEN);
        int tcp = ip + IP6_LEN;
        writeTcp(f, tcp, srcPort, dstPort, seq, ack, flags, window, opts);
        int sum = Checksum.pseudoHeader6(f, ip + Ip6.SRC_OFFSET, f, ip + Ip6.DST_OFFSET, tcpLen, IpProto.TCP);
        Tcp.setChecksum(f, tcp, Checksum.finish(Checksum.sum(sum, f, tcp, tcpLen)));
        return f;
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static void writeTcp(byte[] f, int tcp, int srcPort, int dstPort, int seq, int ack, int flags,
                                 int window, SynOpts opts) {
        Tcp.setSrcPort(f, tcp, srcPort);
        Tcp.setDstPort(f, tcp, dstPort);
        Tcp.setSeq(f, tcp, seq);
        Tcp.setAck(f, tcp, ack);
        Tcp.setDataOffset(f, tcp, TCP_LEN + (opts == null ? 0 : opts.length()));
        Tcp.setFlags(f, tcp, flags);
        Tcp.setWindow(f, tcp, window);
        if (opts != null) {
            SynOptions.write(f, tcp + TCP_LEN, opts.mss, opts.wscale, opts.sack);
        }
    }

    /**
     * Answers an ICMP echo request addressed to a VIP (RFC 792): same id,
     * sequence and data, addresses swapped.
     *
     * @param b frame buffer
     * @param off frame offset
     * @param ipOff offset of the IPv4 header
     * @param ipLen IPv4 packet length (total length, already checked)
     * @param gatewayMac our MAC
     * @return the reply frame, or null if the packet is not an echo request
     */
    static byte[] echoReply4(byte[] b, int off, int ipOff, int ipLen, long gatewayMac) {
        int ihl = Ip4.ihl(b, ipOff);
        int icmp = ipOff + ihl;
        int icmpLen = ipLen - ihl;
        if (icmpLen < MIN_ECHO_LEN || (b[icmp] & 0xff) != ICMP_ECHO_REQUEST || b[icmp + 1] != 0) {
            return null;
        }
        byte[] f = new byte[Eth.HEADER_LEN + IP4_LEN + icmpLen];
        int ip = Eth.writeHeader(f, 0, Eth.srcMac(b, off), gatewayMac, Eth.ETHERTYPE_IPV4);
        Ip4.setVersionIhl(f, ip, IP4_LEN);
        Ip4.setTotalLength(f, ip, IP4_LEN + icmpLen);
        Ip4.setTtl(f, ip, TTL);
        Ip4.setProtocol(f, ip, IpProto.ICMP);
        Ip4.setSrc(f, ip, Ip4.dst(b, ipOff));
        Ip4.setDst(f, ip, Ip4.src(b, ipOff));
        Ip4.updateHeaderChecksum(f, ip);
        int out = ip + IP4_LEN;
        System.arraycopy(b, icmp, f, out, icmpLen);
        f[out] = ICMP_ECHO_REPLY;
        Bytes.putU16(f, out + ICMP_CSUM, 0);
        Bytes.putU16(f, out + ICMP_CSUM, Checksum.finish(Checksum.sum(f, out, icmpLen)));
        return f;
    }
}
