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

import java.util.Arrays;
import java.util.List;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.v6proxy.xlate.Pkt.ICMP;
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
 * RFC 7915 section 4 (IPv4 to IPv6) for TCP and UDP, one test per rule.
 */
public class V4ToV6Test {

    static final int CLIENT = v4("192.0.2.33");
    static final int SERVER = v4("198.51.100.7");
    static final byte[] CLIENT6 = v6("64:ff9b::c000:221");
    static final byte[] SERVER6 = v6("64:ff9b::c633:6407");
    static final Pool6Mapper POOL = Pool6Mapper.of("64:ff9b::/96");
    /** Not checksum-neutral, unlike 64:ff9b::/96: the checksums must really change. */
    static final Pool6Mapper POOL_NN = Pool6Mapper.of("2001:db8:46::/96");

    private final Translator xlat = new Translator(1500, 1500);
    private final XlatResult r = new XlatResult();

    private static final byte[] MSS_1400 = {2, 4, 0x05, 0x78};

    private byte[] tcpPacket(int ttl, byte[] opts, byte[] data) {
        byte[] t = csum4(tcp(50000, 80, 0x1000, 0, 0x02, 64240, opts, data), 16, CLIENT, SERVER, TCP);
        return ipv4(ttl, TCP, CLIENT, SERVER, t);
    }

    @Test
    public void tcpSynExactBytes() {
        // Computed by hand (Python) from RFC 7915 4.1: version 6, traffic class = TOS 0x28,
        // flow label 0, payload length = 44 - 20, next header 6, hop limit = TTL 64 - 1,
        // RFC 6052 addresses; the TCP checksum is unchanged because 64:ff9b::/96 is
        // checksum-neutral (RFC 6052 section 4.1).
        byte[] in = hex("4528002c 12344000 40063c14 c0000221 c6336407"
                        + "c3500050 00001000 00000000 6002faf0 dd740000 02040578");
        xlat.translate4to6(in, 0, in.length, POOL, 14, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        assertEquals(14, r.ipOffset());
        assertEquals(64, r.ipLength());
        assertEquals(78, r.packet().length);
        assertEquals(14 + 40, r.l4Offset());
        assertEquals(TCP, r.protocol());
        assertArrayEquals(hex("62800000 0018063f 0064ff9b 00000000 00000000 c0000221"
                              + "0064ff9b 00000000 00000000 c6336407"
                              + "c3500050 00001000 00000000 6002faf0 dd740000 02040578"), ip(r));
    }

    @Test
    public void tcpChecksumFollowsTheAddresses() {
        byte[] in = tcpPacket(64, MSS_1400, "hello".getBytes());
        xlat.translate4to6(in, 0, in.length, POOL_NN, 0, r);
        byte[] out = ip(r);
        byte[] src6 = v6("2001:db8:46::c000:221");
        byte[] dst6 = v6("2001:db8:46::c633:6407");
        byte[] expected = ipv6(0, 0, TCP, 63, src6, dst6,
                               csum6(tcp(50000, 80, 0x1000, 0, 0x02, 64240, MSS_1400, "hello".getBytes()), 16,
                                     src6, dst6, TCP));
        assertArrayEquals(expected, out);
    }

    @Test
    public void tosCopiedOrZeroed() {
        byte[] t = csum4(tcp(1, 2, 3, 4, 0x10, 5, new byte[0], new byte[0]), 16, CLIENT, SERVER, TCP);
        byte[] in = ipv4(0xb9, 7, 0x4000, 9, TCP, CLIENT, SERVER, new byte[0], t);
        xlat.translate4to6(in, 0, in.length, POOL, 0, r);
        assertArrayEquals(hex("6b900000"), Arrays.copyOf(ip(r), 4));          // DSCP EF + ECN 1, flow 0
        new Translator(1500, 1500, false, true).translate4to6(in, 0, in.length, POOL, 0, r);
        assertArrayEquals(hex("60000000"), Arrays.copyOf(ip(r), 4));
    }

    @Test
    public void ttlOneOrZeroGivesTimeExceeded() {
        for (int ttl = 0; ttl <= 1; ttl++) {
            byte[] in = tcpPacket(ttl, MSS_1400, new byte[0]);
            xlat.translate4to6(in, 0, in.length, POOL, 2, r);
            assertEquals(XlatResult.Kind.ICMP_ERROR, r.kind());
            assertEquals(DropReason.TTL_EXPIRED, r.reason());
            assertEquals(ICMP, r.protocol());
            assertEquals(2 + 20, r.l4Offset());
            byte[] icmp = csum4Icmp(Pkt.icmp(11, 0, 0, in));
            // RFC 7915 4.4 / RFC 792: from the packet's destination back to its source.
            assertArrayEquals(ipv4(0, 0, 0, 64, ICMP, SERVER, CLIENT, new byte[0], icmp), ip(r));
        }
        byte[] ok = tcpPacket(2, MSS_1400, new byte[0]);
        xlat.translate4to6(ok, 0, ok.length, POOL, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        assertEquals(1, ip(r)[7]);
    }

    @Test
    public void timeExceededNeedsMappableAddresses() {
        byte[] in = tcpPacket(1, MSS_1400, new byte[0]);
        xlat.translate4to6(in, 0, in.length, Pool6Mapper.of(null, List.of("10.0.0.0/8=2001:db8::/104")), 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
        assertEquals(DropReason.UNMAPPABLE_ADDRESS, r.reason());
    }

    @Test
    public void optionsAreDropped() {
        byte[] t = csum4(tcp(1, 2, 3, 4, 0x10, 5, new byte[0], new byte[0]), 16, CLIENT, SERVER, TCP);
        byte[] opts = hex("07 07 04 00000000 00");                        // record route (1 slot), EOL
        byte[] in = ipv4(0, 0, 0x4000, 64, TCP, CLIENT, SERVER, opts, t);
        xlat.translate4to6(in, 0, in.length, POOL, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        byte[] out = ip(r);
        assertEquals(40 + 20, out.length);
        assertEquals(20, Pkt.u16(out, 4));                                 // payload length = total - IHL
        assertEquals(TCP, out[6]);
        Pkt.assertL4Valid6(out, TCP);
    }

    @Test
    public void unexpiredSourceRoute() {
        byte[] t = csum4(tcp(1, 2, 3, 4, 0x10, 5, new byte[0], new byte[0]), 16, CLIENT, SERVER, TCP);
        // LSRR, length 7, pointer 4: one address still to visit.
        byte[] in = ipv4(0, 0, 0, 64, TCP, CLIENT, SERVER, hex("83 07 04 0a000001 00"), t);
        xlat.translate4to6(in, 0, in.length, POOL, 0, r);
        assertEquals(XlatResult.Kind.ICMP_ERROR, r.kind());
        assertEquals(DropReason.SOURCE_ROUTE, r.reason());
        byte[] out = ip(r);
        assertEquals(3, out[20]);                                          // destination unreachable
        assertEquals(5, out[21]);                                          // source route failed
        Pkt.assertL4Valid4(out, ICMP);
        // SSRR with the pointer past the end: the route is used up, translate normally.
        byte[] done = ipv4(0, 0, 0, 64, TCP, CLIENT, SERVER, hex("89 07 08 0a000001 00"), t);
        xlat.translate4to6(done, 0, done.length, POOL, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
    }

    @Test
    public void badOptionLengths() {
        byte[] t = csum4(tcp(1, 2, 3, 4, 0x10, 5, new byte[0], new byte[0]), 16, CLIENT, SERVER, TCP);
        for (String opts : new String[] {"07 00 0000", "07 01 0000", "01 07 09 00", "010101 07", "83 02 0000"}) {
            byte[] in = ipv4(0, 0, 0, 64, TCP, CLIENT, SERVER, hex(opts), t);
            xlat.translate4to6(in, 0, in.length, POOL, 0, r);
            assertEquals(opts, DropReason.MALFORMED, r.reason());
            assertEquals(opts, XlatResult.Kind.DROPPED, r.kind());
        }
    }

    @Test
    public void firstFragment() {
        // A 40-byte UDP datagram with a valid checksum, sent as a 16-byte first fragment.
        byte[] whole = csum4(udp(5353, 53, "0123456789abcdefghijklmnopqrstuv".getBytes()), 6, CLIENT, SERVER, UDP);
        byte[] in = ipv4(0, 0xabcd, 0x2000, 64, UDP, CLIENT, SERVER, new byte[0], Pkt.slice(whole, 0, 16));
        xlat.translate4to6(in, 0, in.length, POOL_NN, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        assertEquals(48, r.l4Offset());
        byte[] out = ip(r);
        assertEquals(40 + 8 + 16, out.length);
        assertEquals(24, Pkt.u16(out, 4));                                 // payload length counts the fragment header
        assertEquals(44, out[6]);                                          // next header: fragment
        // Fragment header: next header UDP, offset 0, M 1, identification 0x0000abcd (RFC 7915 4.1).
        assertArrayEquals(hex("11 00 0001 0000abcd"), Pkt.slice(out, 40, 8));
        // The checksum covers the whole datagram: reassemble and verify over the IPv6 pseudo-header.
        byte[] reassembled = cat(Pkt.slice(out, 48, 16), Pkt.slice(whole, 16, whole.length - 16));
        assertEquals(0, RefChecksum.of(RefChecksum.pseudo6(out, 8, UDP, reassembled.length), reassembled));
    }

    @Test
    public void laterFragment() {
        byte[] data = "later fragment data".getBytes();
        byte[] in = ipv4(0, 0xabcd, 2, 64, UDP, CLIENT, SERVER, new byte[0], data);      // offset 2 (16 bytes), last
        xlat.translate4to6(in, 0, in.length, POOL, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        assertEquals(-1, r.l4Offset());
        assertEquals(UDP, r.protocol());
        byte[] out = ip(r);
        assertArrayEquals(hex("11 00 0010 0000abcd"), Pkt.slice(out, 40, 8));
        assertArrayEquals(data, Pkt.slice(out, 48, data.length));
    }

    @Test
    public void fragmentsMustBeConsistent() {
        // MF with a payload that is not a multiple of 8; offset + length beyond 65535.
        byte[] odd = ipv4(0, 1, 0x2000, 64, UDP, CLIENT, SERVER, new byte[0], new byte[13]);
        xlat.translate4to6(odd, 0, odd.length, POOL, 0, r);
        assertEquals(DropReason.MALFORMED, r.reason());
        byte[] far = ipv4(0, 1, 0x1fff, 64, UDP, CLIENT, SERVER, new byte[0], new byte[16]);
        xlat.translate4to6(far, 0, far.length, POOL, 0, r);
        assertEquals(DropReason.MALFORMED, r.reason());
        // A first fragment too short for the TCP header (RFC 1858).
        byte[] tiny = ipv4(0, 1, 0x2000, 64, TCP, CLIENT, SERVER, new byte[0], new byte[8]);
        xlat.translate4to6(tiny, 0, tiny.length, POOL, 0, r);
        assertEquals(DropReason.MALFORMED, r.reason());
    }

    @Test
    public void tooBigWithDf() {
        Translator small = new Translator(1500, 1280);
        byte[] fits = tcpPacket(64, new byte[0], new byte[1260 - 40]);       // 1260 -> 1280
        small.translate4to6(fits, 0, fits.length, POOL, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        assertEquals(1280, r.ipLength());
        byte[] big = tcpPacket(64, new byte[0], new byte[1261 - 40]);        // 1261 -> 1281
        small.translate4to6(big, 0, big.length, POOL, 0, r);
        assertEquals(XlatResult.Kind.ICMP_ERROR, r.kind());
        assertEquals(DropReason.PACKET_TOO_BIG, r.reason());
        byte[] out = ip(r);
        assertEquals(576, out.length);                                     // RFC 1812 4.3.2.3
        assertArrayEquals(hex("03 04"), Pkt.slice(out, 20, 2));            // fragmentation needed
        assertEquals(1260, Pkt.u16(out, 26));                              // next-hop MTU = ipv6Mtu - 20
        assertArrayEquals(Pkt.slice(big, 0, 548), Pkt.slice(out, 28, 548));
        Pkt.assertIpv4HeaderValid(out);
        Pkt.assertL4Valid4(out, ICMP);
    }

    @Test
    public void withoutDfNoFragmentHeader() {
        // RFC 7915 4.1: "the translator MUST NOT include the Fragment Header for the
        // non-fragmented IPv6 packets" when DF is clear.
        byte[] t = csum4(tcp(1, 2, 3, 4, 0x10, 5, new byte[0], new byte[10]), 16, CLIENT, SERVER, TCP);
        byte[] in = ipv4(0, 0x5555, 0, 64, TCP, CLIENT, SERVER, new byte[0], t);
        xlat.translate4to6(in, 0, in.length, POOL, 0, r);
        byte[] out = ip(r);
        assertEquals(TCP, out[6]);
        assertEquals(40 + 30, out.length);
        assertEquals(40, r.l4Offset());
    }

    @Test
    public void tooBigWithoutDf() {
        byte[] t = csum4(tcp(1, 2, 3, 4, 0x10, 5, new byte[0], new byte[1300]), 16, CLIENT, SERVER, TCP);
        byte[] in = ipv4(0, 9, 0, 64, TCP, CLIENT, SERVER, new byte[0], t);
        new Translator(1500, 1280).translate4to6(in, 0, in.length, POOL, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
        assertEquals(DropReason.PACKET_TOO_BIG, r.reason());
    }

    @Test
    public void udpChecksumUpdated() {
        byte[] u = csum4(udp(5353, 53, "query".getBytes()), 6, CLIENT, SERVER, UDP);
        byte[] in = ipv4(64, UDP, CLIENT, SERVER, u);
        xlat.translate4to6(in, 0, in.length, POOL_NN, 0, r);
        byte[] out = ip(r);
        assertEquals(UDP, r.protocol());
        Pkt.assertL4Valid6(out, UDP);
        assertArrayEquals(Pkt.slice(in, 20, 6), Pkt.slice(out, 40, 6));  // ports and length untouched
    }

    @Test
    public void udpZeroChecksumComputed() {
        byte[] u = udp(5353, 53, "no checksum".getBytes());              // checksum 0: none (RFC 768)
        byte[] in = ipv4(64, UDP, CLIENT, SERVER, u);
        xlat.translate4to6(in, 0, in.length, POOL_NN, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        byte[] out = ip(r);
        Pkt.assertL4Valid6(out, UDP);
        byte[] ref = csum6(udp(5353, 53, "no checksum".getBytes()), 6, Pkt.slice(out, 8, 16),
                           Pkt.slice(out, 24, 16), UDP);
        assertArrayEquals(ref, Pkt.slice(out, 40, ref.length));
        // RFC 7915 4.5: a fragment cannot get a checksum; dropped.
        byte[] frag = ipv4(0, 5, 0x2000, 64, UDP, CLIENT, SERVER, new byte[0], Pkt.slice(cat(u, new byte[8]), 0, 16));
        xlat.translate4to6(frag, 0, frag.length, POOL, 0, r);
        assertEquals(DropReason.FRAGMENT, r.reason());
    }

    @Test
    public void udpComputedZeroIsSentAsFfff() {
        // Search a payload whose IPv6 UDP checksum computes to 0, so RFC 768's rule applies.
        byte[] src6 = v6("2001:db8:46::c000:221");
        byte[] dst6 = v6("2001:db8:46::c633:6407");
        for (int x = 0; x < 0x10000; x++) {
            byte[] u = udp(1000, 2000, new byte[] {(byte) (x >>> 8), (byte) x});
            byte[] pseudoSum = cat(RefChecksum.pseudo6(cat(src6, dst6), 0, UDP, u.length), u);
            if (RefChecksum.of(pseudoSum) != 0) {
                continue;
            }
            byte[] in = ipv4(64, UDP, CLIENT, SERVER, u);                  // sent without a checksum
            xlat.translate4to6(in, 0, in.length, POOL_NN, 0, r);
            assertEquals(0xffff, Pkt.u16(ip(r), 46));
            return;
        }
        throw new AssertionError("no payload with checksum 0 found");
    }

    @Test
    public void wrongChecksumStaysWrong() {
        byte[] in = tcpPacket(64, MSS_1400, "x".getBytes());
        Pkt.put16(in, 36, Pkt.u16(in, 36) ^ 0x0100);                       // corrupt the TCP checksum
        int errIn = RefChecksum.of(RefChecksum.pseudo4(in, 12, TCP, 25), Pkt.slice(in, 20, 25));
        assertNotEquals(0, errIn);
        xlat.translate4to6(in, 0, in.length, POOL_NN, 0, r);
        byte[] out = ip(r);
        // The verification over the new pseudo-header fails by exactly the same amount.
        assertEquals(errIn, RefChecksum.of(RefChecksum.pseudo6(out, 8, TCP, 25), Pkt.slice(out, 40, 25)));
    }

    @Test
    public void mssClamped() {
        byte[] in = tcpPacket(64, hex("020405b4"), new byte[0]);           // MSS 1460
        xlat.translate4to6(in, 0, in.length, POOL_NN, 0, r);
        byte[] out = ip(r);
        assertEquals(1440, Pkt.u16(out, 40 + 22));                         // ipv6Mtu 1500 - 60
        Pkt.assertL4Valid6(out, TCP);
        // MSS after a NOP: its value sits at an odd offset of the header.
        byte[] odd = tcpPacket(64, hex("01020405b4000000"), new byte[0]);
        new Translator(1500, 1400).translate4to6(odd, 0, odd.length, POOL_NN, 0, r);
        out = ip(r);
        assertEquals(1340, Pkt.u16(out, 40 + 23));
        Pkt.assertL4Valid6(out, TCP);
    }

    @Test
    public void headroomAndLinkPaddingIgnored() {
        byte[] pkt = tcpPacket(64, MSS_1400, new byte[0]);
        byte[] in = cat(hex("ffffffffffff"), pkt, new byte[10]);          // junk before, Ethernet padding after
        xlat.translate4to6(in, 6, pkt.length + 10, POOL, 18, r);
        assertEquals(18, r.ipOffset());
        assertEquals(18 + 64, r.packet().length);
        assertEquals(64, r.ipLength());
    }

    @Test
    public void structuralErrors() {
        byte[] ok = tcpPacket(64, MSS_1400, new byte[0]);
        byte[] v = ok.clone();
        v[0] = 0x65;                                                       // version 6 in an IPv4 call
        expectDrop(v, DropReason.MALFORMED);
        byte[] ihl = ok.clone();
        ihl[0] = 0x44;                                                     // IHL 16 bytes
        expectDrop(ihl, DropReason.MALFORMED);
        byte[] csum = ok.clone();
        csum[11] ^= 1;
        expectDrop(csum, DropReason.BAD_IP_CHECKSUM);
        byte[] loop = ipv4(64, TCP, v4("127.0.0.1"), SERVER, Pkt.slice(ok, 20, 24));
        expectDrop(loop, DropReason.UNMAPPABLE_ADDRESS);
        byte[] bcast = ipv4(64, TCP, v4("255.255.255.255"), SERVER, Pkt.slice(ok, 20, 24));
        expectDrop(bcast, DropReason.UNMAPPABLE_ADDRESS);
        byte[] doff = tcpPacket(64, MSS_1400, new byte[0]);
        doff[32] = (byte) 0x40;                                            // data offset 16 < 20
        expectDrop(doff, DropReason.MALFORMED);
        byte[] ulen = ipv4(64, UDP, CLIENT, SERVER, csum4(udp(1, 2, new byte[4]), 6, CLIENT, SERVER, UDP));
        Pkt.put16(ulen, 24, 13);                                           // UDP length beyond the packet
        expectDrop(ulen, DropReason.MALFORMED);
    }

    @Test
    public void unmappableAddresses() {
        Pool6Mapper eamOnly = Pool6Mapper.of(null, List.of("192.0.2.0/24=2001:db8:1::/120"));
        byte[] in = tcpPacket(64, MSS_1400, new byte[0]);
        xlat.translate4to6(in, 0, in.length, eamOnly, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
        assertEquals(DropReason.UNMAPPABLE_ADDRESS, r.reason());
    }

    @Test
    public void badArguments() {
        byte[] in = tcpPacket(64, MSS_1400, new byte[0]);
        xlat.translate4to6(null, 0, 10, POOL, 0, r);
        assertEquals(DropReason.MALFORMED, r.reason());
        xlat.translate4to6(in, 10, in.length, POOL, 0, r);
        assertEquals(DropReason.MALFORMED, r.reason());
        xlat.translate4to6(in, -1, 4, POOL, 0, r);
        assertEquals(DropReason.MALFORMED, r.reason());
        xlat.translate4to6(in, 0, in.length, null, 0, r);
        assertEquals(DropReason.INTERNAL_ERROR, r.reason());
        xlat.translate4to6(in, 0, in.length, POOL, -1, r);
        assertEquals(DropReason.INTERNAL_ERROR, r.reason());
        xlat.translate4to6(in, 0, in.length, POOL, 0, null);             // nothing to report into, no throw
    }

    @Test
    public void optionsWalkedPastTheFirst() {
        // RFC 7915 4.1: the source route check must find an LSRR behind a NOP (and behind other
        // options), not only in the first option slot.
        byte[] t = csum4(tcp(1, 2, 3, 4, 0x10, 5, new byte[0], new byte[0]), 16, CLIENT, SERVER, TCP);
        for (String opts : new String[] {"01 83 07 04 0a000001", "88 04 0001 83 07 04 0a000001 000000"}) {
            byte[] clean = ipv4(0, 0, 0, 64, TCP, CLIENT, SERVER, new byte[0], t);
            xlat.translate4to6(clean, 0, clean.length, POOL, 0, r);
            assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
            byte[] in = ipv4(0, 0, 0, 64, TCP, CLIENT, SERVER, hex(opts), t);
            xlat.translate4to6(in, 0, in.length, POOL, 0, r);
            assertEquals(opts, XlatResult.Kind.ICMP_ERROR, r.kind());
            assertEquals(opts, DropReason.SOURCE_ROUTE, r.reason());
        }
    }

    @Test
    public void otherTransportsCopied() {
        // RFC 7915 4.1 "Next Header" and 4.5: GRE (47), DCCP (33) and No Next Header (59) cross
        // with their number and payload unchanged; a fragment of one gets a fragment header.
        for (int proto : new int[] {47, 33, 59}) {
            byte[] payload = proto == 59 ? new byte[0] : hex("00000800 45000000 deadbeef");
            byte[] in = ipv4(0, 0, 0x4000, 64, proto, CLIENT, SERVER, new byte[0], payload);
            xlat.translate4to6(in, 0, in.length, POOL, 0, r);
            assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
            assertEquals(proto, r.protocol());
            assertArrayEquals(ipv6(0, 0, proto, 63, CLIENT6, SERVER6, payload), ip(r));
        }
        byte[] frag = ipv4(0, 0x4242, 0x2000, 64, 33, CLIENT, SERVER, new byte[0], new byte[16]);
        xlat.translate4to6(frag, 0, frag.length, POOL, 0, r);
        assertArrayEquals(ipv6(0, 0, 44, 63, CLIENT6, SERVER6, cat(hex("21 00 0001 00004242"), new byte[16])),
                          ip(r));
    }

    /**
     * Found by fuzzing (tools/fuzztest, TranslatorFuzzTest#roundTrip4to6to4): an IPv4 packet
     * with protocol 0 (or 43, 44, 60, 135, 140, or 58: ICMPv6) crossed with that number as its
     * Next Header, so the IPv6 receiver parsed the IPv4 payload as an extension header (here: a
     * fragment header the client wrote) or an ICMPv6 message. These numbers have no IPv4
     * meaning: dropped, counted.
     */
    @Test
    public void ipv6ExtensionHeaderNumbersAreNotTranslated() {
        byte[] fakeFragmentHeader = hex("06000001 00004242 00000000");
        for (int proto : new int[] {0, 43, 44, 60, 135, 140, 58}) {
            byte[] in = ipv4(0, 0, 0x4000, 64, proto, CLIENT, SERVER, new byte[0], fakeFragmentHeader);
            expectDrop(in, DropReason.UNSUPPORTED_PROTOCOL);
        }
        // AH and HIP mean the same over IPv4 and IPv6: copied (RFC 7915 4.1).
        for (int proto : new int[] {51, 139}) {
            byte[] in = ipv4(0, 0, 0x4000, 64, proto, CLIENT, SERVER, new byte[0], fakeFragmentHeader);
            xlat.translate4to6(in, 0, in.length, POOL, 0, r);
            assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
            assertEquals(proto, r.protocol());
        }
    }

    @Test
    public void fragmentEndBeyond65535() {
        // RFC 791: offset (8189 units = 65512 bytes) + 24 bytes > 65535.
        byte[] in = ipv4(0, 7, 8189, 64, UDP, CLIENT, SERVER, new byte[0], new byte[24]);
        expectDrop(in, DropReason.MALFORMED);
        byte[] fits = ipv4(0, 7, 8189, 64, UDP, CLIENT, SERVER, new byte[0], new byte[23]);
        xlat.translate4to6(fits, 0, fits.length, POOL, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
    }

    private void expectDrop(byte[] in, DropReason why) {
        // The result object is reused (per thread in production): load a translation first, so
        // that a missing drop() cannot pass by leaving an earlier result in place.
        byte[] ok = tcpPacket(64, MSS_1400, new byte[0]);
        xlat.translate4to6(ok, 0, ok.length, POOL, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        xlat.translate4to6(in, 0, in.length, POOL, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
        assertEquals(why, r.reason());
        assertEquals(null, r.packet());
    }

    static byte[] csum4Icmp(byte[] icmp) {
        return Pkt.icmp4csum(icmp);
    }
}
