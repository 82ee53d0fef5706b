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
import org.v6proxy.packet.Bytes;
import org.v6proxy.packet.Checksum;
import org.v6proxy.packet.Icmp;
import org.v6proxy.packet.Icmp6;
import org.v6proxy.packet.Ip4;
import org.v6proxy.packet.Ip6;
import org.v6proxy.packet.Ip6Ext;
import org.v6proxy.packet.IpProto;
import org.v6proxy.packet.Tcp;
import org.v6proxy.packet.Udp;

/**
 * IPv4 to IPv6 (RFC 7915 section 4), one step per method. Stateless; the only
 * allocation is the output array.
 */
final class V4ToV6 {

    private static final int FRAG_HDR = Ip6Ext.FRAG_HEADER_LEN;
    private static final int ICMP_ERR_HDRS = Ip6.HEADER_LEN + Icmp.HEADER_LEN;
    /** The IPv6 header is 20 bytes longer than an option-less IPv4 header. */
    private static final int HEADER_GROWTH = Ip6.HEADER_LEN - Ip4.MIN_HEADER_LEN;
    /** RFC 791 section 3.2: largest datagram (also bounds fragment offset + length). */
    private static final int MAX_DATAGRAM = 0xffff;

    private V4ToV6() {
    }

    static void translate(Translator t, byte[] in, int ipOff, int ipLen, AddressMapper m, int headroom,
                          XlatResult r) {
        // RFC 791 section 3.1 / RFC 1812 section 5.2.2: a header we can read at all.
        if (ipLen < Ip4.MIN_HEADER_LEN || Ip4.version(in, ipOff) != Ip4.VERSION) {
            r.drop(DropReason.MALFORMED);
            return;
        }
        int ihl = Ip4.ihl(in, ipOff);
        int total = Ip4.totalLength(in, ipOff);
        if (ihl < Ip4.MIN_HEADER_LEN || total < ihl || total > ipLen) {
            r.drop(DropReason.MALFORMED);
            return;
        }
        if (!Ip4.headerChecksumValid(in, ipOff, ihl)) {
            r.drop(DropReason.BAD_IP_CHECKSUM);
            return;
        }
        int l4Off = ipOff + ihl;
        int l4Len = total - ihl;
        int fragOffset = Ip4.fragmentOffset(in, ipOff);
        boolean mf = Ip4.moreFragments(in, ipOff);
        boolean fragment = mf || fragOffset != 0;
        // RFC 791: every fragment but the last carries a multiple of 8 octets.
        if ((fragOffset << 3) + l4Len > MAX_DATAGRAM || mf && (l4Len & 7) != 0) {
            r.drop(DropReason.MALFORMED);
            return;
        }
        DropReason opt = checkOptions(in, ipOff, ihl);
        if (opt == DropReason.MALFORMED) {
            r.drop(opt);
            return;
        }
        // RFC 7915 4.1 "Source Address" and RFC 1812 5.3.7: illegal sources are dropped, except
        // in ICMPv4 errors, whose "illegal" source "will be translated for the purpose of trouble
        // shooting" (4.1) -- a router that answers from 0.0.0.0 or 127.0.0.1 still reports.
        int proto = Ip4.protocol(in, ipOff);
        if (!AddrCheck.unicastSource4(Ip4.src(in, ipOff)) && !isIcmpError(in, ipOff, ihl, total, fragment)) {
            r.drop(DropReason.UNMAPPABLE_ADDRESS);
            return;
        }
        // RFC 1122 3.2.1.3 and RFC 1812 5.3.7: 0.0.0.0/8 is never a destination and nothing is
        // forwarded to it (its IPv6 form would not be translated back either: V6ToV4.usable).
        if (Ip4.dst(in, ipOff) >>> 24 == 0) {
            r.drop(DropReason.UNMAPPABLE_ADDRESS);
            return;
        }
        if (opt == DropReason.SOURCE_ROUTE) {
            sourceRouteFailed(in, ipOff, ihl, total, headroom, r);
            return;
        }
        if (proto == IpProto.ICMP) {
            translateIcmp(t, in, ipOff, ihl, total, fragment, m, headroom, r);
            return;
        }
        if (ipv6Only(proto)) {
            // These numbers name IPv6 extension headers (RFC 8200 section 4) and ICMPv6, which
            // IPv4 has no meaning for: copied into Next Header (4.1), the IPv4 payload would be
            // parsed by the IPv6 receiver as a hop-by-hop, routing, fragment or options header
            // or an ICMPv6 message. Found by fuzzing (protocol 0 and 58 packets that crossed to
            // IPv6 could not cross back).
            r.drop(DropReason.UNSUPPORTED_PROTOCOL);
            return;
        }
        // RFC 7915 sections 4.1 "Next Header" and 4.5: every other transport is forwarded with
        // its protocol number and payload unchanged.
        boolean known = proto == IpProto.TCP || proto == IpProto.UDP;
        if (fragOffset == 0 && known) {
            DropReason bad = checkTransport(in, l4Off, l4Len, proto, fragment);
            if (bad != null) {
                r.drop(bad);
                return;
            }
        }
        int hdr = Ip6.HEADER_LEN + (fragment ? FRAG_HDR : 0);
        int outLen = hdr + l4Len;
        if (Ip4.ttl(in, ipOff) <= 1) {
            timeExceeded(in, ipOff, ihl, total, m, headroom, r);
            return;
        }
        if (outLen > t.ipv6Mtu()) {
            tooBig(t, in, ipOff, ihl, total, fragment, m, headroom, r);
            return;
        }
        byte[] out = new byte[headroom + outLen];
        int o = headroom;
        if (!mapAddresses(in, ipOff, m, out, o)) {
            r.drop(DropReason.UNMAPPABLE_ADDRESS);
            return;
        }
        writeHeader(t, in, ipOff, out, o, outLen - Ip6.HEADER_LEN, proto, Ip4.ttl(in, ipOff) - 1, fragment);
        int ol4 = o + hdr;
        System.arraycopy(in, l4Off, out, ol4, l4Len);
        if (fragOffset != 0) {
            r.translated(out, o, outLen, -1, proto);
            return;
        }
        if (!known) {
            r.translated(out, o, outLen, ol4, proto);
            return;
        }
        updateTransport(t, in, ipOff, out, o, ol4, proto);
        r.translated(out, o, outLen, ol4, proto);
    }

    /** An unfragmented ICMPv4 message of one of the error types RFC 7915 section 4.2 translates. */
    private static boolean isIcmpError(byte[] in, int ipOff, int ihl, int total, boolean fragment) {
        return Ip4.protocol(in, ipOff) == IpProto.ICMP && !fragment && total - ihl >= Icmp.HEADER_LEN
                && Icmp.isTranslatableV4Error(in[ipOff + ihl] & 0xff);
    }

    /**
     * RFC 7915 section 4.1, last paragraphs: options are ignored, but an unexpired
     * (pointer not past the end) loose or strict source route means the packet must not
     * be translated. The option walk is bounded by the header.
     *
     * @param in    packet
     * @param ipOff offset of the IPv4 header
     * @param ihl   its header length (validated)
     * @return null if fine, MALFORMED or SOURCE_ROUTE
     */
    static DropReason checkOptions(byte[] in, int ipOff, int ihl) {
        int p = ipOff + Ip4.OPTIONS_OFFSET;
        int end = ipOff + ihl;
        while (p < end) {
            int type = in[p] & 0xff;
            if (type == Ip4.OPT_EOL) {
                return null;
            }
            if (type == Ip4.OPT_NOP) {
                p++;
                continue;
            }
            if (end - p < 2) {
                return DropReason.MALFORMED;
            }
            int len = in[p + 1] & 0xff;
            if (len < 2 || len > end - p) {
                return DropReason.MALFORMED;
            }
            if (type == Ip4.OPT_LSRR || type == Ip4.OPT_SSRR) {
                // RFC 791: "If the pointer is greater than the length, the source route is empty".
                if (len < 3) {
                    return DropReason.MALFORMED;
                }
                if ((in[p + 2] & 0xff) <= len) {
                    return DropReason.SOURCE_ROUTE;
                }
            }
            p += len;
        }
        return null;
    }

    /** RFC 7915 section 4.1: "Destination Unreachable, Source Route Failed" (type 3, code 5). */
    private static void sourceRouteFailed(byte[] in, int ipOff, int ihl, int total, int headroom, XlatResult r) {
        if (IcmpErrors.mayReply4(in, ipOff, ihl, total)) {
            IcmpErrors.reply4(in, ipOff, total, Icmp.DEST_UNREACH, Icmp.UNREACH_SOURCE_ROUTE, 0,
                              DropReason.SOURCE_ROUTE, null, headroom, r);
        } else {
            r.drop(DropReason.SOURCE_ROUTE);
        }
    }

    /** RFC 7915 section 4.1 "Hop Limit": the translator is a router; TTL 0 or 1 cannot be forwarded. */
    private static void timeExceeded(byte[] in, int ipOff, int ihl, int total, AddressMapper m, int headroom,
                                     XlatResult r) {
        if (IcmpErrors.mayReply4(in, ipOff, ihl, total)) {
            IcmpErrors.reply4(in, ipOff, total, Icmp.TIME_EXCEEDED, Icmp.TIME_EXCEEDED_TTL, 0,
                              DropReason.TTL_EXPIRED, m, headroom, r);
        } else {
            r.drop(DropReason.TTL_EXPIRED);
        }
    }

    /**
     * RFC 7915 section 4.1: DF set and too big for the IPv6 next hop: "Fragmentation
     * Needed" with the IPv4 MTU that fits (ipv6Mtu - 20, - 8 more for a fragment). Without
     * DF the RFC wants the packet fragmented; this translator drops it (PACKET_TOO_BIG).
     */
    private static void tooBig(Translator t, byte[] in, int ipOff, int ihl, int total, boolean fragment,
                               AddressMapper m, int headroom, XlatResult r) {
        if (!Ip4.dontFragment(in, ipOff) || !IcmpErrors.mayReply4(in, ipOff, ihl, total)) {
            r.drop(DropReason.PACKET_TOO_BIG);
            return;
        }
        int mtu = t.ipv6Mtu() - HEADER_GROWTH - (fragment ? FRAG_HDR : 0);
        IcmpErrors.reply4(in, ipOff, total, Icmp.DEST_UNREACH, Icmp.UNREACH_FRAG_NEEDED,
                          IcmpErrors.fragNeededRest(mtu), DropReason.PACKET_TOO_BIG, m, headroom, r);
    }

    /**
     * The first (or only) fragment must hold a whole, consistent transport header
     * (RFC 1858 section 3: tiny first fragments are refused). RFC 7915 section 4.5: a
     * UDP checksum of zero can be computed for a whole datagram only; a fragment of such
     * a datagram is dropped.
     */
    private static DropReason checkTransport(byte[] in, int l4Off, int l4Len, int proto, boolean fragment) {
        if (proto == IpProto.TCP) {
            if (l4Len < Tcp.MIN_HEADER_LEN) {
                return DropReason.MALFORMED;
            }
            int doff = Tcp.dataOffset(in, l4Off);
            return doff < Tcp.MIN_HEADER_LEN || doff > l4Len ? DropReason.MALFORMED : null;
        }
        if (l4Len < Udp.HEADER_LEN) {
            return DropReason.MALFORMED;
        }
        int udpLen = Udp.length(in, l4Off);
        if (!fragment && (udpLen < Udp.HEADER_LEN || udpLen > l4Len)) {
            return DropReason.MALFORMED;
        }
        if (fragment && Udp.checksum(in, l4Off) == 0) {
            return DropReason.FRAGMENT;
        }
        return null;
    }

    /** RFC 7915 section 4.1 "Source Address" / "Destination Address" (section 6: the mapper). */
    private static boolean mapAddresses(byte[] in, int ipOff, AddressMapper m, byte[] out, int o) {
        return m.map4to6(Ip4.src(in, ipOff), out, o + Ip6.SRC_OFFSET)
                && m.map4to6(Ip4.dst(in, ipOff), out, o + Ip6.DST_OFFSET);
    }

    /**
     * RFC 7915 section 4.1: the IPv6 header (addresses already written) and, for a
     * fragment, the fragment header. Traffic class from TOS (or 0 if so configured),
     * flow label 0, next header ICMPv6 for ICMP, fragment identification = the IPv4 one
     * in the low 16 bits.
     */
    private static void writeHeader(Translator t, byte[] in, int ipOff, byte[] out, int o, int payloadLen,
                                    int proto, int hopLimit, boolean fragment) {
        int nh = proto == IpProto.ICMP ? IpProto.ICMPV6 : proto;
        Ip6.setVersionClassFlow(out, o, t.copyTos() ? Ip4.tos(in, ipOff) : 0, 0);
        Ip6.setPayloadLength(out, o, payloadLen);
        Ip6.setNextHeader(out, o, fragment ? IpProto.IPV6_FRAG : nh);
        Ip6.setHopLimit(out, o, hopLimit);
        if (fragment) {
            Ip6Ext.writeFragment(out, o + Ip6.HEADER_LEN, nh, Ip4.fragmentOffset(in, ipOff),
                                 Ip4.moreFragments(in, ipOff), Ip4.identification(in, ipOff));
        }
    }

    /**
     * RFC 7915 section 4.5: TCP and UDP checksums follow the pseudo-header change
     * incrementally (RFC 1624), so a wrong checksum stays wrong; a zero UDP checksum of a
     * whole datagram is computed. TCP SYN: MSS clamped to ipv6Mtu - 60 (RFC 7915 1.4).
     */
    private static void updateTransport(Translator t, byte[] in, int ipOff, byte[] out, int o, int ol4,
                                        int proto) {
        int oldSum = Checksum.add(Checksum.sum32(Ip4.src(in, ipOff)), Checksum.sum32(Ip4.dst(in, ipOff)));
        int newSum = Checksum.sum(out, o + Ip6.SRC_OFFSET, 2 * Ip6.ADDR_LEN);
        if (proto == IpProto.TCP) {
            Tcp.setChecksum(out, ol4, Checksum.adjust(Tcp.checksum(out, ol4), oldSum, newSum));
            Mss.clamp(out, ol4, t.ipv6Mtu() - Ip6.HEADER_LEN - Tcp.MIN_HEADER_LEN);
            return;
        }
        int csum = Udp.checksum(out, ol4);
        if (csum == 0) {
            int udpLen = Udp.length(out, ol4);
            int s = Checksum.pseudoHeader6(out, o + Ip6.SRC_OFFSET, out, o + Ip6.DST_OFFSET, udpLen, IpProto.UDP);
            Udp.setChecksum(out, ol4, Checksum.udp(Checksum.finish(Checksum.sum(s, out, ol4, udpLen))));
        } else {
            Udp.setChecksum(out, ol4, Checksum.udp(Checksum.adjust(csum, oldSum, newSum)));
        }
    }

    /**
     * RFC 7915 section 4.2: ICMPv4 to ICMPv6. Fragmented ICMP is not translated (1.2);
     * echo request/reply become 128/129; the errors of section 4.2 are translated with
     * their embedded packet (4.3); everything else is silently dropped.
     */
    private static void translateIcmp(Translator t, byte[] in, int ipOff, int ihl, int total, boolean fragment,
                                      AddressMapper m, int headroom, XlatResult r) {
        int l4Off = ipOff + ihl;
        int l4Len = total - ihl;
        if (fragment) {
            r.drop(DropReason.FRAGMENT);
            return;
        }
        if (l4Len < Icmp.HEADER_LEN) {
            r.drop(DropReason.MALFORMED);
            return;
        }
        int type = Icmp.type(in, l4Off);
        if (type == Icmp.ECHO_REQUEST || type == Icmp.ECHO_REPLY) {
            translateEcho(t, in, ipOff, ihl, total, m, headroom, r);
        } else if (Icmp.isTranslatableV4Error(type)) {
            translateIcmpError(t, in, ipOff, ihl, total, m, headroom, r);
        } else {
            r.drop(DropReason.ICMP_UNTRANSLATABLE);
        }
    }

    /**
     * RFC 7915 section 4.2 "Echo and Echo Reply (Type 8 and Type 0)": adjust the type and
     * the checksum, incrementally, for the type change and the ICMPv6 pseudo-header.
     */
    private static void translateEcho(Translator t, byte[] in, int ipOff, int ihl, int total, AddressMapper m,
                                      int headroom, XlatResult r) {
        int l4Len = total - ihl;
        int outLen = Ip6.HEADER_LEN + l4Len;
        if (Ip4.ttl(in, ipOff) <= 1) {
            timeExceeded(in, ipOff, ihl, total, m, headroom, r);
            return;
        }
        if (outLen > t.ipv6Mtu()) {
            tooBig(t, in, ipOff, ihl, total, false, m, headroom, r);
            return;
        }
        byte[] out = new byte[headroom + outLen];
        int o = headroom;
        if (!mapAddresses(in, ipOff, m, out, o)) {
            r.drop(DropReason.UNMAPPABLE_ADDRESS);
            return;
        }
        writeHeader(t, in, ipOff, out, o, l4Len, IpProto.ICMP, Ip4.ttl(in, ipOff) - 1, false);
        int ol4 = o + Ip6.HEADER_LEN;
        System.arraycopy(in, ipOff + ihl, out, ol4, l4Len);
        echoTo6(out, ol4, l4Len, l4Len, out, o);
        r.translated(out, o, outLen, ol4, IpProto.ICMPV6);
    }

    /**
     * Rewrites an ICMPv4 echo at b[icmpOff] into ICMPv6 in place: type 8/0 to 128/129 and
     * the checksum for the type change plus the pseudo-header (length icmpLen) of the
     * IPv6 header at ip6[ip6Off]. Only the avail bytes at icmpOff are present (at least 1):
     * the checksum is touched only if it is among them.
     *
     * @param b       packet holding the echo
     * @param icmpOff offset of the echo
     * @param avail   bytes of it present
     * @param icmpLen its declared length (for the pseudo-header)
     * @param ip6     array holding the new IPv6 header
     * @param ip6Off  offset of that header
     */
    static void echoTo6(byte[] b, int icmpOff, int avail, int icmpLen, byte[] ip6, int ip6Off) {
        int oldType = Icmp.type(b, icmpOff);
        int newType = oldType == Icmp.ECHO_REQUEST ? Icmp6.ECHO_REQUEST : Icmp6.ECHO_REPLY;
        Icmp.setType(b, icmpOff, newType);
        if (avail < Icmp.CHECKSUM_OFFSET + 2) {
            return;
        }
        int code = Icmp.code(b, icmpOff);
        int oldWord = oldType << 8 | code;
        int newWord = newType << 8 | code;
        int pseudo = Checksum.pseudoHeader6(ip6, ip6Off + Ip6.SRC_OFFSET, ip6, ip6Off + Ip6.DST_OFFSET, icmpLen,
                                            IpProto.ICMPV6);
        Icmp.setChecksum(b, icmpOff, Checksum.adjust(Icmp.checksum(b, icmpOff), oldWord,
                                                     Checksum.add(newWord, pseudo)));
    }

    /**
     * RFC 7915 sections 4.2 and 4.3: an ICMPv4 error becomes an ICMPv6 error whose
     * embedded packet is translated like a normal packet, except that its TTL is not
     * decremented; the result is truncated to 1280 bytes. The incoming checksum is
     * verified first because the outgoing one is computed from scratch.
     */
    private static void translateIcmpError(Translator t, byte[] in, int ipOff, int ihl, int total,
                                           AddressMapper m, int headroom, XlatResult r) {
        int l4Off = ipOff + ihl;
        int l4Len = total - ihl;
        if (Checksum.sum(in, l4Off, l4Len) != 0xffff) {
            r.drop(DropReason.MALFORMED);
            return;
        }
        int type = Icmp.type(in, l4Off);
        int packed = IcmpMaps.error4to6(type, Icmp.code(in, l4Off));
        if (packed < 0) {
            r.drop(DropReason.ICMP_UNTRANSLATABLE);
            return;
        }
        // The embedded packet (4.3): its IPv4 header must be whole; its payload may be cut.
        int inOff = l4Off + Icmp.HEADER_LEN;
        int inAvail = l4Len - Icmp.HEADER_LEN;
        // RFC 4884 section 4: with a length attribute the embedded packet ends there, and an
        // extension structure follows (extLen bytes at inOff + inAvail).
        int extLen = 0;
        if (IcmpExtensions.hasLength4(type)) {
            int orig = IcmpExtensions.originalLength(in[l4Off + IcmpExtensions.V4_LENGTH_OFFSET] & 0xff,
                                                     IcmpExtensions.V4_UNIT, inAvail);
            if (orig >= 0) {
                extLen = inAvail - orig;
                inAvail = orig;
            }
        }
        if (inAvail < Ip4.MIN_HEADER_LEN || Ip4.version(in, inOff) != Ip4.VERSION) {
            r.drop(DropReason.MALFORMED);
            return;
        }
        int iihl = Ip4.ihl(in, inOff);
        int itotal = Ip4.totalLength(in, inOff);
        if (iihl < Ip4.MIN_HEADER_LEN || iihl > inAvail || itotal < iihl) {
            r.drop(DropReason.MALFORMED);
            return;
        }
        boolean ifrag = Ip4.isFragment(in, inOff);
        boolean ifirst = Ip4.fragmentOffset(in, inOff) == 0;
        int iproto = Ip4.protocol(in, inOff);
        int icopy = Math.min(inAvail, itotal) - iihl;
        // "This process MUST stop at the first embedded header": an error inside an error is dropped.
        if (iproto == IpProto.ICMP && ifirst && icopy >= 1) {
            int itype = in[inOff + iihl] & 0xff;
            if (itype != Icmp.ECHO_REQUEST && itype != Icmp.ECHO_REPLY) {
                r.drop(DropReason.ICMP_UNTRANSLATABLE);
                return;
            }
        }
        int newType = packed >>> 8;
        int rest = 0;
        if (newType == Icmp6.PACKET_TOO_BIG) {
            rest = packetTooBigMtu(t, Bytes.getU16(in, l4Off + Icmp.V4_MTU_OFFSET), itotal);
        } else if (newType == Icmp6.PARAM_PROBLEM) {
            rest = type == Icmp.DEST_UNREACH ? Ip6.NEXT_HEADER_OFFSET
                    : IcmpMaps.pointer4to6(in[l4Off + Icmp.V4_POINTER_OFFSET] & 0xff);
            if (rest < 0) {
                r.drop(DropReason.ICMP_UNTRANSLATABLE);
                return;
            }
        }
        if (Ip4.ttl(in, ipOff) <= 1) {
            r.drop(DropReason.TTL_EXPIRED);                   // no ICMP error about an ICMP error
            return;
        }
        int ihdr = Ip6.HEADER_LEN + (ifrag ? FRAG_HDR : 0);
        int limit = Math.min(IcmpErrors.V6_MAX_ERROR, t.ipv6Mtu());
        icopy = Math.min(icopy, limit - ICMP_ERR_HDRS - ihdr);
        // RFC 7915 4.2 / RFC 4884: an extension goes on behind the translated field, padded to 64-bit
        // words and 128 octets, with the ICMPv6 length attribute (Destination Unreachable and Time
        // Exceeded only: Packet Too Big and Parameter Problem have none). What does not fit the 1280
        // bytes is cut ("SHOULD be simply truncated"); less than its header: left out.
        int field = ihdr + icopy;
        int extCopy = IcmpExtensions.fitting(extLen, IcmpExtensions.hasLength6(newType), field, IcmpExtensions.V6_UNIT,
                                             limit - ICMP_ERR_HDRS);
        if (extCopy > 0) {
            field = IcmpExtensions.padded(field, IcmpExtensions.V6_UNIT);
        }
        int outLen = ICMP_ERR_HDRS + field + extCopy;
        byte[] out = new byte[headroom + outLen];
        int o = headroom;
        int io = o + ICMP_ERR_HDRS;
        if (!m.map4to6(Ip4.dst(in, ipOff), out, o + Ip6.DST_OFFSET)
                || !m.map4to6(Ip4.src(in, inOff), out, io + Ip6.SRC_OFFSET)
                || !m.map4to6(Ip4.dst(in, inOff), out, io + Ip6.DST_OFFSET)) {
            r.drop(DropReason.UNMAPPABLE_ADDRESS);
            return;
        }
        if (!m.map4to6(Ip4.src(in, ipOff), out, o + Ip6.SRC_OFFSET)) {
            // An IPv4 router's address rarely maps: stand in with the address the original
            // packet was sent to (the embedded destination), as RFC 6791 allows.
            if (!t.icmpSourceFallback()) {
                r.drop(DropReason.UNMAPPABLE_ADDRESS);
                return;
            }
            System.arraycopy(out, io + Ip6.DST_OFFSET, out, o + Ip6.SRC_OFFSET, Ip6.ADDR_LEN);
        }
        writeHeader(t, in, ipOff, out, o, outLen - Ip6.HEADER_LEN, IpProto.ICMP, Ip4.ttl(in, ipOff) - 1, false);
        int ol4 = o + Ip6.HEADER_LEN;
        Icmp.setType(out, ol4, newType);
        Icmp.setCode(out, ol4, packed & 0xff);
        Icmp.setRestOfHeader(out, ol4, rest);
        if (extCopy > 0) {
            out[ol4 + IcmpExtensions.V6_LENGTH_OFFSET] = (byte) (field / IcmpExtensions.V6_UNIT);
            System.arraycopy(in, inOff + inAvail, out, ol4 + Icmp.HEADER_LEN + field, extCopy);
        }
        // 4.3: the inner header like a normal packet, TTL unchanged, lengths as declared.
        writeHeader(t, in, inOff, out, io, itotal - iihl + (ifrag ? FRAG_HDR : 0), iproto, Ip4.ttl(in, inOff), ifrag);
        int il4 = io + ihdr;
        System.arraycopy(in, inOff + iihl, out, il4, icopy);
        if (ifirst) {
            updateInnerTransport(in, inOff, out, io, il4, icopy, iproto, itotal - iihl);
        }
        int s = Checksum.pseudoHeader6(out, o + Ip6.SRC_OFFSET, out, o + Ip6.DST_OFFSET, outLen - Ip6.HEADER_LEN,
                                       IpProto.ICMPV6);
        Icmp.setChecksum(out, ol4, Checksum.finish(Checksum.sum(s, out, ol4, outLen - Ip6.HEADER_LEN)));
        r.translated(out, o, outLen, ol4, IpProto.ICMPV6);
    }

    /**
     * RFC 7915 section 4.2, code 4: minimum(advertised MTU + 20, MTU of the IPv6 next
     * hop, MTU of the IPv4 next hop + 20); a zero MTU (pre-RFC 1191 router) is replaced by
     * the plateau below the embedded total length; never below 1280 (section 5.1).
     *
     * @param t          translator (MTUs)
     * @param advertised next-hop MTU in the ICMPv4 message
     * @param innerTotal total length of the packet in error
     * @return MTU for the ICMPv6 message
     */
    static int packetTooBigMtu(Translator t, int advertised, int innerTotal) {
        int adv = advertised != 0 ? advertised : IcmpMaps.plateauBelow(innerTotal);
        int mtu = Math.min(adv + HEADER_GROWTH, Math.min(t.ipv6Mtu(), t.ipv4Mtu() + HEADER_GROWTH));
        return Math.max(mtu, Ip6.MIN_MTU);
    }

    /**
     * The embedded packet's transport checksum follows its pseudo-header change
     * incrementally when the checksum field survived truncation (TCP, UDP with a
     * checksum); an embedded echo is translated like an outer one. Lengths used are the
     * declared ones, as the embedded packet was seen by its sender.
     */
    private static void updateInnerTransport(byte[] in, int inOff, byte[] out, int io, int il4, int icopy,
                                             int iproto, int declaredL4) {
        int oldSum = Checksum.add(Checksum.sum32(Ip4.src(in, inOff)), Checksum.sum32(Ip4.dst(in, inOff)));
        int newSum = Checksum.sum(out, io + Ip6.SRC_OFFSET, 2 * Ip6.ADDR_LEN);
        if (iproto == IpProto.TCP && icopy >= Tcp.CHECKSUM_OFFSET + 2) {
            Tcp.setChecksum(out, il4, Checksum.adjust(Tcp.checksum(out, il4), oldSum, newSum));
        } else if (iproto == IpProto.UDP && icopy >= Udp.HEADER_LEN && Udp.checksum(out, il4) != 0) {
            Udp.setChecksum(out, il4, Checksum.udp(Checksum.adjust(Udp.checksum(out, il4), oldSum, newSum)));
        } else if (iproto == IpProto.ICMP && icopy >= 1) {
            echoTo6(out, il4, icopy, declaredL4, out, io);
        }
    }

    /** Protocol numbers only IPv6 defines: extension headers (RFC 8200 section 4, RFC 6275, RFC 5533), ICMPv6. */
    private static boolean ipv6Only(int proto) {
        return proto == IpProto.HOPOPT || proto == IpProto.IPV6_ROUTE || proto == IpProto.IPV6_FRAG
                || proto == IpProto.IPV6_OPTS || proto == IpProto.MOBILITY || proto == IpProto.SHIM6
                || proto == IpProto.ICMPV6;
    }
}
