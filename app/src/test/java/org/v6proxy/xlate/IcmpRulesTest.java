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
 * The ICMP rules of RFC 7915 sections 4.2-4.4 and 5.2-5.4 that the other test classes do
 * not pin down: when the translator stays silent, how error sources and embedded
 * checksums come out, and the MTU arithmetic. Packets are built by hand ({@link Pkt}).
 */
public class IcmpRulesTest {

    private final Translator xlat = Pkt.seeded(1500, 1500);
    private final XlatResult r = new XlatResult();

    private void expectSilent4(byte[] in, DropReason why) {
        Peers.loadTranslated(xlat, r);
        xlat.translate4to6(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
        assertEquals(why, r.reason());
    }

    private void expectSilent6(byte[] in, DropReason why) {
        Peers.loadTranslated(xlat, r);
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
        assertEquals(why, r.reason());
    }

    @Test
    public void ttlExpiryAnsweredOnlyWhereRfc1812Allows() {
        // The control: TTL 1, first fragment of nothing, unicast -> Time Exceeded (4.1 / 4.4).
        byte[] plain = Peers.tcp4(1, 0, VIP);
        xlat.translate4to6(plain, 0, plain.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.ICMP_ERROR, r.kind());
        assertArrayEquals(new byte[] {11, 0}, slice(ip(r), 20, 2));
        // RFC 1812 4.3.2.7: no error about a non-initial fragment ...
        byte[] later = ipv4(0, 9, 3, 1, TCP, CLIENT, VIP, new byte[0], new byte[16]);
        expectSilent4(later, DropReason.TTL_EXPIRED);
        // ... about a datagram to a multicast or the limited broadcast address ...
        expectSilent4(Peers.tcp4(1, 0, v4("224.0.0.9")), DropReason.TTL_EXPIRED);
        expectSilent4(Peers.tcp4(1, 0, v4("255.255.255.255")), DropReason.TTL_EXPIRED);
        // ... or about an ICMPv4 error.
        byte[] inner = Peers.tcp4(64, 0, VIP);
        byte[] err = ipv4(0, 0, 0, 1, ICMP, CLIENT, VIP, new byte[0], icmp4csum(icmp(3, 3, 0, inner)));
        expectSilent4(err, DropReason.TTL_EXPIRED);
        // An echo request is a query, not an error: answered.
        byte[] echo = ipv4(0, 0, 0, 1, ICMP, CLIENT, VIP, new byte[0], icmp4csum(icmp(8, 0, 1, new byte[4])));
        xlat.translate4to6(echo, 0, echo.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.ICMP_ERROR, r.kind());
    }

    @Test
    public void tooBigWithDfSilentForLaterFragmentsAndBroadcast() {
        Translator small = Pkt.seeded(1500, 1280);
        byte[] t = csum4(tcp(50000, 80, 1, 0, 0x10, 100, new byte[0], new byte[1300]), 16, CLIENT, VIP, TCP);
        byte[] big = ipv4(0, 9, 0x4000, 64, TCP, CLIENT, VIP, new byte[0], t);
        small.translate4to6(big, 0, big.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.ICMP_ERROR, r.kind());                // Fragmentation Needed, MTU 1260
        assertEquals(1260, Pkt.u16(ip(r), 26));
        byte[] bcast = ipv4(0, 9, 0x4000, 64, TCP, CLIENT, v4("255.255.255.255"), new byte[0], t);
        Peers.loadTranslated(xlat, r);
        small.translate4to6(bcast, 0, bcast.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
    }

    @Test
    public void hopLimitExpirySilentForIcmpv6ErrorsAndMulticast() {
        byte[] t = csum6(tcp(80, 50000, 1, 2, 0x10, 100, new byte[0], new byte[4]), 16, BACKEND6, CLIENT6, TCP);
        byte[] plain = ipv6(0, 0, TCP, 1, BACKEND6, CLIENT6, t);
        xlat.translate6to4(plain, 0, plain.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.ICMP_ERROR, r.kind());                // RFC 7915 5.4, RFC 4443 3.3
        // RFC 4443 2.4 (e): not about an ICMPv6 error ...
        byte[] err = ipv6(0, 0, ICMPV6, 1, ROUTER6, CLIENT6,
                          csum6(icmp(1, 4, 0, slice(plain, 0, 48)), 2, ROUTER6, CLIENT6, ICMPV6));
        expectSilent6(err, DropReason.TTL_EXPIRED);
        // ... nor to a multicast destination; a multicast source is never translated at all.
        byte[] mcast = ipv6(0, 0, TCP, 1, BACKEND6, v6("ff0e::1"), t);
        Peers.loadTranslated(xlat, r);
        xlat.translate6to4(mcast, 0, mcast.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
        expectSilent6(ipv6(0, 0, TCP, 1, v6("ff02::1"), CLIENT6, t), DropReason.UNMAPPABLE_ADDRESS);
    }

    @Test
    public void illegalSourceOfAnIcmpv4ErrorIsTranslated() {
        // RFC 7915 4.1 "Source Address": in ICMPv4 errors the "illegal" source is translated for
        // trouble shooting (RFC 6052 under the prefix); anywhere else it is dropped.
        byte[] inner = ipv4(0, 5, 0, 63, UDP, VIP, CLIENT, new byte[0],
                            csum4(udp(53, 5353, new byte[4]), 6, VIP, CLIENT, UDP));
        for (String src : new String[] {"127.0.0.1", "0.0.0.0", "192.168.1.1"}) {
            byte[] in = ipv4(0, 0, 0, 64, ICMP, v4(src), VIP, new byte[0], icmp4csum(icmp(3, 3, 0, inner)));
            Peers.loadTranslated(xlat, r);
            xlat.translate4to6(in, 0, in.length, MAPPER, 0, r);
            assertEquals(src, XlatResult.Kind.TRANSLATED, r.kind());
            byte[] out = ip(r);
            byte[] expectedSrc = cat(slice(v6("2001:db8:46::"), 0, 12), Pkt.v4b(v4(src)));
            assertArrayEquals(src, expectedSrc, slice(out, 8, 16));
            assertArrayEquals(new byte[] {1, 4}, slice(out, 40, 2));    // port unreachable
            Pkt.assertL4Valid6(out, ICMPV6);
        }
        byte[] data = ipv4(64, UDP, v4("127.0.0.1"), VIP, csum4(udp(1, 2, new byte[4]), 6, v4("127.0.0.1"), VIP, UDP));
        expectSilent4(data, DropReason.UNMAPPABLE_ADDRESS);
        byte[] echo = ipv4(64, ICMP, v4("0.0.0.0"), VIP, icmp4csum(icmp(8, 0, 1, new byte[4])));
        expectSilent4(echo, DropReason.UNMAPPABLE_ADDRESS);
    }

    @Test
    public void embeddedChecksumsOfIcmpv6ErrorsTranslated() {
        // RFC 7915 5.3: the packet in error is translated like a normal packet, so its TCP, UDP
        // or echo checksum verifies over its new IPv4 header (inner hop limit not decremented,
        // DF clear and an identification from the generator: 5.1 on a small inner packet).
        byte[][] inners = {
            ipv6(0, 0, TCP, 63, CLIENT6, BACKEND6,
                 csum6(tcp(50000, 80, 5, 6, 0x18, 100, new byte[0], "data".getBytes()), 16, CLIENT6, BACKEND6, TCP)),
            ipv6(0, 0, UDP, 63, CLIENT6, BACKEND6,
                 csum6(udp(5353, 53, "query".getBytes()), 6, CLIENT6, BACKEND6, UDP)),
            ipv6(0, 0, ICMPV6, 63, CLIENT6, BACKEND6,
                 csum6(icmp(128, 0, 0x00070001, "ping".getBytes()), 2, CLIENT6, BACKEND6, ICMPV6)),
        };
        int[] protos = {TCP, UDP, ICMP};
        for (int i = 0; i < inners.length; i++) {
            byte[] in = ipv6(0, 0, ICMPV6, 64, ROUTER6, CLIENT6,
                             csum6(icmp(3, 0, 0, inners[i]), 2, ROUTER6, CLIENT6, ICMPV6));
            Peers.loadTranslated(xlat, r);
            xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
            assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
            byte[] out = ip(r);
            Pkt.assertIpv4HeaderValid(out);
            Pkt.assertL4Valid4(out, ICMP);
            assertArrayEquals(new byte[] {11, 0}, slice(out, 20, 2));        // time exceeded in transit
            byte[] inner4 = slice(out, 28, out.length - 28);
            assertEquals(inner4.length, Pkt.u16(inner4, 2));
            assertEquals(63, inner4[8]);
            assertEquals(protos[i], inner4[9]);
            assertEquals(0, Pkt.u16(inner4, 6));                             // DF clear, no offset
            Pkt.assertIpv4HeaderValid(inner4);
            Pkt.assertL4Valid4(inner4, protos[i]);
            assertEquals(CLIENT, Pkt.v4(inner4, 12));
            assertEquals(VIP, Pkt.v4(inner4, 16));
        }
    }

    @Test
    public void packetTooBigToFragmentationNeededMtu() {
        // RFC 7915 5.2: min(MTU - 20, IPv4 next-hop MTU, IPv6 next-hop MTU - 20); 8 less when the
        // packet in error had a fragment header; never below 68.
        Translator t = Pkt.seeded(1500, 1500);
        assertEquals(1260, V6ToV4.fragNeededMtu(t, 1280, false));
        assertEquals(1252, V6ToV4.fragNeededMtu(t, 1280, true));
        assertEquals(1480, V6ToV4.fragNeededMtu(t, 1500, false));
        assertEquals(1480, V6ToV4.fragNeededMtu(t, 9000, false));          // the IPv6 next hop: 1500 - 20
        assertEquals(1400, V6ToV4.fragNeededMtu(Pkt.seeded(1400, 9000), 9000, false));   // the IPv4 next hop
        assertEquals(68, V6ToV4.fragNeededMtu(t, 40, false));
        assertEquals(1480, V6ToV4.fragNeededMtu(t, 0xffffffffL, false));
    }

    @Test
    public void fragmentationNeededToPacketTooBigMtu() {
        // RFC 7915 4.2: min(MTU + 20, IPv6 next-hop MTU, IPv4 next-hop MTU + 20), at least 1280 (5.1);
        // MTU 0 (RFC 1191 section 5's old routers): the plateau below the packet in error's length.
        Translator t = Pkt.seeded(1500, 1500);
        assertEquals(1281, V4ToV6.packetTooBigMtu(t, 1261, 1400));
        assertEquals(1280, V4ToV6.packetTooBigMtu(t, 1260, 1400));
        assertEquals(1280, V4ToV6.packetTooBigMtu(t, 1259, 1400));
        assertEquals(1280, V4ToV6.packetTooBigMtu(t, 576, 1400));
        assertEquals(1420, V4ToV6.packetTooBigMtu(t, 1400, 1500));
        assertEquals(1500, V4ToV6.packetTooBigMtu(t, 1500, 1500));         // the IPv6 next hop
        assertEquals(1420, V4ToV6.packetTooBigMtu(Pkt.seeded(1400, 9000), 8000, 9000));  // IPv4 next hop + 20
        assertEquals(1512, V4ToV6.packetTooBigMtu(Pkt.seeded(9000, 9000), 0, 1500));    // plateau 1492 + 20
    }
}
