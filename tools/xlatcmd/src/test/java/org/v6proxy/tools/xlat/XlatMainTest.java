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
        // Back in IPv4: identification 0 and DF (RFC 7915 5.1), TTL 62, the same TCP segment.
        assertArrayEquals(hex("4528002c 00004000 3e06"), java.util.Arrays.copyOf(b, 10));
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
