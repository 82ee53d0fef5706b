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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.xlate.Pkt.ICMP;
import static org.v6proxy.xlate.Pkt.ICMPV6;
import static org.v6proxy.xlate.Pkt.TCP;
import static org.v6proxy.xlate.Pkt.UDP;
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
import static org.v6proxy.xlate.Pkt.tcp;
import static org.v6proxy.xlate.Pkt.udp;

/**
 * Never throws, whatever the input: truncation at every length (with and without the
 * length fields following), random corruption (seeded), random bytes; round trips.
 */
public class TranslatorRobustnessTest {

    private static final int C = IcmpXlatTest.CLIENT;
    private static final int V = IcmpXlatTest.VIP;
    private static final int R4 = IcmpXlatTest.ROUTER4;
    private static final byte[] C6 = IcmpXlatTest.CLIENT6;
    private static final byte[] B6 = IcmpXlatTest.BACKEND6;
    private static final byte[] R6 = IcmpXlatTest.ROUTER6;
    private static final Pool6Mapper M = IcmpXlatTest.MAPPER;
    private static final int HEADROOM = 14;

    private final Translator xlat = new Translator(1500, 1500);
    private final XlatResult r = new XlatResult();

    static List<byte[]> corpus4() {
        List<byte[]> l = new ArrayList<>();
        byte[] syn = csum4(tcp(50000, 80, 1, 0, 0x02, 1000, hex("020405b4 01030307 0402 080a0000000100000000 0000"),
                               new byte[0]), 16, C, V, TCP);
        l.add(ipv4(64, TCP, C, V, syn));
        l.add(ipv4(64, TCP, C, V, csum4(tcp(1, 2, 3, 4, 0x18, 5, new byte[0], new byte[100]), 16, C, V, TCP)));
        l.add(ipv4(64, UDP, C, V, csum4(udp(1, 53, new byte[30]), 6, C, V, UDP)));
        l.add(ipv4(64, UDP, C, V, udp(1, 53, new byte[31])));                            // zero checksum
        l.add(ipv4(0, 77, 0x2000, 64, UDP, C, V, new byte[0],
                   csum4(udp(1, 53, new byte[8]), 6, C, V, UDP)));                      // first fragment
        l.add(ipv4(0, 77, 0x0003, 64, UDP, C, V, new byte[0], new byte[13]));           // last fragment
        l.add(ipv4(0, 0, 0x4000, 64, TCP, C, V, hex("0707040000000000"),
                   csum4(tcp(1, 2, 3, 4, 0x10, 5, new byte[0], new byte[3]), 16, C, V, TCP)));
        l.add(ipv4(0, 0, 0, 64, TCP, C, V, hex("8307040a00000100"),
                   csum4(tcp(1, 2, 3, 4, 0x10, 5, new byte[0], new byte[3]), 16, C, V, TCP)));
        l.add(ipv4(64, ICMP, C, V, icmp4csum(icmp(8, 0, 0x10002, new byte[20]))));
        byte[] inner = ipv4(0, 0, 0x4000, 60, UDP, V, C, new byte[0], csum4(udp(53, 9, new byte[12]), 6, V, C, UDP));
        l.add(ipv4(64, ICMP, C, V, icmp4csum(icmp(3, 3, 0, inner))));
        byte[] innerTcp = ipv4(0, 0, 0x4000, 60, TCP, V, C, new byte[0],
                               csum4(tcp(80, 9, 1, 2, 0x10, 3, new byte[0], new byte[40]), 16, V, C, TCP));
        l.add(ipv4(64, ICMP, R4, V, icmp4csum(icmp(3, 4, 1400, innerTcp))));
        l.add(ipv4(64, ICMP, R4, V, icmp4csum(icmp(12, 0, 9 << 24, innerTcp))));
        byte[] innerEcho = ipv4(0, 0, 0x4000, 60, ICMP, V, C, new byte[0], icmp4csum(icmp(0, 0, 5, new byte[6])));
        l.add(ipv4(64, ICMP, R4, V, icmp4csum(icmp(11, 0, 0, innerEcho))));
        l.add(ipv4(1, TCP, C, V, syn));                                                  // TTL expired
        return l;
    }

    static List<byte[]> corpus6() {
        List<byte[]> l = new ArrayList<>();
        byte[] syn = csum6(tcp(80, 50000, 1, 2, 0x12, 1000, hex("020405b4 01030307"), new byte[0]), 16, B6, C6, TCP);
        l.add(ipv6(0, 0, TCP, 64, B6, C6, syn));
        l.add(ipv6(0, 0, UDP, 64, B6, C6, csum6(udp(53, 1, new byte[30]), 6, B6, C6, UDP)));
        l.add(ipv6(0, 0, 0, 64, B6, C6, cat(hex("3c 00 01 04 00000000 2b 00 01 04 00000000 06 00 00 00 00000000"),
                                            syn)));
        l.add(ipv6(0, 0, 43, 64, B6, C6, cat(hex("06 02 00 01 00000000"), new byte[16], syn)));
        l.add(ipv6(0, 0, 44, 64, B6, C6, cat(hex("11 00 0001 01020304"), slice(csum6(udp(53, 1, new byte[30]), 6,
                                                                                       B6, C6, UDP), 0, 16))));
        l.add(ipv6(0, 0, 44, 64, B6, C6, cat(hex("11 00 0010 01020304"), new byte[13])));
        l.add(ipv6(0, 0, ICMPV6, 64, B6, C6, csum6(icmp(128, 0, 7, new byte[10]), 2, B6, C6, ICMPV6)));
        byte[] inner = ipv6(0, 0, UDP, 60, C6, B6, csum6(udp(9, 53, new byte[12]), 6, C6, B6, UDP));
        l.add(ipv6(0, 0, ICMPV6, 64, B6, C6, csum6(icmp(1, 4, 0, inner), 2, B6, C6, ICMPV6)));
        byte[] innerFrag = ipv6(0, 0, 44, 60, C6, B6, cat(hex("06 00 0001 00000009"),
                                                         tcp(9, 80, 1, 2, 0x10, 3, new byte[0], new byte[16])));
        l.add(ipv6(0, 0, ICMPV6, 64, R6, C6, csum6(icmp(2, 0, 1400, innerFrag), 2, R6, C6, ICMPV6)));
        l.add(ipv6(0, 0, ICMPV6, 64, R6, C6, csum6(icmp(4, 0, 7, inner), 2, R6, C6, ICMPV6)));
        byte[] innerEcho = ipv6(0, 0, ICMPV6, 60, C6, B6, csum6(icmp(128, 0, 5, new byte[6]), 2, C6, B6, ICMPV6));
        l.add(ipv6(0, 0, ICMPV6, 64, R6, C6, csum6(icmp(3, 0, 0, innerEcho), 2, R6, C6, ICMPV6)));
        l.add(ipv6(0, 0, TCP, 1, B6, C6, syn));                                          // hop limit expired
        return l;
    }

    @Test
    public void corpusTranslatesOrAnswers() {
        for (byte[] p : corpus4()) {
            xlat.translate4to6(p, 0, p.length, M, HEADROOM, r);
            assertTrue(r.toString(), r.kind() != XlatResult.Kind.DROPPED);
            assertConsistent(r);
        }
        for (byte[] p : corpus6()) {
            xlat.translate6to4(p, 0, p.length, M, HEADROOM, r);
            assertTrue(r.toString(), r.kind() != XlatResult.Kind.DROPPED);
            assertConsistent(r);
        }
    }

    @Test
    public void truncatedAtEveryLengthIsMalformed() {
        for (byte[] p : corpus4()) {
            for (int len = 0; len < p.length; len++) {
                xlat.translate4to6(p, 0, len, M, HEADROOM, r);
                assertEquals(DropReason.MALFORMED, r.reason());
                byte[] cut = Arrays.copyOf(p, len);
                xlat.translate4to6(cut, 0, p.length, M, HEADROOM, r);      // claims more than the array has
                assertEquals(DropReason.MALFORMED, r.reason());
            }
        }
        for (byte[] p : corpus6()) {
            for (int len = 0; len < p.length; len++) {
                xlat.translate6to4(p, 0, len, M, HEADROOM, r);
                assertEquals(DropReason.MALFORMED, r.reason());
                xlat.translate6to4(Arrays.copyOf(p, len), 0, p.length, M, HEADROOM, r);
                assertEquals(DropReason.MALFORMED, r.reason());
            }
        }
    }

    @Test
    public void truncatedWithConsistentLengthFieldsNeverThrows() {
        // The IP length fields are fixed up, so the cut reaches the transport and embedded headers.
        for (byte[] p : corpus4()) {
            int ihl = (p[0] & 0x0f) * 4;
            for (int len = ihl; len < p.length; len++) {
                byte[] cut = Arrays.copyOf(p, len);
                Pkt.put16(cut, 2, len);
                Pkt.put16(cut, 10, 0);
                Pkt.put16(cut, 10, RefChecksum.of(slice(cut, 0, ihl)));
                xlat.translate4to6(cut, 0, len, M, HEADROOM, r);
                assertConsistent(r);
            }
        }
        for (byte[] p : corpus6()) {
            for (int len = 40; len < p.length; len++) {
                byte[] cut = Arrays.copyOf(p, len);
                Pkt.put16(cut, 4, len - 40);
                xlat.translate6to4(cut, 0, len, M, HEADROOM, r);
                assertConsistent(r);
            }
        }
    }

    @Test
    public void randomCorruptionNeverThrows() {
        Random rnd = new Random(7915);
        List<byte[]> c4 = corpus4();
        List<byte[]> c6 = corpus6();
        int[] kinds = new int[3];
        for (int i = 0; i < 60000; i++) {
            boolean four = rnd.nextBoolean();
            List<byte[]> c = four ? c4 : c6;
            byte[] p = c.get(rnd.nextInt(c.size())).clone();
            int flips = 1 + rnd.nextInt(4);
            for (int f = 0; f < flips; f++) {
                // Mostly the first 100 bytes, where the headers are.
                int at = rnd.nextInt(Math.min(p.length, rnd.nextBoolean() ? 100 : p.length));
                p[at] = (byte) rnd.nextInt(256);
            }
            if (four && rnd.nextBoolean() && (p[0] & 0x0f) >= 5 && (p[0] & 0x0f) * 4 <= p.length) {
                int ihl = (p[0] & 0x0f) * 4;                               // make the header checksum pass
                Pkt.put16(p, 10, 0);
                Pkt.put16(p, 10, RefChecksum.of(slice(p, 0, ihl)));
            }
            int len = rnd.nextInt(8) == 0 ? rnd.nextInt(p.length + 1) : p.length;
            if (four) {
                xlat.translate4to6(p, 0, len, M, HEADROOM, r);
            } else {
                xlat.translate6to4(p, 0, len, M, HEADROOM, r);
            }
            assertConsistent(r);
            kinds[r.kind().ordinal()]++;
        }
        // The corruption must not only produce drops: the deeper paths are exercised too.
        assertTrue(Arrays.toString(kinds), kinds[0] > 1000 && kinds[2] > 1000);
    }

    @Test
    public void randomBytesNeverThrow() {
        Random rnd = new Random(6052);
        for (int i = 0; i < 20000; i++) {
            byte[] p = new byte[rnd.nextInt(120)];
            rnd.nextBytes(p);
            if (p.length > 0) {
                p[0] = (byte) ((rnd.nextBoolean() ? 0x40 : 0x60) | (p[0] & 0x0f));
            }
            int off = p.length == 0 ? 0 : rnd.nextInt(p.length);
            xlat.translate4to6(p, off, p.length - off, M, HEADROOM, r);
            assertConsistent(r);
            xlat.translate6to4(p, off, p.length - off, M, HEADROOM, r);
            assertConsistent(r);
        }
    }

    @Test
    public void roundTrip4to6to4() {
        byte[][] packets = {
            ipv4(64, TCP, C, V, csum4(tcp(50000, 80, 1, 0, 0x02, 1000, hex("02040400"), new byte[0]), 16, C, V, TCP)),
            ipv4(64, UDP, C, V, csum4(udp(1, 53, "round trip".getBytes()), 6, C, V, UDP)),
            ipv4(64, ICMP, C, V, icmp4csum(icmp(8, 0, 0x10002, new byte[20]))),
        };
        for (byte[] p : packets) {
            xlat.translate4to6(p, 0, p.length, M, 0, r);
            byte[] mid = ip(r);
            xlat.translate6to4(mid, 0, mid.length, M, 0, r);
            byte[] back = ip(r);
            // Two routers passed; back in IPv4 the packet is small: DF clear, and the identification
            // is the generator's (RFC 7915 5.1), which cannot be the sender's.
            byte[] expected = Pkt.idFlags4(p, Pkt.u16(back, 4), 0);
            expected[8] -= 2;
            Pkt.put16(expected, 10, 0);
            Pkt.put16(expected, 10, RefChecksum.of(slice(expected, 0, 20)));
            assertArrayEquals(expected, back);
        }
        // A fragment keeps identification, offset and MF (DF is cleared by 5.1.1).
        byte[] frag = ipv4(0, 0x4321, 0x2000 | 5, 64, UDP, C, V, new byte[0], new byte[24]);
        xlat.translate4to6(frag, 0, frag.length, M, 0, r);
        byte[] mid = ip(r);
        xlat.translate6to4(mid, 0, mid.length, M, 0, r);
        assertArrayEquals(slice(frag, 4, 4), slice(ip(r), 4, 4));
        assertArrayEquals(slice(frag, 20, 24), slice(ip(r), 20, 24));
    }

    @Test
    public void roundTrip6to4to6() {
        byte[] syn = csum6(tcp(80, 50000, 1, 2, 0x12, 1000, hex("02040400"), new byte[0]), 16, B6, C6, TCP);
        byte[] p = ipv6(0x20, 0, TCP, 64, B6, C6, syn);
        xlat.translate6to4(p, 0, p.length, M, 0, r);
        byte[] mid = ip(r);
        xlat.translate4to6(mid, 0, mid.length, M, 0, r);
        byte[] expected = p.clone();
        expected[7] -= 2;
        assertArrayEquals(expected, ip(r));
    }

    /** Whatever came out is a well-formed result. */
    static void assertConsistent(XlatResult r) {
        assertNotNull(r.kind());
        if (r.kind() == XlatResult.Kind.DROPPED) {
            assertNull(r.packet());
            assertNotNull(r.reason());
            return;
        }
        assertEquals(HEADROOM, r.ipOffset());
        assertEquals(r.packet().length, HEADROOM + r.ipLength());
        byte[] p = ip(r);
        int version = (p[0] & 0xff) >>> 4;
        if (version == 4) {
            assertEquals(p.length, Pkt.u16(p, 2));
            Pkt.assertIpv4HeaderValid(p);
        } else {
            assertEquals(6, version);
            assertEquals(p.length, Pkt.u16(p, 4) + 40);
        }
        assertTrue(r.l4Offset() == -1 || r.l4Offset() >= HEADROOM + 20 && r.l4Offset() < r.packet().length);
        // RFC 7915 4.1 / 5.1: any transport crosses; the reported one is the one in the header.
        if (version == 4 && r.kind() == XlatResult.Kind.TRANSLATED) {
            assertEquals(p[9] & 0xff, r.protocol());
        }
        assertTrue(r.protocol() >= 0 && r.protocol() <= 0xff);
        if (r.kind() == XlatResult.Kind.ICMP_ERROR) {
            assertNotNull(r.reason());
            if (version == 4) {
                Pkt.assertL4Valid4(p, ICMP);
            } else {
                Pkt.assertL4Valid6(p, ICMPV6);
            }
        } else {
            assertNull(r.reason());
        }
    }
}
