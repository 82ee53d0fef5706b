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
package org.v6proxy.tcp;

import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.tcp.Segments.hex;
import static org.v6proxy.tcp.Segments.int32;
import static org.v6proxy.tcp.Segments.options;
import static org.v6proxy.tcp.Segments.reference;
import static org.v6proxy.tcp.Segments.sack;
import static org.v6proxy.tcp.Segments.setTcpChecksum;
import static org.v6proxy.tcp.Segments.tcp;
import static org.v6proxy.tcp.Segments.tcpChecksum;
import static org.v6proxy.tcp.Segments.tcpLen;
import static org.v6proxy.tcp.Segments.tcpOff;
import static org.v6proxy.tcp.Segments.u16;

/**
 * Tests of {@link SpliceAdjust}. Every rewritten packet is compared byte for byte with an
 * expected packet built by plain writes whose checksum is computed from scratch
 * ({@link Segments#reference}), with IPv4 and IPv6 pseudo-headers.
 */
public class SpliceAdjustTest {

    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final byte[] NONE = new byte[0];
    // 19 bytes: an odd length exercises the padded last checksum word.
    private static final byte[] PAYLOAD = "GET / HTTP/1.1\r\n\r\n!".getBytes(StandardCharsets.US_ASCII);
    private static final List<Function<byte[], byte[]>> FAMILIES = List.of(Segments::ip4, Segments::ip6);

    // app ISN near the top, backend ISN past zero: seqOffset = 0x20, and adding it wraps.
    private static final int APP_ISN = 0xfffffff0;
    private static final int BACKEND_ISN = 0x00000010;
    private static final int OFFSET = BACKEND_ISN - APP_ISN;
    private static final SpliceParams WRAP = SpliceParams.of(APP_ISN, BACKEND_ISN, 7, 7, 7, 1440, true);

    /** Copy of p with the given plain edits and a from-scratch checksum. */
    private static byte[] expect(byte[] p, Consumer<byte[]> edits) {
        byte[] e = p.clone();
        edits.accept(e);
        setTcpChecksum(e, reference(e));
        return e;
    }

    private static void put32(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (24 - 8 * i));
        }
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static int b2c(byte[] p, SpliceParams sp) {
        return SpliceAdjust.backendToClient(p, tcpOff(p), tcpLen(p), sp);
    }

    private static int c2b(byte[] p, SpliceParams sp) {
        return SpliceAdjust.clientToBackend(p, tcpOff(p), tcpLen(p), sp);
    }

    // ---- backend to client ----

    @Test
    public void backendSeqMovesToAppSpaceAcrossWrap() {
        for (Function<byte[], byte[]> fam : FAMILIES) {
            // The backend's 101st byte: seq BACKEND_ISN + 1 + 100; the client must see APP_ISN + 1 + 100.
            byte[] p = fam.apply(tcp(80, 50000, BACKEND_ISN + 101, 0xabcd0001, ACK | PSH, 1000, NONE, PAYLOAD));
            int t = tcpOff(p);
            byte[] e = expect(p, x -> put32(x, t + 4, 0x00000055));
            assertEquals(SpliceAdjust.OK, b2c(p, WRAP));
            assertArrayEquals(e, p);
            assertEquals(APP_ISN + 101, int32(p, t + 4));
        }
    }

    @Test
    public void backendSeqWithNegativeOffset() {
        SpliceParams sp = SpliceParams.of(0x10, 0xfffffff0, 7, 7, 7, 1440, true);
        for (Function<byte[], byte[]> fam : FAMILIES) {
            byte[] p = fam.apply(tcp(80, 50000, 0x00000010, 77, ACK, 1000, NONE, PAYLOAD));
            int t = tcpOff(p);
            byte[] e = expect(p, x -> put32(x, t + 4, 0x30));
            b2c(p, sp);
            assertArrayEquals(e, p);
        }
    }

    @Test
    public void backendSackBlocksAndAckUntouched() {
        // Backend SACK blocks acknowledge client data, whose space is the same on both legs.
        byte[] opts = options(hex("0101"), sack(0x1000, 0x2000, 0x3000, 0x4000));
        for (Function<byte[], byte[]> fam : FAMILIES) {
            byte[] p = fam.apply(tcp(80, 50000, BACKEND_ISN + 1, 0x1000, ACK, 500, opts, NONE));
            int t = tcpOff(p);
            byte[] e = expect(p, x -> put32(x, t + 4, APP_ISN + 1));
            assertEquals(SpliceAdjust.OK, b2c(p, WRAP));
            assertArrayEquals(e, p);
        }
    }

    @Test
    public void backendWindowRescaled() {
        // {backendWscale, appWscale, window in, window out, status}
        int[][] cases = {
            {7, 7, 1000, 1000, 0},                          // equal: unchanged
            {7, 9, 1000, 250, 0},                           // app > backend: 1000 * 128 / 512
            {7, 9, 1003, 250, 0},                           // rounds down (never more than allowed)
            {7, 9, 3, 0, 0},                                // below one app unit: zero window
            {9, 7, 1000, 4000, 0},                          // app < backend
            {9, 7, 0x3fff, 0xfffc, 0},
            {9, 7, 0x4000, 0xffff, SpliceAdjust.WINDOW_CLAMPED}, // overflow clamps
            {14, 0, 0xffff, 0xffff, SpliceAdjust.WINDOW_CLAMPED},
            {-1, 7, 0xffff, 511, 0},                        // backend refused scaling: its windows are bytes
        };
        for (int[] c : cases) {
            SpliceParams sp = SpliceParams.of(APP_ISN, BACKEND_ISN, 7, c[1], c[0], 1440, true);
            for (Function<byte[], byte[]> fam : FAMILIES) {
                byte[] p = fam.apply(tcp(80, 50000, BACKEND_ISN + 1, 5, ACK, c[2], NONE, PAYLOAD));
                int t = tcpOff(p);
                byte[] e = expect(p, x -> {
                    put32(x, t + 4, APP_ISN + 1);
                    put16(x, t + 14, c[3]);
                });
                assertEquals(c[4], b2c(p, sp));
                assertArrayEquals("case " + java.util.Arrays.toString(c), e, p);
            }
        }
    }

    @Test
    public void noScalingWhenClientHadNone() {
        SpliceParams sp = SpliceParams.of(APP_ISN, BACKEND_ISN, -1, -1, 9, 1440, true);
        byte[] p = Segments.ip4(tcp(80, 50000, BACKEND_ISN + 1, 5, ACK, 1000, NONE, NONE));
        byte[] e = expect(p, x -> put32(x, 24, APP_ISN + 1));
        b2c(p, sp);
        assertArrayEquals(e, p);
    }

    @Test
    public void synWindowIsNeverScaled() {
        // RFC 7323 s. 2.2: a retransmitted SYN-ACK carries an unscaled window.
        SpliceParams sp = SpliceParams.of(APP_ISN, BACKEND_ISN, 7, 9, 7, 1440, true);
        byte[] p = Segments.ip6(tcp(80, 50000, BACKEND_ISN, 0x01020305, SYN | ACK, 64800, NONE, NONE));
        byte[] e = expect(p, x -> put32(x, 44, APP_ISN));
        b2c(p, sp);
        assertArrayEquals(e, p);
    }

    // ---- client to backend ----

    @Test
    public void clientAckMovesToBackendSpaceAcrossWrap() {
        for (Function<byte[], byte[]> fam : FAMILIES) {
            // The client acknowledges 50 bytes: APP_ISN + 51 = 0x23; the backend expects 0x43.
            byte[] p = fam.apply(tcp(50000, 80, 0x01020305, APP_ISN + 51, ACK | PSH, 502, NONE, PAYLOAD));
            int t = tcpOff(p);
            byte[] e = expect(p, x -> put32(x, t + 8, 0x43));
            assertEquals(SpliceAdjust.OK, c2b(p, WRAP));
            assertArrayEquals(e, p);
            assertEquals(BACKEND_ISN + 51, int32(p, t + 8));
        }
    }

    @Test
    public void ackFieldWithoutAckFlagUntouched() {
        byte[] p = Segments.ip4(tcp(50000, 80, 0x01020305, 0x1234, RST, 0, NONE, NONE));
        byte[] before = p.clone();
        assertEquals(SpliceAdjust.OK, c2b(p, WRAP));
        assertArrayEquals(before, p);
    }

    /** Expected copy with ack and the given SACK edge offsets (relative to tcpOff) shifted by OFFSET. */
    private static byte[] expectShifted(byte[] p, int... edgeOffsets) {
        int t = tcpOff(p);
        return expect(p, x -> {
            put32(x, t + 8, int32(x, t + 8) + OFFSET);
            for (int eo : edgeOffsets) {
                put32(x, t + eo, int32(x, t + eo) + OFFSET);
            }
        });
    }

    private static int[] edges(int firstEdgeOffset, int blocks) {
        int[] r = new int[2 * blocks];
        for (int i = 0; i < r.length; i++) {
            r[i] = firstEdgeOffset + 4 * i;
        }
        return r;
    }

    private static int[] sackEdgesNearWrap(int blocks) {
        int[] e = new int[2 * blocks];
        for (int i = 0; i < blocks; i++) {
            e[2 * i] = APP_ISN + 100 + 3000 * i;           // wraps past zero
            e[2 * i + 1] = APP_ISN + 100 + 3000 * i + 1460;
        }
        return e;
    }

    @Test
    public void sackEdgesShiftedOneToFourBlocks() {
        for (int n = 1; n <= 4; n++) {
            byte[] s = sack(sackEdgesNearWrap(n));
            // Aligned (NOP NOP SACK, as Linux sends it), bare at offset 20, and odd-aligned (one NOP).
            byte[][] layouts = {options(hex("0101"), s), options(s), options(hex("01"), s)};
            int[] first = {24, 22, 23};
            for (int l = 0; l < layouts.length; l++) {
                for (Function<byte[], byte[]> fam : FAMILIES) {
                    byte[] p = fam.apply(tcp(50000, 80, 0x01020305, APP_ISN + 1, ACK, 502, layouts[l], PAYLOAD));
                    byte[] e = expectShifted(p, edges(first[l], n));
                    assertEquals(SpliceAdjust.SACK_ADJUSTED, c2b(p, WRAP));
                    assertArrayEquals("blocks " + n + " layout " + l, e, p);
                }
            }
        }
    }

    @Test
    public void sackAfterTimestampAndOtherOptionsUntouched() {
        // NOP NOP TS(10) NOP NOP SACK(3 blocks): 12 + 2 + 26 = 40 bytes. The timestamp is not
        // negotiated by the app and is left alone.
        byte[] ts = hex("080a 11223344 55667788");
        byte[] opts = options(hex("0101"), ts, hex("0101"), sack(sackEdgesNearWrap(3)));
        assertEquals(40, opts.length);
        for (Function<byte[], byte[]> fam : FAMILIES) {
            byte[] p = fam.apply(tcp(50000, 80, 7, APP_ISN + 1, ACK, 502, opts, NONE));
            byte[] e = expectShifted(p, edges(36, 3));
            assertEquals(SpliceAdjust.SACK_ADJUSTED, c2b(p, WRAP));
            assertArrayEquals(e, p);
        }
    }

    @Test
    public void twoSackOptionsBothShifted() {
        byte[] opts = options(sack(0x100, 0x200), sack(0x300, 0x400));
        byte[] p = Segments.ip4(tcp(50000, 80, 7, APP_ISN + 1, ACK, 502, opts, NONE));
        byte[] e = expectShifted(p, 22, 26, 32, 36);
        assertEquals(SpliceAdjust.SACK_ADJUSTED, c2b(p, WRAP));
        assertArrayEquals(e, p);
    }

    @Test
    public void malformedSackLengthLeftAloneAndReported() {
        // Lengths that fit the option list but are not 2 + 8n: 2 (no block), 9, 14.
        byte[][] bad = {
            options(hex("0101 0502")),
            options(hex("0101 0509 00000001 000000")),
            options(hex("0101 050e 00000001 00000002 00000003")),
        };
        for (byte[] opts : bad) {
            for (Function<byte[], byte[]> fam : FAMILIES) {
                byte[] p = fam.apply(tcp(50000, 80, 7, APP_ISN + 1, ACK, 502, opts, PAYLOAD));
                byte[] e = expectShifted(p);
                assertEquals(SpliceAdjust.SACK_MALFORMED, c2b(p, WRAP));
                assertArrayEquals(e, p);
            }
        }
        // A good SACK after a malformed one is still adjusted.
        byte[] mixed = options(hex("0509 00000001 000000"), sack(0x500, 0x600));
        byte[] p = Segments.ip6(tcp(50000, 80, 7, APP_ISN + 1, ACK, 502, mixed, NONE));
        byte[] e = expectShifted(p, 31, 35);
        assertEquals(SpliceAdjust.SACK_MALFORMED | SpliceAdjust.SACK_ADJUSTED, c2b(p, WRAP));
        assertArrayEquals(e, p);
    }

    @Test
    public void malformedOptionListLeftAloneAndReported() {
        byte[][] bad = {
            options(hex("0101 0501")),                               // length below 2
            options(hex("0101 0512 00000001 00000002")),             // runs past the header
            options(hex("0101 01 05")),                              // kind without length octet
        };
        for (byte[] opts : bad) {
            for (Function<byte[], byte[]> fam : FAMILIES) {
                byte[] p = fam.apply(tcp(50000, 80, 7, APP_ISN + 1, ACK, 502, opts, PAYLOAD));
                byte[] e = expectShifted(p);
                assertEquals(SpliceAdjust.OPTIONS_MALFORMED, c2b(p, WRAP));
                assertArrayEquals(e, p);
            }
        }
    }

    @Test
    public void sackAfterEolIgnored() {
        byte[] opts = hex("00 01 0a 00 00000001 00000002");  // EOL, then junk that looks like SACK
        byte[] p = Segments.ip4(tcp(50000, 80, 7, APP_ISN + 1, ACK, 502, opts, NONE));
        byte[] e = expectShifted(p);
        assertEquals(SpliceAdjust.OK, c2b(p, WRAP));
        assertArrayEquals(e, p);
    }

    @Test
    public void sackBlankedWhenBackendLegHasNoSack() {
        SpliceParams noSack = SpliceParams.of(APP_ISN, BACKEND_ISN, 7, 7, 7, 1440, false);
        byte[] s = sack(0x100, 0x200, 0x300, 0x400);
        byte[][] layouts = {options(hex("0101"), s), options(hex("01"), s)};
        int[] start = {22, 21};
        for (int l = 0; l < layouts.length; l++) {
            for (Function<byte[], byte[]> fam : FAMILIES) {
                byte[] p = fam.apply(tcp(50000, 80, 7, APP_ISN + 1, ACK, 502, layouts[l], PAYLOAD));
                int t = tcpOff(p);
                int from = start[l];
                byte[] e = expect(p, x -> {
                    put32(x, t + 8, int32(x, t + 8) + OFFSET);
                    for (int i = 0; i < s.length; i++) {
                        x[t + from + i] = 1;
                    }
                });
                assertEquals(SpliceAdjust.SACK_REMOVED, c2b(p, noSack));
                assertArrayEquals(e, p);
            }
        }
    }

    @Test
    public void clientWindowRescaledOnlyWhenBackendRefusedScaling() {
        // Normal: the backend was told the client's scale, windows pass unchanged.
        SpliceParams normal = SpliceParams.of(APP_ISN, BACKEND_ISN, 8, 7, 9, 1440, true);
        byte[] p = Segments.ip4(tcp(50000, 80, 7, APP_ISN + 1, ACK, 300, NONE, NONE));
        byte[] e = expectShifted(p);
        assertEquals(SpliceAdjust.OK, c2b(p, normal));
        assertArrayEquals(e, p);
        // Backend refused window scaling: it reads the client's windows as bytes.
        SpliceParams refused = SpliceParams.of(APP_ISN, BACKEND_ISN, 8, 7, -1, 1440, true);
        int[][] cases = {{100, 25600, 0}, {255, 65280, 0}, {300, 0xffff, SpliceAdjust.WINDOW_CLAMPED}};
        for (int[] c : cases) {
            for (Function<byte[], byte[]> fam : FAMILIES) {
                byte[] q = fam.apply(tcp(50000, 80, 7, APP_ISN + 1, ACK, c[0], NONE, PAYLOAD));
                int t = tcpOff(q);
                byte[] eq = expect(q, x -> {
                    put32(x, t + 8, int32(x, t + 8) + OFFSET);
                    put16(x, t + 14, c[1]);
                });
                assertEquals(c[2], c2b(q, refused));
                assertArrayEquals(eq, q);
            }
        }
    }

    // ---- checksums that were wrong on arrival ----

    @Test
    public void wrongChecksumStaysEquallyWrong() {
        SpliceParams rescale = SpliceParams.of(APP_ISN, BACKEND_ISN, 8, 7, 9, 1440, true);
        SpliceParams noSack = SpliceParams.of(APP_ISN, BACKEND_ISN, 8, 7, 9, 1440, false);
        byte[] opts = options(hex("01"), sack(sackEdgesNearWrap(4)));
        for (int error : new int[]{1, 0x00f0, 0x1234, 0xfffe}) {
            for (Function<byte[], byte[]> fam : FAMILIES) {
                byte[] b2c = fam.apply(tcp(80, 50000, BACKEND_ISN + 1, 5, ACK, 0x1234, opts, PAYLOAD));
                byte[] c2b = fam.apply(tcp(50000, 80, 7, APP_ISN + 1, ACK, 0x1234, opts, PAYLOAD));
                byte[] c2bBlank = c2b.clone();
                for (byte[] p : new byte[][]{b2c, c2b, c2bBlank}) {
                    setTcpChecksum(p, (tcpChecksum(p) + error) % 0xffff);
                    assertEquals(error, Segments.checksumError(p));
                }
                b2c(b2c, rescale);
                c2b(c2b, rescale);
                c2b(c2bBlank, noSack);
                assertEquals(error, Segments.checksumError(b2c));
                assertEquals(error, Segments.checksumError(c2b));
                assertEquals(error, Segments.checksumError(c2bBlank));
                assertNotEquals(reference(b2c), tcpChecksum(b2c));
            }
        }
    }

    // ---- bad input ----

    @Test
    public void badSegmentsUnchangedAndReported() {
        byte[] p = Segments.ip4(tcp(80, 50000, 1, 2, ACK, 3, options(sack(1, 2)), NONE));
        byte[] before = p.clone();
        int t = tcpOff(p);
        int len = tcpLen(p);
        int bad = SpliceAdjust.BAD_SEGMENT;
        assertEquals(bad, SpliceAdjust.backendToClient(null, t, len, WRAP));
        assertEquals(bad, SpliceAdjust.clientToBackend(null, t, len, WRAP));
        assertEquals(bad, SpliceAdjust.backendToClient(p, t, len, null));
        assertEquals(bad, SpliceAdjust.clientToBackend(p, t, len, null));
        assertEquals(bad, SpliceAdjust.clientToBackend(p, -1, len, WRAP));
        assertEquals(bad, SpliceAdjust.clientToBackend(p, t, 19, WRAP));
        assertEquals(bad, SpliceAdjust.clientToBackend(p, t, 20, WRAP));      // header is 32 bytes
        assertEquals(bad, SpliceAdjust.backendToClient(p, t + 1, len, WRAP)); // runs past the array
        assertEquals(bad, SpliceAdjust.clientToBackend(p, t, len + 1, WRAP));
        assertEquals(bad, SpliceAdjust.clientToBackend(p, Integer.MAX_VALUE, len, WRAP));
        assertEquals(bad, SpliceAdjust.stripTimestampsAndClampMss(p, t, 19, 1000));
        assertEquals(bad, SpliceAdjust.stripTimestampsAndClampMss(null, t, len, 1000));
        assertArrayEquals(before, p);
        p[t + 12] = 0x40;  // data offset 16 bytes
        before = p.clone();
        assertEquals(bad, SpliceAdjust.clientToBackend(p, t, len, WRAP));
        assertEquals(bad, SpliceAdjust.backendToClient(p, t, len, WRAP));
        assertArrayEquals(before, p);
    }

    // ---- randomized: every rewrite against the from-scratch checksum ----

    @Test
    public void randomSegmentsMatchPlainRewrite() {
        Random r = new Random(2018);
        for (int n = 0; n < 4000; n++) {
            SpliceParams sp = SpliceParams.of(r.nextInt(), r.nextInt(), r.nextInt(16) - 1, r.nextInt(16) - 1,
                                              r.nextInt(16) - 1, 1440, r.nextBoolean());
            List<Integer> sackStarts = new ArrayList<>();
            byte[] opts = randomOptions(r, sackStarts);
            byte[] payload = new byte[r.nextInt(40)];
            r.nextBytes(payload);
            int flags = r.nextInt(256);
            byte[] seg = tcp(r.nextInt(65536), r.nextInt(65536), r.nextInt(), r.nextInt(), flags,
                             r.nextInt(65536), opts, payload);
            byte[] p = FAMILIES.get(r.nextInt(2)).apply(seg);
            int t = tcpOff(p);
            boolean toClient = r.nextBoolean();
            boolean syn = (flags & SYN) != 0;
            byte[] e = expect(p, x -> {
                int win = u16(x, t + 14);
                if (toClient) {
                    put32(x, t + 4, int32(x, t + 4) - sp.seqOffset());
                    if (!syn) {
                        put16(x, t + 14, SpliceAdjust.rescaleWindow(win, sp.backendSendShift(),
                                                                    sp.clientReceiveShift()));
                    }
                    return;
                }
                if ((flags & ACK) != 0) {
                    put32(x, t + 8, int32(x, t + 8) + sp.seqOffset());
                }
                if (!syn) {
                    put16(x, t + 14, SpliceAdjust.rescaleWindow(win, sp.clientSendShift(),
                                                                sp.backendReceiveShift()));
                }
                for (int s : sackStarts) {
                    int len = x[t + s + 1] & 0xff;
                    for (int i = 0; i < len; i++) {
                        if (!sp.sackOk()) {
                            x[t + s + i] = 1;
                        } else if (i >= 2 && (i - 2) % 4 == 0) {
                            put32(x, t + s + i, int32(x, t + s + i) + sp.seqOffset());
                        }
                    }
                }
            });
            int status = toClient ? b2c(p, sp) : c2b(p, sp);
            assertEquals(0, status & (SpliceAdjust.BAD_SEGMENT | SpliceAdjust.OPTIONS_MALFORMED));
            assertArrayEquals("case " + n, e, p);
            assertEquals(reference(p), tcpChecksum(p));
        }
    }

    /** Random well-formed options of up to 40 bytes; records where SACK options start (relative to tcpOff). */
    private static byte[] randomOptions(Random r, List<Integer> sackStarts) {
        byte[] o = new byte[40];
        int len = 0;
        int want = r.nextInt(41);
        while (len < want) {
            int room = 40 - len;
            int pick = r.nextInt(6);
            if (pick == 0 || room < 2) {
                o[len++] = 1;                                       // NOP
            } else if (pick <= 2 && room >= 10) {
                int blocks = 1 + r.nextInt(Math.min(4, (room - 2) / 8));
                sackStarts.add(20 + len);
                o[len] = 5;
                o[len + 1] = (byte) (2 + 8 * blocks);
                for (int i = 2; i < 2 + 8 * blocks; i++) {
                    o[len + i] = (byte) r.nextInt();
                }
                len += 2 + 8 * blocks;
            } else if (pick == 3 && room >= 10) {
                o[len] = 8;                                         // timestamps, left alone
                o[len + 1] = 10;
                for (int i = 2; i < 10; i++) {
                    o[len + i] = (byte) r.nextInt();
                }
                len += 10;
            } else if (room >= 4) {
                o[len] = 2;                                         // MSS
                o[len + 1] = 4;
                o[len + 2] = (byte) r.nextInt();
                o[len + 3] = (byte) r.nextInt();
                len += 4;
            } else {
                o[len++] = 1;
            }
        }
        int padded = (len + 3) & ~3;                                // EOL padding (zeros)
        return java.util.Arrays.copyOf(o, padded);
    }

    // ---- stripping timestamps and clamping MSS in a SYN ----

    @Test
    public void linuxSynStrippedAndClamped() {
        // MSS 1460, SACK_PERM, TS, NOP, WS 7 (Linux's SYN layout).
        byte[] opts = hex("020405b4 0402 080a 0a0b0c0d 00000000 01 030307");
        for (Function<byte[], byte[]> fam : FAMILIES) {
            byte[] p = fam.apply(tcp(50000, 80, 0x01020304, 0, SYN, 64240, opts, NONE));
            int t = tcpOff(p);
            byte[] e = expect(p, x -> {
                put16(x, t + 22, 1380);
                for (int i = 26; i < 36; i++) {
                    x[t + i] = 1;
                }
            });
            assertEquals(SpliceAdjust.TIMESTAMP_STRIPPED | SpliceAdjust.MSS_CLAMPED,
                         SpliceAdjust.stripTimestampsAndClampMss(p, t, tcpLen(p), 1380));
            assertArrayEquals(e, p);
        }
    }

    @Test
    public void oddAlignedOptionsStrippedAndClamped() {
        // NOP, MSS 1460 (value at odd offset 23), TS at odd offset 25, NOP, EOL padding.
        byte[] opts = options(hex("01 020405b4 080a 01020304 05060708 01"));
        for (Function<byte[], byte[]> fam : FAMILIES) {
            byte[] p = fam.apply(tcp(50000, 80, 0x01020304, 0, SYN, 64240, opts, NONE));
            int t = tcpOff(p);
            byte[] e = expect(p, x -> {
                put16(x, t + 23, 1220);
                for (int i = 25; i < 35; i++) {
                    x[t + i] = 1;
                }
            });
            assertEquals(SpliceAdjust.TIMESTAMP_STRIPPED | SpliceAdjust.MSS_CLAMPED,
                         SpliceAdjust.stripTimestampsAndClampMss(p, t, tcpLen(p), 1220));
            assertArrayEquals(e, p);
        }
    }

    @Test
    public void smallMssAndNoTimestampUntouched() {
        byte[] opts = hex("02040218 01010402");  // MSS 536, NOP NOP SACK_PERM
        byte[] p = Segments.ip4(tcp(50000, 80, 1, 0, SYN, 64240, opts, NONE));
        byte[] before = p.clone();
        assertEquals(SpliceAdjust.OK, SpliceAdjust.stripTimestampsAndClampMss(p, 20, tcpLen(p), 1380));
        assertArrayEquals(before, p);
        byte[] q = Segments.ip4(tcp(50000, 80, 1, 0, SYN, 64240, NONE, NONE));
        before = q.clone();
        assertEquals(SpliceAdjust.OK, SpliceAdjust.stripTimestampsAndClampMss(q, 20, tcpLen(q), 1380));
        assertArrayEquals(before, q);
    }

    @Test
    public void malformedSynOptionsLeftAlone() {
        byte[] opts = options(hex("020405b4 080e 01020304 05060708"));  // TS claims 14 bytes, 12 left
        byte[] p = Segments.ip6(tcp(50000, 80, 1, 0, SYN, 64240, opts, NONE));
        byte[] before = p.clone();
        assertEquals(SpliceAdjust.OPTIONS_MALFORMED,
                     SpliceAdjust.stripTimestampsAndClampMss(p, 40, tcpLen(p), 1000));
        assertArrayEquals(before, p);
    }

    @Test
    public void rescaleWindowValues() {
        assertEquals(1234, SpliceAdjust.rescaleWindow(1234, 5, 5));
        assertEquals(617, SpliceAdjust.rescaleWindow(1234, 5, 6));
        assertEquals(0xffff, SpliceAdjust.rescaleWindow(0xffff, 14, 0));
        assertEquals(3, SpliceAdjust.rescaleWindow(0xffff, 0, 14));
        assertEquals(0, SpliceAdjust.rescaleWindow(0x3fff, 0, 14));
        assertEquals(0xffff, SpliceAdjust.rescaleWindow(0x1ffff, 3, 3));
    }

    // ---- the whole exchange, with a real cookie ----

    @Test
    public void splicedExchangeLinesUpBothSequenceSpaces() {
        SynCookies cookies = new SynCookies(hex("0f0e0d0c0b0a09080706050403020100"));
        int clientIsn = 0xfffffffa;
        long now = 1_000_000L;
        int appIsn = cookies.issue(0xc000020a, 50000, 0xc633642a, 80, clientIsn, 6, 7, true, now);
        SynCookies.Decoded d = cookies.validate(0xc000020a, 50000, 0xc633642a, 80, appIsn + 1, clientIsn + 1,
                                                now + 10);
        assertTrue(d.isValid());
        int backendIsn = appIsn ^ 0x80000001;
        SpliceParams sp = SpliceParams.of(appIsn, backendIsn, d.wscale(), 7, 7, 1440, d.sackOk());

        // Backend's first data byte is backendIsn + 1; client must see appIsn + 1.
        byte[] fromBackend = Segments.ip6(tcp(80, 50000, backendIsn + 1, clientIsn + 1 + 18, ACK, 100, NONE,
                                              PAYLOAD));
        b2c(fromBackend, sp);
        assertEquals(appIsn + 1, int32(fromBackend, 44));
        assertEquals(clientIsn + 1 + 18, int32(fromBackend, 48));
        assertEquals(reference(fromBackend), tcpChecksum(fromBackend));

        // The client acknowledges those bytes and SACKs a later range; the backend must see its own numbers.
        int acked = appIsn + 1 + PAYLOAD.length;
        byte[] fromClient = Segments.ip4(tcp(50000, 80, clientIsn + 19, acked, ACK, 100,
                                             options(hex("0101"), sack(acked + 100, acked + 200)), NONE));
        c2b(fromClient, sp);
        assertEquals(backendIsn + 1 + PAYLOAD.length, int32(fromClient, 28));
        assertEquals(backendIsn + 1 + PAYLOAD.length + 100, int32(fromClient, 44));
        assertEquals(backendIsn + 1 + PAYLOAD.length + 200, int32(fromClient, 48));
        assertEquals(clientIsn + 19, int32(fromClient, 24));
        assertEquals(reference(fromClient), tcpChecksum(fromClient));
    }
}
