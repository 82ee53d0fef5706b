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

import org.junit.Test;
import org.v6proxy.api.DropReason;
import org.v6proxy.packet.Checksum;

import java.util.List;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.v6proxy.xlate.Pkt.ICMP;
import static org.v6proxy.xlate.Pkt.ICMPV6;
import static org.v6proxy.xlate.Pkt.TCP;
import static org.v6proxy.xlate.Pkt.UDP;
import static org.v6proxy.xlate.Pkt.cat;
import static org.v6proxy.xlate.Pkt.csum4;
import static org.v6proxy.xlate.Pkt.csum6;
import static org.v6proxy.xlate.Pkt.icmp;
import static org.v6proxy.xlate.Pkt.icmp4csum;
import static org.v6proxy.xlate.Pkt.ip;
import static org.v6proxy.xlate.Pkt.ipv4;
import static org.v6proxy.xlate.Pkt.ipv6;
import static org.v6proxy.xlate.Pkt.slice;
import static org.v6proxy.xlate.Pkt.tcp;
import static org.v6proxy.xlate.Pkt.udp;
import static org.v6proxy.xlate.Pkt.v4;
import static org.v6proxy.xlate.Pkt.v6;

/**
 * RFC 7915 sections 4.2, 4.3, 5.2 and 5.3: ICMP and ICMPv6, with embedded packets.
 */
public class IcmpXlatTest {

    // SIIT-DC: the client's IPv4 address is embedded with pool6; the VIP maps to the backend.
    static final int CLIENT = v4("192.0.2.33");
    static final int VIP = v4("198.51.100.7");
    static final int ROUTER4 = v4("203.0.113.1");
    static final byte[] CLIENT6 = v6("2001:db8:46::c000:221");
    static final byte[] BACKEND6 = v6("2001:db8::1");
    static final byte[] ROUTER4_6 = v6("2001:db8:46::cb00:7101");
    static final byte[] ROUTER6 = v6("2001:db8:ffff::1");
    static final Pool6Mapper MAPPER = Pool6Mapper.of("2001:db8:46::/96", List.of("198.51.100.7=2001:db8::1"));

    private final Translator xlat = Pkt.seeded(1500, 1500);
    private final XlatResult r = new XlatResult();

    @Test
    public void echoRequest4to6() {
        byte[] in = ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(8, 0, 0x12340001, "ping".getBytes())));
        xlat.translate4to6(in, 0, in.length, MAPPER, 0, r);
        assertEquals(ICMPV6, r.protocol());
        assertEquals(40, r.l4Offset());
        // Type 8 -> 128, code, identifier, sequence and data unchanged; checksum with pseudo-header.
        byte[] expected = ipv6(0, 0, ICMPV6, 63, CLIENT6, BACKEND6,
                               csum6(icmp(128, 0, 0x12340001, "ping".getBytes()), 2, CLIENT6, BACKEND6, ICMPV6));
        assertArrayEquals(expected, ip(r));
    }

    @Test
    public void echoReply6to4() {
        byte[] in = ipv6(0, 0, ICMPV6, 64, BACKEND6, CLIENT6,
                         csum6(icmp(129, 0, 0x12340001, "pong".getBytes()), 2, BACKEND6, CLIENT6, ICMPV6));
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(ICMP, r.protocol());
        // RFC 7915 5.1: 32 bytes <= 1260, so DF clear and an identification from the generator.
        byte[] expected = ipv4(0, Pkt.twinIds().next(VIP, CLIENT, ICMP), 0, 63, ICMP, VIP, CLIENT, new byte[0],
                               icmp4csum(icmp(0, 0, 0x12340001, "pong".getBytes())));
        assertArrayEquals(expected, ip(r));
    }

    /**
     * Found by fuzzing (tools/fuzztest, TranslatorFuzzTest): an echo reply whose identifier,
     * sequence and data are all zero is, as ICMPv4, a message of zeros; the incremental update
     * gave it the checksum 0x0000, which does not verify (the receiver drops the reply).
     */
    @Test
    public void allZeroEchoReply6to4HasAChecksumThatVerifies() {
        byte[] in = ipv6(0, 0, ICMPV6, 64, BACKEND6, CLIENT6,
                         csum6(icmp(129, 0, 0, new byte[0]), 2, BACKEND6, CLIENT6, ICMPV6));
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(ICMP, r.protocol());
        byte[] out = ip(r);
        assertArrayEquals(new byte[] {0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}, slice(out, 20, 8));
        assertEquals(0xffff, Checksum.sum(out, 20, 8));
    }

    @Test
    public void echoRoundTrip() {
        byte[] in = ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(8, 0, 0x0bad0001, new byte[100])));
        xlat.translate4to6(in, 0, in.length, MAPPER, 0, r);
        byte[] mid = ip(r);
        xlat.translate6to4(mid, 0, mid.length, MAPPER, 0, r);
        byte[] back = ip(r);
        assertArrayEquals(slice(in, 20, in.length - 20), slice(back, 20, back.length - 20));
        assertEquals(62, back[8]);
    }

    @Test
    public void untranslatableTypes4to6() {
        int[][] dropped = {{13, 0}, {14, 0}, {15, 0}, {16, 0}, {17, 0}, {18, 0}, {9, 0}, {10, 0}, {5, 1}, {4, 0},
                           {6, 0}, {42, 0}, {3, 14}, {3, 16}, {12, 1}, {12, 3}};
        for (int[] tc : dropped) {
            byte[] body = tc[0] == 3 || tc[0] == 12 || tc[0] == 5 || tc[0] == 4 ? innerUdp4() : new byte[12];
            byte[] in = ipv4(64, ICMP, ROUTER4, VIP, icmp4csum(icmp(tc[0], tc[1], 0, body)));
            xlat.translate4to6(in, 0, in.length, MAPPER, 0, r);
            assertEquals(tc[0] + "/" + tc[1], DropReason.ICMP_UNTRANSLATABLE, r.reason());
        }
    }

    @Test
    public void untranslatableTypes6to4() {
        int[][] dropped = {{130, 0}, {131, 0}, {132, 0}, {133, 0}, {134, 0}, {135, 0}, {136, 0}, {137, 0},
                           {200, 0}, {100, 0}, {1, 5}, {1, 6}, {4, 2}};
        for (int[] tc : dropped) {
            byte[] body = tc[0] < 128 ? innerUdp6() : new byte[24];
            byte[] in = ipv6(0, 0, ICMPV6, 255, BACKEND6, CLIENT6,
                             csum6(icmp(tc[0], tc[1], 0, body), 2, BACKEND6, CLIENT6, ICMPV6));
            xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
            assertEquals(tc[0] + "/" + tc[1], DropReason.ICMP_UNTRANSLATABLE, r.reason());
        }
    }

    /** A UDP datagram VIP:53 -> client:5353 as the client received it (IPv4), whole. */
    private static byte[] innerUdp4() {
        return ipv4(0, 0, 0x4000, 61, UDP, VIP, CLIENT, new byte[0],
                    csum4(udp(53, 5353, "dns answer".getBytes()), 6, VIP, CLIENT, UDP));
    }

    /** The same datagram as the backend sent it (IPv6). */
    private static byte[] innerUdp6(int hop) {
        return ipv6(0, 0, UDP, hop, BACKEND6, CLIENT6,
                    csum6(udp(53, 5353, "dns answer".getBytes()), 6, BACKEND6, CLIENT6, UDP));
    }

    private static byte[] innerUdp6() {
        return innerUdp6(62);
    }

    @Test
    public void portUnreachable4to6() {
        // The client answers the backend's (translated) datagram with port unreachable.
        byte[] in = ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(3, 3, 0, innerUdp4())));
        xlat.translate4to6(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        // ICMPv6 1/4; the embedded packet translated back to the backend's view, hop limit
        // = its TTL (not decremented, 4.3), UDP checksum over the IPv6 pseudo-header.
        byte[] inner6 = innerUdp6(61);
        byte[] expected = ipv6(0, 0, ICMPV6, 63, CLIENT6, BACKEND6,
                               csum6(icmp(1, 4, 0, inner6), 2, CLIENT6, BACKEND6, ICMPV6));
        assertArrayEquals(expected, ip(r));
    }

    @Test
    public void portUnreachable6to4() {
        // The backend answers the client's (translated) datagram with port unreachable.
        byte[] inner6 = ipv6(0, 0, UDP, 63, CLIENT6, BACKEND6,
                             csum6(udp(5353, 53, "dns query".getBytes()), 6, CLIENT6, BACKEND6, UDP));
        byte[] in = ipv6(0, 0, ICMPV6, 64, BACKEND6, CLIENT6, csum6(icmp(1, 4, 0, inner6), 2, BACKEND6, CLIENT6,
                                                                   ICMPV6));
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        // RFC 7915 5.1 and 5.3: outer and inner IPv4 headers both small: DF clear, identifications
        // from the generator (outer first).
        FragmentIds twin = Pkt.twinIds();
        int outerId = twin.next(VIP, CLIENT, ICMP);
        byte[] inner4 = ipv4(0, twin.next(CLIENT, VIP, UDP), 0, 63, UDP, CLIENT, VIP, new byte[0],
                             csum4(udp(5353, 53, "dns query".getBytes()), 6, CLIENT, VIP, UDP));
        byte[] expected = ipv4(0, outerId, 0, 63, ICMP, VIP, CLIENT, new byte[0], icmp4csum(icmp(3, 3, 0, inner4)));
        assertArrayEquals(expected, ip(r));
    }

    @Test
    public void timeExceededCodeUnchanged() {
        byte[] in = ipv4(64, ICMP, ROUTER4, VIP, icmp4csum(icmp(11, 1, 0, innerUdp4())));
        xlat.translate4to6(in, 0, in.length, MAPPER, 0, r);
        byte[] out = ip(r);
        assertArrayEquals(new byte[] {3, 1}, slice(out, 40, 2));
        assertArrayEquals(ROUTER4_6, slice(out, 8, 16));                  // the router's address maps here
        byte[] in6 = ipv6(0, 0, ICMPV6, 64, ROUTER6, CLIENT6,
                          csum6(icmp(3, 0, 0, innerUdp6()), 2, ROUTER6, CLIENT6, ICMPV6));
        xlat.translate6to4(in6, 0, in6.length, MAPPER, 0, r);
        assertArrayEquals(new byte[] {11, 0}, slice(ip(r), 20, 2));
    }

    /** A 1500-byte TCP segment VIP -> client (IPv4) and its first 548 bytes. */
    private static byte[] bigTcp4() {
        byte[] t = csum4(tcp(80, 50000, 7, 8, 0x10, 100, new byte[0], new byte[1460]), 16, VIP, CLIENT, TCP);
        return ipv4(0, 0, 0x4000, 62, TCP, VIP, CLIENT, new byte[0], t);
    }

    @Test
    public void fragNeededToPacketTooBig() {
        assertEquals(1420, ptbMtuFor(1400));        // min(1400 + 20, ipv6Mtu 1500, ipv4Mtu 1500 + 20)
        assertEquals(1500, ptbMtuFor(1600));
        assertEquals(1500, ptbMtuFor(0));           // plateau below 1500 is 1492, + 20 = 1512 -> 1500
        assertEquals(1280, ptbMtuFor(500));         // never below the IPv6 minimum
        byte[] out = ip(r);
        assertEquals(40 + 8 + 40 + 548 - 20, out.length);
        Pkt.assertL4Valid6(out, ICMPV6);
        // The embedded TCP checksum equals the one of the whole segment translated.
        byte[] whole6 = csum6(slice(bigTcp4(), 20, 1480), 16, BACKEND6, CLIENT6, TCP);
        assertEquals(Pkt.u16(whole6, 16), Pkt.u16(out, 88 + 16));
        assertEquals(1480, Pkt.u16(out, 48 + 4));                          // inner payload length as declared
    }

    private int ptbMtuFor(int mtu) {
        byte[] err = icmp4csum(icmp(3, 4, mtu, slice(bigTcp4(), 0, 548)));
        byte[] in = ipv4(64, ICMP, ROUTER4, VIP, err);
        xlat.translate4to6(in, 0, in.length, MAPPER, 0, r);
        byte[] out = ip(r);
        assertArrayEquals(new byte[] {2, 0}, slice(out, 40, 2));
        return Pkt.u16(out, 44) << 16 | Pkt.u16(out, 46);
    }

    @Test
    public void packetTooBig6to4() {
        byte[] inner = ipv6(0, 0, TCP, 63, CLIENT6, BACKEND6,
                            csum6(tcp(50000, 80, 1, 2, 0x10, 100, new byte[0], new byte[1400]), 16, CLIENT6,
                                  BACKEND6, TCP));
        byte[] in = ipv6(0, 0, ICMPV6, 64, ROUTER6, CLIENT6,
                         csum6(icmp(2, 0, 1400, slice(inner, 0, 1232)), 2, ROUTER6, CLIENT6, ICMPV6));
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        byte[] out = ip(r);
        assertEquals(576, out.length);                                     // RFC 1812 4.3.2.3
        assertArrayEquals(new byte[] {3, 4}, slice(out, 20, 2));
        assertEquals(1380, Pkt.u16(out, 26));                              // min(1400 - 20, 1500, 1500 - 20)
        // ROUTER6 does not map: the error comes from the VIP (the embedded destination).
        assertArrayEquals(Pkt.v4b(VIP), slice(out, 12, 4));
        assertArrayEquals(Pkt.v4b(CLIENT), slice(out, 16, 4));
        Pkt.assertIpv4HeaderValid(out);
        Pkt.assertL4Valid4(out, ICMP);
        // Embedded IPv4 header: client -> VIP, total length as declared (20 + 1420), TTL kept.
        byte[] innerHdr = slice(out, 28, 20);
        Pkt.assertIpv4HeaderValid(innerHdr);
        assertEquals(1440, Pkt.u16(innerHdr, 2));
        assertEquals(63, innerHdr[8]);
        assertArrayEquals(cat(Pkt.v4b(CLIENT), Pkt.v4b(VIP)), slice(innerHdr, 12, 8));
        new Translator(1500, 1500, true, false).translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(DropReason.UNMAPPABLE_ADDRESS, r.reason());
    }

    @Test
    public void packetTooBigAboutAFragment6to4() {
        byte[] inner = ipv6(0, 0, 44, 63, CLIENT6, BACKEND6,
                            cat(Pkt.hex("06 00 0001 00001234"), new byte[200]));
        byte[] in = ipv6(0, 0, ICMPV6, 64, ROUTER6, CLIENT6,
                         csum6(icmp(2, 0, 1400, inner), 2, ROUTER6, CLIENT6, ICMPV6));
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        byte[] out = ip(r);
        assertEquals(1372, Pkt.u16(out, 26));                              // 28 less with a fragment header
        assertArrayEquals(Pkt.hex("1234 2000"), slice(out, 28 + 4, 4));    // inner: ID, MF, DF clear
    }

    @Test
    public void paramProblem4to6() {
        assertEquals(6, pointer4to6(12, 0, 9));       // protocol -> next header
        assertEquals(7, pointer4to6(12, 2, 8));       // bad length, TTL -> hop limit
        assertEquals(24, pointer4to6(12, 0, 17));     // destination address
        assertEquals(-1, pointer4to6(12, 0, 4));      // identification: n/a, dropped
        assertEquals(6, pointer4to6(3, 2, 0));        // protocol unreachable -> 4/1, next header
        assertArrayEquals(new byte[] {4, 1}, slice(ip(r), 40, 2));
    }

    private int pointer4to6(int type, int code, int pointer) {
        byte[] in = ipv4(64, ICMP, ROUTER4, VIP, icmp4csum(icmp(type, code, pointer << 24, innerUdp4())));
        xlat.translate4to6(in, 0, in.length, MAPPER, 0, r);
        if (r.kind() != XlatResult.Kind.TRANSLATED) {
            return -1;
        }
        Pkt.assertL4Valid6(ip(r), ICMPV6);
        return Pkt.u16(ip(r), 44) << 16 | Pkt.u16(ip(r), 46);
    }

    @Test
    public void paramProblem6to4() {
        assertEquals(8, pointer6to4(0, 7));           // hop limit -> TTL
        assertEquals(12, pointer6to4(0, 9));          // source address
        assertEquals(2, pointer6to4(0, 5));           // payload length -> total length
        assertEquals(-1, pointer6to4(0, 2));          // flow label: n/a
        assertEquals(-1, pointer6to4(0, 40));         // beyond the fixed header
        assertEquals(0, pointer6to4(1, 6));           // unrecognized next header -> protocol unreachable
        assertArrayEquals(new byte[] {3, 2}, slice(ip(r), 20, 2));
    }

    private int pointer6to4(int code, int pointer) {
        byte[] in = ipv6(0, 0, ICMPV6, 64, BACKEND6, CLIENT6,
                         csum6(icmp(4, code, pointer, innerUdp6()), 2, BACKEND6, CLIENT6, ICMPV6));
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        if (r.kind() != XlatResult.Kind.TRANSLATED) {
            return -1;
        }
        Pkt.assertL4Valid4(ip(r), ICMP);
        return ip(r)[24] & 0xff;
    }

    @Test
    public void errorTruncatedTo1280() {
        byte[] big = ipv4(0, 0, 0x4000, 62, UDP, VIP, CLIENT, new byte[0],
                          csum4(udp(53, 5353, new byte[1400]), 6, VIP, CLIENT, UDP));
        byte[] in = ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(3, 3, 0, big)));
        xlat.translate4to6(in, 0, in.length, MAPPER, 0, r);
        byte[] out = ip(r);
        assertEquals(1280, out.length);
        assertEquals(1240, Pkt.u16(out, 4));
        assertEquals(1408, Pkt.u16(out, 48 + 4));                          // inner: declared length kept
        Pkt.assertL4Valid6(out, ICMPV6);
    }

    @Test
    public void embeddedEchoTranslated() {
        byte[] echo = ipv4(0, 0, 0x4000, 62, ICMP, VIP, CLIENT, new byte[0],
                           icmp4csum(icmp(8, 0, 0x00010002, "abc".getBytes())));
        byte[] in = ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(3, 1, 0, echo)));
        xlat.translate4to6(in, 0, in.length, MAPPER, 0, r);
        byte[] out = ip(r);
        byte[] inner6 = slice(out, 48, out.length - 48);
        assertEquals(128 - 256, inner6[40]);
        Pkt.assertL4Valid6(inner6, ICMPV6);
        Pkt.assertL4Valid6(out, ICMPV6);
    }

    @Test
    public void errorInsideErrorDropped() {
        byte[] innerErr = ipv4(0, 0, 0x4000, 62, ICMP, VIP, CLIENT, new byte[0],
                               icmp4csum(icmp(3, 1, 0, innerUdp4())));
        byte[] in = ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(3, 3, 0, innerErr)));
        xlat.translate4to6(in, 0, in.length, MAPPER, 0, r);
        assertEquals(DropReason.ICMP_UNTRANSLATABLE, r.reason());
        byte[] innerErr6 = ipv6(0, 0, ICMPV6, 62, CLIENT6, BACKEND6,
                                csum6(icmp(1, 0, 0, innerUdp6()), 2, CLIENT6, BACKEND6, ICMPV6));
        byte[] in6 = ipv6(0, 0, ICMPV6, 64, BACKEND6, CLIENT6,
                          csum6(icmp(1, 4, 0, innerErr6), 2, BACKEND6, CLIENT6, ICMPV6));
        xlat.translate6to4(in6, 0, in6.length, MAPPER, 0, r);
        assertEquals(DropReason.ICMP_UNTRANSLATABLE, r.reason());
    }

    @Test
    public void badErrorChecksumOrEmbeddedPacket() {
        byte[] err = icmp4csum(icmp(3, 3, 0, innerUdp4()));
        err[9] ^= 1;                                                       // corrupt after checksumming
        byte[] in = ipv4(64, ICMP, CLIENT, VIP, err);
        xlat.translate4to6(in, 0, in.length, MAPPER, 0, r);
        assertEquals(DropReason.MALFORMED, r.reason());
        byte[] in6 = ipv6(0, 0, ICMPV6, 64, BACKEND6, CLIENT6,
                          csum6(icmp(1, 4, 0, innerUdp6()), 2, BACKEND6, CLIENT6, ICMPV6));
        in6[60] ^= 1;
        xlat.translate6to4(in6, 0, in6.length, MAPPER, 0, r);
        assertEquals(DropReason.MALFORMED, r.reason());
        // Embedded header cut short / not IPv4.
        byte[] shortInner = ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(3, 3, 0, slice(innerUdp4(), 0, 19))));
        xlat.translate4to6(shortInner, 0, shortInner.length, MAPPER, 0, r);
        assertEquals(DropReason.MALFORMED, r.reason());
        byte[] wrongFamily = ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(3, 3, 0, innerUdp6())));
        xlat.translate4to6(wrongFamily, 0, wrongFamily.length, MAPPER, 0, r);
        assertEquals(DropReason.MALFORMED, r.reason());
    }

    @Test
    public void ttlExpiry() {
        byte[] echo = ipv4(1, ICMP, CLIENT, VIP, icmp4csum(icmp(8, 0, 1, new byte[4])));
        xlat.translate4to6(echo, 0, echo.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.ICMP_ERROR, r.kind());                // a query: error goes back
        byte[] err = ipv4(1, ICMP, CLIENT, VIP, icmp4csum(icmp(3, 3, 0, innerUdp4())));
        xlat.translate4to6(err, 0, err.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());                   // no error about an error
        assertEquals(DropReason.TTL_EXPIRED, r.reason());
        byte[] echo6 = ipv6(0, 0, ICMPV6, 1, BACKEND6, CLIENT6,
                            csum6(icmp(128, 0, 1, new byte[4]), 2, BACKEND6, CLIENT6, ICMPV6));
        xlat.translate6to4(echo6, 0, echo6.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.ICMP_ERROR, r.kind());
        byte[] err6 = ipv6(0, 0, ICMPV6, 1, BACKEND6, CLIENT6,
                           csum6(icmp(1, 4, 0, innerUdp6()), 2, BACKEND6, CLIENT6, ICMPV6));
        xlat.translate6to4(err6, 0, err6.length, MAPPER, 0, r);
        assertEquals(DropReason.TTL_EXPIRED, r.reason());
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
    }

    @Test
    public void fragmentedIcmpDropped() {
        byte[] frag = ipv4(0, 3, 0x2000, 64, ICMP, CLIENT, VIP, new byte[0], new byte[16]);
        xlat.translate4to6(frag, 0, frag.length, MAPPER, 0, r);
        assertEquals(DropReason.FRAGMENT, r.reason());
        byte[] frag6 = ipv6(0, 0, 44, 64, BACKEND6, CLIENT6, cat(Pkt.hex("3a 00 0001 00000007"), new byte[16]));
        xlat.translate6to4(frag6, 0, frag6.length, MAPPER, 0, r);
        assertEquals(DropReason.FRAGMENT, r.reason());
    }
}
