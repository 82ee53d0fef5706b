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
import org.v6proxy.packet.Checksum;

import java.util.Arrays;
import java.util.Random;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.xlate.Pkt.TCP;
import static org.v6proxy.xlate.Pkt.UDP;
import static org.v6proxy.xlate.Pkt.assertIpv4HeaderValid;
import static org.v6proxy.xlate.Pkt.assertL4Valid4;
import static org.v6proxy.xlate.Pkt.assertL4Valid6;
import static org.v6proxy.xlate.Pkt.cat;
import static org.v6proxy.xlate.Pkt.csum4;
import static org.v6proxy.xlate.Pkt.csum6;
import static org.v6proxy.xlate.Pkt.ipv4;
import static org.v6proxy.xlate.Pkt.ipv6;
import static org.v6proxy.xlate.Pkt.put16;
import static org.v6proxy.xlate.Pkt.slice;
import static org.v6proxy.xlate.Pkt.tcp;
import static org.v6proxy.xlate.Pkt.udp;
import static org.v6proxy.xlate.Pkt.v4;
import static org.v6proxy.xlate.Pkt.v6;

/**
 * The per-connection template must produce exactly what the full translator
 * (plus the port change the proxy applies) produces, and step aside for
 * everything the translator treats specially.
 */
public class FlowTemplateTest {
    private static final int CLIENT = v4("198.51.100.7");
    private static final int VIP = v4("203.0.113.10");
    private static final byte[] CLIENT6 = v6("2001:db8:46::c633:6407");
    private static final byte[] BACKEND6 = v6("2001:db8:cafe::80");
    private static final int CLIENT_PORT = 40000;
    private static final int VIP_PORT = 80;
    private static final int BACKEND_PORT = 8080;
    private static final int HEADROOM = 14;

    /**
     * The fast path and the full translator each draw identifications for DF-clear packets
     * (RFC 7915 5.1) from their translator's generator: two translators with equally seeded
     * generators, called in the same order, give the same identifications.
     */
    private final Translator xlat = Pkt.seeded(1500, 1500);
    private final Translator xlatTwin = Pkt.seeded(1500, 1500);
    private final FlowTemplate flow = new FlowTemplate(CLIENT, VIP, CLIENT6, BACKEND6, VIP_PORT, BACKEND_PORT);
    private final FlowTemplate samePort = new FlowTemplate(CLIENT, VIP, CLIENT6, BACKEND6, VIP_PORT, VIP_PORT);

    /** Maps exactly this connection's addresses, as the proxy's mapper does. */
    private static final AddressMapper MAPPER = new AddressMapper() {
        @Override
        public boolean map4to6(int a, byte[] out, int off) {
            byte[] src = a == CLIENT ? CLIENT6 : a == VIP ? BACKEND6 : null;
            if (src == null) {
                return false;
            }
            System.arraycopy(src, 0, out, off, 16);
            return true;
        }

        @Override
        public long map6to4(byte[] in, int off) {
            byte[] a = Arrays.copyOfRange(in, off, off + 16);
            return Arrays.equals(a, CLIENT6) ? CLIENT & 0xffffffffL
                    : Arrays.equals(a, BACKEND6) ? VIP & 0xffffffffL : -1;
        }
    };

    private static byte[] fromClient(int tos, int ttl, int flags, byte[] data) {
        byte[] t = csum4(tcp(CLIENT_PORT, VIP_PORT, 0x01020304, 0x0a0b0c0d, flags, 501, new byte[0], data), 16,
                         CLIENT, VIP, TCP);
        return ipv4(tos, 0x1234, 0x4000, ttl, TCP, CLIENT, VIP, new byte[0], t);
    }

    private static byte[] fromBackend(int tc, int hop, int flags, byte[] data) {
        byte[] t = csum6(tcp(BACKEND_PORT, CLIENT_PORT, 0x0a0b0c0d, 0x01020304, flags, 502, new byte[0], data), 16,
                         BACKEND6, CLIENT6, TCP);
        return ipv6(tc, 0x12345, TCP, hop, BACKEND6, CLIENT6, t);
    }

    /** The full translator's answer plus the proxy's port rewrite, or null if it does not translate. */
    private byte[] slow4to6(Translator t, byte[] in, int fromPort, int toPort) {
        XlatResult r = new XlatResult();
        t.translate4to6(in, 0, in.length, MAPPER, HEADROOM, r);
        if (r.kind() != XlatResult.Kind.TRANSLATED) {
            return null;
        }
        byte[] out = r.packet();
        if (fromPort != toPort) {
            put16(out, r.l4Offset() + 2, toPort);
            Checksum.replace16(out, r.l4Offset() + 16, fromPort, toPort);
        }
        return out;
    }

    private byte[] slow6to4(Translator t, byte[] in, int fromPort, int toPort) {
        XlatResult r = new XlatResult();
        t.translate6to4(in, 0, in.length, MAPPER, HEADROOM, r);
        if (r.kind() != XlatResult.Kind.TRANSLATED) {
            return null;
        }
        byte[] out = r.packet();
        if (fromPort != toPort) {
            put16(out, r.l4Offset(), toPort);
            Checksum.replace16(out, r.l4Offset() + 16, fromPort, toPort);
        }
        return out;
    }

    @Test
    public void clientSegmentBuiltFromScratch() {
        byte[] data = "GET / HTTP/1.1\r\n\r\n".getBytes();
        byte[] out = flow.clientToBackend(xlat, fromClient(0xb8, 64, 0x18, data), 0, 1500, HEADROOM);
        assertNotNull(out);
        // Independent expectation: RFC 7915 4.1 header, backend port, checksum from scratch (RFC 1071).
        byte[] expected = ipv6(0xb8, 0, TCP, 63, CLIENT6, BACKEND6,
                               csum6(tcp(CLIENT_PORT, BACKEND_PORT, 0x01020304, 0x0a0b0c0d, 0x18, 501,
                                         new byte[0], data), 16, CLIENT6, BACKEND6, TCP));
        assertArrayEquals(expected, slice(out, HEADROOM, out.length - HEADROOM));
        assertL4Valid6(slice(out, HEADROOM, out.length - HEADROOM), TCP);
    }

    @Test
    public void backendSegmentBuiltFromScratch() {
        byte[] data = "HTTP/1.1 200 OK\r\n\r\n".getBytes();
        byte[] out = flow.backendToClient(xlat, fromBackend(0x28, 64, 0x18, data), 0, 1500, HEADROOM);
        assertNotNull(out);
        // RFC 7915 5.1: 59 bytes <= 1260: DF clear, the generator's identification.
        byte[] expected = ipv4(0x28, Pkt.twinIds().next(VIP, CLIENT, TCP), 0, 63, TCP, VIP, CLIENT, new byte[0],
                               csum4(tcp(VIP_PORT, CLIENT_PORT, 0x0a0b0c0d, 0x01020304, 0x18, 502, new byte[0],
                                         data), 16, VIP, CLIENT, TCP));
        byte[] ip = slice(out, HEADROOM, out.length - HEADROOM);
        assertArrayEquals(expected, ip);
        assertIpv4HeaderValid(ip);
        assertL4Valid4(ip, TCP);
    }

    @Test
    public void sameBytesAsTheTranslatorForManySegments() {
        Random rnd = new Random(7915);
        Translator noTos = new Translator(1500, 1400, false, true, Pkt.twinIds());
        Translator noTosTwin = new Translator(1500, 1400, false, true, Pkt.twinIds());
        for (int i = 0; i < 2000; i++) {
            byte[] data = new byte[rnd.nextInt(1400)];
            rnd.nextBytes(data);
            int flags = rnd.nextInt(0x100) & ~0x02;
            boolean copyTos = rnd.nextBoolean();
            Translator t = copyTos ? xlat : noTos;
            Translator twin = copyTos ? xlatTwin : noTosTwin;
            FlowTemplate f = rnd.nextBoolean() ? flow : samePort;
            int port = f == flow ? BACKEND_PORT : VIP_PORT;

            byte[] in4 = fromClient(rnd.nextInt(256), 2 + rnd.nextInt(254), flags, data);
            byte[] fast = f.clientToBackend(t, in4, 0, in4.length, HEADROOM);
            byte[] slow = slow4to6(twin, in4, VIP_PORT, port);
            assertArrayEquals("4to6 #" + i, slow, fast);

            byte[] t6 = csum6(tcp(port, CLIENT_PORT, rnd.nextInt(), rnd.nextInt(), flags, rnd.nextInt(65536),
                                  new byte[0], data), 16, BACKEND6, CLIENT6, TCP);
            byte[] in6 = ipv6(rnd.nextInt(256), rnd.nextInt(1 << 20), TCP, 2 + rnd.nextInt(254), BACKEND6, CLIENT6,
                              t6);
            assertArrayEquals("6to4 #" + i, slow6to4(twin, in6, port, VIP_PORT),
                              f.backendToClient(t, in6, 0, in6.length, HEADROOM));
        }
    }

    @Test
    public void damagedPacketsAreEitherLeftToTheTranslatorOrTranslatedAlike() {
        Random rnd = new Random(1624);
        int fastCount = 0;
        for (int i = 0; i < 20000; i++) {
            byte[] data = new byte[rnd.nextInt(64)];
            rnd.nextBytes(data);
            byte[] in = rnd.nextBoolean() ? fromClient(0, 64, 0x10, data) : fromBackend(0, 64, 0x10, data);
            boolean v4 = (in[0] >>> 4) == 4;
            // One to three random bytes of the headers changed.
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                in[rnd.nextInt(Math.min(in.length, 60))] = (byte) rnd.nextInt(256);
            }
            int len = rnd.nextInt(8) == 0 ? rnd.nextInt(in.length + 1) : in.length;
            byte[] cut = Arrays.copyOf(in, len);
            byte[] fast = v4 ? flow.clientToBackend(xlat, cut, 0, len, HEADROOM)
                    : flow.backendToClient(xlat, cut, 0, len, HEADROOM);
            if (fast != null) {
                fastCount++;
                byte[] slow = v4 ? slow4to6(xlatTwin, cut, VIP_PORT, BACKEND_PORT)
                        : slow6to4(xlatTwin, cut, BACKEND_PORT, VIP_PORT);
                assertArrayEquals("case " + i, slow, fast);
            }
        }
        // Many changes (payload-free bytes such as sequence numbers) still translate.
        assertTrue(fastCount > 1000);
    }

    @Test
    public void specialSegmentsAreLeftToTheTranslator() {
        byte[] data = new byte[10];
        assertNull("SYN: MSS clamping", flow.clientToBackend(xlat, fromClient(0, 64, 0x02, data), 0, 70, 0));
        assertNull("TTL 1", flow.clientToBackend(xlat, fromClient(0, 1, 0x10, data), 0, 70, 0));
        assertNull("hop limit 1", flow.backendToClient(xlat, fromBackend(0, 1, 0x10, data), 0, 70, 0));
        assertNull("SYN-ACK", flow.backendToClient(xlat, fromBackend(0, 64, 0x12, data), 0, 70, 0));

        byte[] t = csum4(tcp(CLIENT_PORT, VIP_PORT, 1, 2, 0x10, 3, new byte[0], data), 16, CLIENT, VIP, TCP);
        byte[] opts = ipv4(0, 1, 0x4000, 64, TCP, CLIENT, VIP, new byte[]{1, 1, 1, 0}, t);
        assertNull("IPv4 options", flow.clientToBackend(xlat, opts, 0, opts.length, 0));
        byte[] frag = ipv4(0, 1, 0x2000, 64, TCP, CLIENT, VIP, new byte[0], t);
        assertNull("first fragment", flow.clientToBackend(xlat, frag, 0, frag.length, 0));
        byte[] badSum = fromClient(0, 64, 0x10, data);
        badSum[10] ^= 1;
        assertNull("IPv4 header checksum", flow.clientToBackend(xlat, badSum, 0, badSum.length, 0));
        byte[] other = ipv4(64, TCP, v4("198.51.100.8"), VIP, t);
        assertNull("another client", flow.clientToBackend(xlat, other, 0, other.length, 0));
        byte[] udp4 = ipv4(64, UDP, CLIENT, VIP, udp(CLIENT_PORT, VIP_PORT, data));
        assertNull("UDP", flow.clientToBackend(xlat, udp4, 0, udp4.length, 0));
        byte[] big = fromClient(0, 64, 0x10, new byte[1460]);
        assertNull("over the IPv6 MTU", flow.clientToBackend(new Translator(1500, 1280), big, 0, big.length, 0));
        byte[] truncated = fromClient(0, 64, 0x10, data);
        assertNull("shorter than its total length",
                   flow.clientToBackend(xlat, truncated, 0, truncated.length - 1, 0));

        byte[] t6 = csum6(tcp(BACKEND_PORT, CLIENT_PORT, 1, 2, 0x10, 3, new byte[0], data), 16, BACKEND6, CLIENT6,
                          TCP);
        byte[] ext = ipv6(0, 0, 60, 64, BACKEND6, CLIENT6, cat(new byte[]{6, 0, 1, 4, 0, 0, 0, 0}, t6));
        assertNull("extension header", flow.backendToClient(xlat, ext, 0, ext.length, 0));
        byte[] stranger = ipv6(0, 0, TCP, 64, v6("2001:db8:cafe::81"), CLIENT6, t6);
        assertNull("another backend", flow.backendToClient(xlat, stranger, 0, stranger.length, 0));
        byte[] big6 = fromBackend(0, 64, 0x10, new byte[1460]);
        assertNull("over the IPv4 MTU", flow.backendToClient(new Translator(1280, 1500), big6, 0, big6.length, 0));
    }

    @Test
    public void everyPrefixLengthGivesTheTranslatorsBytes() {
        // RFC 6052 section 2.2: the client's address sits in a different place for each length
        // (and bits 64..71, the u octet, stay zero). Fast path and full translator (with an
        // RFC 6052 mapper for the prefix and the VIP->backend mapping) agree byte for byte,
        // both directions, small (DF clear) and large (DF set) segments.
        for (String prefix : new String[] {"2001:db8::/32", "2001:db8:4600::/40", "2001:db8:46::/48",
                                           "2001:db8:46:4600::/56", "2001:db8:46:46::/64", "2001:db8:46::/96"}) {
            int len = Integer.parseInt(prefix.substring(prefix.indexOf('/') + 1));
            byte[] client6 = new byte[16];
            Rfc6052.embed(v6(prefix.substring(0, prefix.indexOf('/'))), len, CLIENT, client6, 0);
            assertEquals(prefix, 0, client6[8]);                                          // u octet
            Pool6Mapper pool = Pool6Mapper.of(prefix, java.util.List.of("203.0.113.10=2001:db8:cafe::80"));
            FlowTemplate f = new FlowTemplate(CLIENT, VIP, client6, BACKEND6, VIP_PORT, VIP_PORT);
            Translator fast = Pkt.seeded(1500, 1500);
            Translator full = Pkt.seeded(1500, 1500);
            for (int n : new int[] {0, 100, 1220, 1400}) {
                byte[] data = new byte[n];
                Arrays.fill(data, (byte) n);
                byte[] t4 = csum4(tcp(CLIENT_PORT, VIP_PORT, 7, 8, 0x18, 501, new byte[0], data), 16, CLIENT, VIP,
                                  TCP);
                byte[] in4 = ipv4(0, 0x1234, 0x4000, 64, TCP, CLIENT, VIP, new byte[0], t4);
                XlatResult r = new XlatResult();
                full.translate4to6(in4, 0, in4.length, pool, HEADROOM, r);
                byte[] fast6 = f.clientToBackend(fast, in4, 0, in4.length, HEADROOM);
                assertArrayEquals(prefix + " 4to6 " + n, r.packet(), fast6);
                assertArrayEquals(prefix, client6, slice(fast6, HEADROOM + 8, 16));
                byte[] t6 = csum6(tcp(VIP_PORT, CLIENT_PORT, 9, 10, 0x18, 502, new byte[0], data), 16, BACKEND6,
                                  client6, TCP);
                byte[] in6 = ipv6(0, 0, TCP, 64, BACKEND6, client6, t6);
                full.translate6to4(in6, 0, in6.length, pool, HEADROOM, r);
                byte[] fast4 = f.backendToClient(fast, in6, 0, in6.length, HEADROOM);
                assertArrayEquals(prefix + " 6to4 " + n, r.packet(), fast4);
                assertEquals(prefix, CLIENT, Pkt.v4(fast4, HEADROOM + 16));                // to the client
                assertEquals(prefix + " DF", n + 40 > Translator.DF_THRESHOLD ? 0x4000 : 0,
                             Pkt.u16(fast4, HEADROOM + 6));
            }
        }
    }

    @Test
    public void connectionsTheTranslatorWouldRefuseNeverTakeTheShortcut() {
        FlowTemplate loopback = new FlowTemplate(v4("127.0.0.1"), VIP, CLIENT6, BACKEND6, VIP_PORT, VIP_PORT);
        byte[] t = csum4(tcp(1, VIP_PORT, 1, 2, 0x10, 3, new byte[0], new byte[4]), 16, v4("127.0.0.1"), VIP, TCP);
        byte[] in = ipv4(64, TCP, v4("127.0.0.1"), VIP, t);
        assertNull(loopback.clientToBackend(xlat, in, 0, in.length, 0));
        assertEquals(null, slow4to6(xlat, in, VIP_PORT, VIP_PORT));
    }

    /**
     * The fast path's size limits are the translator's (RFC 7915 4.1 / 5.1: a packet whose
     * translation is exactly the MTU is forwarded), and its output is the same whether the
     * IPv4 header fits in front of the segment in the input array or not (headroom 0..64,
     * the segment at offset 40 of the input).
     */
    @Test
    public void exactMtuAndAnyHeadroomGiveTheTranslatorsBytes() {
        Translator small6 = new Translator(1500, 1400, true, true, Pkt.twinIds());
        Translator small6Twin = new Translator(1500, 1400, true, true, Pkt.twinIds());
        byte[] fits = fromClient(0, 64, 0x10, new byte[1400 - 60]);
        byte[] fast = flow.clientToBackend(small6, fits, 0, fits.length, HEADROOM);
        assertNotNull(fast);
        assertArrayEquals(slow4to6(small6Twin, fits, VIP_PORT, BACKEND_PORT), fast);
        byte[] over = fromClient(0, 64, 0x10, new byte[1400 - 59]);
        assertNull(flow.clientToBackend(small6, over, 0, over.length, HEADROOM));

        Translator small4 = new Translator(1400, 1500, true, true, Pkt.twinIds());
        Translator small4Twin = new Translator(1400, 1500, true, true, Pkt.twinIds());
        byte[] fits6 = fromBackend(0, 64, 0x10, new byte[1400 - 40]);
        fast = flow.backendToClient(small4, fits6, 0, fits6.length, HEADROOM);
        assertNotNull(fast);
        assertArrayEquals(slow6to4(small4Twin, fits6, BACKEND_PORT, VIP_PORT), fast);
        byte[] over6 = fromBackend(0, 64, 0x10, new byte[1400 - 39]);
        assertNull(flow.backendToClient(small4, over6, 0, over6.length, HEADROOM));

        byte[] seg = fromBackend(0x28, 64, 0x18, "HTTP/1.1 200 OK\r\n\r\n".getBytes());
        for (int headroom : new int[] {0, 19, 20, 21, 64}) {
            Translator t = Pkt.seeded(1500, 1500);
            Translator twin = Pkt.seeded(1500, 1500);
            byte[] in = seg.clone();
            byte[] out = flow.backendToClient(t, in, 0, in.length, headroom);
            XlatResult r = new XlatResult();
            twin.translate6to4(seg, 0, seg.length, MAPPER, headroom, r);
            byte[] expected = r.packet();
            put16(expected, r.l4Offset(), VIP_PORT);
            Checksum.replace16(expected, r.l4Offset() + 16, BACKEND_PORT, VIP_PORT);
            assertArrayEquals("headroom " + headroom, expected, out);
            assertArrayEquals("input left alone, headroom " + headroom, seg, in);
        }
    }
}
