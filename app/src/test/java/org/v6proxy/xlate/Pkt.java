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

import com.google.common.net.InetAddresses;
import org.v6proxy.packet.RefChecksum;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

import static org.junit.Assert.assertEquals;

/**
 * Test packet builder. Everything here is written from the RFCs directly (no use of the
 * flyweights under test); checksums come from {@link RefChecksum}.
 */
final class Pkt {

    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP = 1;
    static final int ICMPV6 = 58;

    /** Seed of the tests' Fragment Identification generators (reproducible identifications). */
    static final long ID_SEED = 7915;

    private Pkt() {
    }

    /** A translator whose Fragment Identification generator is seeded with {@link #ID_SEED}. */
    static Translator seeded(int ipv4Mtu, int ipv6Mtu) {
        return new Translator(ipv4Mtu, ipv6Mtu, true, true, new FragmentIds(new Random(ID_SEED)));
    }

    /** A fresh generator like the one of {@link #seeded}: its n-th value is the translator's n-th. */
    static FragmentIds twinIds() {
        return new FragmentIds(new Random(ID_SEED));
    }

    /** A copy of an IPv4 packet with identification and flags/offset replaced, header checksum recomputed. */
    static byte[] idFlags4(byte[] ip4, int id, int flagsFrag) {
        byte[] c = ip4.clone();
        put16(c, 4, id);
        put16(c, 6, flagsFrag);
        put16(c, 10, 0);
        int ihl = (c[0] & 0x0f) * 4;
        put16(c, 10, RefChecksum.of(Arrays.copyOf(c, ihl)));
        return c;
    }

    static int v4(String dotted) {
        byte[] b = InetAddresses.forString(dotted).getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /** The IPv4 address at b[off]. */
    static int v4(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    static byte[] v4b(int a) {
        return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
    }

    static byte[] v6(String text) {
        return InetAddresses.forString(text).getAddress();
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.write(p, 0, p.length);
        }
        return o.toByteArray();
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    /** IPv4 packet with a correct header checksum. */
    static byte[] ipv4(int tos, int id, int flagsFrag, int ttl, int proto, int src, int dst, byte[] options,
                       byte[] payload) {
        int ihl = 20 + options.length;
        byte[] h = new byte[ihl];
        h[0] = (byte) (0x40 | ihl / 4);
        h[1] = (byte) tos;
        put16(h, 2, ihl + payload.length);
        put16(h, 4, id);
        put16(h, 6, flagsFrag);
        h[8] = (byte) ttl;
        h[9] = (byte) proto;
        System.arraycopy(v4b(src), 0, h, 12, 4);
        System.arraycopy(v4b(dst), 0, h, 16, 4);
        System.arraycopy(options, 0, h, 20, options.length);
        put16(h, 10, RefChecksum.of(h));
        return cat(h, payload);
    }

    /** IPv4 packet, DF set, id 0, no options. */
    static byte[] ipv4(int ttl, int proto, int src, int dst, byte[] payload) {
        return ipv4(0, 0, 0x4000, ttl, proto, src, dst, new byte[0], payload);
    }

    /** IPv6 packet; payload includes any extension headers. */
    static byte[] ipv6(int tc, int flow, int nh, int hop, byte[] src, byte[] dst, byte[] payload) {
        byte[] h = new byte[40];
        int w = 6 << 28 | (tc & 0xff) << 20 | flow & 0xfffff;
        h[0] = (byte) (w >>> 24);
        h[1] = (byte) (w >>> 16);
        h[2] = (byte) (w >>> 8);
        h[3] = (byte) w;
        put16(h, 4, payload.length);
        h[6] = (byte) nh;
        h[7] = (byte) hop;
        System.arraycopy(src, 0, h, 8, 16);
        System.arraycopy(dst, 0, h, 24, 16);
        return cat(h, payload);
    }

    /** TCP segment with checksum 0 (fill it with csum4 / csum6). */
    static byte[] tcp(int sport, int dport, int seq, int ack, int flags, int window, byte[] options, byte[] data) {
        int hl = 20 + options.length;
        byte[] t = new byte[hl + data.length];
        put16(t, 0, sport);
        put16(t, 2, dport);
        t[4] = (byte) (seq >>> 24);
        t[5] = (byte) (seq >>> 16);
        t[6] = (byte) (seq >>> 8);
        t[7] = (byte) seq;
        t[8] = (byte) (ack >>> 24);
        t[9] = (byte) (ack >>> 16);
        t[10] = (byte) (ack >>> 8);
        t[11] = (byte) ack;
        t[12] = (byte) (hl / 4 << 4);
        t[13] = (byte) flags;
        put16(t, 14, window);
        System.arraycopy(options, 0, t, 20, options.length);
        System.arraycopy(data, 0, t, hl, data.length);
        return t;
    }

    static byte[] udp(int sport, int dport, byte[] data) {
        byte[] u = new byte[8 + data.length];
        put16(u, 0, sport);
        put16(u, 2, dport);
        put16(u, 4, u.length);
        System.arraycopy(data, 0, u, 8, data.length);
        return u;
    }

    static byte[] icmp(int type, int code, int rest, byte[] data) {
        byte[] i = new byte[8 + data.length];
        i[0] = (byte) type;
        i[1] = (byte) code;
        i[4] = (byte) (rest >>> 24);
        i[5] = (byte) (rest >>> 16);
        i[6] = (byte) (rest >>> 8);
        i[7] = (byte) rest;
        System.arraycopy(data, 0, i, 8, data.length);
        return i;
    }

    /** Fills the checksum at csumOff of an upper-layer message over the IPv4 pseudo-header. */
    static byte[] csum4(byte[] l4, int csumOff, int src, int dst, int proto) {
        put16(l4, csumOff, 0);
        int c = RefChecksum.of(RefChecksum.pseudo4(cat(v4b(src), v4b(dst)), 0, proto, l4.length), l4);
        put16(l4, csumOff, proto == UDP && c == 0 ? 0xffff : c);
        return l4;
    }

    /** Fills the checksum at csumOff of an upper-layer message over the IPv6 pseudo-header. */
    static byte[] csum6(byte[] l4, int csumOff, byte[] src, byte[] dst, int nh) {
        put16(l4, csumOff, 0);
        int c = RefChecksum.of(RefChecksum.pseudo6(cat(src, dst), 0, nh, l4.length), l4);
        put16(l4, csumOff, nh == UDP && c == 0 ? 0xffff : c);
        return l4;
    }

    /** Fills an ICMPv4 checksum (no pseudo-header). */
    static byte[] icmp4csum(byte[] icmp) {
        put16(icmp, 2, 0);
        put16(icmp, 2, RefChecksum.of(icmp));
        return icmp;
    }

    static byte[] slice(byte[] b, int off, int len) {
        return Arrays.copyOfRange(b, off, off + len);
    }

    /** The IP packet a result holds, without headroom. */
    static byte[] ip(XlatResult r) {
        return slice(r.packet(), r.ipOffset(), r.ipLength());
    }

    /** Asserts the IPv4 header checksum is right (reference sums to zero). */
    static void assertIpv4HeaderValid(byte[] p) {
        int ihl = (p[0] & 0x0f) * 4;
        assertEquals("IPv4 header checksum", 0, RefChecksum.of(slice(p, 0, ihl)));
    }

    /** Asserts the upper-layer checksum of an IPv4 packet (no options) verifies. */
    static void assertL4Valid4(byte[] p, int proto) {
        int total = u16(p, 2);
        int ihl = (p[0] & 0x0f) * 4;
        byte[] l4 = slice(p, ihl, total - ihl);
        byte[] pseudo = proto == ICMP ? new byte[0] : RefChecksum.pseudo4(p, 12, proto, l4.length);
        assertEquals("L4 checksum over IPv4", 0, RefChecksum.of(pseudo, l4));
    }

    /** Asserts the upper-layer checksum of an IPv6 packet with no extension headers verifies. */
    static void assertL4Valid6(byte[] p, int nh) {
        byte[] l4 = slice(p, 40, p.length - 40);
        assertEquals("L4 checksum over IPv6", 0, RefChecksum.of(RefChecksum.pseudo6(p, 8, nh, l4.length), l4));
    }

    static byte[] hex(String s) {
        return RefChecksum.hex(s);
    }
}
