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

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.v6proxy.xlate.Peers.BACKEND6;
import static org.v6proxy.xlate.Peers.CLIENT;
import static org.v6proxy.xlate.Peers.CLIENT6;
import static org.v6proxy.xlate.Peers.MAPPER;
import static org.v6proxy.xlate.Peers.ROUTER6;
import static org.v6proxy.xlate.Peers.VIP;
import static org.v6proxy.xlate.Pkt.ICMP;
import static org.v6proxy.xlate.Pkt.ICMPV6;
import static org.v6proxy.xlate.Pkt.UDP;
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
import static org.v6proxy.xlate.Pkt.slice;
import static org.v6proxy.xlate.Pkt.u16;
import static org.v6proxy.xlate.Pkt.udp;
import static org.v6proxy.xlate.Pkt.v4;

/**
 * RFC 4884 extension structures in ICMP errors the translator translates (RFC 7915 4.2 and
 * 5.2: "the ICMPv6 [ICMPv4] Extension length attribute MUST be adjusted accordingly"; the
 * extensions are passed on as opaque bytes). Every packet is built by hand: an MPLS label
 * stack object (RFC 4950) behind a 128-octet "original datagram" field, the way routers
 * answer traceroute.
 */
public class IcmpExtensionsTest {

    private static final int ROUTER4 = v4("203.0.113.1");

    /**
     * RFC 4884 section 7 extension header (version 2, checksum over the structure) and one
     * RFC 4950 object: length 8, class 1 (MPLS label stack), C-type 1, label 16, S 1, TTL 1.
     */
    private static byte[] extension(int extraObjectBytes) {
        byte[] object = cat(new byte[] {0, (byte) (8 + extraObjectBytes), 1, 1}, hex("00010101"),
                            new byte[extraObjectBytes]);
        return icmp4csum(cat(hex("2000 0000"), object));
    }

    private static Translator fresh() {
        return Pkt.seeded(1500, 1500);
    }

    private static XlatResult to6(Translator t, byte[] in) {
        XlatResult r = new XlatResult();
        t.translate4to6(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        return r;
    }

    private static XlatResult to4(Translator t, byte[] in) {
        XlatResult r = new XlatResult();
        t.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        return r;
    }

    /** The backend's answer (VIP to client) as the IPv4 side saw it, udpData bytes of UDP data. */
    private static byte[] quoted4(int udpData) {
        return ipv4(0, 9, 0x4000, 63, UDP, VIP, CLIENT, new byte[0],
                    csum4(udp(53, 5353, new byte[udpData]), 6, VIP, CLIENT, UDP));
    }

    /** The client's packet to the backend as the IPv6 side saw it. */
    private static byte[] quoted6(int udpData) {
        return ipv6(0, 0, UDP, 63, CLIENT6, BACKEND6, csum6(udp(5353, 53, new byte[udpData]), 6, CLIENT6, BACKEND6,
                                                            UDP));
    }

    /** An ICMPv4 error whose original datagram field is {@code field} (padded already) with length attribute. */
    private static byte[] error4(int type, int code, int rest, byte[] field, byte[] ext) {
        int attr = ext.length == 0 ? 0 : field.length / 4;
        return ipv4(64, ICMP, ROUTER4, VIP, icmp4csum(icmp(type, code, rest | attr << 16, cat(field, ext))));
    }

    private static byte[] error6(int type, int code, byte[] field, byte[] ext) {
        int attr = ext.length == 0 ? 0 : field.length / 8;
        return ipv6(0, 0, ICMPV6, 64, ROUTER6, CLIENT6,
                    csum6(icmp(type, code, attr << 24, cat(field, ext)), 2, ROUTER6, CLIENT6, ICMPV6));
    }

    /** Zero padding up to len (RFC 4884 section 4). */
    private static byte[] pad(byte[] b, int len) {
        return cat(b, new byte[len - b.length]);
    }

    /**
     * RFC 7915 4.2: Time Exceeded with a 128-octet original datagram (the first 128 bytes of a
     * larger packet) and an MPLS extension. The translated datagram is 148 bytes, padded to
     * 152 (64-bit words): length attribute 19, the extension behind it unchanged.
     */
    @Test
    public void timeExceeded4to6KeepsTheExtension() {
        byte[] ext = extension(0);
        byte[] inner = quoted4(400);
        byte[] in = error4(11, 0, 0, slice(inner, 0, 128), ext);
        byte[] out = ip(to6(fresh(), in));
        assertEquals(48 + 152 + 12, out.length);
        assertEquals(152 + 12 + 8, u16(out, 4));
        assertArrayEquals(hex("03 00"), slice(out, 40, 2));
        assertEquals(19, out[44]);
        // The embedded packet: as without an extension (same translator state), 40 + 108 bytes.
        byte[] plain = ip(to6(fresh(), error4(11, 0, 0, slice(inner, 0, 128), new byte[0])));
        assertEquals(48 + 148, plain.length);
        assertArrayEquals(slice(plain, 48, 148), slice(out, 48, 148));
        assertArrayEquals(new byte[4], slice(out, 196, 4));
        assertArrayEquals(ext, slice(out, 200, 12));
        assertL4Valid6(out, ICMPV6);
    }

    /**
     * RFC 4884 section 4: an embedded packet shorter than 128 octets comes zero padded; the
     * padding is not part of the packet (its declared length ends it) and the translated
     * field is padded again, to 128.
     */
    @Test
    public void shortEmbeddedPacketIsPaddedAgain() {
        byte[] ext = extension(4);
        byte[] inner = quoted4(8);                                   // 36 bytes
        byte[] out = ip(to6(fresh(), error4(3, 3, 0, pad(inner, 128), ext)));
        assertEquals(48 + 128 + 16, out.length);
        assertEquals(16, out[44]);
        byte[] plain = ip(to6(fresh(), error4(3, 3, 0, inner, new byte[0])));
        assertEquals(48 + 56, plain.length);
        assertArrayEquals(slice(plain, 48, 56), slice(out, 48, 56));
        assertArrayEquals(new byte[72], slice(out, 104, 72));
        assertArrayEquals(ext, slice(out, 176, 16));
        assertL4Valid6(out, ICMPV6);
    }

    /**
     * RFC 7915 5.2: ICMPv6 Time Exceeded (length attribute 16 = 128 octets) becomes ICMPv4
     * Time Exceeded: the 128-byte IPv6 packet is 108 bytes as IPv4, padded to 128 (32-bit
     * words): attribute 32; Destination Unreachable (port) alike, as 3/3.
     */
    @Test
    public void errors6to4KeepTheExtension() {
        byte[] ext = extension(0);
        byte[] inner = quoted6(400);
        for (int[] types : new int[][] {{3, 0, 11, 0}, {1, 4, 3, 3}}) {
            byte[] out = ip(to4(fresh(), error6(types[0], types[1], slice(inner, 0, 128), ext)));
            assertEquals(28 + 128 + 12, out.length);
            assertEquals(types[2], out[20]);
            assertEquals(types[3], out[21]);
            assertEquals(32, out[25]);
            byte[] plain = ip(to4(fresh(), error6(types[0], types[1], slice(inner, 0, 128), new byte[0])));
            assertEquals(28 + 108, plain.length);
            assertArrayEquals(slice(plain, 28, 108), slice(out, 28, 108));
            assertArrayEquals(new byte[20], slice(out, 136, 20));
            assertArrayEquals(ext, slice(out, 156, 12));
            assertL4Valid4(out, ICMP);
        }
    }

    /**
     * RFC 7915 5.2: what does not fit the IPv4 MTU is cut ("SHOULD be simply truncated");
     * with no room for the extension header after the padded field, the extension is left
     * out and the field is not padded (length attribute 0), as for an error without one.
     */
    @Test
    public void extensionCutToTheMtu() {
        byte[] ext = extension(52);                                  // 64 bytes
        byte[] in = error6(3, 0, slice(quoted6(400), 0, 128), ext);
        byte[] out = ip(to4(Pkt.seeded(200, 1500), in));
        assertEquals(200, out.length);
        assertEquals(32, out[25]);
        assertArrayEquals(slice(ext, 0, 44), slice(out, 156, 44));
        assertL4Valid4(out, ICMP);

        byte[] small = ip(to4(Pkt.seeded(150, 1500), in));
        assertEquals(28 + 108, small.length);
        assertEquals(0, small[25]);
        byte[] plain = ip(to4(Pkt.seeded(150, 1500), error6(3, 0, slice(quoted6(400), 0, 128), new byte[0])));
        assertArrayEquals(plain, small);
    }

    /**
     * RFC 7915 4.2 Packet Too Big and Parameter Problem have no length attribute in ICMPv6:
     * the extension is left out, but the embedded packet still ends where the attribute says
     * (before this, the extension's bytes were copied as if they were the packet's).
     */
    @Test
    public void noLengthAttributeInTheTranslatedType() {
        byte[] ext = extension(0);
        byte[] inner = quoted4(400);
        byte[] out = ip(to6(fresh(), error4(3, 4, 1400, slice(inner, 0, 128), ext)));
        assertEquals(2, out[40]);
        assertEquals(48 + 148, out.length);
        assertL4Valid6(out, ICMPV6);
        byte[] pp = ip(to6(fresh(), error4(12, 0, 9 << 24, slice(inner, 0, 128), ext)));
        assertEquals(4, pp[40]);
        assertEquals(48 + 148, pp.length);
        assertEquals(0, pp[44]);
    }

    /**
     * RFC 4884 section 4 ("at least 128 octets") and 5: an attribute under 128 octets, or one
     * that leaves no room for an extension header, is not RFC 4884's: the message is
     * translated as one without extension (the attribute is not carried).
     */
    @Test
    public void attributesThatAreNotRfc4884s() {
        byte[] inner = quoted4(400);
        byte[] plain = ip(to6(fresh(), error4(11, 0, 0, slice(inner, 0, 140), new byte[0])));
        // 10 words = 40 octets, under 128.
        byte[] shortAttr = ip(to6(fresh(), ipv4(64, ICMP, ROUTER4, VIP,
                                               icmp4csum(icmp(11, 0, 10 << 16, slice(inner, 0, 140))))));
        assertArrayEquals(slice(plain, 48, plain.length - 48), slice(shortAttr, 48, shortAttr.length - 48));
        assertEquals(0, shortAttr[44]);
        // 34 words = 136 octets, 4 bytes left: room for the header only -- 3 bytes is not.
        byte[] noRoom = ip(to6(fresh(), ipv4(64, ICMP, ROUTER4, VIP,
                                            icmp4csum(icmp(11, 0, 35 << 16, slice(inner, 0, 140))))));
        assertArrayEquals(slice(plain, 48, plain.length - 48), slice(noRoom, 48, noRoom.length - 48));
        assertEquals(0, noRoom[44]);
        byte[] headerOnly = ip(to6(fresh(), ipv4(64, ICMP, ROUTER4, VIP,
                                                icmp4csum(icmp(11, 0, 34 << 16, slice(inner, 0, 140))))));
        assertEquals(48 + 160 + 4, headerOnly.length);                 // 40 + 116 padded to 160
        assertEquals(20, headerOnly[44]);
    }

    /**
     * Attribute bytes that do not add up: an attribute 1 to 3 bytes short of the body (no room
     * for an extension header) or past its end is not RFC 4884's; the message crosses as one
     * without extension, and nothing past the message is read (the array ends with it).
     */
    @Test
    public void attributesThatDoNotAddUp() {
        byte[] inner = quoted4(400);
        for (int body : new int[] {138, 130}) {
            byte[] plain = ip(to6(fresh(), error4(11, 0, 0, slice(inner, 0, body), new byte[0])));
            int attr = body == 138 ? 34 : 33;                             // 136 (2 short), 132 (2 past)
            byte[] odd = ip(to6(fresh(), ipv4(64, ICMP, ROUTER4, VIP,
                                             icmp4csum(icmp(11, 0, attr << 16, slice(inner, 0, body))))));
            assertArrayEquals("body " + body, plain, odd);
        }
    }

    /** A translated datagram that is already a multiple of 64 bits (40 + 112 = 152) is not padded further. */
    @Test
    public void translatedFieldAlreadyAligned() {
        byte[] ext = extension(0);
        byte[] out = ip(to6(fresh(), error4(11, 0, 0, slice(quoted4(400), 0, 132), ext)));
        assertEquals(48 + 152 + 12, out.length);
        assertEquals(19, out[44]);
        assertArrayEquals(ext, slice(out, 200, 12));
    }

    /** RFC 7915 4.2: an extension that does not fit the 1280 bytes of an ICMPv6 error is cut there. */
    @Test
    public void extensionCutAt1280() {
        byte[] ext = extension(1188);                                 // 1200 bytes
        byte[] out = ip(to6(fresh(), error4(11, 0, 0, slice(quoted4(400), 0, 132), ext)));
        assertEquals(1280, out.length);
        assertEquals(19, out[44]);
        assertArrayEquals(slice(ext, 0, 1080), slice(out, 200, 1080));
        assertL4Valid6(out, ICMPV6);
    }

    /** RFC 7915 5.2: room for exactly the extension header behind the field (IPv4 MTU 160): it is kept. */
    @Test
    public void roomForTheExtensionHeaderOnly() {
        byte[] ext = extension(0);
        byte[] out = ip(to4(Pkt.seeded(160, 1500), error6(3, 0, slice(quoted6(400), 0, 128), ext)));
        assertEquals(160, out.length);
        assertEquals(32, out[25]);
        assertArrayEquals(slice(ext, 0, 4), slice(out, 156, 4));
        assertL4Valid4(out, ICMP);
    }
}
