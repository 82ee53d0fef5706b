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

import java.util.Arrays;
import java.util.List;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.v6proxy.xlate.Peers.BACKEND6;
import static org.v6proxy.xlate.Peers.CLIENT;
import static org.v6proxy.xlate.Peers.CLIENT6;
import static org.v6proxy.xlate.Peers.MAPPER;
import static org.v6proxy.xlate.Peers.ROUTER6;
import static org.v6proxy.xlate.Peers.VIP;
import static org.v6proxy.xlate.Pkt.ICMP;
import static org.v6proxy.xlate.Pkt.ICMPV6;
import static org.v6proxy.xlate.Pkt.TCP;
import static org.v6proxy.xlate.Pkt.UDP;
import static org.v6proxy.xlate.Pkt.assertIpv4HeaderValid;
import static org.v6proxy.xlate.Pkt.assertL4Valid4;
import static org.v6proxy.xlate.Pkt.assertL4Valid6;
import static org.v6proxy.xlate.Pkt.cat;
import static org.v6proxy.xlate.Pkt.csum4;
import static org.v6proxy.xlate.Pkt.csum6;
import static org.v6proxy.xlate.Pkt.hex;
import static org.v6proxy.xlate.Pkt.icmp;
import static org.v6proxy.xlate.Pkt.icmp4csum;
import static org.v6proxy.xlate.Pkt.ip;
import static org.v6proxy.xlate.Pkt.ipv4;
import static org.v6proxy.xlate.Pkt.ipv6;
import static org.v6proxy.xlate.Pkt.put16;
import static org.v6proxy.xlate.Pkt.slice;
import static org.v6proxy.xlate.Pkt.tcp;
import static org.v6proxy.xlate.Pkt.u16;
import static org.v6proxy.xlate.Pkt.udp;
import static org.v6proxy.xlate.Pkt.v4;

/**
 * Packets that sit exactly on a length boundary of the translator (RFC 7915 sections 4 and
 * 5, RFC 8200, RFC 791), each next to its neighbour one byte over or under, and packets
 * that start at an offset inside a larger frame. Found unpinned by mutation testing
 * (docs/mutation.md): every test asserts bytes, the result kind or the drop reason, a drop
 * after a translated result was loaded into the reused result object.
 */
public class XlatBoundsTest {

    private static final int ROUTER4 = v4("203.0.113.1");
    private static final int OFF = 14;

    private final XlatResult r = new XlatResult();

    private static Translator fresh() {
        return Pkt.seeded(1500, 1500);
    }

    private XlatResult to4(Translator t, byte[] in) {
        XlatResult res = new XlatResult();
        t.translate6to4(in, 0, in.length, MAPPER, 0, res);
        return res;
    }

    private XlatResult to6(Translator t, byte[] in) {
        XlatResult res = new XlatResult();
        t.translate4to6(in, 0, in.length, MAPPER, 0, res);
        return res;
    }

    private void drop6(Translator t, byte[] in, DropReason why) {
        Peers.loadTranslated(t, r);
        t.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
        assertEquals(why, r.reason());
        assertNull(r.packet());
    }

    private void drop4(Translator t, byte[] in, DropReason why) {
        Peers.loadTranslated(t, r);
        t.translate4to6(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
        assertEquals(why, r.reason());
        assertNull(r.packet());
    }

    private static byte[] udp6(byte[] data) {
        return ipv6(0, 0, UDP, 64, BACKEND6, CLIENT6, csum6(udp(53, 5353, data), 6, BACKEND6, CLIENT6, UDP));
    }

    private static byte[] udp4(int flagsFrag, byte[] data) {
        return ipv4(0, 7, flagsFrag, 64, UDP, CLIENT, VIP, new byte[0],
                    csum4(udp(5353, 53, data), 6, CLIENT, VIP, UDP));
    }

    private static byte[] error6(int type, int code, int rest, byte[] body) {
        return ipv6(0, 0, ICMPV6, 64, ROUTER6, CLIENT6, csum6(icmp(type, code, rest, body), 2, ROUTER6, CLIENT6,
                                                              ICMPV6));
    }

    private static byte[] error4(int src, int type, int code, int rest, byte[] body) {
        return ipv4(64, ICMP, src, VIP, icmp4csum(icmp(type, code, rest, body)));
    }

    /** The IPv6 packet the client sent to the backend that an ICMPv6 error quotes. */
    private static byte[] quoted6(int nh, byte[] l4) {
        return ipv6(0, 0, nh, 63, CLIENT6, BACKEND6, l4);
    }

    /** The IPv4 packet the backend's answer became that an ICMPv4 error quotes. */
    private static byte[] quoted4(int proto, byte[] l4) {
        return ipv4(0, 9, 0x4000, 63, proto, VIP, CLIENT, new byte[0], l4);
    }

    private static byte[] ipBytes(XlatResult res) {
        return res.packet() == null ? null
                : Arrays.copyOfRange(res.packet(), res.ipOffset(), res.ipOffset() + res.ipLength());
    }

    /** The packet copied to OFF inside a frame of 0xee bytes (a link header before, padding after). */
    private static byte[] inFrame(byte[] p) {
        byte[] f = new byte[OFF + p.length + 6];
        Arrays.fill(f, (byte) 0xee);
        System.arraycopy(p, 0, f, OFF, p.length);
        return f;
    }

    /**
     * Offsets inside the IPv6 extension header chain are relative to the IPv6 header, not to
     * the array: a packet at offset 14 of a frame translates to the same bytes as the same
     * packet at offset 0 (routing header pointer, later fragment behind hop-by-hop options).
     */
    @Test
    public void sameBytesAtAnOffsetInsideTheFrame6to4() {
        byte[] hbh = hex("2c 00 01 04 00000000");                     // next: fragment
        byte[] laterFrag = ipv6(0, 0, 0, 64, BACKEND6, CLIENT6,
                                cat(hbh, hex("11 00 0041 00000077"), hex("0102030405060708 1112131415161718")));
        byte[] firstFrag = ipv6(0, 0, 0, 64, BACKEND6, CLIENT6,
                                cat(hbh, hex("11 00 0001 00000077"), hex("0035 14e9 0018 1234"), new byte[16]));
        byte[] routing = ipv6(0, 0, 43, 64, BACKEND6, CLIENT6,
                              cat(hex("11 00 00 01 00000000"), csum6(udp(53, 5353, new byte[4]), 6, BACKEND6, CLIENT6,
                                                                     UDP)));
        byte[] opts = ipv6(0, 0, 60, 64, BACKEND6, CLIENT6,
                           cat(hex("11 00 01 04 00000000"), csum6(udp(53, 5353, new byte[4]), 6, BACKEND6, CLIENT6,
                                                                  UDP)));
        byte[] extAfterFrag = ipv6(0, 0, 44, 64, BACKEND6, CLIENT6, cat(hex("3c 00 0000 00000005"), hbh));
        byte[][] cases = {udp6(new byte[3]), laterFrag, firstFrag, routing, opts, extAfterFrag};
        XlatResult.Kind[] kinds = {XlatResult.Kind.TRANSLATED, XlatResult.Kind.TRANSLATED,
                                   XlatResult.Kind.TRANSLATED, XlatResult.Kind.ICMP_ERROR,
                                   XlatResult.Kind.TRANSLATED, XlatResult.Kind.ICMP_ERROR};
        for (int i = 0; i < cases.length; i++) {
            XlatResult atZero = to4(fresh(), cases[i]);
            XlatResult inside = new XlatResult();
            fresh().translate6to4(inFrame(cases[i]), OFF, cases[i].length, MAPPER, 0, inside);
            assertEquals("case " + i, kinds[i], atZero.kind());
            assertEquals("case " + i, kinds[i], inside.kind());
            assertArrayEquals("case " + i, ipBytes(atZero), ipBytes(inside));
        }
        // The later fragment's data (offset 8 = 64 bytes) starts behind the fragment header at 56.
        byte[] out = ip(to4(fresh(), laterFrag));
        assertArrayEquals(hex("0102030405060708 1112131415161718"), slice(out, 20, 16));
        assertEquals(0x2008, u16(out, 6));                            // MF, offset 8
        // RFC 7915 5.1: the routing header's segments left (IPv6 offset 40 + 3) is the pointer.
        byte[] err = ip(to4(fresh(), routing));
        assertEquals(43, u16(err, 46));
    }

    @Test
    public void sameBytesAtAnOffsetInsideTheFrame4to6() {
        byte[] lsrr = ipv4(0, 0, 0x4000, 64, UDP, CLIENT, VIP, hex("83 07 04 0a000001 00"),
                           csum4(udp(5353, 53, new byte[4]), 6, CLIENT, VIP, UDP));
        byte[] echo = ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(8, 0, 0x00010002, new byte[6])));
        byte[] inner = quoted4(UDP, csum4(udp(53, 5353, new byte[8]), 6, VIP, CLIENT, UDP));
        byte[] err = error4(ROUTER4, 3, 3, 0, inner);
        byte[][] cases = {udp4(0x4000, new byte[5]), udp4(0x2000, new byte[8]), lsrr, echo, err};
        for (int i = 0; i < cases.length; i++) {
            XlatResult atZero = to6(fresh(), cases[i]);
            XlatResult inside = new XlatResult();
            fresh().translate4to6(inFrame(cases[i]), OFF, cases[i].length, MAPPER, 0, inside);
            assertNotEquals("case " + i, XlatResult.Kind.DROPPED, atZero.kind());
            assertEquals("case " + i, atZero.kind(), inside.kind());
            assertArrayEquals("case " + i, ipBytes(atZero), ipBytes(inside));
        }
    }

    /** RFC 8200 section 4: an extension header may end exactly where the payload ends (No Next Header 59). */
    @Test
    public void extensionHeadersEndingExactlyAtTheEnd() {
        for (int nh : new int[] {0, 60}) {
            byte[] in = ipv6(0, 0, nh, 64, BACKEND6, CLIENT6, hex("3b 00 01 04 00000000"));
            XlatResult res = to4(fresh(), in);
            assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
            assertEquals(59, res.protocol());
            byte[] out = ip(res);
            assertEquals(20, out.length);
            assertEquals(20, u16(out, 2));
            assertEquals(59, out[9]);
        }
        // An atomic fragment header (offset 0, M 0) as the last 8 bytes: 5.1.1, identification copied.
        XlatResult res = to4(fresh(), ipv6(0, 0, 44, 64, BACKEND6, CLIENT6, hex("3b 00 0000 00001234")));
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertArrayEquals(hex("4500 0014 1234 0000 3f 3b"), slice(ip(res), 0, 10));
        // An empty payload read from exactly 40 bytes.
        res = to4(fresh(), ipv6(0, 0, 59, 64, BACKEND6, CLIENT6, new byte[0]));
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertEquals(20, ip(res).length);
    }

    @Test
    public void extensionHeadersCutShortAreMalformed() {
        Translator t = fresh();
        drop6(t, ipv6(0, 0, 0, 64, BACKEND6, CLIENT6, hex("3b 00 0104")), DropReason.MALFORMED);
        drop6(t, ipv6(0, 0, 60, 64, BACKEND6, CLIENT6, hex("3b 01 01 04 00000000")), DropReason.MALFORMED);
        drop6(t, ipv6(0, 0, 44, 64, BACKEND6, CLIENT6, hex("3b 00 0000 0000")), DropReason.MALFORMED);
        byte[] short39 = slice(ipv6(0, 0, 59, 64, BACKEND6, CLIENT6, new byte[0]), 0, 39);
        drop6(t, short39, DropReason.MALFORMED);
    }

    /** RFC 791 / RFC 8200 4.5: fragment offset * 8 + length may reach 65535, not 65536. */
    @Test
    public void lastFragmentMayEndAtTheLargestDatagram() {
        byte[] ok6 = ipv6(0, 0, 44, 64, BACKEND6, CLIENT6, cat(hex("11 00 fff0 00000001"), new byte[15]));
        XlatResult res = to4(fresh(), ok6);
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertEquals(0x1ffe, u16(ip(res), 6));
        drop6(fresh(), ipv6(0, 0, 44, 64, BACKEND6, CLIENT6, cat(hex("11 00 fff0 00000001"), new byte[16])),
              DropReason.MALFORMED);

        byte[] ok4 = ipv4(0, 5, 0x1ffe, 64, UDP, CLIENT, VIP, new byte[0], new byte[15]);
        res = to6(fresh(), ok4);
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertEquals(0xfff0, u16(ip(res), 42));
        drop4(fresh(), ipv4(0, 5, 0x1ffe, 64, UDP, CLIENT, VIP, new byte[0], new byte[16]), DropReason.MALFORMED);
    }

    /** RFC 768 / RFC 793: the smallest transport headers (UDP without data, TCP without options or data). */
    @Test
    public void smallestTransportHeadersAreTranslated() {
        byte[] u6 = ip(to4(fresh(), udp6(new byte[0])));
        assertEquals(28, u6.length);
        assertL4Valid4(u6, UDP);
        byte[] t6 = ipv6(0, 0, TCP, 64, BACKEND6, CLIENT6,
                         csum6(tcp(80, 50000, 1, 2, 0x10, 9, new byte[0], new byte[0]), 16, BACKEND6, CLIENT6, TCP));
        byte[] t6out = ip(to4(fresh(), t6));
        assertEquals(40, t6out.length);
        assertL4Valid4(t6out, TCP);

        byte[] u4 = ip(to6(fresh(), udp4(0x4000, new byte[0])));
        assertEquals(48, u4.length);
        assertL4Valid6(u4, UDP);
        byte[] t4 = ipv4(64, TCP, CLIENT, VIP,
                         csum4(tcp(50000, 80, 1, 2, 0x10, 9, new byte[0], new byte[0]), 16, CLIENT, VIP, TCP));
        byte[] t4out = ip(to6(fresh(), t4));
        assertEquals(60, t4out.length);
        assertL4Valid6(t4out, TCP);

        // One byte short of the header: malformed (RFC 1858 section 3, tiny first fragments).
        Translator t = fresh();
        drop6(t, ipv6(0, 0, UDP, 64, BACKEND6, CLIENT6, slice(csum6(udp(53, 5353, new byte[0]), 6, BACKEND6,
                                                                      CLIENT6, UDP), 0, 7)), DropReason.MALFORMED);
        drop4(t, ipv4(64, UDP, CLIENT, VIP, new byte[7]), DropReason.MALFORMED);
        drop6(t, ipv6(0, 0, TCP, 64, BACKEND6, CLIENT6, slice(t6, 40, 19)), DropReason.MALFORMED);
        drop4(t, ipv4(64, TCP, CLIENT, VIP, slice(t4, 20, 19)), DropReason.MALFORMED);
        // A UDP length field of 7 (below its own header): malformed both ways.
        byte[] bad6 = udp6(new byte[0]);
        put16(bad6, 44, 7);
        drop6(t, bad6, DropReason.MALFORMED);
        byte[] bad4 = ipv4(64, UDP, CLIENT, VIP, hex("14e9 0035 0007 0000"));
        drop4(t, bad4, DropReason.MALFORMED);
    }

    /** RFC 7915 4.1 / 5.1: a packet whose translation is exactly the MTU is forwarded; one byte more is not. */
    @Test
    public void exactlyTheMtuFitsOneByteMoreDoesNot() {
        // IPv6 -> IPv4, ipv4Mtu 1280: UDP and echo whose IPv4 form is 1280 bytes.
        Translator t = Pkt.seeded(1280, 1500);
        XlatResult res = to4(t, udp6(new byte[1280 - 28]));
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertEquals(1280, res.ipLength());
        res = to4(t, udp6(new byte[1280 - 27]));
        assertEquals(XlatResult.Kind.ICMP_ERROR, res.kind());
        assertEquals(DropReason.PACKET_TOO_BIG, res.reason());
        assertEquals(1300, Pkt.u16(ip(res), 46));                   // RFC 7915 5.1: ipv4Mtu + 20
        byte[] echoFits = ipv6(0, 0, ICMPV6, 64, BACKEND6, CLIENT6,
                               csum6(icmp(128, 0, 1, new byte[1280 - 28]), 2, BACKEND6, CLIENT6, ICMPV6));
        res = to4(t, echoFits);
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertEquals(1280, res.ipLength());
        byte[] echoOver = ipv6(0, 0, ICMPV6, 64, BACKEND6, CLIENT6,
                               csum6(icmp(128, 0, 1, new byte[1280 - 27]), 2, BACKEND6, CLIENT6, ICMPV6));
        res = to4(t, echoOver);
        assertEquals(XlatResult.Kind.ICMP_ERROR, res.kind());
        assertEquals(DropReason.PACKET_TOO_BIG, res.reason());
        assertEquals(2, ip(res)[40]);                                 // ICMPv6 Packet Too Big

        // IPv4 -> IPv6, ipv6Mtu 1280: UDP and echo (DF set) whose IPv6 form is 1280 bytes.
        Translator u = Pkt.seeded(1500, 1280);
        res = to6(u, udp4(0x4000, new byte[1280 - 48]));
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertEquals(1280, res.ipLength());
        res = to6(u, udp4(0x4000, new byte[1280 - 47]));
        assertEquals(XlatResult.Kind.ICMP_ERROR, res.kind());
        assertEquals(1260, u16(ip(res), 26));                        // RFC 7915 4.1: ipv6Mtu - 20
        res = to6(u, ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(8, 0, 1, new byte[1280 - 48]))));
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertEquals(1280, res.ipLength());
        res = to6(u, ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(8, 0, 1, new byte[1280 - 47]))));
        assertEquals(XlatResult.Kind.ICMP_ERROR, res.kind());
        assertEquals(DropReason.PACKET_TOO_BIG, res.reason());
        assertEquals(3, ip(res)[20]);
        assertEquals(4, ip(res)[21]);
    }

    /** An echo whose address does not map is dropped, not answered with a stale result. */
    @Test
    public void echoToAnAddressThatDoesNotMapIsDropped() {
        AddressMapper onlyClient = new AddressMapper() {
            @Override
            public boolean map4to6(int a, byte[] out, int off) {
                return a == CLIENT && MAPPER.map4to6(a, out, off);
            }

            @Override
            public long map6to4(byte[] in, int off) {
                return MAPPER.map6to4(in, off);
            }
        };
        Translator t = fresh();
        Peers.loadTranslated(t, r);
        byte[] echo = ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(8, 0, 1, new byte[4])));
        t.translate4to6(echo, 0, echo.length, onlyClient, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
        assertEquals(DropReason.UNMAPPABLE_ADDRESS, r.reason());
    }

    /** RFC 792 / RFC 4443: an ICMP message of exactly its 8-byte header is translated; 7 bytes are not. */
    @Test
    public void icmpHeaderAlone() {
        byte[] echo6 = ipv6(0, 0, ICMPV6, 64, BACKEND6, CLIENT6,
                            csum6(icmp(129, 0, 0x00050006, new byte[0]), 2, BACKEND6, CLIENT6, ICMPV6));
        XlatResult res = to4(fresh(), echo6);
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertArrayEquals(hex("00 00"), slice(ip(res), 20, 2));
        assertL4Valid4(ip(res), ICMP);
        drop6(fresh(), slice(echo6, 0, 47), DropReason.MALFORMED);
        // (payload length says 8, 7 present: the IPv6 header check drops it before; with the length fixed:)
        byte[] seven6 = ipv6(0, 0, ICMPV6, 64, BACKEND6, CLIENT6, slice(echo6, 40, 7));
        drop6(fresh(), seven6, DropReason.MALFORMED);

        byte[] echo4 = ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(0, 0, 0x00050006, new byte[0])));
        res = to6(fresh(), echo4);
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertEquals(129, ip(res)[40] & 0xff);
        assertL4Valid6(ip(res), ICMPV6);
        drop4(fresh(), ipv4(64, ICMP, CLIENT, VIP, slice(echo4, 20, 7)), DropReason.MALFORMED);
    }

    /**
     * RFC 7915 4.1 "Source Address": an ICMPv4 error from an illegal source is translated; the
     * test that it is an error needs its 8-byte header. Shorter: it is no error, and the
     * illegal source drops it.
     */
    @Test
    public void icmpv4ErrorFromAnIllegalSourceNeedsItsHeader() {
        int loopback = v4("127.0.0.1");
        // Exactly 8 bytes: an error by type, then too short to hold the embedded header.
        drop4(fresh(), ipv4(64, ICMP, loopback, VIP, icmp4csum(icmp(3, 3, 0, new byte[0]))), DropReason.MALFORMED);
        // 4 bytes: not an ICMP error: the illegal source.
        drop4(fresh(), ipv4(64, ICMP, loopback, VIP, hex("0303 fcfc")), DropReason.UNMAPPABLE_ADDRESS);
    }

    /** RFC 7915 5.3: the embedded IPv6 header alone (40 bytes, payload cut) is enough. */
    @Test
    public void embeddedIpv6HeaderAloneIsTranslated() {
        byte[] inner = quoted6(UDP, csum6(udp(5353, 53, new byte[8]), 6, CLIENT6, BACKEND6, UDP));
        XlatResult res = to4(fresh(), error6(1, 4, 0, slice(inner, 0, 40)));
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        byte[] out = ip(res);
        assertEquals(48, out.length);
        assertEquals(36, u16(out, 30));                              // the declared 16 UDP bytes + 20
        assertEquals(UDP, out[37]);
        drop6(fresh(), error6(1, 4, 0, slice(inner, 0, 39)), DropReason.MALFORMED);
        // A quoted packet that declares no payload at all (payload length 0).
        XlatResult empty = to4(fresh(), error6(1, 4, 0, quoted6(59, new byte[0])));
        assertEquals(XlatResult.Kind.TRANSLATED, empty.kind());
        assertEquals(20, u16(ip(empty), 30));
        // An embedded AH header (5.1.1 "including AH"): not translated.
        drop6(fresh(), error6(1, 4, 0, quoted6(51, hex("11 00 0000 00000000"))), DropReason.EXTENSION_HEADER);
    }

    /** RFC 7915 4.3: the embedded IPv4 header exactly as long as the data (IHL 5 and 6), no payload. */
    @Test
    public void embeddedIpv4HeaderAloneIsTranslated() {
        byte[] inner = quoted4(UDP, csum4(udp(53, 5353, new byte[8]), 6, VIP, CLIENT, UDP));
        XlatResult res = to6(fresh(), error4(ROUTER4, 3, 3, 0, slice(inner, 0, 20)));
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        byte[] out = ip(res);
        assertEquals(88, out.length);
        assertEquals(16, u16(out, 52));                              // declared UDP length
        assertEquals(UDP, out[54]);
        // IHL 6 (one option word, NOPs), 24 bytes present.
        byte[] withOpt = ipv4(0, 9, 0x4000, 63, UDP, VIP, CLIENT, hex("01010101"),
                              csum4(udp(53, 5353, new byte[8]), 6, VIP, CLIENT, UDP));
        res = to6(fresh(), error4(ROUTER4, 3, 3, 0, slice(withOpt, 0, 24)));
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertEquals(88, res.ipLength());
        drop4(fresh(), error4(ROUTER4, 3, 3, 0, slice(withOpt, 0, 23)), DropReason.MALFORMED);
        // Total length equal to the header length: no payload declared.
        byte[] bare = ipv4(0, 9, 0x4000, 63, UDP, VIP, CLIENT, new byte[0], new byte[0]);
        res = to6(fresh(), error4(ROUTER4, 3, 3, 0, bare));
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertEquals(0, u16(ip(res), 52));
        byte[] tooShort = bare.clone();
        put16(tooShort, 2, 19);
        put16(tooShort, 10, 0);
        put16(tooShort, 10, ~headerSum(tooShort) & 0xffff);
        drop4(fresh(), error4(ROUTER4, 3, 3, 0, tooShort), DropReason.MALFORMED);
    }

    private static int headerSum(byte[] ip4) {
        int s = 0;
        for (int i = 0; i < 20; i += 2) {
            s += u16(ip4, i);
        }
        while (s > 0xffff) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return s;
    }

    /**
     * The embedded transport's checksum is adjusted only when its field is among the quoted
     * bytes (RFC 7915 4.3 / 5.3): UDP from 8 bytes, TCP from 18, an echo's type from 1 byte
     * and its checksum from 4. Each cut is compared with the full translation's bytes.
     */
    @Test
    public void embeddedTransportCutAtItsChecksum6to4() {
        byte[] udp = csum6(udp(5353, 53, new byte[8]), 6, CLIENT6, BACKEND6, UDP);
        byte[] tcp = csum6(tcp(50000, 80, 1, 2, 0x10, 9, new byte[0], new byte[4]), 16, CLIENT6, BACKEND6, TCP);
        byte[] echo = csum6(icmp(128, 0, 0x00010002, new byte[4]), 2, CLIENT6, BACKEND6, ICMPV6);
        cuts6(UDP, udp, 8);
        cuts6(TCP, tcp, 18);
        cuts6(ICMPV6, echo, 4);
        // The echo's type alone: translated to 8 (5.3 translates the quoted echo as an echo).
        byte[] one = ip(to4(fresh(), error6(1, 4, 0, cat(slice(quoted6(ICMPV6, echo), 0, 40), slice(echo, 0, 1)))));
        assertEquals(8, one[48]);
    }

    private void cuts6(int nh, byte[] l4, int need) {
        byte[] full = ip(to4(fresh(), error6(1, 4, 0, quoted6(nh, l4))));
        for (int k = need - 1; k <= need; k++) {
            byte[] in = error6(1, 4, 0, cat(slice(quoted6(nh, l4), 0, 40), slice(l4, 0, k)));
            XlatResult res = to4(fresh(), in);
            assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
            byte[] out = ip(res);
            assertEquals(48 + k, out.length);
            assertIpv4HeaderValid(slice(out, 28, 20));
            byte[] got = slice(out, 48, k);
            if (k >= need) {
                assertArrayEquals("cut " + k, slice(full, 48, k), got);
            } else {
                byte[] original = slice(l4, 0, k);
                if (nh == ICMPV6) {
                    original[0] = 8;
                }
                assertArrayEquals("cut " + k, original, got);
            }
        }
    }

    @Test
    public void embeddedTransportCutAtItsChecksum4to6() {
        byte[] udp = csum4(udp(53, 5353, new byte[8]), 6, VIP, CLIENT, UDP);
        byte[] tcp = csum4(tcp(80, 50000, 1, 2, 0x10, 9, new byte[0], new byte[4]), 16, VIP, CLIENT, TCP);
        byte[] echo = icmp4csum(icmp(0, 0, 0x00010002, new byte[4]));
        cuts4(UDP, udp, 8);
        cuts4(TCP, tcp, 18);
        cuts4(ICMP, echo, 4);
        byte[] one = ip(to6(fresh(), error4(ROUTER4, 3, 3, 0, cat(slice(quoted4(ICMP, echo), 0, 20),
                                                                   slice(echo, 0, 1)))));
        assertEquals(129, one[88] & 0xff);
    }

    private void cuts4(int proto, byte[] l4, int need) {
        byte[] full = ip(to6(fresh(), error4(ROUTER4, 3, 3, 0, quoted4(proto, l4))));
        for (int k = need - 1; k <= need; k++) {
            byte[] in = error4(ROUTER4, 3, 3, 0, cat(slice(quoted4(proto, l4), 0, 20), slice(l4, 0, k)));
            XlatResult res = to6(fresh(), in);
            assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
            byte[] out = ip(res);
            assertEquals(88 + k, out.length);
            byte[] got = slice(out, 88, k);
            if (k >= need) {
                assertArrayEquals("cut " + k, slice(full, 88, k), got);
            } else {
                byte[] original = slice(l4, 0, k);
                if (proto == ICMP) {
                    original[0] = (byte) 129;
                }
                assertArrayEquals("cut " + k, original, got);
            }
        }
    }

    /** "MUST stop at the first embedded header": one byte of an embedded error's type is enough to see it. */
    @Test
    public void embeddedErrorTypeAloneIsEnoughToDrop() {
        byte[] err6 = icmp(1, 4, 0, new byte[8]);
        drop6(fresh(), error6(1, 4, 0, cat(slice(quoted6(ICMPV6, err6), 0, 40), slice(err6, 0, 1))),
              DropReason.ICMP_UNTRANSLATABLE);
        byte[] err4 = icmp(3, 3, 0, new byte[8]);
        drop4(fresh(), error4(ROUTER4, 3, 3, 0, cat(slice(quoted4(ICMP, err4), 0, 20), slice(err4, 0, 1))),
              DropReason.ICMP_UNTRANSLATABLE);
    }

    /**
     * RFC 1812 4.3.2.3 / RFC 7915 5.2: a translated ICMPv4 error is at most 576 bytes (and the
     * IPv4 MTU); RFC 4443 2.4 (c) / RFC 7915 4.2: an ICMPv6 error at most 1280 (and the IPv6 MTU).
     */
    @Test
    public void translatedErrorsAreCutAtTheirLimits() {
        byte[] big6 = quoted6(UDP, csum6(udp(5353, 53, new byte[1000]), 6, CLIENT6, BACKEND6, UDP));
        XlatResult res = to4(fresh(), error6(1, 4, 0, big6));
        assertEquals(576, res.ipLength());
        assertEquals(576, u16(ip(res), 2));
        assertL4Valid4(ip(res), ICMP);
        res = to4(Pkt.seeded(300, 1500), error6(1, 4, 0, big6));
        assertEquals(300, res.ipLength());
        assertL4Valid4(ip(res), ICMP);

        byte[] big4 = quoted4(UDP, csum4(udp(53, 5353, new byte[1400]), 6, VIP, CLIENT, UDP));
        res = to6(fresh(), error4(ROUTER4, 3, 3, 0, big4));
        assertEquals(1280, res.ipLength());
        assertEquals(1240, u16(ip(res), 4));
        assertL4Valid6(ip(res), ICMPV6);
        res = to6(Pkt.seeded(1500, 1280), error4(ROUTER4, 3, 3, 0, big4));
        assertEquals(1280, res.ipLength());
    }

    /** The error itself crosses a hop: hop limit / TTL 2 is forwarded with 1, 1 is dropped (no error about it). */
    @Test
    public void errorsWithTheLastHop() {
        byte[] inner6 = quoted6(UDP, csum6(udp(5353, 53, new byte[8]), 6, CLIENT6, BACKEND6, UDP));
        byte[] e6 = error6(1, 4, 0, inner6);
        e6[7] = 2;
        XlatResult res = to4(fresh(), e6);
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertEquals(1, ip(res)[8]);
        e6[7] = 1;
        drop6(fresh(), e6, DropReason.TTL_EXPIRED);

        byte[] inner4 = quoted4(UDP, csum4(udp(53, 5353, new byte[8]), 6, VIP, CLIENT, UDP));
        res = to6(fresh(), ipv4(2, ICMP, ROUTER4, VIP, icmp4csum(icmp(3, 3, 0, inner4))));
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertEquals(1, ip(res)[7]);
        drop4(fresh(), ipv4(1, ICMP, ROUTER4, VIP, icmp4csum(icmp(3, 3, 0, inner4))), DropReason.TTL_EXPIRED);
    }

    /** RFC 791 3.1 options: the option walk's boundaries (RFC 7915 4.1 ignores options, except source routes). */
    @Test
    public void optionWalkBoundaries() {
        // A 2-byte option exactly filling the rest of the header (after two NOPs).
        assertNull(V4ToV6.checkOptions(ipv4(0, 0, 0, 64, UDP, CLIENT, VIP, hex("0101 4402"), new byte[8]), 0, 24));
        // A 4-byte option exactly as long as the options area.
        assertNull(V4ToV6.checkOptions(ipv4(0, 0, 0, 64, UDP, CLIENT, VIP, hex("44 04 0000"), new byte[8]), 0, 24));
        // One byte longer than the area, a length of 1, a type byte alone at the end: malformed.
        assertEquals(DropReason.MALFORMED,
                     V4ToV6.checkOptions(ipv4(0, 0, 0, 64, UDP, CLIENT, VIP, hex("44 05 0000"), new byte[8]), 0, 24));
        assertEquals(DropReason.MALFORMED,
                     V4ToV6.checkOptions(ipv4(0, 0, 0, 64, UDP, CLIENT, VIP, hex("44 01 0000"), new byte[8]), 0, 24));
        assertEquals(DropReason.MALFORMED,
                     V4ToV6.checkOptions(ipv4(0, 0, 0, 64, UDP, CLIENT, VIP, hex("010101 44"), new byte[8]), 0, 24));
        // Loose source route of length 3 (no address): pointer 4 > length: empty, not a source route.
        assertNull(V4ToV6.checkOptions(ipv4(0, 0, 0, 64, UDP, CLIENT, VIP, hex("83 03 04 00"), new byte[8]), 0, 24));
        // Pointer equal to the length: one byte left -- not past the end, a source route (RFC 791).
        assertEquals(DropReason.SOURCE_ROUTE,
                     V4ToV6.checkOptions(ipv4(0, 0, 0, 64, UDP, CLIENT, VIP, hex("89 07 07 0a000001 00"),
                                              new byte[8]), 0, 28));
        assertNull(V4ToV6.checkOptions(ipv4(0, 0, 0, 64, UDP, CLIENT, VIP, hex("89 07 08 0a000001 00"),
                                            new byte[8]), 0, 28));
        // A source route of length 2 cannot hold a pointer: malformed.
        assertEquals(DropReason.MALFORMED,
                     V4ToV6.checkOptions(ipv4(0, 0, 0, 64, UDP, CLIENT, VIP, hex("83 02 0000"), new byte[8]), 0, 24));
        // At an offset inside a frame the walk is the same.
        byte[] lsrr = inFrame(ipv4(0, 0, 0, 64, UDP, CLIENT, VIP, hex("0101 4402"), new byte[8]));
        assertNull(V4ToV6.checkOptions(lsrr, OFF, 24));
    }

    /** RFC 1812 4.3.2.7 / RFC 4443 2.4 (e): when the translator may answer with an error. */
    @Test
    public void whenAnErrorMayBeSent() {
        // An ICMPv4 message with no ICMP bytes at all is no error message: it may be answered.
        byte[] empty = ipv4(64, ICMP, CLIENT, VIP, new byte[0]);
        assertEquals(true, IcmpErrors.mayReply4(empty, 0, 20, 20));
        byte[] echo = ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(8, 0, 1, new byte[4])));
        assertEquals(true, IcmpErrors.mayReply4(echo, 0, 20, echo.length));
        byte[] err = ipv4(64, ICMP, CLIENT, VIP, icmp4csum(icmp(3, 1, 0, new byte[28])));
        assertEquals(false, IcmpErrors.mayReply4(err, 0, 20, err.length));
        byte[] toMulticast = ipv4(64, UDP, CLIENT, v4("224.0.0.1"), new byte[8]);
        assertEquals(false, IcmpErrors.mayReply4(toMulticast, 0, 20, 28));
        byte[] fromClassD = ipv4(64, UDP, v4("224.0.0.1"), VIP, new byte[8]);
        assertEquals(false, IcmpErrors.mayReply4(fromClassD, 0, 20, 28));
        byte[] from223 = ipv4(64, UDP, v4("223.255.255.254"), VIP, new byte[8]);
        assertEquals(true, IcmpErrors.mayReply4(from223, 0, 20, 28));

        byte[] u6 = udp6(new byte[0]);
        assertEquals(true, IcmpErrors.mayReply6(u6, 0, false, 3));
        assertEquals(false, IcmpErrors.mayReply6(u6, 0, true, 3));
        byte[] toMulticast6 = ipv6(0, 0, UDP, 64, BACKEND6, Pkt.v6("ff02::1"), new byte[8]);
        assertEquals(false, IcmpErrors.mayReply6(toMulticast6, 0, false, 3));
        assertEquals(true, IcmpErrors.mayReply6(toMulticast6, 0, false, 2));   // packet too big: allowed
        byte[] fromMulticast6 = ipv6(0, 0, UDP, 64, Pkt.v6("ff02::1"), CLIENT6, new byte[8]);
        assertEquals(false, IcmpErrors.mayReply6(fromMulticast6, 0, false, 2));
    }

    /** Without a permitted error, the translator drops with the reason (routing header, time, size). */
    @Test
    public void noErrorAboutAPacketToMulticast() {
        byte[] group = Pkt.v6("ff0e::1");
        Translator t = fresh();
        // 5.1: routing header with segments left to a multicast group: no parameter problem.
        drop6(t, ipv6(0, 0, 43, 64, BACKEND6, group, cat(hex("11 00 00 01 00000000"), new byte[8])),
              DropReason.EXTENSION_HEADER);
        // Hop limit 1 to a multicast group (mapped by an EAM): no time exceeded (RFC 4443 2.4 (e)).
        Pool6Mapper groups = Pool6Mapper.of("2001:db8:46::/96", List.of("224.0.0.1=ff0e::1"));
        byte[] last = ipv6(0, 0, 59, 1, CLIENT6, group, new byte[0]);
        Peers.loadTranslated(t, r);
        t.translate6to4(last, 0, last.length, groups, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
        assertEquals(DropReason.TTL_EXPIRED, r.reason());
    }

    @Test
    public void translatorArgumentRanges() {
        FragmentIds ids = Pkt.twinIds();
        Translator t = new Translator(68, 1280, true, true, ids);
        assertEquals(68, t.ipv4Mtu());
        assertEquals(1280, t.ipv6Mtu());
        assertSame(ids, t.fragmentIds());
        Translator max = new Translator(65535, 65535, true, true, ids);
        assertEquals(65535, max.ipv4Mtu());
        assertEquals(65535, max.ipv6Mtu());
        for (int[] bad : new int[][] {{67, 1280}, {65536, 1280}, {1500, 1279}, {1500, 65536}}) {
            try {
                new Translator(bad[0], bad[1], true, true, ids);
                throw new AssertionError("accepted " + Arrays.toString(bad));
            } catch (IllegalArgumentException expected) {
                assertEquals(true, expected.getMessage().contains("Mtu must be"));
            }
        }
        // Headroom up to MAX_HEADROOM; ipLen exactly what is left behind ipOff.
        Translator f = fresh();
        byte[] in = inFrame(udp6(new byte[4]));
        XlatResult res = new XlatResult();
        f.translate6to4(in, OFF, in.length - OFF, MAPPER, Translator.MAX_HEADROOM, res);
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertEquals(Translator.MAX_HEADROOM, res.ipOffset());
        Peers.loadTranslated(f, res);
        f.translate6to4(in, OFF, in.length - OFF + 1, MAPPER, 0, res);
        assertEquals(DropReason.MALFORMED, res.reason());
        Peers.loadTranslated(f, res);
        f.translate6to4(in, OFF, in.length, MAPPER, 0, res);
        assertEquals(DropReason.MALFORMED, res.reason());
        Peers.loadTranslated(f, res);
        f.translate6to4(in, OFF, 60, MAPPER, Translator.MAX_HEADROOM + 1, res);
        assertEquals(DropReason.INTERNAL_ERROR, res.reason());
    }

    @Test
    public void prefixAndEamTextEdges() {
        assertEquals(0, Prefix.parse("0.0.0.0/0", false).length());
        assertEquals(32, Prefix.parse("192.0.2.1/32", false).length());
        assertEquals(128, Prefix.parse("2001:db8::1/128", true).length());
        assertMessage("missing IPv6 prefix", () -> Prefix.parse(null, true));
        assertMessage("missing IPv4 prefix", () -> Prefix.parse(null, false));
        assertMessage("not an IP address: '' in '/24'", () -> Prefix.parse("/24", false));
        assertMessage("out of range 0..32", () -> Prefix.parse("192.0.2.0/-1", false));
        assertMessage("out of range 0..32", () -> Prefix.parse("192.0.2.1/33", false));
        assertMessage("EAM must be V4PREFIX=V6PREFIX", () -> Eam.parse("192.0.2.0/24"));
        assertMessage("not an IP address: '' in ''", () -> Eam.parse("=2001:db8::/120"));
        assertMessage("suffix lengths differ (8 vs 16 bits)", () -> Eam.parse("192.0.2.0/24=2001:db8::/112"));
        // RFC 7757 with a /96 IPv6 prefix (IPv4 /0): every octet of the low 32 bits is host part.
        Eam all = Eam.parse("0.0.0.0/0=2001:db8:6::/96");
        byte[] a = Pkt.v6("2001:db8:6::c000:221");
        assertEquals(true, all.matches6(a, 0));
        assertEquals(v4("192.0.2.33") & 0xffffffffL, all.read4(a, 0) & 0xffffffffL);
        assertEquals(false, all.matches6(Pkt.v6("2001:db8:7::c000:221"), 0));
    }

    private static void assertMessage(String part, Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            assertEquals(e.getMessage(), true, e.getMessage().contains(part));
            return;
        }
        throw new AssertionError("no exception, expected '" + part + "'");
    }

    @Test
    public void addressEdges() {
        assertEquals(true, AddrCheck.unicastSource4(v4("223.255.255.255")));
        assertEquals(false, AddrCheck.unicastSource4(v4("224.0.0.0")));
        assertEquals(false, AddrCheck.unicastSource4(v4("127.0.0.1")));
        assertEquals(false, AddrCheck.unicastSource4(v4("0.1.2.3")));
        // ::100 (only octet 14 set) behind 16 zero bytes: a unicast source.
        byte[] b = cat(new byte[16], Pkt.v6("::100"));
        assertEquals(true, AddrCheck.unicastSource6(b, 16));
        assertEquals(false, AddrCheck.unicastSource6(cat(new byte[16], Pkt.v6("ff00::1")), 16));
    }

    /** RFC 6691 / RFC 7915 1.4: an MSS already at the limit stays as it is (no rewrite, checksum unchanged). */
    @Test
    public void mssAtTheLimitIsLeftAlone() {
        byte[] seg = tcp(1, 2, 3, 4, 0x02, 5, hex("020405b4"), new byte[0]);
        byte[] before = seg.clone();
        assertEquals(false, Mss.clamp(seg, 0, 1460));
        assertArrayEquals(before, seg);
        assertEquals(true, Mss.clamp(seg, 0, 1459));
        assertEquals(1459, u16(seg, 22));
    }

    /**
     * RFC 1071: a translated ICMPv4 echo whose words sum to 0xffff gets checksum 0x0000 (it
     * verifies); only an all-zero message needs 0xffff instead (the case V6ToV4.echoTo4 fixes).
     */
    @Test
    public void checksumZeroOfANonZeroEchoIsKept() {
        byte[] echo6 = ipv6(0, 0, ICMPV6, 64, BACKEND6, CLIENT6,
                            csum6(icmp(129, 0, 0xffff0000, new byte[0]), 2, BACKEND6, CLIENT6, ICMPV6));
        byte[] out = ip(to4(fresh(), echo6));
        assertArrayEquals(hex("0000 0000 ffff 0000"), slice(out, 20, 8));
        assertL4Valid4(out, ICMP);
    }

    /**
     * The error's own flow label and a quoted later fragment: only the quoted packet's own
     * fragment header says whether its transport header is there (RFC 7915 5.3).
     */
    @Test
    public void quotedTransportIsAdjustedOnlyInAFirstFragment() {
        byte[] inner = quoted6(UDP, csum6(udp(5353, 53, new byte[8]), 6, CLIENT6, BACKEND6, UDP));
        byte[] plain = ip(to4(fresh(), error6(1, 4, 0, inner)));
        byte[] body = csum6(icmp(1, 4, 0, inner), 2, ROUTER6, CLIENT6, ICMPV6);
        byte[] labelled = ip(to4(fresh(), ipv6(0, 0xfffff, ICMPV6, 64, ROUTER6, CLIENT6, body)));
        assertArrayEquals(slice(plain, 28, plain.length - 28), slice(labelled, 28, labelled.length - 28));
        assertNotEquals(u16(inner, 46), u16(plain, 54));              // the quoted UDP checksum was adjusted

        byte[] data = hex("0102030405060708 1112131415161718");
        byte[] later = ipv6(0, 0, 44, 63, CLIENT6, BACKEND6, cat(hex("11 00 0008 00000042"), data));
        byte[] out = ip(to4(fresh(), error6(1, 4, 0, later)));
        assertEquals(48 + 16, out.length);
        assertEquals(1, u16(out, 34));                                // offset 1 (8 bytes), MF clear
        assertArrayEquals(data, slice(out, 48, 16));
    }

    /** RFC 7915 4.2 / 5.2: a Parameter Problem pointing at octet 0 (version) keeps pointer 0. */
    @Test
    public void parameterProblemPointerZero() {
        byte[] inner6 = quoted6(UDP, csum6(udp(5353, 53, new byte[8]), 6, CLIENT6, BACKEND6, UDP));
        byte[] out4 = ip(to4(fresh(), error6(4, 0, 0, inner6)));
        assertArrayEquals(hex("0c00"), slice(out4, 20, 2));
        assertArrayEquals(hex("00000000"), slice(out4, 24, 4));
        byte[] inner4 = quoted4(UDP, csum4(udp(53, 5353, new byte[8]), 6, VIP, CLIENT, UDP));
        byte[] out6 = ip(to6(fresh(), error4(ROUTER4, 12, 0, 0, inner4)));
        assertArrayEquals(hex("0400"), slice(out6, 40, 2));
        assertArrayEquals(hex("00000000"), slice(out6, 44, 4));
    }

    /** An option type byte as the header's (and the array's) last byte: malformed, nothing read past it. */
    @Test
    public void optionTypeAtTheEndOfTheArray() {
        byte[] hdrOnly = ipv4(0, 0, 0x4000, 64, UDP, CLIENT, VIP, hex("010101 44"), new byte[0]);
        assertEquals(24, hdrOnly.length);
        assertEquals(DropReason.MALFORMED, V4ToV6.checkOptions(hdrOnly, 0, 24));
        drop4(fresh(), hdrOnly, DropReason.MALFORMED);
    }

    /**
     * RFC 7915 4.1: a first fragment (MF) with DF set that is too big: the MTU reported leaves
     * room for the fragment header it gets (ipv6Mtu - 20 - 8).
     */
    @Test
    public void tooBigFirstFragmentWithDf() {
        byte[] in = ipv4(0, 5, 0x6000, 64, UDP, CLIENT, VIP, new byte[0],
                         csum4(udp(5353, 53, new byte[1256]), 6, CLIENT, VIP, UDP));
        XlatResult res = to6(Pkt.seeded(1500, 1280), in);
        assertEquals(XlatResult.Kind.ICMP_ERROR, res.kind());
        assertEquals(1252, u16(ip(res), 26));
    }

    /** RFC 7915 4.2: Destination Unreachable code 14 (precedence violation) has no ICMPv6 counterpart. */
    @Test
    public void precedenceViolationIsNotTranslated() {
        byte[] inner = quoted4(UDP, csum4(udp(53, 5353, new byte[8]), 6, VIP, CLIENT, UDP));
        drop4(fresh(), error4(ROUTER4, 3, 14, 0, inner), DropReason.ICMP_UNTRANSLATABLE);
    }

    /** RFC 7915 4.3: a quoted first fragment gets its fragment header (8 more bytes, in its payload length). */
    @Test
    public void quotedFragmentGetsAFragmentHeader() {
        byte[] l4 = csum4(udp(53, 5353, new byte[16]), 6, VIP, CLIENT, UDP);
        byte[] frag = ipv4(0, 0x1234, 0x2000, 63, UDP, VIP, CLIENT, new byte[0], l4);
        byte[] out = ip(to6(fresh(), error4(ROUTER4, 3, 3, 0, frag)));
        assertEquals(48 + 48 + 24, out.length);
        assertEquals(24 + 8, u16(out, 52));                           // quoted payload length
        assertEquals(44, out[54]);                                    // next header: fragment
        assertArrayEquals(hex("11 00 0001 00001234"), slice(out, 88, 8));
        byte[] plain = ip(to6(fresh(), error4(ROUTER4, 3, 3, 0, quoted4(UDP, l4))));
        assertArrayEquals(slice(plain, 88, 24), slice(out, 96, 24));  // the same UDP bytes after it
    }

    /**
     * RFC 7915 4.2 and RFC 6791: an ICMPv4 error whose source does not map takes the quoted
     * packet's destination as its source (icmpSourceFallback) or is dropped; one whose
     * destination or quoted addresses do not map is dropped.
     */
    @Test
    public void unmappableAddressesOfAnIcmpv4Error() {
        AddressMapper noRouter = new AddressMapper() {
            @Override
            public boolean map4to6(int a, byte[] out, int off) {
                return a != ROUTER4 && MAPPER.map4to6(a, out, off);
            }

            @Override
            public long map6to4(byte[] in, int off) {
                return MAPPER.map6to4(in, off);
            }
        };
        byte[] inner = quoted4(UDP, csum4(udp(53, 5353, new byte[8]), 6, VIP, CLIENT, UDP));
        byte[] err = error4(ROUTER4, 3, 3, 0, inner);
        XlatResult res = new XlatResult();
        fresh().translate4to6(err, 0, err.length, noRouter, 0, res);
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
        assertArrayEquals(slice(ip(res), 72, 16), slice(ip(res), 8, 16));   // source = quoted destination
        assertArrayEquals(Pkt.v6("2001:db8:46::c000:221"), slice(ip(res), 8, 16));

        Translator strict = new Translator(1500, 1500, true, false, Pkt.twinIds());
        Peers.loadTranslated(strict, r);
        strict.translate4to6(err, 0, err.length, noRouter, 0, r);
        assertEquals(DropReason.UNMAPPABLE_ADDRESS, r.reason());
        assertNull(r.packet());

        byte[] aboutRouter = error4(CLIENT, 3, 3, 0, quoted4(UDP, csum4(udp(53, 5353, new byte[8]), 6, VIP,
                                                                        CLIENT, UDP)));
        byte[] toRouter = ipv4(0, 9, 0x4000, 63, UDP, VIP, ROUTER4, new byte[0], new byte[8]);
        Translator t = fresh();
        Peers.loadTranslated(t, r);
        byte[] e2 = error4(CLIENT, 3, 3, 0, toRouter);
        t.translate4to6(e2, 0, e2.length, noRouter, 0, r);
        assertEquals(DropReason.UNMAPPABLE_ADDRESS, r.reason());
        assertNull(r.packet());
        res = new XlatResult();
        t.translate4to6(aboutRouter, 0, aboutRouter.length, noRouter, 0, res);
        assertEquals(XlatResult.Kind.TRANSLATED, res.kind());
    }
}
