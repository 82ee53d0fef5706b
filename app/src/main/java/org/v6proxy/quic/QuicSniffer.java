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

import org.v6proxy.l7.SniffStatus;
import org.v6proxy.l7.TlsSniSniffer;

/**
 * Reads the server_name of a QUIC client from the Initial packets of its first datagrams, without terminating the
 * connection: one sniffer per client 4-tuple, fed each UDP payload as it arrives ({@link #offer}).
 * <p>
 * A datagram may coalesce several QUIC packets (RFC 9000 section 12.2); every long-header packet is walked by its
 * Length field, Initial packets are opened ({@link InitialOpener}, keys from the first Initial's Destination
 * Connection ID, {@link InitialKeys}) and their frames walked: PADDING, PING, ACK and CRYPTO only (anything else in
 * an Initial is a PROTOCOL_VIOLATION, RFC 9000 section 12.4, so such a packet is not accepted). The CRYPTO data is
 * reassembled by offset ({@link CryptoStream}) until the whole ClientHello is there; its server_name is then read by
 * the TLS sniffer's ClientHello parser. A datagram is {@link Verdict#ACCEPTED} only if it holds at least one Initial
 * that authenticates: garbage, other versions and other packet types leave the sniffer as it was.
 * <p>
 * Decided for good once the ClientHello is complete (MATCHED with a name, or NO_MATCH: no name or an invalid
 * ClientHello) or cannot end within {@link CryptoStream#MAX_CRYPTO_BYTES} (NO_MATCH). Not thread-safe; allocates
 * the keys once per client and the CRYPTO buffer as it fills.
 */
public final class QuicSniffer {
    /**
     * RFC 9000 section 14.1: a server MUST discard an Initial packet carried in a UDP datagram with a payload
     * smaller than 1200 bytes, the smallest allowed maximum datagram size.
     */
    public static final int MIN_INITIAL_DATAGRAM = 1200;
    /** RFC 9000 section 17.2: in version 1 (and 2, RFC 9369 section 3), a connection ID is at most 20 bytes. */
    static final int MAX_CID_LENGTH = 20;
    /**
     * RFC 9000 section 7.2: the client's first Destination Connection ID is at least 8 bytes (an unpredictable
     * value); later Initials reuse it until the server answers, which does not happen before binding.
     */
    static final int MIN_CLIENT_DCID_LENGTH = 8;
    private static final int LONG_HEADER = 0x80;
    private static final int TYPE_SHIFT = 4;
    private static final int TYPE_BITS = 0x03;
    /** RFC 9000 section 17.2.5: a Retry packet (type 3 in v1, 0 in v2) has no Length field; nothing follows it. */
    private static final int V1_RETRY = 3;
    private static final int V2_RETRY = 0;
    /** Long header: first byte, Version (4), DCID length (1). */
    private static final int VERSION_OFFSET = 1;
    private static final int DCID_LENGTH_OFFSET = 5;

    /*
     * RFC 9000 section 19: frame types allowed in an Initial packet (section 12.4, table 3) that a client sends.
     * CONNECTION_CLOSE (0x1c) is allowed too, but a client that closes before the handshake needs no backend.
     */
    private static final int PADDING = 0x00;
    private static final int PING = 0x01;
    private static final int ACK = 0x02;
    private static final int ACK_ECN = 0x03;
    private static final int CRYPTO = 0x06;
    private static final int ECN_COUNTS = 3;

    /** What one datagram was. */
    public enum Verdict {
        /** It held at least one Initial packet that authenticated; its CRYPTO data was taken. */
        ACCEPTED,
        /** It held no acceptable Initial packet (too short, not a long header, bad lengths, does not decrypt). */
        NOT_INITIAL,
        /** Its first packet has a long header of a version other than QUIC v1 or v2. */
        UNKNOWN_VERSION
    }

    private final CryptoStream crypto = new CryptoStream();
    private InitialKeys keys;
    private QuicVersion version;
    private byte[] dcid;
    private long largestPn = -1;
    private SniffStatus status = SniffStatus.NEED_MORE;
    private String name;
    private int initials;
    /** Whether the packet just walked was an Initial that was accepted. */
    private boolean tookInitial;

    /**
     * Reads one UDP payload from the client.
     *
     * @param b buffer
     * @param off first byte of the UDP payload
     * @param len payload length
     * @return what the datagram was; only ACCEPTED changed this sniffer
     */
    public Verdict offer(byte[] b, int off, int len) {
        if (b == null || off < 0 || len < 0 || off > b.length - len || len < MIN_INITIAL_DATAGRAM) {
            return Verdict.NOT_INITIAL;
        }
        int end = off + len;
        int p = off;
        boolean accepted = false;
        while (p < end && ((b[p] & LONG_HEADER) != 0)) {
            if (end - p < DCID_LENGTH_OFFSET + 1) {
                break;
            }
            QuicVersion v = QuicVersion.of(getInt(b, p + VERSION_OFFSET));
            if (v == null) {
                if (p == off) {
                    return Verdict.UNKNOWN_VERSION;
                }
                break;
            }
            tookInitial = false;
            int next = packet(v, b, p, end);
            accepted |= tookInitial;
            if (next < 0) {
                break;
            }
            p = next;
        }
        return accepted ? Verdict.ACCEPTED : Verdict.NOT_INITIAL;
    }

    /**
     * Walks one long-header packet at {@code b[p]}.
     * <pre>
     * RFC 9000 section 17.2.2:
     *   Initial Packet {
     *     Header Form (1) = 1, Fixed Bit (1) = 1, Long Packet Type (2) = 0, Reserved Bits (2),
     *     Packet Number Length (2),
     *     Version (32),
     *     Destination Connection ID Length (8), Destination Connection ID (0..160),
     *     Source Connection ID Length (8), Source Connection ID (0..160),
     *     Token Length (i), Token (..),
     *     Length (i),
     *     Packet Number (8..32),
     *     Packet Payload (8..),
     *   }
     * </pre>
     * (Other long-header types have the same layout up to the Length field, without the token; the Fixed Bit is
     * not checked, RFC 9287 lets a client grease it.)
     *
     * @return the end of the packet, or -1 to stop the walk; {@link #tookInitial} tells whether it was an
     *     accepted Initial
     */
    private int packet(QuicVersion v, byte[] b, int p, int end) {
        int q = p + DCID_LENGTH_OFFSET;
        int dcil = b[q] & 0xff;
        q++;
        if (dcil > MAX_CID_LENGTH || end - q < dcil + 1) {
            return -1;
        }
        int dcidAt = q;
        q += dcil;
        int scil = b[q] & 0xff;
        q++;
        if (scil > MAX_CID_LENGTH || end - q < scil) {
            return -1;
        }
        q += scil;
        int type = ((b[p] & 0xff) >>> TYPE_SHIFT) & TYPE_BITS;
        boolean initial = type == v.initialType();
        if (!initial && type == (v == QuicVersion.V1 ? V1_RETRY : V2_RETRY)) {
            return -1;
        }
        if (initial) {
            if (q >= end || end - q < Varint.length(b[q])) {
                return -1;
            }
            long token = Varint.value(b, q);
            q += Varint.length(b[q]);
            if (token > end - q) {
                return -1;
            }
            q += (int) token;
        }
        if (q >= end || end - q < Varint.length(b[q])) {
            return -1;
        }
        long length = Varint.value(b, q);
        q += Varint.length(b[q]);
        if (length > end - q) {
            return -1;
        }
        int packetEnd = q + (int) length;
        if (!initial) {
            // 0-RTT or Handshake coalesced after the Initial (RFC 9000 section 12.2): skipped, not read.
            return packetEnd;
        }
        tookInitial = initial(v, b, p, dcidAt, dcil, q, packetEnd);
        return tookInitial ? packetEnd : -1;
    }

    /** Opens an Initial packet and takes its CRYPTO frames; false if it is not acceptable. */
    private boolean initial(QuicVersion v, byte[] b, int p, int dcidAt, int dcil, int pnOffset, int packetEnd) {
        if (keys == null) {
            if (dcil < MIN_CLIENT_DCID_LENGTH) {
                return false;
            }
            InitialKeys k = InitialKeys.derive(v, b, dcidAt, dcil);
            InitialOpener o = InitialOpener.get();
            int n = o.open(k, b, p, pnOffset, packetEnd, largestPn);
            if (n < 0 || !frames(o.plain, n, false)) {
                return false;
            }
            keys = k;
            version = v;
            dcid = new byte[dcil];
            System.arraycopy(b, dcidAt, dcid, 0, dcil);
            return take(o, n);
        }
        if (v != version || !sameDcid(b, dcidAt, dcil)) {
            return false;
        }
        InitialOpener o = InitialOpener.get();
        int n = o.open(keys, b, p, pnOffset, packetEnd, largestPn);
        return n >= 0 && frames(o.plain, n, false) && take(o, n);
    }

    private boolean take(InitialOpener o, int n) {
        initials++;
        largestPn = Math.max(largestPn, o.packetNumber);
        if (status == SniffStatus.NEED_MORE) {
            if (!frames(o.plain, n, true)) {
                decide(null);
            } else {
                check();
            }
        }
        return true;
    }

    private boolean sameDcid(byte[] b, int at, int len) {
        if (len != dcid.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[at + i] != dcid[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Walks the frames of a decrypted Initial payload; with {@code feed}, hands the CRYPTO data to the stream.
     *
     * @return false if a frame is malformed or not allowed (or, feeding, the stream refuses it)
     */
    private boolean frames(byte[] f, int n, boolean feed) {
        if (n == 0) {
            // RFC 9000 section 12.4: a packet without frames is a PROTOCOL_VIOLATION.
            return false;
        }
        int p = 0;
        while (p < n) {
            int type = f[p] & 0xff;
            if (type == PADDING || type == PING) {
                p++;
                continue;
            }
            if (type == ACK || type == ACK_ECN) {
                p = ack(f, p + 1, n, type == ACK_ECN);
            } else if (type == CRYPTO) {
                p = crypto(f, p + 1, n, feed);
            } else {
                return false;
            }
            if (p < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 9000 section 19.3: ACK Frame { Type (i) = 0x02..0x03, Largest Acknowledged (i), ACK Delay (i),
     * ACK Range Count (i), First ACK Range (i), ACK Range (..) ..., [ECN Counts (..)] }, an ACK Range being
     * { Gap (i), ACK Range Length (i) } and ECN Counts three varints. Only the layout is checked.
     *
     * @return the offset after the frame, or -1
     */
    private static int ack(byte[] f, int p, int n, boolean ecn) {
        int fields = 0;
        long rangeCount = 0;
        // Largest, delay, count, first range.
        while (fields < 4) {
            if (p >= n || n - p < Varint.length(f[p])) {
                return -1;
            }
            if (fields == 2) {
                rangeCount = Varint.value(f, p);
            }
            p += Varint.length(f[p]);
            fields++;
        }
        // Each range is at least two bytes: more ranges than bytes left is malformed, and bounds the loop.
        if (rangeCount > (n - p) / 2) {
            return -1;
        }
        long varints = 2 * rangeCount + (ecn ? ECN_COUNTS : 0);
        for (long i = 0; i < varints; i++) {
            if (p >= n || n - p < Varint.length(f[p])) {
                return -1;
            }
            p += Varint.length(f[p]);
        }
        return p;
    }

    /**
     * RFC 9000 section 19.6: CRYPTO Frame { Type (i) = 0x06, Offset (i), Length (i), Crypto Data (..) };
     * "the largest offset delivered on a stream -- the sum of the offset and data length -- cannot exceed 2^62-1".
     *
     * @return the offset after the frame, or -1
     */
    private int crypto(byte[] f, int p, int n, boolean feed) {
        if (p >= n || n - p < Varint.length(f[p])) {
            return -1;
        }
        long offset = Varint.value(f, p);
        p += Varint.length(f[p]);
        if (p >= n || n - p < Varint.length(f[p])) {
            return -1;
        }
        long length = Varint.value(f, p);
        p += Varint.length(f[p]);
        if (length > n - p || offset + length > (1L << 62) - 1) {
            return -1;
        }
        if (feed && !crypto.add(offset, f, p, (int) length)) {
            return -1;
        }
        return p + (int) length;
    }

    /** Decides once the ClientHello is complete, or cannot be. */
    private void check() {
        int have = crypto.contiguous();
        if (have < TlsSniSniffer.HANDSHAKE_HEADER_BYTES) {
            return;
        }
        byte[] s = crypto.bytes();
        int msgLen = TlsSniSniffer.clientHelloLength(s, 0);
        if (msgLen < 0 || msgLen > CryptoStream.MAX_CRYPTO_BYTES) {
            decide(null);
        } else if (have >= msgLen) {
            decide(TlsSniSniffer.serverNameOf(s, 0, msgLen));
        }
    }

    private void decide(String sni) {
        name = sni;
        status = sni == null ? SniffStatus.NO_MATCH : SniffStatus.MATCHED;
    }

    private static int getInt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    /**
     * Returns the decision so far.
     *
     * @return NEED_MORE until the ClientHello is complete, then MATCHED or NO_MATCH for good
     */
    public SniffStatus status() {
        return status;
    }

    /**
     * Returns the ClientHello's host_name once {@link SniffStatus#MATCHED}.
     *
     * @return lower-case DNS name, or null
     */
    public String serverName() {
        return name;
    }

    /**
     * Returns the QUIC version of the client's Initials.
     *
     * @return version, or null before the first accepted Initial
     */
    public QuicVersion version() {
        return version;
    }

    /**
     * Returns how many Initial packets were accepted.
     *
     * @return count
     */
    public int initials() {
        return initials;
    }

    /**
     * Returns how many bytes of the CRYPTO stream have arrived without a gap from offset 0.
     *
     * @return contiguous bytes
     */
    public int cryptoBytes() {
        return crypto.contiguous();
    }
}
