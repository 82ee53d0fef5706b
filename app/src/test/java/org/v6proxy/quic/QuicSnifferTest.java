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
package org.v6proxy.quic;

import org.junit.Test;
import org.v6proxy.l7.ClientHelloBuilder;
import org.v6proxy.l7.SniffStatus;

import java.util.Arrays;
import java.util.Random;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.quic.RfcVectors.hex;

/**
 * The sniffer on the RFCs' sample Initials and on Initials built and encrypted here: split ClientHellos, frames out
 * of order, coalesced and retransmitted packets, and what must be refused without changing the sniffer.
 */
public class QuicSnifferTest {
    private static final int DATAGRAM = 1200;

    private static byte[] hello(String name) {
        return new ClientHelloBuilder().serverName(name).build();
    }

    /** One Initial per part of the ClientHello, each in its own datagram, in stream order. */
    private static byte[][] split(InitialBuilder b, byte[] ch, int parts) {
        byte[][] d = new byte[parts][];
        int step = (ch.length + parts - 1) / parts;
        for (int i = 0; i < parts; i++) {
            int from = i * step;
            int len = Math.min(step, ch.length - from);
            d[i] = b.packet(i, DATAGRAM, InitialBuilder.cryptoFrame(ch, from, len));
        }
        return d;
    }

    private static void assertUnchanged(QuicSniffer s) {
        assertEquals(SniffStatus.NEED_MORE, s.status());
        assertEquals(0, s.initials());
        assertEquals(0, s.cryptoBytes());
    }

    // ---- the RFCs' samples

    @Test
    public void rfc9001SampleIsOpenedToItsClientHello() {
        byte[] pkt = hex(RfcVectors.V1_PACKET);
        byte[] dcid = hex(RfcVectors.DCID);
        InitialOpener o = InitialOpener.get();
        // Packet Number field at byte 18 (RFC 9001 section A.2: header c3...449e 00000002).
        int n = o.open(InitialKeys.derive(QuicVersion.V1, dcid, 0, dcid.length), pkt, 0, 18, pkt.length, -1);
        assertEquals(1162, n);
        assertEquals(2, o.packetNumber);
        byte[] frame = hex(RfcVectors.CLIENT_CRYPTO_FRAME);
        assertArrayEquals(frame, Arrays.copyOf(o.plain, frame.length));
        for (int i = frame.length; i < n; i++) {
            assertEquals("PADDING at " + i, 0, o.plain[i]);
        }
        QuicSniffer s = new QuicSniffer();
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(pkt, 0, pkt.length));
        assertEquals(SniffStatus.MATCHED, s.status());
        assertEquals("example.com", s.serverName());
        assertEquals(QuicVersion.V1, s.version());
        // The packet is read in place: not one byte of it changes (it is forwarded as it came).
        assertArrayEquals(hex(RfcVectors.V1_PACKET), pkt);
    }

    @Test
    public void rfc9369SampleIsOpenedToItsClientHello() {
        byte[] pkt = hex(RfcVectors.V2_PACKET);
        byte[] dcid = hex(RfcVectors.DCID);
        InitialOpener o = InitialOpener.get();
        int n = o.open(InitialKeys.derive(QuicVersion.V2, dcid, 0, dcid.length), pkt, 0, 18, pkt.length, -1);
        assertEquals(1162, n);
        assertEquals(2, o.packetNumber);
        byte[] frame = hex(RfcVectors.CLIENT_CRYPTO_FRAME);
        assertArrayEquals(frame, Arrays.copyOf(o.plain, frame.length));
        QuicSniffer s = new QuicSniffer();
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(pkt, 0, pkt.length));
        assertEquals("example.com", s.serverName());
        assertEquals(QuicVersion.V2, s.version());
    }

    @Test
    public void headerProtectionOfTheSampleIsRemoved() {
        // RFC 9001 section A.2: the protected header c0...449e 7b9aec34 unmasks to c3...449e 00000002.
        byte[] pkt = hex(RfcVectors.V1_PACKET);
        byte[] dcid = hex(RfcVectors.DCID);
        InitialOpener o = InitialOpener.get();
        o.open(InitialKeys.derive(QuicVersion.V1, dcid, 0, dcid.length), pkt, 0, 18, pkt.length, -1);
        assertEquals(2, o.packetNumber);
        // With the other version's keys the same bytes do not authenticate.
        assertEquals(-1, o.open(InitialKeys.derive(QuicVersion.V2, dcid, 0, dcid.length), pkt, 0, 18,
                                pkt.length, -1));
    }

    @Test
    public void sampleWithAFlippedCiphertextBitIsNotAccepted() {
        QuicSniffer ok = new QuicSniffer();
        assertEquals(QuicSniffer.Verdict.ACCEPTED, ok.offer(hex(RfcVectors.V1_PACKET), 0, 1200));
        for (int at : new int[] {0, 6, 17, 30, 600, 1199}) {
            byte[] pkt = hex(RfcVectors.V1_PACKET);
            pkt[at] ^= 0x10;
            QuicSniffer s = new QuicSniffer();
            assertEquals("flipped byte " + at, QuicSniffer.Verdict.NOT_INITIAL, s.offer(pkt, 0, pkt.length));
            assertUnchanged(s);
        }
    }

    // ---- built Initials

    @Test
    public void clientHelloInOneInitial() {
        byte[] ch = new ClientHelloBuilder().serverName("a.example").alpnCount(0).build();
        byte[] d = new InitialBuilder().packet(0, DATAGRAM, InitialBuilder.cryptoFrame(ch, 0, ch.length));
        QuicSniffer s = new QuicSniffer();
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(d, 0, d.length));
        assertEquals(SniffStatus.MATCHED, s.status());
        assertEquals("a.example", s.serverName());
    }

    @Test
    public void clientHelloSplitOverTwoInitials() {
        byte[] ch = hello("two.example");
        assertTrue("a browser-like ClientHello does not fit one Initial", ch.length > DATAGRAM);
        byte[][] d = split(new InitialBuilder(), ch, 2);
        QuicSniffer s = new QuicSniffer();
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(d[0], 0, d[0].length));
        assertEquals(SniffStatus.NEED_MORE, s.status());
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(d[1], 0, d[1].length));
        assertEquals(SniffStatus.MATCHED, s.status());
        assertEquals("two.example", s.serverName());
        assertEquals(2, s.initials());
    }

    @Test
    public void clientHelloSplitOverThreeInitialsInEveryOrder() {
        byte[] ch = hello("three.example");
        byte[][] d = split(new InitialBuilder().version(QuicVersion.V2), ch, 3);
        int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] order : orders) {
            QuicSniffer s = new QuicSniffer();
            for (int i = 0; i < 3; i++) {
                assertEquals(SniffStatus.NEED_MORE, s.status());
                assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(d[order[i]], 0, d[order[i]].length));
            }
            assertEquals(Arrays.toString(order), "three.example", s.serverName());
        }
    }

    @Test
    public void cryptoFramesInReverseOrderInOnePacket() {
        byte[] ch = new ClientHelloBuilder().serverName("rev.example").alpnCount(0).build();
        int a = ch.length / 3;
        int b = 2 * ch.length / 3;
        byte[] d = new InitialBuilder().packet(0, DATAGRAM,
                                               InitialBuilder.cryptoFrame(ch, b, ch.length - b),
                                               new byte[] {0x01},          // PING
                                               InitialBuilder.cryptoFrame(ch, a, b - a),
                                               new byte[] {0x02, 0x00, 0x00, 0x00, 0x00},  // ACK of packet 0
                                               InitialBuilder.cryptoFrame(ch, 0, a));
        QuicSniffer s = new QuicSniffer();
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(d, 0, d.length));
        assertEquals("rev.example", s.serverName());
    }

    @Test
    public void coalescedDatagramWithTwoInitialsAndZeroRtt() {
        byte[] ch = hello("coalesced.example");
        InitialBuilder b = new InitialBuilder();
        int half = ch.length / 2;
        byte[] zeroRtt = b.packet(1, 7, 0, new byte[] {0x01});   // 0-RTT (v1 type 1): skipped by Length
        byte[] d = InitialBuilder.datagram(b.packet(0, 0, InitialBuilder.cryptoFrame(ch, half, ch.length - half)),
                                           b.packet(1, 0, InitialBuilder.cryptoFrame(ch, 0, half)),
                                           zeroRtt);
        QuicSniffer s = new QuicSniffer();
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(d, 0, d.length));
        assertEquals("coalesced.example", s.serverName());
        assertEquals(2, s.initials());
    }

    @Test
    public void retransmittedInitialChangesNothing() {
        byte[] ch = hello("again.example");
        byte[][] d = split(new InitialBuilder(), ch, 2);
        QuicSniffer s = new QuicSniffer();
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(d[0], 0, d[0].length));
        int have = s.cryptoBytes();
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(d[0], 0, d[0].length));
        assertEquals(have, s.cryptoBytes());
        assertEquals(SniffStatus.NEED_MORE, s.status());
        // The client's retransmission is a new packet (number 2) with the same CRYPTO data.
        byte[] again = new InitialBuilder().packet(2, DATAGRAM, InitialBuilder.cryptoFrame(ch, 0, ch.length / 2));
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(again, 0, again.length));
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(d[1], 0, d[1].length));
        assertEquals("again.example", s.serverName());
    }

    @Test
    public void truncatedDatagramIsNotAccepted() {
        byte[] ch = new ClientHelloBuilder().serverName("cut.example").alpnCount(0).build();
        byte[] d = new InitialBuilder().packet(0, 1300, InitialBuilder.cryptoFrame(ch, 0, ch.length));
        assertEquals(QuicSniffer.Verdict.ACCEPTED, new QuicSniffer().offer(d, 0, d.length));
        for (int len = 0; len < d.length; len++) {
            QuicSniffer s = new QuicSniffer();
            assertEquals("cut at " + len, QuicSniffer.Verdict.NOT_INITIAL, s.offer(d, 0, len));
            assertUnchanged(s);
        }
    }

    @Test
    public void smallDatagramIsNotAccepted() {
        // RFC 9000 section 14.1: an Initial in a datagram under 1200 bytes is discarded, even if it authenticates.
        byte[] ch = new ClientHelloBuilder().serverName("small.example").alpnCount(0).build();
        byte[] d = new InitialBuilder().packet(0, 0, InitialBuilder.cryptoFrame(ch, 0, 400));
        assertTrue(d.length < QuicSniffer.MIN_INITIAL_DATAGRAM);
        byte[] padded = Arrays.copyOf(d, QuicSniffer.MIN_INITIAL_DATAGRAM);   // zeros after the packet are ignored
        assertEquals(QuicSniffer.Verdict.ACCEPTED, new QuicSniffer().offer(padded, 0, padded.length));
        QuicSniffer s = new QuicSniffer();
        assertEquals(QuicSniffer.Verdict.NOT_INITIAL, s.offer(d, 0, d.length));
        assertUnchanged(s);
    }

    @Test
    public void wrongVersionIsRefusedAsSuch() {
        byte[] d = hex(RfcVectors.V1_PACKET);
        assertEquals(QuicSniffer.Verdict.ACCEPTED, new QuicSniffer().offer(d, 0, d.length));
        for (int v : new int[] {0, 0xff00001d, 0x00000002, 0x51303530}) {
            d[1] = (byte) (v >>> 24);
            d[2] = (byte) (v >>> 16);
            d[3] = (byte) (v >>> 8);
            d[4] = (byte) v;
            QuicSniffer s = new QuicSniffer();
            assertEquals(QuicSniffer.Verdict.UNKNOWN_VERSION, s.offer(d, 0, d.length));
            assertUnchanged(s);
        }
    }

    @Test
    public void garbageIsNotAccepted() {
        Random rnd = new Random(9000);
        for (int i = 0; i < 200; i++) {
            byte[] g = new byte[DATAGRAM + rnd.nextInt(200)];
            rnd.nextBytes(g);
            if (i % 2 == 0) {
                // Make it look like a v1 long header so that the walk goes as far as decryption.
                g[0] = (byte) 0xc3;
                g[1] = 0;
                g[2] = 0;
                g[3] = 0;
                g[4] = 1;
                g[5] = 8;
            }
            QuicSniffer s = new QuicSniffer();
            QuicSniffer.Verdict v = s.offer(g, 0, g.length);
            assertTrue(v != QuicSniffer.Verdict.ACCEPTED);
            assertUnchanged(s);
        }
    }

    @Test
    public void frameNotAllowedInAnInitialRefusesThePacket() {
        byte[] ch = new ClientHelloBuilder().serverName("f.example").alpnCount(0).build();
        InitialBuilder b = new InitialBuilder();
        byte[] crypto = InitialBuilder.cryptoFrame(ch, 0, ch.length);
        byte[] good = b.packet(0, DATAGRAM, crypto);
        assertEquals(QuicSniffer.Verdict.ACCEPTED, new QuicSniffer().offer(good, 0, good.length));
        // STREAM (0x08), NEW_CONNECTION_ID (0x18), HANDSHAKE_DONE (0x1e): not in an Initial (RFC 9000 12.4).
        for (int type : new int[] {0x08, 0x18, 0x1e}) {
            byte[] d = b.packet(0, DATAGRAM, crypto, new byte[] {(byte) type, 0, 0});
            QuicSniffer s = new QuicSniffer();
            assertEquals(QuicSniffer.Verdict.NOT_INITIAL, s.offer(d, 0, d.length));
            assertUnchanged(s);
        }
    }

    @Test
    public void secondInitialWithAnotherConnectionIdIsNotAccepted() {
        byte[] ch = hello("cid.example");
        byte[][] d = split(new InitialBuilder(), ch, 2);
        byte[] other = split(new InitialBuilder().dcid(hex("0102030405060708")), ch, 2)[1];
        QuicSniffer s = new QuicSniffer();
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(d[0], 0, d[0].length));
        assertEquals(QuicSniffer.Verdict.NOT_INITIAL, s.offer(other, 0, other.length));
        assertEquals(SniffStatus.NEED_MORE, s.status());
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(d[1], 0, d[1].length));
        assertEquals("cid.example", s.serverName());
    }

    @Test
    public void shortConnectionIdIsNotAccepted() {
        // RFC 9000 section 7.2: the client's first Destination Connection ID is at least 8 bytes.
        byte[] ch = new ClientHelloBuilder().serverName("c.example").alpnCount(0).build();
        byte[] d = new InitialBuilder().dcid(hex("01020304050607")).packet(0, DATAGRAM,
                                                                           InitialBuilder.cryptoFrame(ch, 0, 300));
        QuicSniffer s = new QuicSniffer();
        assertEquals(QuicSniffer.Verdict.NOT_INITIAL, s.offer(d, 0, d.length));
        assertUnchanged(s);
    }

    @Test
    public void clientHelloWithoutNameIsDecidedWithoutOne() {
        byte[] ch = new ClientHelloBuilder().serverName(null).alpnCount(0).build();
        byte[] d = new InitialBuilder().packet(0, DATAGRAM, InitialBuilder.cryptoFrame(ch, 0, ch.length));
        QuicSniffer s = new QuicSniffer();
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(d, 0, d.length));
        assertEquals(SniffStatus.NO_MATCH, s.status());
        assertNull(s.serverName());
    }

    @Test
    public void clientHelloLongerThanTheLimitIsDecidedWithoutName() {
        byte[] ch = new ClientHelloBuilder().serverName("big.example").padding(CryptoStream.MAX_CRYPTO_BYTES).build();
        QuicSniffer s = new QuicSniffer();
        byte[] d = new InitialBuilder().packet(0, DATAGRAM, InitialBuilder.cryptoFrame(ch, 0, 1000));
        assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(d, 0, d.length));
        // The handshake header already says it cannot end within the limit.
        assertEquals(SniffStatus.NO_MATCH, s.status());
    }

    @Test
    public void tokenAndLargeClientHelloOverManyInitials() {
        // A ClientHello of ~6 KB (padding extension) with a NEW_TOKEN token, over seven Initials in reverse order.
        byte[] ch = new ClientHelloBuilder().serverName("many.example").padding(4000).build();
        byte[][] d = split(new InitialBuilder().token(new byte[64]), ch, 7);
        QuicSniffer s = new QuicSniffer();
        for (int i = d.length - 1; i >= 0; i--) {
            assertEquals(QuicSniffer.Verdict.ACCEPTED, s.offer(d[i], 0, d[i].length));
        }
        assertEquals("many.example", s.serverName());
    }
}
