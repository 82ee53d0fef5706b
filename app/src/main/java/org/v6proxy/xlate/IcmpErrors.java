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
package org.v6proxy.xlate;

import org.v6proxy.api.DropReason;
import org.v6proxy.packet.Checksum;
import org.v6proxy.packet.Icmp;
import org.v6proxy.packet.Icmp6;
import org.v6proxy.packet.Ip4;
import org.v6proxy.packet.Ip6;
import org.v6proxy.packet.IpProto;

/**
 * Builds the ICMP errors the translator sends back in the input's own family (RFC 7915
 * sections 4.4 and 5.4): time exceeded, fragmentation needed / packet too big, source
 * route failed, parameter problem. The error's source is the input's destination (see
 * {@link XlatResult}), its destination the input's source.
 */
final class IcmpErrors {

    /** RFC 1812 section 4.3.2.3: an ICMPv4 error is at most 576 bytes. */
    static final int V4_MAX_ERROR = 576;
    /** RFC 4443 section 2.4 (c): an ICMPv6 error does not exceed the minimum IPv6 MTU. */
    static final int V6_MAX_ERROR = Ip6.MIN_MTU;
    /** TTL / hop limit of generated errors (RFC 1700's default TTL, Linux's default). */
    static final int HOP_LIMIT = 64;

    private static final int V4_ERROR_HEADERS = Ip4.MIN_HEADER_LEN + Icmp.HEADER_LEN;
    private static final int V6_ERROR_HEADERS = Ip6.HEADER_LEN + Icmp.HEADER_LEN;

    private IcmpErrors() {
    }

    /**
     * RFC 1812 section 4.3.2.7: no ICMPv4 error about an ICMPv4 error, a non-initial
     * fragment, a packet from a non-unicast source or to a multicast/broadcast address.
     *
     * @param in    packet
     * @param ipOff offset of its IPv4 header (validated)
     * @param ihl   its header length
     * @param total its total length
     * @return true if an error may be sent about it
     */
    static boolean mayReply4(byte[] in, int ipOff, int ihl, int total) {
        if (Ip4.fragmentOffset(in, ipOff) != 0 || !AddrCheck.unicastSource4(Ip4.src(in, ipOff))
                || AddrCheck.multicastOrBroadcast4(Ip4.dst(in, ipOff))) {
            return false;
        }
        return Ip4.protocol(in, ipOff) != IpProto.ICMP || total <= ihl || isQuery4(in[ipOff + ihl] & 0xff);
    }

    /**
     * ICMPv4 query (informational) types; everything else counts as an error here.
     *
     * @param type ICMPv4 type
     * @return true for echo, timestamp, information, address mask, router messages
     */
    static boolean isQuery4(int type) {
        switch (type) {
            case Icmp.ECHO_REPLY:
            case Icmp.ECHO_REQUEST:
            case Icmp.ROUTER_ADVERT:
            case Icmp.ROUTER_SOLICIT:
            case Icmp.TIMESTAMP:
            case Icmp.TIMESTAMP_REPLY:
            case Icmp.INFO_REQUEST:
            case Icmp.INFO_REPLY:
            case Icmp.ADDR_MASK_REQUEST:
            case Icmp.ADDR_MASK_REPLY:
                return true;
            default:
                return false;
        }
    }

    /**
     * RFC 4443 section 2.4 (e): no ICMPv6 error about an ICMPv6 error, a packet from a
     * non-unicast source, or to a multicast address (except packet too big).
     *
     * @param in           packet
     * @param ipOff        offset of its IPv6 header
     * @param inputIsError true if the input is an ICMPv6 error message
     * @param type         type of the error to send
     * @return true if the error may be sent
     */
    static boolean mayReply6(byte[] in, int ipOff, boolean inputIsError, int type) {
        if (inputIsError || !AddrCheck.unicastSource6(in, ipOff + Ip6.SRC_OFFSET)) {
            return false;
        }
        return type == Icmp6.PACKET_TOO_BIG || !AddrCheck.multicast6(in, ipOff + Ip6.DST_OFFSET);
    }

    /**
     * Builds an ICMPv4 error about the IPv4 packet at ipOff into r.
     *
     * @param in       packet in error (validated header)
     * @param ipOff    offset of its IPv4 header
     * @param total    its total length
     * @param type     ICMPv4 type
     * @param code     ICMPv4 code
     * @param rest     the 32-bit rest of header (MTU, pointer)
     * @param why      reason the input was not forwarded
     * @param mustMap  if not null, the input's addresses must be mappable 4 to 6 with it,
     *                 otherwise the input is dropped as unmappable (routing before errors)
     * @param headroom free bytes in front of the IP header
     * @param r        result
     */
    static void reply4(byte[] in, int ipOff, int total, int type, int code, int rest, DropReason why,
                       AddressMapper mustMap, int headroom, XlatResult r) {
        int copy = Math.min(total, V4_MAX_ERROR - V4_ERROR_HEADERS);
        int len = V4_ERROR_HEADERS + copy;
        byte[] out = new byte[headroom + len];
        int o = headroom;
        // The error's first 32 bytes serve as scratch for the mapping check; len >= 48.
        if (mustMap != null && !(mustMap.map4to6(Ip4.src(in, ipOff), out, o)
                && mustMap.map4to6(Ip4.dst(in, ipOff), out, o + Ip6.ADDR_LEN))) {
            r.drop(DropReason.UNMAPPABLE_ADDRESS);
            return;
        }
        Ip4.setVersionIhl(out, o, Ip4.MIN_HEADER_LEN);
        Ip4.setTos(out, o, 0);
        Ip4.setTotalLength(out, o, len);
        Ip4.setIdentification(out, o, 0);
        Ip4.setFlagsFragment(out, o, 0);
        Ip4.setTtl(out, o, HOP_LIMIT);
        Ip4.setProtocol(out, o, IpProto.ICMP);
        Ip4.setSrc(out, o, Ip4.dst(in, ipOff));
        Ip4.setDst(out, o, Ip4.src(in, ipOff));
        Ip4.updateHeaderChecksum(out, o);
        int io = o + Ip4.MIN_HEADER_LEN;
        Icmp.setType(out, io, type);
        Icmp.setCode(out, io, code);
        Icmp.setChecksum(out, io, 0);
        Icmp.setRestOfHeader(out, io, rest);
        System.arraycopy(in, ipOff, out, io + Icmp.HEADER_LEN, copy);
        Icmp.setChecksum(out, io, Checksum.finish(Checksum.sum(out, io, len - Ip4.MIN_HEADER_LEN)));
        r.icmpError(out, o, len, io, IpProto.ICMP, why);
    }

    /**
     * Builds an ICMPv6 error about the IPv6 packet at ipOff into r.
     *
     * @param in       packet in error (validated header)
     * @param ipOff    offset of its IPv6 header
     * @param total    its length (40 + payload length)
     * @param type     ICMPv6 type
     * @param code     ICMPv6 code
     * @param rest     the 32-bit rest of header (MTU, pointer)
     * @param why      reason the input was not forwarded
     * @param headroom free bytes in front of the IP header
     * @param r        result
     */
    static void reply6(byte[] in, int ipOff, int total, int type, int code, int rest, DropReason why,
                       int headroom, XlatResult r) {
        int copy = Math.min(total, V6_MAX_ERROR - V6_ERROR_HEADERS);
        int len = V6_ERROR_HEADERS + copy;
        byte[] out = new byte[headroom + len];
        int o = headroom;
        Ip6.setVersionClassFlow(out, o, 0, 0);
        Ip6.setPayloadLength(out, o, len - Ip6.HEADER_LEN);
        Ip6.setNextHeader(out, o, IpProto.ICMPV6);
        Ip6.setHopLimit(out, o, HOP_LIMIT);
        Ip6.setSrc(out, o, in, ipOff + Ip6.DST_OFFSET);
        Ip6.setDst(out, o, in, ipOff + Ip6.SRC_OFFSET);
        int io = o + Ip6.HEADER_LEN;
        Icmp.setType(out, io, type);
        Icmp.setCode(out, io, code);
        Icmp.setChecksum(out, io, 0);
        Icmp.setRestOfHeader(out, io, rest);
        System.arraycopy(in, ipOff, out, io + Icmp.HEADER_LEN, copy);
        int icmpLen = len - Ip6.HEADER_LEN;
        int s = Checksum.pseudoHeader6(out, o + Ip6.SRC_OFFSET, out, o + Ip6.DST_OFFSET, icmpLen, IpProto.ICMPV6);
        Icmp.setChecksum(out, io, Checksum.finish(Checksum.sum(s, out, io, icmpLen)));
        r.icmpError(out, o, len, io, IpProto.ICMPV6, why);
    }

    /**
     * Packs an ICMPv4 "fragmentation needed" next-hop MTU into the rest of header (RFC 1191).
     *
     * @param mtu next-hop MTU
     * @return rest of header
     */
    static int fragNeededRest(int mtu) {
        return Math.max(0, Math.min(mtu, 0xffff));
    }
}
