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
 * IPv6 to IPv4 (RFC 7915 section 5), one step per method. Stateless; the only
 * allocation is the output array.
 */
final class V6ToV4 {

    private static final int ICMP_ERR_HDRS = Ip4.MIN_HEADER_LEN + Icmp.HEADER_LEN;
    private static final int HEADER_SHRINK = Ip6.HEADER_LEN - Ip4.MIN_HEADER_LEN;
    private static final int MIN_IPV4_MTU = 68;

    private V6ToV4() {
    }

    static void translate(Translator t, byte[] in, int ipOff, int ipLen, AddressMapper m, int headroom,
                          XlatResult r) {
        // RFC 8200 section 3: a header we can read. Payload length 0 is an empty payload (No Next
        // Header, RFC 7915 5.1's "Protocol" copies it), or a jumbogram (RFC 2675: behind a hop-by-hop
        // header), which no IPv4 packet can carry.
        if (ipLen < Ip6.HEADER_LEN || Ip6.version(in, ipOff) != Ip6.VERSION) {
            r.drop(DropReason.MALFORMED);
            return;
        }
        int plen = Ip6.payloadLength(in, ipOff);
        if (plen == 0 && Ip6.nextHeader(in, ipOff) == IpProto.HOPOPT || plen > ipLen - Ip6.HEADER_LEN) {
            r.drop(DropReason.MALFORMED);
            return;
        }
        int total = Ip6.HEADER_LEN + plen;
        int end = ipOff + total;
        // RFC 7915 5.1 "Source Address": illegal sources are silently dropped.
        if (!AddrCheck.unicastSource6(in, ipOff + Ip6.SRC_OFFSET)) {
            r.drop(DropReason.UNMAPPABLE_ADDRESS);
            return;
        }
        long chain = ExtChain.walk(in, ipOff, end, true);
        switch (ExtChain.status(chain)) {
            case ExtChain.OK:
                break;
            case ExtChain.ROUTING:
                routingHeader(in, ipOff, total, ipOff + ExtChain.l4(chain), headroom, r);
                return;
            case ExtChain.EXTENSION:
                extensionHeader(in, ipOff, total, ExtChain.fragment(chain) >= 0, headroom, r);
                return;
            default:
                r.drop(DropReason.MALFORMED);
                return;
        }
        int l4Off = ipOff + ExtChain.l4(chain);
        int l4Len = end - l4Off;
        int proto = ExtChain.protocol(chain);
        int fragHdr = ExtChain.fragment(chain);
        int fragOff = fragHdr < 0 ? -1 : ipOff + fragHdr;
        boolean first = fragOff < 0 || Ip6Ext.fragmentOffset(in, fragOff) == 0;
        boolean fragment = fragOff >= 0 && (!first || Ip6Ext.moreFragments(in, fragOff));
        // RFC 8200 section 4.5: every fragment but the last carries a multiple of 8 octets.
        if (fragment && Ip6Ext.moreFragments(in, fragOff) && (l4Len & 7) != 0
                || fragOff >= 0 && (Ip6Ext.fragmentOffset(in, fragOff) << 3) + l4Len > 0xffff) {
            r.drop(DropReason.MALFORMED);
            return;
        }
        if (proto == IpProto.ICMPV6) {
            translateIcmp(t, in, ipOff, total, l4Off, l4Len, fragOff, fragment, m, headroom, r);
            return;
        }
        // RFC 7915 sections 5.1 "Protocol" and 5.5: every other transport (No Next Header 59
        // included) is forwarded with its protocol number and payload unchanged.
        boolean known = proto == IpProto.TCP || proto == IpProto.UDP;
        if (first && known) {
            DropReason bad = checkTransport(in, l4Off, l4Len, proto, fragment);
            if (bad != null) {
                r.drop(bad);
                return;
            }
        }
        long src4 = m.map6to4(in, ipOff + Ip6.SRC_OFFSET);
        long dst4 = m.map6to4(in, ipOff + Ip6.DST_OFFSET);
        if (!usable(src4) || !usable(dst4)) {
            r.drop(DropReason.UNMAPPABLE_ADDRESS);
            return;
        }
        if (Ip6.hopLimit(in, ipOff) <= 1) {
            timeExceeded(in, ipOff, total, false, headroom, r);
            return;
        }
        int outLen = Ip4.MIN_HEADER_LEN + l4Len;
        if (outLen > t.ipv4Mtu()) {
            tooBig(t, in, ipOff, total, false, headroom, r);
            return;
        }
        byte[] out = new byte[headroom + outLen];
        int o = headroom;
        writeHeader(t, in, ipOff, fragOff, out, o, outLen, proto, Ip6.hopLimit(in, ipOff) - 1, (int) src4,
                    (int) dst4);
        int ol4 = o + Ip4.MIN_HEADER_LEN;
        System.arraycopy(in, l4Off, out, ol4, l4Len);
        if (!first) {
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

    /**
     * RFC 7915 section 5.1 "Protocol": a routing header with segments left is not
     * translated; ICMPv6 parameter problem, erroneous header field, pointing at the
     * segments left field.
     */
    private static void routingHeader(byte[] in, int ipOff, int total, int routingOff, int headroom,
                                      XlatResult r) {
        if (IcmpErrors.mayReply6(in, ipOff, false, Icmp6.PARAM_PROBLEM)) {
            IcmpErrors.reply6(in, ipOff, total, Icmp6.PARAM_PROBLEM, Icmp6.PARAM_HEADER_FIELD,
                              routingOff + Ip6Ext.SEGMENTS_LEFT_OFFSET - ipOff, DropReason.EXTENSION_HEADER,
                              headroom, r);
        } else {
            r.drop(DropReason.EXTENSION_HEADER);
        }
    }

    /**
     * RFC 7915 section 5.1.1: an extension header after the Fragment Header "SHOULD be
     * dropped and logged" (counted, EXTENSION_HEADER); section 5.4's default error tells
     * the sender: Destination Unreachable, administratively prohibited. Other
     * untranslatable headers (AH without a fragment header, Mobility, HIP, ...) are
     * dropped silently: section 5.1 says nothing about them.
     */
    private static void extensionHeader(byte[] in, int ipOff, int total, boolean afterFragment, int headroom,
                                        XlatResult r) {
        if (afterFragment && IcmpErrors.mayReply6(in, ipOff, false, Icmp6.DEST_UNREACH)) {
            IcmpErrors.reply6(in, ipOff, total, Icmp6.DEST_UNREACH, Icmp6.UNREACH_ADMIN_PROHIBITED, 0,
                              DropReason.EXTENSION_HEADER, headroom, r);
        } else {
            r.drop(DropReason.EXTENSION_HEADER);
        }
    }

    /** RFC 7915 section 5.1 "TTL": the translator is a router; hop limit 0 or 1 cannot be forwarded. */
    private static void timeExceeded(byte[] in, int ipOff, int total, boolean inputIsError, int headroom,
                                     XlatResult r) {
        if (IcmpErrors.mayReply6(in, ipOff, inputIsError, Icmp6.TIME_EXCEEDED)) {
            IcmpErrors.reply6(in, ipOff, total, Icmp6.TIME_EXCEEDED, Icmp6.TIME_EXCEEDED_HOP_LIMIT, 0,
                              DropReason.TTL_EXPIRED, headroom, r);
        } else {
            r.drop(DropReason.TTL_EXPIRED);
        }
    }

    /**
     * RFC 7915 section 5.1 / RFC 8200 section 5: too big for the IPv4 next hop: ICMPv6
     * Packet Too Big with the IPv6 MTU that fits, ipv4Mtu + 20 (also for fragments, which
     * this translator does not re-fragment).
     */
    private static void tooBig(Translator t, byte[] in, int ipOff, int total, boolean inputIsError, int headroom,
                               XlatResult r) {
        if (IcmpErrors.mayReply6(in, ipOff, inputIsError, Icmp6.PACKET_TOO_BIG)) {
            IcmpErrors.reply6(in, ipOff, total, Icmp6.PACKET_TOO_BIG, 0, t.ipv4Mtu() + HEADER_SHRINK,
                              DropReason.PACKET_TOO_BIG, headroom, r);
        } else {
            r.drop(DropReason.PACKET_TOO_BIG);
        }
    }

    /**
     * The first (or only) fragment must hold a whole, consistent transport header. A UDP
     * checksum of zero is invalid in IPv6 (RFC 8200 section 8.1): dropped rather than
     * turned into a valid "no checksum" IPv4 datagram.
     */
    private static DropReason checkTransport(byte[] in, int l4Off, int l4Len, int proto, boolean fragment) {
        if (proto == IpProto.TCP) {
            if (l4Len < Tcp.MIN_HEADER_LEN) {
                return DropReason.MALFORMED;
            }
            int doff = Tcp.dataOffset(in, l4Off);
            return doff < Tcp.MIN_HEADER_LEN || doff > l4Len ? DropReason.MALFORMED : null;
        }
        if (l4Len < Udp.HEADER_LEN || Udp.checksum(in, l4Off) == 0) {
            return DropReason.MALFORMED;
        }
        int udpLen = Udp.length(in, l4Off);
        return !fragment && (udpLen < Udp.HEADER_LEN || udpLen > l4Len) ? DropReason.MALFORMED : null;
    }

    /**
     * RFC 7915 section 5.1 (and 5.1.1 with a fragment header): version 4, IHL 5, TOS from
     * the traffic class (or 0), total length; without a fragment header DF clear and an
     * identification from the generator up to 1260 bytes, DF set above (5.1 "Flags");
     * with one (even offset 0 and M 0): identification = its low 16 bits, MF = M, DF 0,
     * offset copied (5.1.1); protocol ICMP for ICMPv6; header checksum computed.
     */
    private static void writeHeader(Translator t, byte[] in, int ipOff, int fragOff, byte[] out, int o,
                                    int totalLen, int proto, int ttl, int src4, int dst4) {
        Ip4.setVersionIhl(out, o, Ip4.MIN_HEADER_LEN);
        Ip4.setTos(out, o, t.copyTos() ? Ip6.trafficClass(in, ipOff) : 0);
        Ip4.setTotalLength(out, o, totalLen);
        if (fragOff < 0) {
            int word = t.idFlagsWord(totalLen, src4, dst4, proto == IpProto.ICMPV6 ? IpProto.ICMP : proto);
            Ip4.setIdentification(out, o, word >>> 16);
            Ip4.setFlagsFragment(out, o, word & 0xffff);
        } else {
            Ip4.setIdentification(out, o, Ip6Ext.fragmentId(in, fragOff));
            Ip4.setFlagsFragment(out, o, (Ip6Ext.moreFragments(in, fragOff) ? Ip4.FLAG_MF : 0)
                    | Ip6Ext.fragmentOffset(in, fragOff));
        }
        Ip4.setTtl(out, o, ttl);
        Ip4.setProtocol(out, o, proto == IpProto.ICMPV6 ? IpProto.ICMP : proto);
        Ip4.setSrc(out, o, src4);
        Ip4.setDst(out, o, dst4);
        Ip4.updateHeaderChecksum(out, o);
    }

    /**
     * RFC 7915 section 5.5: TCP and UDP checksums follow the pseudo-header change
     * incrementally (RFC 1624). TCP SYN: MSS clamped to ipv4Mtu - 40.
     */
    private static void updateTransport(Translator t, byte[] in, int ipOff, byte[] out, int o, int ol4,
                                        int proto) {
        int oldSum = Checksum.sum(in, ipOff + Ip6.SRC_OFFSET, 2 * Ip6.ADDR_LEN);
        int newSum = Checksum.sum(out, o + Ip4.SRC_OFFSET, 8);
        if (proto == IpProto.TCP) {
            Tcp.setChecksum(out, ol4, Checksum.adjust(Tcp.checksum(out, ol4), oldSum, newSum));
            Mss.clamp(out, ol4, t.ipv4Mtu() - Ip4.MIN_HEADER_LEN - Tcp.MIN_HEADER_LEN);
        } else {
            Udp.setChecksum(out, ol4, Checksum.udp(Checksum.adjust(Udp.checksum(out, ol4), oldSum, newSum)));
        }
    }

    /**
     * RFC 7915 section 5.2: ICMPv6 to ICMPv4. Fragmented ICMPv6 is not translated (1.2);
     * echo request/reply become 8/0; the errors of section 5.2 are translated with their
     * embedded packet (5.3); MLD, ND and everything else is silently dropped.
     */
    private static void translateIcmp(Translator t, byte[] in, int ipOff, int total, int l4Off, int l4Len,
                                      int fragOff, boolean fragment, AddressMapper m, int headroom,
                                      XlatResult r) {
        if (fragment) {
            r.drop(DropReason.FRAGMENT);
            return;
        }
        if (l4Len < Icmp.HEADER_LEN) {
            r.drop(DropReason.MALFORMED);
            return;
        }
        int type = Icmp.type(in, l4Off);
        if (type == Icmp6.ECHO_REQUEST || type == Icmp6.ECHO_REPLY) {
            translateEcho(t, in, ipOff, total, l4Off, l4Len, fragOff, m, headroom, r);
        } else if (Icmp6.isError(type)) {
            translateIcmpError(t, in, ipOff, fragOff, l4Off, l4Len, m, headroom, r);
        } else {
            r.drop(DropReason.ICMP_UNTRANSLATABLE);
        }
    }

    /**
     * RFC 7915 section 5.2 "Echo Request and Echo Reply (Type 128 and 129)": adjust the
     * type and the checksum, incrementally, for the type change and the removed ICMPv6
     * pseudo-header.
     */
    private static void translateEcho(Translator t, byte[] in, int ipOff, int total, int l4Off, int l4Len,
                                      int fragOff, AddressMapper m, int headroom, XlatResult r) {
        long src4 = m.map6to4(in, ipOff + Ip6.SRC_OFFSET);
        long dst4 = m.map6to4(in, ipOff + Ip6.DST_OFFSET);
        if (!usable(src4) || !usable(dst4)) {
            r.drop(DropReason.UNMAPPABLE_ADDRESS);
            return;
        }
        if (Ip6.hopLimit(in, ipOff) <= 1) {
            timeExceeded(in, ipOff, total, false, headroom, r);
            return;
        }
        int outLen = Ip4.MIN_HEADER_LEN + l4Len;
        if (outLen > t.ipv4Mtu()) {
            tooBig(t, in, ipOff, total, false, headroom, r);
            return;
        }
        byte[] out = new byte[headroom + outLen];
        int o = headroom;
        writeHeader(t, in, ipOff, fragOff, out, o, outLen, IpProto.ICMPV6, Ip6.hopLimit(in, ipOff) - 1, (int) src4,
                    (int) dst4);
        int ol4 = o + Ip4.MIN_HEADER_LEN;
        System.arraycopy(in, l4Off, out, ol4, l4Len);
        echoTo4(out, ol4, l4Len, l4Len, in, ipOff);
        r.translated(out, o, outLen, ol4, IpProto.ICMP);
    }

    /**
     * Rewrites an ICMPv6 echo at b[icmpOff] into ICMPv4 in place: type 128/129 to 8/0 and
     * the checksum for the type change minus the pseudo-header (length icmpLen) of the
     * IPv6 header at ip6[ip6Off]. Only avail bytes (at least 1) are present.
     *
     * @param b       packet holding the echo
     * @param icmpOff offset of the echo
     * @param avail   bytes of it present
     * @param icmpLen its declared length (for the pseudo-header)
     * @param ip6     array holding the original IPv6 header
     * @param ip6Off  offset of that header
     */
    static void echoTo4(byte[] b, int icmpOff, int avail, int icmpLen, byte[] ip6, int ip6Off) {
        int oldType = Icmp.type(b, icmpOff);
        int newType = oldType == Icmp6.ECHO_REQUEST ? Icmp.ECHO_REQUEST : Icmp.ECHO_REPLY;
        Icmp.setType(b, icmpOff, newType);
        if (avail < Icmp.CHECKSUM_OFFSET + 2) {
            return;
        }
        int code = Icmp.code(b, icmpOff);
        int oldWord = oldType << 8 | code;
        int newWord = newType << 8 | code;
        int pseudo = Checksum.pseudoHeader6(ip6, ip6Off + Ip6.SRC_OFFSET, ip6, ip6Off + Ip6.DST_OFFSET, icmpLen,
                                            IpProto.ICMPV6);
        int csum = Checksum.adjust(Icmp.checksum(b, icmpOff), Checksum.add(oldWord, pseudo), newWord);
        if (csum == 0 && avail >= icmpLen && zeroExceptChecksum(b, icmpOff, icmpLen)) {
            // RFC 1624 equation 3 never yields +0 as the new sum, so an all-zero ICMPv4 message
            // (echo reply, identifier, sequence and data 0) would get 0x0000, which does not
            // verify; 0xffff does (RFC 1071, RFC 1624 section 3). ICMPv4 has no pseudo-header:
            // the only checksum here whose covered data can all be zero. Found by fuzzing.
            csum = 0xffff;
        }
        Icmp.setChecksum(b, icmpOff, csum);
    }

    private static boolean zeroExceptChecksum(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (b[off + i] != 0 && (i < Icmp.CHECKSUM_OFFSET || i > Icmp.CHECKSUM_OFFSET + 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 7915 sections 5.2 and 5.3: an ICMPv6 error becomes an ICMPv4 error whose
     * embedded packet is translated like a normal packet, except that its hop limit is not
     * decremented; the result is truncated to 576 bytes (RFC 1812 4.3.2.3) and the IPv4
     * MTU. The incoming checksum is verified first because the outgoing one is computed
     * from scratch.
     */
    private static void translateIcmpError(Translator t, byte[] in, int ipOff, int fragOff, int l4Off, int l4Len,
                                           AddressMapper m, int headroom, XlatResult r) {
        int pseudo = Checksum.pseudoHeader6(in, ipOff + Ip6.SRC_OFFSET, in, ipOff + Ip6.DST_OFFSET, l4Len,
                                            IpProto.ICMPV6);
        if (Checksum.sum(pseudo, in, l4Off, l4Len) != 0xffff) {
            r.drop(DropReason.MALFORMED);
            return;
        }
        int type = Icmp.type(in, l4Off);
        int packed = IcmpMaps.error6to4(type, Icmp.code(in, l4Off));
        if (packed < 0) {
            r.drop(DropReason.ICMP_UNTRANSLATABLE);
            return;
        }
        // The embedded packet (5.3): fixed header and extension headers whole; payload may be cut.
        int inOff = l4Off + Icmp.HEADER_LEN;
        int inAvail = l4Len - Icmp.HEADER_LEN;
        // RFC 4884 section 4: with a length attribute the embedded packet ends there, and an
        // extension structure follows (extLen bytes at inOff + inAvail).
        int extLen = 0;
        if (IcmpExtensions.hasLength6(type)) {
            int orig = IcmpExtensions.originalLength(in[l4Off + IcmpExtensions.V6_LENGTH_OFFSET] & 0xff,
                                                     IcmpExtensions.V6_UNIT, inAvail);
            if (orig >= 0) {
                extLen = inAvail - orig;
                inAvail = orig;
            }
        }
        if (inAvail < Ip6.HEADER_LEN || Ip6.version(in, inOff) != Ip6.VERSION) {
            r.drop(DropReason.MALFORMED);
            return;
        }
        int iplen = Ip6.payloadLength(in, inOff);
        long chain = ExtChain.walk(in, inOff, inOff + Math.min(inAvail, Ip6.HEADER_LEN + iplen), false);
        if (ExtChain.status(chain) != ExtChain.OK) {
            r.drop(ExtChain.status(chain) == ExtChain.EXTENSION ? DropReason.EXTENSION_HEADER : DropReason.MALFORMED);
            return;
        }
        int il4Rel = ExtChain.l4(chain);
        int iproto = ExtChain.protocol(chain);
        int ifragOff = ExtChain.fragment(chain) < 0 ? -1 : inOff + ExtChain.fragment(chain);
        boolean ifirst = ifragOff < 0 || Ip6Ext.fragmentOffset(in, ifragOff) == 0;
        int declaredL4 = Ip6.HEADER_LEN + iplen - il4Rel;
        if (declaredL4 < 0) {
            r.drop(DropReason.MALFORMED);
            return;
        }
        int icopy = Math.min(inAvail - il4Rel, declaredL4);
        // "This process MUST stop at the first embedded header": an error inside an error is dropped.
        if (iproto == IpProto.ICMPV6 && ifirst && icopy >= 1) {
            int itype = in[inOff + il4Rel] & 0xff;
            if (itype != Icmp6.ECHO_REQUEST && itype != Icmp6.ECHO_REPLY) {
                r.drop(DropReason.ICMP_UNTRANSLATABLE);
                return;
            }
        }
        int newType = packed >>> 8;
        int rest = 0;
        if (type == Icmp6.PACKET_TOO_BIG) {
            rest = IcmpErrors.fragNeededRest(fragNeededMtu(t, Bytes.getInt(in, l4Off + Icmp6.MTU_OFFSET) & 0xffffffffL,
                                                           ifragOff >= 0));
        } else if (newType == Icmp.PARAM_PROBLEM) {
            int p = IcmpMaps.pointer6to4(Bytes.getInt(in, l4Off + Icmp6.POINTER_OFFSET) & 0xffffffffL);
            if (p < 0) {
                r.drop(DropReason.ICMP_UNTRANSLATABLE);
                return;
            }
            rest = p << 24;
        }
        long dst4 = m.map6to4(in, ipOff + Ip6.DST_OFFSET);
        long isrc4 = m.map6to4(in, inOff + Ip6.SRC_OFFSET);
        long idst4 = m.map6to4(in, inOff + Ip6.DST_OFFSET);
        long src4 = m.map6to4(in, ipOff + Ip6.SRC_OFFSET);
        if (!usable(src4) && t.icmpSourceFallback()) {
            // An IPv6 router's address rarely maps: stand in with the address the original
            // packet was sent to (the embedded destination), as RFC 6791 allows.
            src4 = idst4;
        }
        if (!usable(dst4) || !usable(isrc4) || !usable(idst4) || !usable(src4)) {
            r.drop(DropReason.UNMAPPABLE_ADDRESS);
            return;
        }
        if (Ip6.hopLimit(in, ipOff) <= 1) {
            r.drop(DropReason.TTL_EXPIRED);                   // no ICMP error about an ICMP error
            return;
        }
        int limit = Math.min(IcmpErrors.V4_MAX_ERROR, t.ipv4Mtu());
        icopy = Math.min(icopy, limit - ICMP_ERR_HDRS - Ip4.MIN_HEADER_LEN);
        icopy = Math.max(icopy, 0);
        // RFC 7915 5.2 / RFC 4884: an extension goes on behind the translated field, padded to 32-bit
        // words and 128 octets, with the ICMPv4 length attribute; what does not fit 576 bytes (and the
        // IPv4 MTU) is cut, less than its header: left out.
        int field = Ip4.MIN_HEADER_LEN + icopy;
        int extCopy = IcmpExtensions.fitting(extLen, IcmpExtensions.hasLength4(newType), field, IcmpExtensions.V4_UNIT,
                                             limit - ICMP_ERR_HDRS);
        if (extCopy > 0) {
            field = IcmpExtensions.padded(field, IcmpExtensions.V4_UNIT);
        }
        int outLen = ICMP_ERR_HDRS + field + extCopy;
        byte[] out = new byte[headroom + outLen];
        int o = headroom;
        writeHeader(t, in, ipOff, fragOff, out, o, outLen, IpProto.ICMPV6, Ip6.hopLimit(in, ipOff) - 1,
                    (int) src4, (int) dst4);
        int ol4 = o + Ip4.MIN_HEADER_LEN;
        Icmp.setType(out, ol4, newType);
        Icmp.setCode(out, ol4, packed & 0xff);
        Icmp.setRestOfHeader(out, ol4, rest);
        if (extCopy > 0) {
            out[ol4 + IcmpExtensions.V4_LENGTH_OFFSET] = (byte) (field / IcmpExtensions.V4_UNIT);
            System.arraycopy(in, inOff + inAvail, out, ol4 + Icmp.HEADER_LEN + field, extCopy);
        }
        int io = ol4 + Icmp.HEADER_LEN;
        // 5.3: the inner header like a normal packet, hop limit unchanged, lengths as declared.
        writeHeader(t, in, inOff, ifragOff, out, io, Ip4.MIN_HEADER_LEN + declaredL4, iproto,
                    Ip6.hopLimit(in, inOff), (int) isrc4, (int) idst4);
        int il4 = io + Ip4.MIN_HEADER_LEN;
        System.arraycopy(in, inOff + il4Rel, out, il4, icopy);
        if (ifirst) {
            updateInnerTransport(in, inOff, out, io, il4, icopy, iproto, declaredL4);
        }
        Icmp.setChecksum(out, ol4, Checksum.finish(Checksum.sum(out, ol4, outLen - Ip4.MIN_HEADER_LEN)));
        r.translated(out, o, outLen, ol4, IpProto.ICMP);
    }

    /**
     * RFC 7915 section 5.2, Packet Too Big: minimum(advertised MTU - 20, MTU of the IPv4
     * next hop, MTU of the IPv6 next hop - 20), 8 less when the packet in error carried a
     * fragment header (its IPv4 form had none); kept within 68..65535.
     *
     * @param t             translator (MTUs)
     * @param advertised    MTU in the ICMPv6 message
     * @param innerFragment true if the packet in error has a fragment header
     * @return MTU for the ICMPv4 message
     */
    static int fragNeededMtu(Translator t, long advertised, boolean innerFragment) {
        long adv = advertised - HEADER_SHRINK - (innerFragment ? Ip6Ext.FRAG_HEADER_LEN : 0);
        long mtu = Math.min(adv, Math.min(t.ipv4Mtu(), t.ipv6Mtu() - HEADER_SHRINK));
        return (int) Math.max(MIN_IPV4_MTU, Math.min(mtu, 0xffff));
    }

    /**
     * The embedded packet's transport checksum follows its pseudo-header change
     * incrementally when the checksum field survived truncation; an embedded echo is
     * translated like an outer one (declared length for its pseudo-header).
     */
    private static void updateInnerTransport(byte[] in, int inOff, byte[] out, int io, int il4, int icopy,
                                             int iproto, int declaredL4) {
        int oldSum = Checksum.sum(in, inOff + Ip6.SRC_OFFSET, 2 * Ip6.ADDR_LEN);
        int newSum = Checksum.sum(out, io + Ip4.SRC_OFFSET, 8);
        if (iproto == IpProto.TCP && icopy >= Tcp.CHECKSUM_OFFSET + 2) {
            Tcp.setChecksum(out, il4, Checksum.adjust(Tcp.checksum(out, il4), oldSum, newSum));
        } else if (iproto == IpProto.UDP && icopy >= Udp.HEADER_LEN && Udp.checksum(out, il4) != 0) {
            Udp.setChecksum(out, il4, Checksum.udp(Checksum.adjust(Udp.checksum(out, il4), oldSum, newSum)));
        } else if (iproto == IpProto.ICMPV6 && icopy >= 1) {
            echoTo4(out, il4, icopy, declaredL4, in, inOff);
        }
    }

    /**
     * Whether an address the mapper returned may be written into an IPv4 header: it mapped
     * (not -1), and it is not in 0.0.0.0/8, "this network", which RFC 1122 section 3.2.1.3
     * allows only as the source of a host that does not know its address yet and never as a
     * destination, and whose packets a router does not forward (RFC 1812 section 5.3.7). An
     * IPv6 address whose RFC 6052 form embeds it (e.g. the bare prefix) names no IPv4 host.
     */
    private static boolean usable(long a4) {
        return a4 >= 0 && a4 >>> 24 != 0;
    }
}
