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
import org.v6proxy.packet.Icmp;
import org.v6proxy.packet.Icmp6;
import org.v6proxy.packet.Ip4;
import org.v6proxy.packet.Ip6;
import org.v6proxy.packet.IpProto;
import org.v6proxy.packet.Tcp;
import org.v6proxy.tcp.SpliceParams;

/**
 * What an ICMP error quotes (RFC 792, RFC 4443 section 2.4: the start of
 * the packet that caused it): the connection it is about, and the quoted
 * segment put back the way its receiver sent it, once the translator has
 * carried the error across. Stacks match errors to sockets by the quoted
 * ports (and, for TCP, sequence number).
 */
final class IcmpQuotes {
    /** Source and destination port: the part of a quoted TCP/UDP header a lookup needs. */
    private static final int PORTS_LEN = 4;
    private static final int FULL16 = 0xffff;

    private IcmpQuotes() {
    }

    /**
     * Finds the connection an ICMPv6 error is about, from the packet it quotes
     * (RFC 4443 section 2.4: as much of the invoking packet as fits): that
     * packet went from the client's IPv6 address to the backend.
     *
     * @param t configuration in force (the client prefix)
     * @param store connections
     * @param b frame buffer
     * @param icmp offset of the ICMPv6 header
     * @param end end of the packet
     * @return the connection, or null
     */
    static ConnectionEntry ownerOf6(ServiceTable t, ConnectionStore store, byte[] b, int icmp, int end) {
        if (icmp + Icmp.HEADER_LEN > end || !Icmp6.isError(b[icmp] & 0xff)) {
            return null;
        }
        int inner = icmp + Icmp.HEADER_LEN;
        if (inner + Ip6.HEADER_LEN + PORTS_LEN > end) {
            return null;
        }
        int nh = Ip6.nextHeader(b, inner);
        if (nh != IpProto.TCP && nh != IpProto.UDP) {
            return null;
        }
        long client = t.clientOf(b, inner + Ip6.SRC_OFFSET);
        if (client < 0) {
            return null;
        }
        int l4 = inner + Ip6.HEADER_LEN;
        return store.find6(nh, (int) client, Bytes.getU16(b, l4), b, inner + Ip6.DST_OFFSET,
                           Bytes.getU16(b, l4 + 2));
    }

    /**
     * Finds the connection an ICMPv4 error is about, from the packet it quotes
     * (RFC 792: its IP header and first 8 data bytes): that packet went from
     * the VIP to the client.
     *
     * @param store connections
     * @param b frame buffer
     * @param icmp offset of the ICMPv4 header
     * @param end end of the packet
     * @return the connection, or null
     */
    static ConnectionEntry ownerOf4(ConnectionStore store, byte[] b, int icmp, int end) {
        int inner = icmp + Icmp.HEADER_LEN;
        if (inner + Ip4.MIN_HEADER_LEN > end || Ip4.version(b, inner) != Ip4.VERSION
                || Ip4.ihl(b, inner) < Ip4.MIN_HEADER_LEN || Ip4.fragmentOffset(b, inner) != 0) {
            // A later fragment quoted has no ports to find the connection by.
            return null;
        }
        int proto = Ip4.protocol(b, inner);
        int l4 = inner + Ip4.ihl(b, inner);
        if ((proto != IpProto.TCP && proto != IpProto.UDP) || l4 + PORTS_LEN > end) {
            return null;
        }
        return store.find4(proto, Ip4.dst(b, inner), Bytes.getU16(b, l4 + 2), Ip4.src(b, inner),
                           Bytes.getU16(b, l4));
    }

    /**
     * In an ICMPv6 error toward the backend, puts the quoted segment back the
     * way the backend sent it: source port the backend's, and for a spliced
     * connection the sequence number in the backend's space. A stack matches
     * an error to its socket by these (Linux drops a TCP error whose sequence
     * number is outside its unacknowledged window).
     *
     * @param f the translated error (frame)
     * @param icmp offset of its ICMPv6 header
     * @param e the connection
     */
    static void asBackendSent(byte[] f, int icmp, ConnectionEntry e) {
        int inner = icmp + Icmp.HEADER_LEN;
        if (inner + Ip6.HEADER_LEN > f.length) {
            return;
        }
        int nh = Ip6.nextHeader(f, inner);
        int l4 = inner + Ip6.HEADER_LEN;
        if ((nh != IpProto.TCP && nh != IpProto.UDP) || l4 + PORTS_LEN > f.length) {
            return;
        }
        if (e.backendPort != e.vipPort && Bytes.getU16(f, l4) == e.vipPort) {
            Bytes.putU16(f, l4, e.backendPort);
            Checksum.replace16(f, icmp + Icmp.CHECKSUM_OFFSET, e.vipPort, e.backendPort);
        }
        SpliceParams sp = e.splice();
        if (sp != null && nh == IpProto.TCP && l4 + Tcp.SEQ_OFFSET + Integer.BYTES <= f.length) {
            // The inverse of SpliceAdjust.backendToClient: seq + seqOffset.
            int seq = Tcp.seq(f, l4);
            int backendSeq = seq + sp.seqOffset();
            Tcp.setSeq(f, l4, backendSeq);
            Checksum.replace32(f, icmp + Icmp.CHECKSUM_OFFSET, seq, backendSeq);
        }
    }

    /**
     * In an ICMPv4 error toward the client, puts the quoted segment the way
     * the client saw it: its destination port the service port. (Its sequence
     * number is the client's own, unchanged by a splice.)
     *
     * @param f the translated error (frame)
     * @param icmp offset of its ICMPv4 header
     * @param e the connection
     */
    static void asClientSaw(byte[] f, int icmp, ConnectionEntry e) {
        int inner = icmp + Icmp.HEADER_LEN;
        if (inner + Ip4.MIN_HEADER_LEN > f.length) {
            return;
        }
        int portAt = inner + Ip4.ihl(f, inner) + 2;
        if (portAt + 2 > f.length || Bytes.getU16(f, portAt) != e.backendPort) {
            return;
        }
        Bytes.putU16(f, portAt, e.vipPort);
        Checksum.replace16(f, icmp + Icmp.CHECKSUM_OFFSET, e.backendPort, e.vipPort);
    }

    /**
     * Verifies an ICMPv6 checksum (RFC 4443 section 2.3: over the
     * pseudo-header and the whole message).
     *
     * @param b frame buffer
     * @param ip offset of the IPv6 header
     * @param icmp offset of the ICMPv6 header
     * @param end end of the packet
     * @return true if it verifies
     */
    static boolean icmp6ChecksumOk(byte[] b, int ip, int icmp, int end) {
        int pseudo = Checksum.pseudoHeader6(b, ip + Ip6.SRC_OFFSET, b, ip + Ip6.DST_OFFSET, end - icmp, IpProto.ICMPV6);
        return Checksum.sum(pseudo, b, icmp, end - icmp) == FULL16;
    }

    /**
     * Returns the sequence number of the TCP segment an ICMPv6 error quotes,
     * if the error's checksum verifies and the quote reaches that far.
     *
     * @param b frame buffer
     * @param ip offset of the error's IPv6 header
     * @param icmp offset of the ICMPv6 header
     * @param end end of the packet
     * @return the sequence number (unsigned), or -1
     */
    static long quotedTcpSeq6(byte[] b, int ip, int icmp, int end) {
        int inner = icmp + Icmp.HEADER_LEN;
        if (inner + Ip6.HEADER_LEN + Tcp.SEQ_OFFSET + Integer.BYTES > end || Ip6.nextHeader(b, inner) != IpProto.TCP
                || !icmp6ChecksumOk(b, ip, icmp, end)) {
            return -1;
        }
        return Tcp.seq(b, inner + Ip6.HEADER_LEN) & 0xffffffffL;
    }
}
