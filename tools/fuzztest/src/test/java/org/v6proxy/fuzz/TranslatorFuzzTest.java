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

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.v6proxy.xlate.AddressMapper;
import org.v6proxy.xlate.Pool6Mapper;
import org.v6proxy.xlate.Translator;
import org.v6proxy.xlate.XlatResult;

import java.util.Arrays;
import java.util.List;

import static org.v6proxy.fuzz.Ref.check;
import static org.v6proxy.fuzz.Ref.u16;
import static org.v6proxy.fuzz.Ref.u8;

/**
 * Fuzz targets of the stateless translator (RFC 7915) in both directions, ICMP errors and
 * their quoted packets included. The input is one IP packet as it arrives, after a
 * {@link Fixup} byte that lets the fuzzer get past checksums it cannot compute.
 */
class TranslatorFuzzTest {

    private static final int HEADROOM = 14;
    private static final int MTU = 1500;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMP = 1;
    private static final int ICMP6 = 58;
    /** The well-known prefix and one explicit address mapping (RFC 7757), so both paths run. */
    private static final AddressMapper MAPPER =
            Pool6Mapper.of("64:ff9b::/96", List.of("192.0.2.0/24=2001:db8:100::/120"));
    private static final Translator XLAT = new Translator(MTU, MTU);

    /**
     * IPv4 to IPv6: never throws, leaves the input alone; a drop has a reason; a translated
     * packet is a consistent IPv6 packet (lengths, hop limit = TTL - 1, checksums that
     * verify when the input's did, the L4 bytes carried unchanged apart from the checksum
     * and a clamped MSS); an ICMPv4 error sent back is a consistent IPv4 packet to the
     * sender of at most 576 bytes (RFC 1812 4.3.2.3).
     */
    @FuzzTest
    void translate4to6(byte[] data) {
        byte[] in = Fixup.ip4(data);
        byte[] copy = in.clone();
        XlatResult r = new XlatResult();
        XLAT.translate4to6(in, 0, in.length, MAPPER, HEADROOM, r);
        check(Arrays.equals(in, copy), "input modified");
        checkResult(r);
        if (r.kind() == XlatResult.Kind.TRANSLATED) {
            checkIp6(r);
            checkTranslatedFrom4(in, r);
        } else if (r.kind() == XlatResult.Kind.ICMP_ERROR) {
            checkIp4(r);
            check(r.ipLength() <= 576, "ICMPv4 error over 576 bytes", r.ipLength());
            check(Arrays.equals(Arrays.copyOfRange(r.packet(), r.ipOffset() + 16, r.ipOffset() + 20),
                                Arrays.copyOfRange(in, 12, 16)), "ICMPv4 error not sent to the source");
        }
    }

    /**
     * IPv6 to IPv4: never throws, leaves the input alone; a drop has a reason; a translated
     * packet is a consistent IPv4 packet (header checksum, lengths, TTL = hop limit - 1, an
     * L4 checksum that verifies when the input's did); an ICMPv6 error sent back is a
     * consistent IPv6 packet to the sender of at most 1280 bytes (RFC 4443 2.4 (c)).
     */
    @FuzzTest
    void translate6to4(byte[] data) {
        byte[] in = Fixup.ip6(data);
        byte[] copy = in.clone();
        XlatResult r = new XlatResult();
        XLAT.translate6to4(in, 0, in.length, MAPPER, HEADROOM, r);
        check(Arrays.equals(in, copy), "input modified");
        checkResult(r);
        if (r.kind() == XlatResult.Kind.TRANSLATED) {
            checkIp4(r);
            checkTranslatedFrom6(in, r);
        } else if (r.kind() == XlatResult.Kind.ICMP_ERROR) {
            checkIp6(r);
            check(r.ipLength() <= 1280, "ICMPv6 error over 1280 bytes", r.ipLength());
            check(Arrays.equals(Arrays.copyOfRange(r.packet(), r.ipOffset() + 24, r.ipOffset() + 40),
                                Arrays.copyOfRange(in, 8, 24)), "ICMPv6 error not sent to the source");
        }
    }

    /**
     * IPv4 to IPv6 and back (RFC 7915 sections 4 and 5): a whole (unfragmented) TCP, UDP or
     * ICMP echo packet that crosses both ways comes back as it was, except what the RFC
     * changes: options removed, TTL down by 2, DF/identification per section 5.1, a UDP zero
     * checksum computed (4.5), an MSS clamped to the IPv6 MTU.
     */
    @FuzzTest
    void roundTrip4to6to4(byte[] data) {
        byte[] in = Fixup.ip4(data);
        XlatResult six = new XlatResult();
        XLAT.translate4to6(in, 0, in.length, MAPPER, 0, six);
        if (six.kind() != XlatResult.Kind.TRANSLATED || in.length < 20 || isFragment4(in)) {
            return;
        }
        int ihl = (in[0] & 0x0f) * 4;
        int total = u16(in, 2);
        int proto = u8(in, 9);
        if (proto == ICMP && u8(in, ihl) != 0 && u8(in, ihl) != 8) {
            return;                                    // ICMP errors: their quotes are translated, not carried
        }
        if (proto == 51 || proto == 139 || proto == 253 || proto == 254) {
            return;                                    // IPv6 extension headers too: 5.1 drops them (docs/rfc7915.md)
        }
        XlatResult four = new XlatResult();
        XLAT.translate6to4(six.packet(), six.ipOffset(), six.ipLength(), MAPPER, 0, four);
        int ttl = u8(in, 8);
        if (ttl <= 2) {
            check(four.kind() != XlatResult.Kind.TRANSLATED, "hop limit 1 forwarded", four);
            return;
        }
        check(four.kind() == XlatResult.Kind.TRANSLATED, "translated packet does not come back", four);
        byte[] out = four.packet();
        int l4Len = total - ihl;
        check(four.ipLength() == 20 + l4Len, "length changed", total, four.ipLength());
        check(out[0] == 0x45, "version/IHL", out[0]);
        check(out[1] == in[1], "TOS not copied back");
        check(u8(out, 8) == ttl - 2, "TTL", ttl, u8(out, 8));
        check(u8(out, 9) == proto, "protocol");
        check(Arrays.equals(Arrays.copyOfRange(out, 12, 20), Arrays.copyOfRange(in, 12, 20)), "addresses");
        int flags = u16(out, 6);
        if (four.ipLength() <= Translator.DF_THRESHOLD) {
            check(flags == 0, "DF clear, no offset up to 1260 bytes (RFC 7915 5.1)", flags);
        } else {
            check(flags == 0x4000 && u16(out, 4) == 0, "DF set, identification 0 above 1260 bytes", flags);
        }
        check(Ref.ip4HeaderOk(out, 0), "header checksum");
        int csumAt = proto == TCP ? 16 : proto == UDP ? 6 : proto == ICMP ? 2 : -1;
        byte[] expect = Arrays.copyOfRange(in, ihl, total);
        byte[] got = Arrays.copyOfRange(out, 20, 20 + l4Len);
        boolean clamped = proto == TCP && (u8(in, ihl + 13) & 0x02) != 0;
        if (clamped) {
            // The MSS option may be lowered (RFC 7915 1.4 leaves clamping to the operator); the rest is unchanged.
            int dataOff = (u8(in, ihl + 12) >>> 4) * 4;
            Arrays.fill(expect, 20, dataOff, (byte) 0);
            Arrays.fill(got, 20, dataOff, (byte) 0);
        }
        boolean zeroUdp = proto == UDP && u16(in, ihl + 6) == 0;
        if (csumAt >= 0 && l4Len >= csumAt + 2) {
            // Compared by verifying it below: one's complement has two zeros (RFC 1624 section 3).
            Arrays.fill(expect, csumAt, csumAt + 2, (byte) 0);
            Arrays.fill(got, csumAt, csumAt + 2, (byte) 0);
        }
        check(Arrays.equals(expect, got), "L4 bytes differ after the round trip",
              Ref.hex(expect, 0, 64), Ref.hex(got, 0, 64));
        // A UDP length other than the IP payload's leaves open what a computed checksum covers
        // (RFC 768 takes the UDP length): not judged here.
        boolean udpLengthOdd = proto == UDP && l4Len >= 8 && u16(in, ihl + 4) != l4Len;
        if (l4ChecksumOk4(in, ihl, total, proto) || zeroUdp && !udpLengthOdd) {
            check(Ref.l4Ok4(out, 0, 20, l4Len, proto), "L4 checksum after the round trip");
        }
    }

    private static void checkResult(XlatResult r) {
        if (r.kind() == XlatResult.Kind.DROPPED) {
            check(r.reason() != null && r.packet() == null, "a drop without a reason", r);
            return;
        }
        check(r.kind() == XlatResult.Kind.TRANSLATED ? r.reason() == null : r.reason() != null,
              "reason does not fit the kind", r);
        check(r.ipOffset() == HEADROOM, "headroom", r);
        check(r.packet().length == r.ipOffset() + r.ipLength(), "array length", r.packet().length, r);
    }

    private static void checkIp6(XlatResult r) {
        byte[] p = r.packet();
        int ip = r.ipOffset();
        check(r.ipLength() >= 40 && (p[ip] & 0xf0) == 0x60, "not IPv6", r);
        check(u16(p, ip + 4) + 40 == r.ipLength(), "payload length", u16(p, ip + 4), r);
        check(r.ipLength() <= MTU, "over the IPv6 MTU", r);
        if (r.protocol() == ICMP6 && r.l4Offset() >= 0) {
            check(r.kind() == XlatResult.Kind.TRANSLATED || Ref.l4Ok6(p, ip, r.l4Offset(),
                  ip + r.ipLength() - r.l4Offset(), ICMP6), "ICMPv6 error checksum", r);
        }
    }

    private static void checkIp4(XlatResult r) {
        byte[] p = r.packet();
        int ip = r.ipOffset();
        check(r.ipLength() >= 20 && (p[ip] & 0xf0) == 0x40, "not IPv4", r);
        check(u16(p, ip + 2) == r.ipLength(), "total length", u16(p, ip + 2), r);
        check(Ref.ip4HeaderOk(p, ip), "IPv4 header checksum", r);
        check(r.ipLength() <= MTU, "over the IPv4 MTU", r);
        if (r.kind() == XlatResult.Kind.ICMP_ERROR) {
            check(r.protocol() == ICMP && r.l4Offset() == ip + 20, "ICMP error layout", r);
            check(Ref.l4Ok4(p, ip, r.l4Offset(), r.ipLength() - 20, ICMP), "ICMPv4 error checksum", r);
        }
    }

    private static boolean isFragment4(byte[] in) {
        return (u16(in, 6) & 0x3fff) != 0;
    }

    /** True if the input is a whole IPv4 datagram whose L4 checksum verifies. */
    private static boolean l4ChecksumOk4(byte[] in, int ihl, int total, int proto) {
        return total <= in.length && total >= ihl && !isFragment4(in)
                && (proto == TCP || proto == UDP || proto == ICMP)
                && Ref.l4Ok4(in, 0, ihl, total - ihl, proto);
    }

    private static void checkTranslatedFrom4(byte[] in, XlatResult r) {
        byte[] p = r.packet();
        int ip = r.ipOffset();
        check(u8(p, ip + 7) == u8(in, 8) - 1, "hop limit is not TTL - 1", u8(in, 8), u8(p, ip + 7));
        int ihl = (in[0] & 0x0f) * 4;
        int total = u16(in, 2);
        int proto = u8(in, 9);
        if (r.l4Offset() < 0 || !l4ChecksumOk4(in, ihl, total, proto)) {
            return;
        }
        int outProto = proto == ICMP ? ICMP6 : proto;
        check(r.protocol() == outProto, "protocol", r);
        int l4Len = ip + r.ipLength() - r.l4Offset();
        check(Ref.l4Ok6(p, ip, r.l4Offset(), l4Len, outProto), "L4 checksum does not verify after 4to6", r);
        if (proto != ICMP) {
            check(l4Len == total - ihl, "L4 length", l4Len, total - ihl);
        }
    }

    private static void checkTranslatedFrom6(byte[] in, XlatResult r) {
        byte[] p = r.packet();
        int ip = r.ipOffset();
        check(u8(p, ip + 8) == u8(in, 7) - 1, "TTL is not hop limit - 1", u8(in, 7), u8(p, ip + 8));
        int nh = u8(in, 6);
        int payload = u16(in, 4);
        if (r.l4Offset() < 0 || in.length < 40 + payload || (nh != TCP && nh != UDP && nh != ICMP6)
                || !Ref.l4Ok6(in, 0, 40, payload, nh)) {
            return;
        }
        int outProto = nh == ICMP6 ? ICMP : nh;
        check(r.protocol() == outProto, "protocol", r);
        int l4Len = ip + r.ipLength() - r.l4Offset();
        check(Ref.l4Ok4(p, ip, r.l4Offset(), l4Len, outProto), "L4 checksum does not verify after 6to4", r);
        if (nh != ICMP6) {
            check(l4Len == payload, "L4 length", l4Len, payload);
        }
    }
}
