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

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * SYN cookies (RFC 4987 section 3.6): the app's initial sequence number in its SYN-ACK
 * is a keyed MAC over the connection, so nothing is stored until the client's ACK
 * proves that it received the SYN-ACK.
 *
 * <p>Cookie layout (32 bits):</p>
 * <pre>
 *  31                                              8 7               0
 * +-------------------------------------------------+-----------------+
 * |        tag = H[23..0] XOR (data * 0x010101)     | data XOR H[39..32]
 * +-------------------------------------------------+-----------------+
 * H     = SipHash-2-4(key, clientIp | vip | clientPort | vipPort | clientIsn | slice)
 * data  = sackOk (bit 7) | wscale (bits 6..3, 15 = none) | MSS class (bits 2..0)
 * slice = floor(nowMillis / 64 s)
 * </pre>
 *
 * <p>Validation recomputes H, unmasks the data byte and recomputes the tag for it. The
 * tag depends on the data through an injective map (the byte repeated three times), so
 * an ACK that is off by one (or any change of the low byte alone) decodes to another data
 * value whose tag differs from the unchanged one and is refused for that slice; it can
 * pass only by the 2^-24 chance of a random ACK (a carry into the tag, or a match for the
 * other slice). Every data value is a valid option set, so the tag is the whole check. Unlike Linux, which adds a
 * visible slice counter into the top bits, the slice is not stored: validation tries the
 * current and the previous slice (at most two SipHash computations), all 32 bits are
 * unpredictable without the key, and a random ACK passes with probability at most
 * 2 * 2^-24 (about 1.2e-7). Only a party that saw the SYN-ACK and knows the options
 * (the client itself) could recompute a tag for other options of the same connection,
 * which gains it nothing over sending those options in its SYN.</p>
 *
 * <p>A cookie is accepted while it is less than {@link #MAX_AGE_SLICES} slices old
 * (issued in the current or the previous slice: a lifetime between 64 and 128 seconds,
 * comparable to Linux's two minutes); a cookie from a future slice is refused. Instances
 * that validate each other's cookies must share the secret and have clocks that agree
 * to within a slice.</p>
 *
 * <p>The MSS is encoded as one of {@link #MSS_CLASSES} classes, rounded down: the
 * largest table value not above the client's MSS, or 536 (RFC 9293 section 3.7.1's
 * default, always safe for IPv4) when the client's MSS is smaller. The table holds
 * values that are common on the Internet: 536 (default), 1220 (IPv6 minimum MTU 1280 -
 * 60), 1300 and 1360 (tunnels, VPNs), 1400, 1440 (1500 - 60), 1460 (Ethernet), 8960
 * (9000-byte jumbo frames).</p>
 *
 * <p>Thread safe and allocation free: the key is two final longs and {@link #validate}
 * returns one of 257 preallocated {@link Decoded} values.</p>
 */
public final class SynCookies {

    /** Secret length in bytes (a SipHash key). */
    public static final int SECRET_LEN = SipHash.KEY_LEN;
    /** Length of one time slice. */
    public static final long SLICE_MILLIS = 64_000L;
    /** A cookie is accepted while it is fewer than this many slices old. */
    public static final int MAX_AGE_SLICES = 2;
    /** Window scale value meaning "the SYN had no window scale option". */
    public static final int WSCALE_NONE = -1;
    /** Largest window scale (RFC 7323 section 2.3); larger values are taken as this. */
    public static final int MAX_WSCALE = 14;

    // MSS classes, ascending; see the class comment for where each value comes from.
    private static final int[] MSS_TABLE = {536, 1220, 1300, 1360, 1400, 1440, 1460, 8960};
    /** Number of MSS classes a cookie can encode. */
    public static final int MSS_CLASSES = MSS_TABLE.length;

    private static final int DATA_BITS = 8;
    private static final int DATA_MASK = (1 << DATA_BITS) - 1;
    private static final int TAG_MASK = 0xffffff;
    private static final int TAG_SPREAD = 0x010101;
    private static final int MSS_MASK = 0x7;
    private static final int WSCALE_SHIFT = 3;
    private static final int WSCALE_MASK = 0xf;
    private static final int WSCALE_NONE_CODE = 15;
    private static final int SACK_BIT = 0x80;

    private static final Decoded[] DECODED = new Decoded[1 << DATA_BITS];

    static {
        for (int d = 0; d < DECODED.length; d++) {
            int w = (d >>> WSCALE_SHIFT) & WSCALE_MASK;
            DECODED[d] = new Decoded(d & MSS_MASK, w == WSCALE_NONE_CODE ? WSCALE_NONE : w,
                                     (d & SACK_BIT) != 0);
        }
    }

    private final long k0;
    private final long k1;

    /**
     * Creates cookies keyed with the given secret (share it between instances that must
     * validate each other's cookies).
     *
     * @param secret {@link #SECRET_LEN} bytes; copied
     * @throws IllegalArgumentException if the secret is null or not 16 bytes long
     */
    public SynCookies(byte[] secret) {
        if (secret == null || secret.length != SECRET_LEN) {
            throw new IllegalArgumentException("SYN cookie secret must be " + SECRET_LEN + " bytes");
        }
        this.k0 = SipHash.keyHalf(secret, 0);
        this.k1 = SipHash.keyHalf(secret, 8);
    }

    /**
     * Creates cookies keyed with a fresh random secret.
     *
     * @param random source of the secret
     */
    public SynCookies(SecureRandom random) {
        this(randomSecret(random));
    }

    private static byte[] randomSecret(SecureRandom random) {
        byte[] s = new byte[SECRET_LEN];
        random.nextBytes(s);
        return s;
    }

    /**
     * Returns the MSS class for a client's MSS: the largest class value not above it, or
     * class 0 (536) if it is below every class.
     *
     * @param mss the MSS the client announced (536 if it sent none)
     * @return class index 0..{@link #MSS_CLASSES}-1
     */
    public static int mssIndexFor(int mss) {
        for (int i = MSS_TABLE.length - 1; i > 0; i--) {
            if (mss >= MSS_TABLE[i]) {
                return i;
            }
        }
        return 0;
    }

    /**
     * Returns the MSS value of a class.
     *
     * @param mssIndex class index; clamped to 0..{@link #MSS_CLASSES}-1
     * @return MSS in bytes
     */
    public static int mssOf(int mssIndex) {
        return MSS_TABLE[clampIndex(mssIndex)];
    }

    private static int clampIndex(int mssIndex) {
        return Math.max(0, Math.min(MSS_TABLE.length - 1, mssIndex));
    }

    /**
     * Computes the cookie to use as the ISN of the SYN-ACK answering a client's SYN.
     * Never throws: an MSS class out of range is clamped, a window scale above 14 is taken
     * as 14 (RFC 7323 section 2.3) and a negative one as "none".
     *
     * @param clientIp   client IPv4 address
     * @param clientPort client TCP port
     * @param vip        virtual IPv4 address the SYN was sent to
     * @param vipPort    virtual port
     * @param clientIsn  sequence number of the client's SYN
     * @param mssIndex   MSS class ({@link #mssIndexFor})
     * @param wscale     window scale the client sent, or {@link #WSCALE_NONE}
     * @param sackOk     whether the client sent SACK-permitted
     * @param nowMillis  current time in milliseconds (any epoch shared by issuer and validator)
     * @return the ISN for the SYN-ACK
     */
    public int issue(int clientIp, int clientPort, int vip, int vipPort, int clientIsn,
                     int mssIndex, int wscale, boolean sackOk, long nowMillis) {
        int w = wscale < 0 ? WSCALE_NONE_CODE : Math.min(wscale, MAX_WSCALE);
        int data = clampIndex(mssIndex) | w << WSCALE_SHIFT | (sackOk ? SACK_BIT : 0);
        long h = mac(clientIp, clientPort, vip, vipPort, clientIsn, slice(nowMillis));
        return tag(h, data) << DATA_BITS | ((data ^ (int) (h >>> 32)) & DATA_MASK);
    }

    /**
     * Validates the ACK that completes the handshake: its acknowledgment number must be
     * cookie + 1 and its sequence number the client's ISN + 1 (RFC 9293 section 3.5),
     * for a cookie issued to this 4-tuple in the current or the previous time slice.
     * Allocates nothing.
     *
     * @param clientIp   client IPv4 address
     * @param clientPort client TCP port
     * @param vip        virtual IPv4 address
     * @param vipPort    virtual port
     * @param ackNumber  acknowledgment number of the client's segment
     * @param clientSeq  sequence number of the client's segment
     * @param nowMillis  current time in milliseconds
     * @return the options the cookie encodes, or {@link Decoded#INVALID}
     */
    public Decoded validate(int clientIp, int clientPort, int vip, int vipPort, int ackNumber,
                            int clientSeq, long nowMillis) {
        int cookie = ackNumber - 1;
        int clientIsn = clientSeq - 1;
        long now = slice(nowMillis);
        for (int age = 0; age < MAX_AGE_SLICES; age++) {
            long h = mac(clientIp, clientPort, vip, vipPort, clientIsn, now - age);
            int data = (cookie ^ (int) (h >>> 32)) & DATA_MASK;
            if (tag(h, data) == cookie >>> DATA_BITS) {
                return DECODED[data];
            }
        }
        return Decoded.INVALID;
    }

    /** The 24-bit tag: low bits of H mixed with the data byte by an injective map. */
    private static int tag(long h, int data) {
        return ((int) h ^ data * TAG_SPREAD) & TAG_MASK;
    }

    private static long slice(long nowMillis) {
        return Math.floorDiv(nowMillis, SLICE_MILLIS);
    }

    /** SipHash of the 24-byte message clientIp, vip, clientPort, vipPort, clientIsn, slice. */
    private long mac(int clientIp, int clientPort, int vip, int vipPort, int clientIsn, long slice) {
        long m0 = (clientIp & 0xffffffffL) << 32 | (vip & 0xffffffffL);
        long m1 = (long) (clientPort & 0xffff) << 48 | (long) (vipPort & 0xffff) << 32
                | (clientIsn & 0xffffffffL);
        return SipHash.hash24(k0, k1, m0, m1, slice);
    }

    /**
     * What a valid cookie encodes (or the invalid marker). Instances are shared
     * constants; compare with {@link #isValid}, not by identity.
     */
    public static final class Decoded {

        /** Marker for a wrong, stale, or forged cookie. */
        public static final Decoded INVALID = new Decoded(-1, WSCALE_NONE, false);

        private final int mssIndex;
        private final int wscale;
        private final boolean sackOk;

        private Decoded(int mssIndex, int wscale, boolean sackOk) {
            this.mssIndex = mssIndex;
            this.wscale = wscale;
            this.sackOk = sackOk;
        }

        /**
         * Tells whether the cookie was valid.
         *
         * @return false for {@link #INVALID}
         */
        public boolean isValid() {
            return mssIndex >= 0;
        }

        /**
         * Returns the MSS class.
         *
         * @return class index, -1 if invalid
         */
        public int mssIndex() {
            return mssIndex;
        }

        /**
         * Returns the client's MSS, rounded down to its class.
         *
         * @return MSS in bytes, 0 if invalid
         */
        public int mss() {
            return isValid() ? MSS_TABLE[mssIndex] : 0;
        }

        /**
         * Returns the client's window scale.
         *
         * @return 0..14, or {@link #WSCALE_NONE} if the client sent none (or invalid)
         */
        public int wscale() {
            return wscale;
        }

        /**
         * Tells whether the client sent a window scale option.
         *
         * @return true if {@link #wscale} is 0..14
         */
        public boolean hasWscale() {
            return wscale >= 0;
        }

        /**
         * Tells whether the client sent SACK-permitted.
         *
         * @return true if SACK is permitted
         */
        public boolean sackOk() {
            return sackOk;
        }

        @Override
        public String toString() {
            return isValid() ? "Decoded{mss=" + mss() + ", wscale=" + wscale + ", sackOk=" + sackOk + "}"
                    : "Decoded{INVALID}";
        }
    }

    @Override
    public String toString() {
        // Never print the key.
        return "SynCookies{slice=" + SLICE_MILLIS + "ms, maxAge=" + MAX_AGE_SLICES + "}";
    }

    /**
     * Returns a copy of the MSS class table (for documentation and tests).
     *
     * @return MSS values by class index, ascending
     */
    public static int[] mssTable() {
        return Arrays.copyOf(MSS_TABLE, MSS_TABLE.length);
    }
}
