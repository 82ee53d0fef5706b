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
package org.v6proxy.tools.xlat;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * {@link XlatMain} run in-process on packet files.
 */
public class XlatMainTest {

    // IPv4 192.0.2.33:50000 -> 198.51.100.7:80 SYN, MSS 1400, TOS 0x28, TTL 64 (checksums by hand).
    private static final byte[] SYN4 = hex("4528002c 12344000 40063c14 c0000221 c6336407"
                                           + "c3500050 00001000 00000000 6002faf0 dd740000 02040578");
    // Its RFC 7915 translation with pool6 64:ff9b::/96 (hop limit 63).
    private static final byte[] SYN6 = hex("62800000 0018063f 0064ff9b 00000000 00000000 c0000221"
                                           + "0064ff9b 00000000 00000000 c6336407"
                                           + "c3500050 00001000 00000000 6002faf0 dd740000 02040578");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return XlatMain.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    private String err() {
        return new String(err.toByteArray(), StandardCharsets.UTF_8);
    }

    private Path file(byte[] content) throws IOException {
        Path p = tmp.newFile().toPath();
        Files.write(p, content);
        return p;
    }

    private Path outPath() {
        return tmp.getRoot().toPath().resolve("out-" + System.nanoTime());
    }

    @Test
    public void argumentErrors() throws IOException {
        Path in = file(SYN4);
        String o = outPath().toString();
        assertEquals(2, run());
        assertTrue(err(), err().contains("usage: xlat"));
        assertEquals(2, run(in.toString()));
        assertEquals(2, run("--bogus", in.toString(), o));
        assertTrue(err(), err().contains("unknown option --bogus"));
        assertEquals(2, run(in.toString(), o, "--pool6"));
        assertTrue(err(), err().contains("--pool6 needs a value"));
        assertEquals(2, run("--ipv4-mtu", "big", in.toString(), o));
        assertTrue(err(), err().contains("not a number: 'big'"));
        assertEquals(2, run("--ipv6-mtu", "1000", in.toString(), o));
        assertTrue(err(), err().contains("ipv6Mtu must be 1280..65535"));
        assertEquals(2, run("--pool6", "64:ff9b::/80", in.toString(), o));
        assertTrue(err(), err().contains("64:ff9b::/80"));
        assertEquals(2, run("--eam", "192.0.2.0/24=2001:db8::/64", in.toString(), o));
        assertTrue(err(), err().contains("suffix lengths differ"));
        assertEquals(2, run(tmp.getRoot().toPath().resolve("missing").toString(), o));
        assertTrue(err(), err().contains("cannot read"));
        assertEquals(0, run("--help"));
    }

    @Test
    public void tcpSynRoundTrip() throws IOException {
        Path in = file(SYN4);
        Path mid = outPath();
        assertEquals(0, run(in.toString(), mid.toString()));
        assertArrayEquals(SYN6, Files.readAllBytes(mid));
        assertTrue(new String(out.toByteArray(), StandardCharsets.UTF_8).contains("translated IPv4 -> IPv6, 64 bytes"));
        Path back = outPath();
        assertEquals(0, run("--pool6", "64:ff9b::/96", mid.toString(), back.toString()));
        byte[] b = Files.readAllBytes(back);
        // Back in IPv4 (RFC 7915 5.1): 44 bytes <= 1260, so DF clear, no offset, and an identification
        // from the translator's generator (not checked); TTL 62, the same TCP segment.
        assertArrayEquals(hex("4528002c"), java.util.Arrays.copyOf(b, 4));
        assertArrayEquals(hex("0000 3e06"), java.util.Arrays.copyOfRange(b, 6, 10));
        assertArrayEquals(java.util.Arrays.copyOfRange(SYN4, 12, 44), java.util.Arrays.copyOfRange(b, 12, 44));
        assertEquals(0xffff, sum(b, 0, 20));                               // header checksum verifies
    }

    @Test
    public void icmpEcho() throws IOException {
        // ICMP echo request 192.0.2.33 -> 198.51.100.7, id 0x1234 seq 1, "ping".
        byte[] icmp = hex("0800 0000 1234 0001 70696e67");
        putChecksum(icmp, 2, sum(icmp, 0, icmp.length));
        byte[] ip = concat(hex("45000020 00004000 40010000 c0000221 c6336407"), icmp);
        putChecksum(ip, 10, sum(ip, 0, 20));
        Path o = outPath();
        assertEquals(0, run("--eam", "198.51.100.0/24=2001:db8:6::/120", "--pool6", "2001:db8:46::/96",
                            file(ip).toString(), o.toString()));
        byte[] v6 = Files.readAllBytes(o);
        assertEquals(40 + 12, v6.length);
        assertEquals(58, v6[6]);                                           // next header ICMPv6
        assertArrayEquals(hex("20010db8 00460000 00000000 c0000221 20010db8 00060000 00000000 00000007"),
                          java.util.Arrays.copyOfRange(v6, 8, 40));
        assertEquals(128, v6[40] & 0xff);                                  // echo request
        // ICMPv6 checksum over the pseudo-header verifies.
        byte[] pseudo = concat(java.util.Arrays.copyOfRange(v6, 8, 40), hex("0000000c 0000003a"));
        assertEquals(0xffff, add(sum(pseudo, 0, pseudo.length), sum(v6, 40, 12)));
    }

    @Test
    public void dropsAndErrors() throws IOException {
        Path o = outPath();
        assertEquals(1, run(file(new byte[0]).toString(), o.toString()));
        assertTrue(err(), err().contains("dropped: malformed"));
        assertEquals(1, run(file(java.util.Arrays.copyOf(SYN4, 30)).toString(), o.toString()));
        assertTrue(err(), err().contains("dropped: malformed"));
        assertEquals(1, run("--eam", "10.0.0.0/8=2001:db8::/104", file(SYN4).toString(), o.toString()));
        assertTrue(err(), err().contains("dropped: unmappable-address"));
        assertFalse(Files.exists(o));
        // TTL 1: the ICMPv4 time exceeded the translator would send back is written.
        byte[] ttl1 = SYN4.clone();
        ttl1[8] = 1;
        ttl1[10] = 0;
        ttl1[11] = 0;
        putChecksum(ttl1, 10, sum(ttl1, 0, 20));
        assertEquals(0, run(file(ttl1).toString(), o.toString()));
        byte[] icmp = Files.readAllBytes(o);
        assertEquals(20 + 8 + 44, icmp.length);
        assertEquals(11, icmp[20]);
        assertTrue(new String(out.toByteArray(), StandardCharsets.UTF_8).contains("ttl-expired"));
    }

    @Test
    public void tooBigWithoutDfIsFragmented() throws IOException {
        // RFC 7915 4.1: IPv4 packet of 1261 bytes, DF clear, ID 1234, toward an IPv6 MTU of 1280:
        // two IPv6 fragments, 1280 bytes (1232 data) and 57 bytes (offset 1232, the last 9).
        byte[] tcp = new byte[1241];
        byte[] hdr = hex("c3500050 00001000 00000000 5010faf0 00000000");
        System.arraycopy(hdr, 0, tcp, 0, 20);
        for (int i = 20; i < tcp.length; i++) {
            tcp[i] = (byte) i;
        }
        byte[] pseudo4 = concat(hex("c0000221 c6336407 0006"),
                                new byte[] {(byte) (tcp.length >>> 8), (byte) tcp.length});
        putChecksum(tcp, 16, add(sum(pseudo4, 0, pseudo4.length), sum(tcp, 0, tcp.length)));
        byte[] ip = concat(hex("450004ed 04d20000 40060000 c0000221 c6336407"), tcp);
        putChecksum(ip, 10, sum(ip, 0, 20));
        Path o = outPath();
        assertEquals(0, run("--ipv6-mtu", "1280", file(ip).toString(), o.toString()));
        byte[] both = Files.readAllBytes(o);
        assertEquals(1280 + 57, both.length);
        byte[] first = java.util.Arrays.copyOf(both, 1280);
        byte[] last = java.util.Arrays.copyOfRange(both, 1280, both.length);
        assertEquals(1240, (first[4] & 0xff) << 8 | (first[5] & 0xff));     // payload length
        assertEquals(44, first[6]);
        assertArrayEquals(hex("06 00 0001 000004d2"), java.util.Arrays.copyOfRange(first, 40, 48));
        assertEquals(17, (last[4] & 0xff) << 8 | (last[5] & 0xff));
        assertArrayEquals(hex("06 00 04d0 000004d2"), java.util.Arrays.copyOfRange(last, 40, 48));  // 1232, last
        // Reassembled, the TCP segment verifies over the IPv6 pseudo-header.
        byte[] seg = concat(java.util.Arrays.copyOfRange(first, 48, 1280), java.util.Arrays.copyOfRange(last, 48, 57));
        assertEquals(tcp.length, seg.length);
        byte[] pseudo6 = concat(java.util.Arrays.copyOfRange(first, 8, 40),
                                concat(hex("0000"), hex(String.format("%04x 000000 06", seg.length))));
        assertEquals(0xffff, add(sum(pseudo6, 0, pseudo6.length), sum(seg, 0, seg.length)));
        assertTrue(new String(out.toByteArray(), StandardCharsets.UTF_8).contains("offset 1232, last"));
        // With DF the sender gets Fragmentation Needed instead.
        byte[] df = ip.clone();
        df[6] = 0x40;
        df[10] = 0;
        df[11] = 0;
        putChecksum(df, 10, sum(df, 0, 20));
        assertEquals(0, run("--ipv6-mtu", "1280", file(df).toString(), o.toString()));
        byte[] fn = Files.readAllBytes(o);
        assertArrayEquals(hex("0304"), java.util.Arrays.copyOfRange(fn, 20, 22));
        assertArrayEquals(hex("04ec"), java.util.Arrays.copyOfRange(fn, 26, 28));   // MTU 1260
    }

    @Test
    public void otherTransportsAndNoNextHeader() throws IOException {
        // RFC 7915 4.1 / 5.1: DCCP (33) keeps its number and bytes; No Next Header (59) too.
        byte[] ip = hex("45000018 00014000 40210000 c0000221 c6336407 01020304");
        putChecksum(ip, 10, sum(ip, 0, 20));
        Path o = outPath();
        assertEquals(0, run(file(ip).toString(), o.toString()));
        byte[] v6 = Files.readAllBytes(o);
        assertArrayEquals(hex("60000000 0004213f"), java.util.Arrays.copyOf(v6, 8));
        assertArrayEquals(hex("01020304"), java.util.Arrays.copyOfRange(v6, 40, 44));
        byte[] none = hex("60000000 00003b40 0064ff9b 00000000 00000000 c6336407"
                          + "0064ff9b 00000000 00000000 c0000221");
        assertEquals(0, run(file(none).toString(), o.toString()));
        byte[] v4 = Files.readAllBytes(o);
        assertEquals(20, v4.length);
        assertEquals(59, v4[9]);
        assertArrayEquals(hex("0000"), java.util.Arrays.copyOfRange(v4, 6, 8));        // DF clear (5.1)
        assertEquals(0xffff, sum(v4, 0, 20));
    }

    @Test
    public void fragmentHeaderGivesIdentification() throws IOException {
        // RFC 7915 5.1.1: an ICMPv6 echo behind a fragment header (offset 0, M 0, ID 0x01020408):
        // identification 0x0408, DF clear, MF clear, offset 0.
        byte[] echo = hex("8000 0000 0001 0001");
        byte[] ip6 = concat(hex("60000000 00102c40 0064ff9b 00000000 00000000 c6336407"
                                + "0064ff9b 00000000 00000000 c0000221 3a000000 01020408"), echo);
        byte[] pseudo = concat(java.util.Arrays.copyOfRange(ip6, 8, 40), hex("00000008 0000003a"));
        putChecksum(ip6, 50, add(sum(pseudo, 0, pseudo.length), sum(echo, 0, 8)));
        Path o = outPath();
        assertEquals(0, run(file(ip6).toString(), o.toString()));
        byte[] v4 = Files.readAllBytes(o);
        assertArrayEquals(hex("4500001c 04080000 3f01"), java.util.Arrays.copyOf(v4, 10));
        assertEquals(0xffff, sum(v4, 20, 8));                                   // ICMPv4 checksum
    }

    /**
     * RFC 7915 4.2 with RFC 4884: a router's ICMPv4 Time Exceeded (the traceroute answer) with a
     * 128-octet original datagram (length attribute 32 words) and an MPLS label stack extension
     * (RFC 4950) becomes ICMPv6 Time Exceeded whose translated datagram (40 + 108 bytes) is
     * padded to 152 bytes, length attribute 19 (64-bit words), and the extension follows as it was.
     */
    @Test
    public void icmpExtensionIsCarried() throws IOException {
        // The quoted packet: 192.0.2.33 -> 198.51.100.7 UDP 50000 -> 53, 128 bytes (100 of data).
        byte[] quote = concat(hex("45000080 00014000 3f110000 c0000221 c6336407 c3500035 006c0000"), new byte[100]);
        putChecksum(quote, 10, sum(quote, 0, 20));
        byte[] ext = hex("20000000 00080101 00010101");
        putChecksum(ext, 2, sum(ext, 0, ext.length));
        byte[] icmp = concat(concat(hex("0b000000 00200000"), quote), ext);
        putChecksum(icmp, 2, sum(icmp, 0, icmp.length));
        byte[] ip = concat(hex("450000a8 00004000 40010000 cb007101 c0000221"), icmp);
        putChecksum(ip, 10, sum(ip, 0, 20));
        Path o = outPath();
        assertEquals(0, run("--pool6", "64:ff9b::/96", file(ip).toString(), o.toString()));
        byte[] v6 = Files.readAllBytes(o);
        assertEquals(40 + 8 + 152 + 12, v6.length);
        assertArrayEquals(hex("0300"), java.util.Arrays.copyOfRange(v6, 40, 42));
        assertEquals(19, v6[44]);
        assertArrayEquals(hex("6000 0000 006c 113f"), java.util.Arrays.copyOfRange(v6, 48, 56));
        assertArrayEquals(new byte[4], java.util.Arrays.copyOfRange(v6, 196, 200));
        assertArrayEquals(ext, java.util.Arrays.copyOfRange(v6, 200, 212));
        byte[] pseudo = concat(java.util.Arrays.copyOfRange(v6, 8, 40), hex("000000ac 0000003a"));
        assertEquals(0xffff, add(sum(pseudo, 0, pseudo.length), sum(v6, 40, 172)));
    }

    private static int add(int a, int b) {
        int s = a + b;
        return (s & 0xffff) + (s >>> 16);
    }

    /** One's complement sum written out simply (test-only reference). */
    private static int sum(byte[] b, int off, int len) {
        long s = 0;
        for (int i = 0; i < len; i++) {
            s += (i % 2 == 0 ? (b[off + i] & 0xff) << 8 : b[off + i] & 0xff);
        }
        while (s > 0xffff) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) s;
    }

    private static void putChecksum(byte[] b, int off, int sum) {
        int c = ~sum & 0xffff;
        b[off] = (byte) (c >>> 8);
        b[off + 1] = (byte) c;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] hex(String s) {
        String h = s.replaceAll("\\s", "");
        byte[] r = new byte[h.length() / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return r;
    }
}
