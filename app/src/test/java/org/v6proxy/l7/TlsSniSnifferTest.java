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
package org.v6proxy.l7;

import org.junit.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.l7.SniffChecks.assertEverySplit;
import static org.v6proxy.l7.SniffChecks.assertNeverMatches;
import static org.v6proxy.l7.SniffChecks.assertTruncationsNoMatch;
import static org.v6proxy.l7.SniffChecks.feed;
import static org.v6proxy.l7.SniffChecks.finish;
import static org.v6proxy.l7.SniffChecks.firstDecision;
import static org.v6proxy.l7.SniffChecks.hex;

/**
 * Tests of {@link TlsSniSniffer}.
 */
public class TlsSniSnifferTest {

    private static final SniffStatus MATCHED = SniffStatus.MATCHED;
    private static final SniffStatus NO_MATCH = SniffStatus.NO_MATCH;
    private static final SniffStatus NEED_MORE = SniffStatus.NEED_MORE;

    /** Fragment lengths that split the big ClientHello into 2 and 3 records (the 3-record one splits the header). */
    private static final int[] TWO_RECORDS = {700};
    private static final int[] THREE_RECORDS = {2, 1200};

    private static byte[] bigHello() {
        return new ClientHelloBuilder().build();
    }

    private static void assertMatchesOnlyWhenComplete(byte[] stream, String name) {
        assertEverySplit(TlsSniSniffer::new, stream, stream.length, MATCHED, name);
        assertTruncationsNoMatch(TlsSniSniffer::new, stream, stream.length);
    }

    @Test
    public void builderMakesBrowserSizedHello() {
        byte[] msg = bigHello();
        // A 1.8 KB message: more than one Ethernet-sized TCP segment.
        assertTrue("length " + msg.length, msg.length > 1750 && msg.length < 1850);
        assertEquals(1, msg[0]);
        assertEquals(msg.length - 4, ((msg[1] & 0xff) << 16) | ((msg[2] & 0xff) << 8) | (msg[3] & 0xff));
    }

    @Test
    public void sniAfterLargeKeyShareInOneRecord() {
        assertMatchesOnlyWhenComplete(ClientHelloBuilder.records(bigHello()), "a.example");
    }

    @Test
    public void sniAfterLargeKeyShareInTwoRecords() {
        assertMatchesOnlyWhenComplete(ClientHelloBuilder.records(bigHello(), TWO_RECORDS), "a.example");
    }

    @Test
    public void sniAfterLargeKeyShareInThreeRecordsWithHeaderSplit() {
        assertMatchesOnlyWhenComplete(ClientHelloBuilder.records(bigHello(), THREE_RECORDS), "a.example");
    }

    @Test
    public void sniFirstInManyTinyRecords() {
        byte[] msg = new ClientHelloBuilder().serverNameFirst().alpnCount(0).build();
        int[] ones = new int[40];
        Arrays.fill(ones, 1);
        assertMatchesOnlyWhenComplete(ClientHelloBuilder.records(msg, ones), "a.example");
    }

    @Test
    public void nameIsLowerCasedAndTrailingDotDropped() {
        byte[] s = ClientHelloBuilder.records(new ClientHelloBuilder().serverName("WWW.A-1.Example.").build());
        Sniffer t = new TlsSniSniffer();
        assertEquals(MATCHED, feed(t, s, s.length));
        assertEquals("www.a-1.example", t.matchedName());
    }

    @Test
    public void realOpensslClientHello() {
        byte[] s = hex(RealCaptures.OPENSSL_CLIENT_HELLO);
        assertMatchesOnlyWhenComplete(s, "a.example");
    }

    @Test
    public void realOpensslClientHelloWithManyAlpnNames() {
        byte[] s = hex(RealCaptures.OPENSSL_CLIENT_HELLO_ALPN);
        assertMatchesOnlyWhenComplete(s, "a.example");
    }

    @Test
    public void realOpensslClientHelloReframedInThreeRecords() {
        byte[] s = hex(RealCaptures.OPENSSL_CLIENT_HELLO_ALPN);
        byte[] msg = Arrays.copyOfRange(s, 5, s.length);
        assertMatchesOnlyWhenComplete(ClientHelloBuilder.records(msg, 3, 900), "a.example");
    }

    @Test
    public void bytesAfterTheLastRecordDoNotMatter() {
        // TLS 1.3 middlebox-compatibility ChangeCipherSpec and early data may follow the ClientHello.
        byte[] hello = ClientHelloBuilder.records(bigHello(), TWO_RECORDS);
        byte[] s = Arrays.copyOf(hello, hello.length + 6);
        System.arraycopy(hex("140303000101"), 0, s, hello.length, 6);
        assertEverySplit(TlsSniSniffer::new, s, hello.length, MATCHED, "a.example");
    }

    @Test
    public void nonTlsFirstByteIsNoMatchAtOnce() {
        for (String first : new String[] {"47", "00", "15", "17", "14", "ff"}) {
            assertEquals(first, NO_MATCH, feed(new TlsSniSniffer(), hex(first + "0301"), 1));
        }
        assertEquals(NEED_MORE, feed(new TlsSniSniffer(), hex("16"), 1));
        assertEquals(NEED_MORE, feed(new TlsSniSniffer(), hex(""), 0));
    }

    @Test
    public void sslv2CompatibleHelloIsNoMatch() {
        // SSL 2.0 CLIENT-HELLO header as old clients sent it: 2-byte length with the high bit set, msg_type 1,
        // version 3.1, cipher spec, session id and challenge lengths.
        byte[] v2 = hex("802e0103010015000000100000390000380000350000160000130000" + "0a0700c0" + "00");
        int[] d = firstDecision(new TlsSniSniffer(), v2);
        assertEquals(NO_MATCH.ordinal(), d[0]);
        assertEquals(1, d[1]);
    }

    @Test
    public void badRecordHeadersAreNoMatchWhenSeen() {
        // legacy_record_version major not 3
        assertEquals(2, decidedNoMatchAt(hex("160201002f")));
        // zero-length handshake fragment (RFC 8446 section 5.1)
        assertEquals(5, decidedNoMatchAt(hex("1603010000")));
        // record longer than 2^14
        assertEquals(5, decidedNoMatchAt(hex("1603014001")));
        // a record of another type before the ClientHello is complete
        byte[] hello = ClientHelloBuilder.records(bigHello(), TWO_RECORDS);
        hello[5 + 700] = 23;
        assertEquals(5 + 700 + 1, decidedNoMatchAt(hello));
    }

    @Test
    public void notClientHelloIsNoMatchAtItsTypeByte() {
        byte[] s = ClientHelloBuilder.records(bigHello());
        s[5] = 2;    // server_hello
        assertEquals(6, decidedNoMatchAt(s));
    }

    @Test
    public void helloWithoutSniIsNoMatch() {
        byte[] s = ClientHelloBuilder.records(new ClientHelloBuilder().serverName(null).build(), TWO_RECORDS);
        assertEverySplit(TlsSniSniffer::new, s, s.length, NO_MATCH, null);
    }

    @Test
    public void tls12HelloWithoutExtensionsIsNoMatch() {
        byte[] s = ClientHelloBuilder.records(new ClientHelloBuilder().noExtensions().build());
        assertEverySplit(TlsSniSniffer::new, s, s.length, NO_MATCH, null);
    }

    @Test
    public void tls10HelloWithSniMatches() {
        byte[] s = ClientHelloBuilder.records(new ClientHelloBuilder().legacyVersion(0x0301).alpnCount(0).build());
        assertEverySplit(TlsSniSniffer::new, s, s.length, MATCHED, "a.example");
    }

    @Test
    public void duplicateServerNameExtensionIsNoMatch() {
        byte[] s = ClientHelloBuilder.records(new ClientHelloBuilder().duplicateServerName().build());
        assertNeverMatches("two server_name extensions", TlsSniSniffer::new, s);
    }

    @Test
    public void malformedServerNameListsAreNoMatch() {
        String[] lists = {
            "",                                    // no ServerNameList
            "0000",                                // empty list
            "000c01000961 2e65 7861 6d70 6c65",    // name_type 1
            "000c00000061 2e65 7861 6d70 6c65",    // HostName length 0
            "0018 000009 612e6578616d706c65 000009 622e6578616d706c65",   // two host_names
            "000d 000009 612e6578616d706c65 00",   // a stray byte after the entry
            "0009 000006 612065780000",            // space and NUL in the name
            "0007 000004 2a2e6578",                // "*.ex"
            "0008 000005 612e2e6578",              // "a..ex": empty label
            "0006 000003 e9e9e9",                  // not ASCII
        };
        for (String list : lists) {
            byte[] s = ClientHelloBuilder.records(new ClientHelloBuilder().serverNameData(hex(list)).build());
            assertNeverMatches(list, TlsSniSniffer::new, s);
        }
    }

    @Test
    public void overlongSessionIdIsNoMatch() {
        byte[] s = ClientHelloBuilder.records(new ClientHelloBuilder().sessionIdLength(33).build());
        assertNeverMatches("session id 33", TlsSniSniffer::new, s);
    }

    @Test
    public void dataAfterTheHelloInItsRecordIsNoMatch() {
        byte[] msg = bigHello();
        byte[] longer = Arrays.copyOf(msg, msg.length + 4);
        byte[] s = ClientHelloBuilder.records(longer, 1000);
        assertNeverMatches("trailing handshake bytes", TlsSniSniffer::new, s);
    }

    @Test
    public void everyWalkedLengthFieldCorruptedIsNoMatch() {
        for (int[] frags : new int[][] {{}, TWO_RECORDS, THREE_RECORDS}) {
            ClientHelloBuilder b = new ClientHelloBuilder();
            byte[] msg = b.build();
            List<int[]> fields = b.walkedLengthFields();
            assertEquals("hs, sid, suites, compression, extensions, 11 extensions, list, name", 18, fields.size());
            for (int[] f : fields) {
                long value = read(msg, f[0], f[1]);
                long max = (1L << (8 * f[1])) - 1;
                for (long bad : new long[] {value + 1, value - 1, 0, max}) {
                    if (bad == value || bad < 0 || bad > max) {
                        continue;
                    }
                    byte[] m = msg.clone();
                    write(m, f[0], f[1], bad);
                    String what = Arrays.toString(frags) + " field at " + f[0] + " = " + bad + " not " + value;
                    assertNeverMatches(what, TlsSniSniffer::new, ClientHelloBuilder.records(m, frags));
                }
                // Off by 2 can land on a field boundary and still parse: supported_versions' length 5 -> 7 swallows
                // supported_groups' type, and that extension's length and list length read as a type and length
                // that end exactly where the next extension starts. That must at least never give another name.
                for (long bad : new long[] {value + 2, value - 2}) {
                    if (bad >= 0 && bad <= max) {
                        byte[] m = msg.clone();
                        write(m, f[0], f[1], bad);
                        byte[] s = ClientHelloBuilder.records(m, frags);
                        Sniffer t = new TlsSniSniffer();
                        if (feed(t, s, s.length) == MATCHED) {
                            assertEquals("a.example", t.matchedName());
                        }
                    }
                }
            }
            // The record length fields.
            byte[] stream = ClientHelloBuilder.records(msg, frags);
            for (int at : ClientHelloBuilder.recordLengthOffsets(msg.length, frags)) {
                long value = read(stream, at, 2);
                for (long bad : new long[] {value + 1, value - 1, 0, 0xffff, 0x4001}) {
                    if (bad == value || bad < 0) {
                        continue;
                    }
                    byte[] s = stream.clone();
                    write(s, at, 2, bad);
                    assertNeverMatches(Arrays.toString(frags) + " record length at " + at + " = " + bad,
                                       TlsSniSniffer::new, s);
                }
            }
        }
    }

    @Test
    public void randomCorruptionNeverThrows() {
        byte[] good = ClientHelloBuilder.records(bigHello(), THREE_RECORDS);
        Random rnd = new Random(6066);
        for (int round = 0; round < 3000; round++) {
            byte[] s = good.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int i = 0; i < flips; i++) {
                s[rnd.nextInt(Math.min(s.length, 80 + rnd.nextInt(s.length)))] = (byte) rnd.nextInt(256);
            }
            Sniffer t = new TlsSniSniffer();
            SniffStatus st = feed(t, s, s.length);
            if (st == MATCHED) {
                // Only possible if the name bytes themselves changed into another valid name.
                assertTrue(t.matchedName(), t.matchedName().matches("[a-z0-9_.-]+"));
            } else {
                assertNull(t.matchedName());
            }
            assertEquals(st == MATCHED ? MATCHED : NO_MATCH, finish(new TlsSniSniffer(), s, s.length));
        }
    }

    @Test
    public void helloEndingExactlyAtTheLimitMatches() {
        // Two records: 10 bytes of record headers, so a message of 16374 bytes ends the stream at 16384.
        int base = new ClientHelloBuilder().padding(0).build().length;
        byte[] msg = new ClientHelloBuilder().padding(TlsSniSniffer.MAX_CLIENT_HELLO_BYTES - 10 - base).build();
        byte[] s = ClientHelloBuilder.records(msg, 8000);
        assertEquals(TlsSniSniffer.MAX_CLIENT_HELLO_BYTES, s.length);
        Sniffer t = new TlsSniSniffer();
        assertEquals(NEED_MORE, feed(t, s, s.length - 1));
        assertEquals(MATCHED, feed(t, s, s.length));
        assertEquals("a.example", t.matchedName());
    }

    @Test
    public void helloOneByteOverTheLimitIsNoMatch() {
        int base = new ClientHelloBuilder().padding(0).build().length;
        byte[] msg = new ClientHelloBuilder().padding(TlsSniSniffer.MAX_CLIENT_HELLO_BYTES - 9 - base).build();
        byte[] s = ClientHelloBuilder.records(msg, 8000);
        assertEquals(TlsSniSniffer.MAX_CLIENT_HELLO_BYTES + 1, s.length);
        // Known from the handshake length alone.
        assertEquals(9, decidedNoMatchAt(s));
        // Also when the same bytes come in 3 records, each within the limit.
        byte[] three = ClientHelloBuilder.records(msg, 8000, 8000);
        assertEquals(9, decidedNoMatchAt(three));
    }

    @Test
    public void recordsThatOutgrowTheLimitAreNoMatch() {
        // A message that fits but whose many record headers push its end past 16384 bytes of stream.
        int base = new ClientHelloBuilder().padding(0).build().length;
        byte[] msg = new ClientHelloBuilder().padding(16000 - base).build();
        int[] frags = new int[200];
        Arrays.fill(frags, 70);
        byte[] s = ClientHelloBuilder.records(msg, frags);
        assertTrue(s.length > TlsSniSniffer.MAX_CLIENT_HELLO_BYTES);
        // Known at the header of record 75 (offset 75 * 75): 16000 + 5 * 77 record-header bytes > 16384.
        assertEquals(75 * 75 + 5, decidedNoMatchAt(s));
        assertEquals(NO_MATCH, feed(new TlsSniSniffer(), s, s.length));
    }

    @Test
    public void decisionsAreSticky() {
        byte[] s = ClientHelloBuilder.records(bigHello());
        Sniffer t = new TlsSniSniffer();
        assertEquals(MATCHED, feed(t, s, s.length));
        assertEquals(MATCHED, feed(t, hex("474554"), 3));
        assertEquals(MATCHED, t.finish(new byte[0], 0, 0));
        assertEquals("a.example", t.matchedName());
        Sniffer u = new TlsSniSniffer();
        assertEquals(NO_MATCH, feed(u, hex("47"), 1));
        assertEquals(NO_MATCH, feed(u, s, s.length));
        assertNull(u.matchedName());
    }

    @Test
    public void shorterPrefixRestarts() {
        byte[] s = ClientHelloBuilder.records(bigHello(), TWO_RECORDS);
        Sniffer t = new TlsSniSniffer();
        assertEquals(NEED_MORE, feed(t, s, 1000));
        assertEquals(NEED_MORE, feed(t, s, 10));
        assertEquals(MATCHED, feed(t, s, s.length));
        assertEquals("a.example", t.matchedName());
    }

    @Test
    public void impossibleSlicesAreNoMatch() {
        assertEquals(NO_MATCH, new TlsSniSniffer().sniff(null, 0, 0));
        assertEquals(NO_MATCH, new TlsSniSniffer().sniff(new byte[4], -1, 2));
        assertEquals(NO_MATCH, new TlsSniSniffer().sniff(new byte[4], 2, 3));
        assertEquals(NO_MATCH, new TlsSniSniffer().sniff(new byte[4], 0, -1));
        assertEquals(NO_MATCH, new TlsSniSniffer().finish(new byte[4], 5, 0));
    }

    @Test
    public void multiRecordHelloIsReassembledWithoutChangingTheInput() {
        byte[] s = ClientHelloBuilder.records(bigHello(), THREE_RECORDS);
        byte[] copy = s.clone();
        Sniffer t = new TlsSniSniffer();
        assertEquals(MATCHED, t.sniff(s, 0, s.length));
        assertArrayEquals(copy, s);
    }

    private static int decidedNoMatchAt(byte[] s) {
        int[] d = firstDecision(new TlsSniSniffer(), s);
        assertEquals(NO_MATCH.ordinal(), d[0]);
        return d[1];
    }

    private static long read(byte[] b, int at, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    private static void write(byte[] b, int at, int width, long v) {
        for (int i = width - 1; i >= 0; i--) {
            b[at + i] = (byte) (v >> (8 * (width - 1 - i)));
        }
    }
}
