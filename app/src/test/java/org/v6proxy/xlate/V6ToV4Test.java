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
import org.v6proxy.packet.RefChecksum;

import java.util.List;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.v6proxy.xlate.Pkt.ICMP;
import static org.v6proxy.xlate.Pkt.ICMPV6;
import static org.v6proxy.xlate.Pkt.TCP;
import static org.v6proxy.xlate.Pkt.UDP;
import static org.v6proxy.xlate.Pkt.cat;
import static org.v6proxy.xlate.Pkt.csum4;
import static org.v6proxy.xlate.Pkt.csum6;
import static org.v6proxy.xlate.Pkt.hex;
import static org.v6proxy.xlate.Pkt.ip;
import static org.v6proxy.xlate.Pkt.ipv4;
import static org.v6proxy.xlate.Pkt.ipv6;
import static org.v6proxy.xlate.Pkt.tcp;
import static org.v6proxy.xlate.Pkt.udp;
import static org.v6proxy.xlate.Pkt.v4;
import static org.v6proxy.xlate.Pkt.v6;

/**
 * RFC 7915 section 5 (IPv6 to IPv4) for TCP and UDP, one test per rule.
 */
public class V6ToV4Test {

    static final byte[] BACKEND6 = v6("2001:db8::1");
    static final byte[] CLIENT6 = v6("64:ff9b::c000:221");
    static final int VIP = v4("198.51.100.7");
    static final int CLIENT = v4("192.0.2.33");
    /** SIIT-DC style: the backend is an explicit mapping of the VIP, clients come from pool6. */
    static final Pool6Mapper MAPPER = Pool6Mapper.of("64:ff9b::/96", List.of("198.51.100.7=2001:db8::1"));

    private final Translator xlat = Pkt.seeded(1500, 1500);
    private final XlatResult r = new XlatResult();

    private static byte[] synAck(int hop, byte[] extHeaders, int firstNh) {
        byte[] t = csum6(tcp(80, 50000, 0x2000, 0x1001, 0x12, 65535, hex("020405b4"), new byte[0]), 16,
                         BACKEND6, CLIENT6, TCP);
        return ipv6(0, 0, firstNh, hop, BACKEND6, CLIENT6, cat(extHeaders, t));
    }

    @Test
    public void tcpExactBytes() {
        // Computed by hand (Python) from RFC 7915 5.1: IHL 5, TOS = traffic class 0xb8,
        // total length 44, DF clear and identification from the generator (44 <= 1260), TTL =
        // 64 - 1, protocol 6; the TCP checksum follows the pseudo-header (2001:db8::1 is not
        // checksum-neutral).
        byte[] in = hex("6b812345 0018 06 40 20010db8000000000000000000000001"
                        + "0064ff9b0000000000000000c0000221"
                        + "0050c350 00002000 00001001 6012ffff b4d50000 02040578");
        xlat.translate6to4(in, 0, in.length, MAPPER, 14, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        assertEquals(14 + 20, r.l4Offset());
        assertEquals(TCP, r.protocol());
        byte[] expected = hex("45b8002c 00004000 3f064eb8 c6336407 c0000221"
                              + "0050c350 00002000 00001001 6012ffff b8540000 02040578");
        assertArrayEquals(Pkt.idFlags4(expected, Pkt.twinIds().next(VIP, CLIENT, TCP), 0), ip(r));
    }

    @Test
    public void mssClampedTowardIpv4() {
        byte[] in = synAck(64, new byte[0], TCP);                          // MSS 1460
        new Translator(1400, 1500).translate6to4(in, 0, in.length, MAPPER, 0, r);
        byte[] out = ip(r);
        assertEquals(1360, Pkt.u16(out, 20 + 22));                         // ipv4Mtu 1400 - 40
        Pkt.assertL4Valid4(out, TCP);
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(1460, Pkt.u16(ip(r), 20 + 22));                       // 1500 - 40: unchanged
    }

    @Test
    public void udpChecksumUpdated() {
        byte[] u = csum6(udp(53, 5353, "answer".getBytes()), 6, BACKEND6, CLIENT6, UDP);
        byte[] in = ipv6(0, 0, UDP, 64, BACKEND6, CLIENT6, u);
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        byte[] out = ip(r);
        byte[] expected = ipv4(0, Pkt.twinIds().next(VIP, CLIENT, UDP), 0, 63, UDP, VIP, CLIENT, new byte[0],
                               csum4(udp(53, 5353, "answer".getBytes()), 6, VIP, CLIENT, UDP));
        assertArrayEquals(expected, out);
    }

    @Test
    public void udpZeroChecksumDropped() {
        byte[] in = ipv6(0, 0, UDP, 64, BACKEND6, CLIENT6, udp(53, 5353, "x".getBytes()));
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(DropReason.MALFORMED, r.reason());
    }

    @Test
    public void skippedExtensionHeaders() {
        byte[] ext = cat(hex("3c 00 01 04 00000000"),          // hop-by-hop (next: dest opts), PadN
                         hex("2b 00 01 04 00000000"),          // destination options (next: routing)
                         hex("06 00 00 00 00000000"));         // routing type 0, segments left 0 (next: TCP)
        byte[] in = synAck(64, ext, 0);
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        byte[] out = ip(r);
        assertEquals(20 + 24, out.length);                                 // extension headers skipped
        assertEquals(44, Pkt.u16(out, 2));
        assertEquals(TCP, out[9]);
        Pkt.assertIpv4HeaderValid(out);
        Pkt.assertL4Valid4(out, TCP);
    }

    @Test
    public void routingWithSegmentsLeft() {
        byte[] ext = cat(hex("2b 00 01 04 00000000"),          // destination options
                         hex("06 02 00 01 00000000"), v6("2001:db8::99"));   // routing, segments left 1
        byte[] in = synAck(64, ext, 60);
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.ICMP_ERROR, r.kind());
        assertEquals(DropReason.EXTENSION_HEADER, r.reason());
        byte[] out = ip(r);
        // ICMPv6 parameter problem, erroneous header field, pointer at segments left (40 + 8 + 3).
        assertArrayEquals(hex("04 00"), Pkt.slice(out, 40, 2));
        assertEquals(51, Pkt.u16(out, 46));
        assertArrayEquals(CLIENT6, Pkt.slice(out, 8, 16));                 // from the packet's destination
        assertArrayEquals(BACKEND6, Pkt.slice(out, 24, 16));               // to its source
        assertArrayEquals(in, Pkt.slice(out, 48, in.length));
        Pkt.assertL4Valid6(out, ICMPV6);
    }

    @Test
    public void untranslatableExtensionHeaders() {
        // AH (51) in the chain.
        byte[] ah = synAck(64, hex("06 01 0000 00000001 00000001 00000000"), 51);
        xlat.translate6to4(ah, 0, ah.length, MAPPER, 0, r);
        assertEquals(DropReason.EXTENSION_HEADER, r.reason());
        // RFC 7915 5.1.1: an extension header after the fragment header.
        // Dropped, and section 5.4's default error goes back: Destination Unreachable, code 1.
        byte[] after = synAck(64, cat(hex("3c 00 0000 00000001"), hex("06 00 01 04 00000000")), 44);
        xlat.translate6to4(after, 0, after.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.ICMP_ERROR, r.kind());
        assertEquals(DropReason.EXTENSION_HEADER, r.reason());
        assertArrayEquals(hex("01 01"), Pkt.slice(ip(r), 40, 2));
        assertArrayEquals(after, Pkt.slice(ip(r), 48, after.length));
        Pkt.assertL4Valid6(ip(r), ICMPV6);
        xlat.translate6to4(ah, 0, ah.length, MAPPER, 0, r);                // load a non-drop ... then AH:
        assertEquals(XlatResult.Kind.DROPPED, r.kind());                  // silent (no rule in 5.1)
        // Truncated extension header.
        byte[] cut = synAck(64, hex("06 05 01 04 00000000"), 0);           // claims 48 bytes
        xlat.translate6to4(cut, 0, cut.length, MAPPER, 0, r);
        assertEquals(DropReason.MALFORMED, r.reason());
        // Two fragment headers: the second is an extension header after the first.
        byte[] two = synAck(64, cat(hex("2c 00 0000 00000001"), hex("06 00 0000 00000001")), 44);
        xlat.translate6to4(two, 0, two.length, MAPPER, 0, r);
        assertEquals(DropReason.EXTENSION_HEADER, r.reason());
    }

    @Test
    public void fragmentHeaderTranslated() {
        byte[] whole = csum6(udp(53, 5353, "0123456789abcdefghijklmnopqrstuv".getBytes()), 6, BACKEND6, CLIENT6,
                             UDP);
        // First fragment: offset 0, M 1, identification 0x12345678.
        byte[] first = ipv6(0, 0, 44, 64, BACKEND6, CLIENT6,
                            cat(hex("11 00 0001 12345678"), Pkt.slice(whole, 0, 16)));
        xlat.translate6to4(first, 0, first.length, MAPPER, 0, r);
        byte[] out = ip(r);
        // RFC 7915 5.1.1: identification = low 16 bits, MF = M, DF 0, offset copied.
        assertArrayEquals(hex("4500 0024 5678 2000 3f 11"), Pkt.slice(out, 0, 10));
        Pkt.assertIpv4HeaderValid(out);
        assertEquals(20, r.l4Offset());
        byte[] reassembled = cat(Pkt.slice(out, 20, 16), Pkt.slice(whole, 16, whole.length - 16));
        assertEquals(0, RefChecksum.of(RefChecksum.pseudo4(out, 12, UDP, reassembled.length), reassembled));
        // Last fragment: offset 2 (16 bytes), M 0.
        byte[] last = ipv6(0, 0, 44, 64, BACKEND6, CLIENT6,
                           cat(hex("11 00 0010 12345678"), Pkt.slice(whole, 16, 24)));
        xlat.translate6to4(last, 0, last.length, MAPPER, 0, r);
        out = ip(r);
        assertArrayEquals(hex("4500 002c 5678 0002 3f 11"), Pkt.slice(out, 0, 10));
        assertEquals(-1, r.l4Offset());
        assertArrayEquals(Pkt.slice(whole, 16, 24), Pkt.slice(out, 20, 24));
    }

    @Test
    public void atomicFragmentKeepsIdentification() {
        byte[] in = synAck(64, hex("06 00 0000 0000beef"), 44);            // offset 0, M 0
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        byte[] out = ip(r);
        assertArrayEquals(hex("beef 0000"), Pkt.slice(out, 4, 4));         // ID copied, DF 0, MF 0
        assertEquals(20, r.l4Offset());
        Pkt.assertL4Valid4(out, TCP);
    }

    @Test
    public void hopLimitOneGivesTimeExceeded() {
        for (int hop = 0; hop <= 1; hop++) {
            byte[] in = synAck(hop, new byte[0], TCP);
            xlat.translate6to4(in, 0, in.length, MAPPER, 4, r);
            assertEquals(XlatResult.Kind.ICMP_ERROR, r.kind());
            assertEquals(DropReason.TTL_EXPIRED, r.reason());
            assertEquals(ICMPV6, r.protocol());
            assertEquals(4 + 40, r.l4Offset());
            byte[] expected = ipv6(0, 0, ICMPV6, 64, CLIENT6, BACKEND6,
                                   csum6(Pkt.icmp(3, 0, 0, in), 2, CLIENT6, BACKEND6, ICMPV6));
            assertArrayEquals(expected, ip(r));
        }
    }

    @Test
    public void tooBigGivesPacketTooBig() {
        Translator small = new Translator(1400, 1500);
        byte[] t = csum6(tcp(80, 50000, 1, 2, 0x10, 100, new byte[0], new byte[1380]), 16, BACKEND6, CLIENT6, TCP);
        byte[] in = ipv6(0, 0, TCP, 64, BACKEND6, CLIENT6, t);              // 1440 -> 1420 > 1400
        small.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.ICMP_ERROR, r.kind());
        assertEquals(DropReason.PACKET_TOO_BIG, r.reason());
        byte[] out = ip(r);
        assertEquals(1280, out.length);                                    // RFC 4443 2.4 (c)
        assertArrayEquals(hex("02 00"), Pkt.slice(out, 40, 2));
        assertEquals(1420, Pkt.u16(out, 46));                              // ipv4Mtu + 20
        Pkt.assertL4Valid6(out, ICMPV6);
        byte[] fits = ipv6(0, 0, TCP, 64, BACKEND6, CLIENT6, Pkt.slice(t, 0, t.length - 20));
        csum6(Pkt.slice(fits, 40, fits.length - 40), 16, BACKEND6, CLIENT6, TCP);
        small.translate6to4(fits, 0, fits.length, MAPPER, 0, r);
        assertEquals(1400, r.ipLength());
    }

    @Test
    public void structuralErrors() {
        byte[] ok = synAck(64, new byte[0], TCP);
        byte[] v = ok.clone();
        v[0] = 0x45;
        expectDrop(v, DropReason.MALFORMED);
        byte[] jumbo = ok.clone();
        Pkt.put16(jumbo, 4, 0);                                            // payload length 0: no TCP header
        expectDrop(jumbo, DropReason.MALFORMED);
        byte[] jumbogram = ipv6(0, 0, 0, 64, BACKEND6, CLIENT6, new byte[0]);  // RFC 2675: hop-by-hop, length 0
        expectDrop(jumbogram, DropReason.MALFORMED);
        byte[] longer = ok.clone();
        Pkt.put16(longer, 4, 25);                                          // claims more than there is
        expectDrop(longer, DropReason.MALFORMED);
        byte[] mcast = ipv6(0, 0, TCP, 64, v6("ff02::1"), CLIENT6, Pkt.slice(ok, 40, 24));
        expectDrop(mcast, DropReason.UNMAPPABLE_ADDRESS);
        byte[] unspec = ipv6(0, 0, TCP, 64, v6("::"), CLIENT6, Pkt.slice(ok, 40, 24));
        expectDrop(unspec, DropReason.UNMAPPABLE_ADDRESS);
        byte[] stranger = ipv6(0, 0, TCP, 64, v6("2001:db8::2"), CLIENT6, Pkt.slice(ok, 40, 24));
        expectDrop(stranger, DropReason.UNMAPPABLE_ADDRESS);
        byte[] doff = ok.clone();
        doff[52] = (byte) 0xf0;                                            // data offset 60 > segment
        expectDrop(doff, DropReason.MALFORMED);
    }

    @Test
    public void paddingAfterPayloadIgnored() {
        byte[] ok = synAck(64, new byte[0], TCP);
        byte[] in = cat(ok, new byte[6]);
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(44, r.ipLength());
        assertNotEquals(null, r.packet());
    }

    /** A TCP segment from the backend with n bytes of data (IPv6 length 60 + n). */
    private static byte[] segment(int n) {
        byte[] t = csum6(tcp(80, 50000, 1, 2, 0x10, 100, new byte[0], new byte[n]), 16, BACKEND6, CLIENT6, TCP);
        return ipv6(0, 0, TCP, 64, BACKEND6, CLIENT6, t);
    }

    @Test
    public void dontFragmentClearUpTo1260Bytes() {
        // RFC 7915 5.1 "Flags": translated size <= 1260 -> DF 0, identification from the generator;
        // larger -> DF 1 (identification 0: an atomic datagram, RFC 6864 4.1).
        FragmentIds twin = Pkt.twinIds();
        byte[] small = segment(1220);                                      // 1280 -> 1260
        xlat.translate6to4(small, 0, small.length, MAPPER, 0, r);
        assertEquals(1260, r.ipLength());
        assertArrayEquals(Pkt.v4b(twin.next(VIP, CLIENT, TCP) << 16), Pkt.slice(ip(r), 4, 4));
        Pkt.assertIpv4HeaderValid(ip(r));
        byte[] big = segment(1221);                                        // 1281 -> 1261
        xlat.translate6to4(big, 0, big.length, MAPPER, 0, r);
        assertEquals(1261, r.ipLength());
        assertArrayEquals(hex("0000 4000"), Pkt.slice(ip(r), 4, 4));
        Pkt.assertIpv4HeaderValid(ip(r));
        Pkt.assertL4Valid4(ip(r), TCP);
    }

    @Test
    public void identificationsComeFromTheGenerator() {
        // RFC 7915 5.1 "Identification": consecutive DF-clear datagrams of one pair get
        // successive values of the generator, not one constant.
        byte[] in = segment(10);
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        int first = Pkt.u16(ip(r), 4);
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals((first + 1) & 0xffff, Pkt.u16(ip(r), 4));
        FragmentIds twin = Pkt.twinIds();
        assertEquals(twin.next(VIP, CLIENT, TCP), first);
    }

    @Test
    public void echoWithAtomicFragmentHeader() {
        // RFC 7915 5.1.1 applies to ICMPv6 too: offset 0, M 0 -> identification = low 16 bits
        // of 0xcafe1234, DF 0, MF 0, offset 0.
        byte[] echo = csum6(Pkt.icmp(128, 0, 0x00010002, "ping".getBytes()), 2, BACKEND6, CLIENT6, ICMPV6);
        byte[] in = ipv6(0, 0, 44, 64, BACKEND6, CLIENT6, cat(hex("3a 00 0000 cafe1234"), echo));
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        byte[] out = ip(r);
        assertArrayEquals(hex("4500 0020 1234 0000 3f 01"), Pkt.slice(out, 0, 10));
        Pkt.assertIpv4HeaderValid(out);
        Pkt.assertL4Valid4(out, ICMP);
        assertEquals(8, out[20]);                                          // echo request
    }

    @Test
    public void extensionHeadersBeforeTheFragmentHeader() {
        // RFC 7915 5.1 "Protocol": hop-by-hop, destination options and a routing header with no
        // segments left are skipped; the fragment header after them is translated (5.1.1).
        byte[] ext = cat(hex("3c 00 01 04 00000000"),                      // hop-by-hop -> dest opts
                         hex("2b 00 01 04 00000000"),                      // dest opts -> routing
                         hex("2c 00 00 00 00000000"),                      // routing, 0 left -> fragment
                         hex("06 00 0001 0102abcd"));                      // fragment: offset 0, M 1
        byte[] t = csum6(tcp(80, 50000, 1, 2, 0x10, 100, new byte[0], new byte[20]), 16, BACKEND6, CLIENT6, TCP);
        byte[] in = ipv6(0, 0, 0, 64, BACKEND6, CLIENT6, cat(ext, t));
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        byte[] out = ip(r);
        assertEquals(20 + t.length, out.length);
        assertArrayEquals(hex("abcd 2000"), Pkt.slice(out, 4, 4));         // ID low 16, MF, DF 0, offset 0
        assertEquals(TCP, out[9]);
        Pkt.assertIpv4HeaderValid(out);
        Pkt.assertL4Valid4(out, TCP);
        // A later fragment behind the same headers: offset copied, payload opaque.
        byte[] later = ipv6(0, 0, 0, 64, BACKEND6, CLIENT6, cat(Pkt.slice(ext, 0, 24), hex("06 00 0010 0102abcd"),
                                                              new byte[8]));
        xlat.translate6to4(later, 0, later.length, MAPPER, 0, r);
        assertArrayEquals(hex("abcd 0002"), Pkt.slice(ip(r), 4, 4));
        assertEquals(-1, r.l4Offset());
    }

    @Test
    public void otherTransportsCopied() {
        // RFC 7915 5.1 "Protocol" and 5.5: DCCP (33), ESP (50), SCTP (132) and No Next Header
        // (59) keep their number and their payload byte for byte; DF per the size rule.
        for (int proto : new int[] {33, 50, 132, 59}) {
            byte[] payload = proto == 59 ? new byte[0] : hex("0102030405060708090a0b0c0d0e0f10");
            byte[] in = ipv6(0, 0, proto, 64, BACKEND6, CLIENT6, payload);
            FragmentIds twin = Pkt.twinIds();
            Translator fresh = Pkt.seeded(1500, 1500);
            fresh.translate6to4(in, 0, in.length, MAPPER, 0, r);
            assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
            assertEquals(proto, r.protocol());
            byte[] expected = ipv4(0, twin.next(VIP, CLIENT, proto), 0, 63, proto, VIP, CLIENT, new byte[0], payload);
            assertArrayEquals(expected, ip(r));
        }
        // The same behind a fragment header (an atomic fragment of DCCP).
        byte[] in = ipv6(0, 0, 44, 64, BACKEND6, CLIENT6, cat(hex("21 00 0000 00000777"), new byte[12]));
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertArrayEquals(ipv4(0, 0x777, 0, 63, 33, VIP, CLIENT, new byte[0], new byte[12]), ip(r));
    }

    @Test
    public void fragmentEndBeyond65535() {
        // Offset 8184 units (65472 bytes) + 72 bytes > 65535: no IPv4 datagram can hold it.
        byte[] in = ipv6(0, 0, 44, 64, BACKEND6, CLIENT6, cat(hex("06 00 ffc0 00000001"), new byte[72]));
        expectDrop(in, DropReason.MALFORMED);
        byte[] fits = ipv6(0, 0, 44, 64, BACKEND6, CLIENT6, cat(hex("06 00 ffc0 00000001"), new byte[56]));
        xlat.translate6to4(fits, 0, fits.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        assertEquals(0x1ff8, Pkt.u16(ip(r), 6));
    }

    private void expectDrop(byte[] in, DropReason why) {
        // The result object is reused (as per thread in production): load a translation first,
        // so that a missing drop() cannot pass by leaving an earlier drop in place.
        byte[] ok = synAck(64, new byte[0], TCP);
        xlat.translate6to4(ok, 0, ok.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
        assertEquals(why, r.reason());
    }
}
