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
package org.v6proxy.packet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071) and its incremental update (RFC 1624).
 *
 * <p>A <em>sum</em> here is the 16-bit one's complement sum of 16-bit big-endian words
 * with end-around carry, always returned folded to 0..0xffff. Sums of disjoint ranges
 * combine with {@link #add}; every range except the last must have an even length
 * (an odd trailing byte is padded with a zero octet on the right, RFC 1071 section 4.1).
 * A checksum field holds {@link #finish} of the sum with the field itself taken as zero;
 * a receiver verifies that the sum including the field is 0xffff.</p>
 *
 * <p>Incremental update (RFC 1624 section 3, equation 3): when data covered by a checksum
 * HC changes from m to m' (m and m' may be sums over several words),
 * {@code HC' = ~(~HC + ~m + m')} in one's complement arithmetic. Unlike equation 2
 * ({@code HC' = HC + m - m'}) this never yields 0xffff where a full recomputation
 * yields 0x0000 (RFC 1624 section 4's example: HC 0xdd2f, m 0x5555, m' 0x3285 gives
 * 0x0000). Because it only adds the difference, a checksum that was wrong before the
 * update is exactly as wrong after it; nothing gets "repaired".</p>
 *
 * <p>UDP (RFC 768): a transmitted checksum of 0 means "no checksum"; when the computed
 * value is 0 it is sent as 0xffff ({@link #udp}). Both are the same one's complement
 * zero, so receivers verify either. The incremental helpers here do not apply that rule;
 * UDP callers pass the result through {@link #udp} and must not update a 0 field.</p>
 */
public final class Checksum {
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Checksum() {
    }

    /**
     * Returns the one's complement sum of b[off, off+len), odd length padded with zero.
     *
     * @param b   data
     * @param off start
     * @param len number of bytes
     * @return folded sum (0..0xffff)
     */
    public static int sum(byte[] b, int off, int len) {
        return sum(0, b, off, len);
    }

    /**
     * Adds the one's complement sum of b[off, off+len) to an earlier sum.
     *
     * @param initial earlier sum (0 to start)
     * @param b       data
     * @param off     start
     * @param len     number of bytes
     * @return folded sum (0..0xffff)
     */
    public static int sum(int initial, byte[] b, int off, int len) {
        if (len <= 0) {
            return fold(initial);
        }
        if (off < 0 || off > b.length - len) {
            throw new ArrayIndexOutOfBoundsException("sum of " + len + " bytes at " + off + " of " + b.length);
        }
        // A long cannot overflow here: at most 2^31 / 4 words of at most 2 * 0xffff each.
        long acc = initial & 0xffffffffL;
        int i = off;
        // Four bytes per load (one big-endian int read), then the tail byte by byte.
        for (int end4 = off + len - 3; i < end4; i += 4) {
            int w = (int) INT_BE.get(b, i);
            acc += (w >>> 16) + (w & 0xffff);
        }
        int end = off + len - 1;
        for (; i < end; i += 2) {
            acc += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
        }
        if (i == end) {
            acc += (b[i] & 0xff) << 8;
        }
        return fold(acc);
    }

    /**
     * One's complement addition of two sums (or 16-bit words).
     *
     * @param a sum or word
     * @param b sum or word
     * @return folded sum
     */
    public static int add(int a, int b) {
        return fold((a & 0xffffffffL) + (b & 0xffffffffL));
    }

    /**
     * Sum of the two 16-bit halves of a 32-bit value (an IPv4 address, a sequence number).
     *
     * @param v value
     * @return folded sum of its halves
     */
    public static int sum32(int v) {
        return fold((long) (v >>> 16) + (v & 0xffff));
    }

    /**
     * Folds a 32-bit accumulation (taken as unsigned) to 16 bits with end-around carry.
     *
     * @param acc accumulation
     * @return folded sum (0..0xffff)
     */
    public static int fold(int acc) {
        return fold(acc & 0xffffffffL);
    }

    /**
     * Folds a non-negative 64-bit accumulation to 16 bits with end-around carry.
     *
     * @param acc accumulation
     * @return folded sum (0..0xffff)
     */
    public static int fold(long acc) {
        long s = acc;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /**
     * Turns a sum into the value of a checksum field: its one's complement.
     *
     * @param sum sum over the covered data with the checksum field taken as zero
     * @return checksum (0..0xffff)
     */
    public static int finish(int sum) {
        return ~fold(sum) & 0xffff;
    }

    /**
     * Applies the UDP rule of RFC 768: a computed checksum of 0 is transmitted as 0xffff.
     *
     * @param csum computed checksum
     * @return the value to write into a UDP checksum field
     */
    public static int udp(int csum) {
        return csum == 0 ? 0xffff : csum;
    }

    /**
     * Sum of the IPv4 pseudo-header (RFC 9293 section 3.1, RFC 768): source, destination,
     * zero + protocol, and the upper-layer length.
     *
     * @param src      source address
     * @param dst      destination address
     * @param protocol protocol number
     * @param l4Length upper-layer length (header + data)
     * @return folded sum
     */
    public static int pseudoHeader4(int src, int dst, int protocol, int l4Length) {
        long acc = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff)
                + (protocol & 0xff) + (l4Length & 0xffff);
        return fold(acc);
    }

    /**
     * Sum of the IPv6 pseudo-header (RFC 8200 section 8.1): source, destination, the
     * 32-bit upper-layer length and the 24 zero bits + next header.
     *
     * @param src        array holding the source address
     * @param srcOff     offset of the source address
     * @param dst        array holding the destination address
     * @param dstOff     offset of the destination address
     * @param l4Length   upper-layer length (header + data)
     * @param nextHeader upper-layer protocol (6, 17, 58)
     * @return folded sum
     */
    public static int pseudoHeader6(byte[] src, int srcOff, byte[] dst, int dstOff, int l4Length,
                                    int nextHeader) {
        int s = sum(src, srcOff, Ip6.ADDR_LEN);
        s = sum(s, dst, dstOff, Ip6.ADDR_LEN);
        return add(s, sum32(l4Length) + (nextHeader & 0xff));
    }

    /**
     * RFC 1624 equation 3: the new checksum when covered data summing to oldSum is
     * replaced by data summing to newSum.
     *
     * @param csum16 current checksum field value
     * @param oldSum sum of the data removed
     * @param newSum sum of the data added
     * @return new checksum field value
     */
    public static int adjust(int csum16, int oldSum, int newSum) {
        long acc = (~csum16 & 0xffff) + (~fold(oldSum) & 0xffff) + (long) fold(newSum);
        return ~fold(acc) & 0xffff;
    }

    /**
     * Updates the checksum field at b[csumOff] after a 16-bit word changed.
     *
     * @param b       packet
     * @param csumOff offset of the checksum field
     * @param oldWord old 16-bit value
     * @param newWord new 16-bit value
     */
    public static void replace16(byte[] b, int csumOff, int oldWord, int newWord) {
        int hc = Bytes.getU16(b, csumOff);
        Bytes.putU16(b, csumOff, adjust(hc, oldWord & 0xffff, newWord & 0xffff));
    }

    /**
     * Updates the checksum field at b[csumOff] after a 32-bit value changed.
     *
     * @param b        packet
     * @param csumOff  offset of the checksum field
     * @param oldValue old 32-bit value
     * @param newValue new 32-bit value
     */
    public static void replace32(byte[] b, int csumOff, int oldValue, int newValue) {
        int hc = Bytes.getU16(b, csumOff);
        Bytes.putU16(b, csumOff, adjust(hc, sum32(oldValue), sum32(newValue)));
    }
}
