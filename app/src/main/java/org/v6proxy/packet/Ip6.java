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

/**
 * Flyweight accessors for the IPv6 fixed header (RFC 8200 section 3). Methods take the
 * array and the offset of the IPv6 header and do not check bounds: callers first check
 * that {@link #HEADER_LEN} bytes are present.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * +                    Source Address (16 octets)                 +  8
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * +                 Destination Address (16 octets)               + 24
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Ip6 {

    /** Length of the fixed header. */
    public static final int HEADER_LEN = 40;
    /** Length of an address. */
    public static final int ADDR_LEN = 16;
    /** Version of IPv6. */
    public static final int VERSION = 6;
    /** Minimum link MTU every IPv6 link supports (RFC 8200 section 5). */
    public static final int MIN_MTU = 1280;

    /** Offset of version, traffic class and flow label (32 bits). */
    public static final int VERSION_CLASS_FLOW_OFFSET = 0;
    /** Offset of the payload length. */
    public static final int PAYLOAD_LENGTH_OFFSET = 4;
    /** Offset of the next header. */
    public static final int NEXT_HEADER_OFFSET = 6;
    /** Offset of the hop limit. */
    public static final int HOP_LIMIT_OFFSET = 7;
    /** Offset of the source address. */
    public static final int SRC_OFFSET = 8;
    /** Offset of the destination address. */
    public static final int DST_OFFSET = 24;

    private Ip6() {
    }

    /**
     * Returns the version nibble.
     *
     * @param b   packet
     * @param off offset of the IPv6 header
     * @return version
     */
    public static int version(byte[] b, int off) {
        return (b[off] & 0xf0) >>> 4;
    }

    /**
     * Returns the traffic class.
     *
     * @param b   packet
     * @param off offset of the IPv6 header
     * @return traffic class (0..255)
     */
    public static int trafficClass(byte[] b, int off) {
        return Bytes.getInt(b, off) >>> 20 & 0xff;
    }

    /**
     * Returns the flow label.
     *
     * @param b   packet
     * @param off offset of the IPv6 header
     * @return flow label (20 bits)
     */
    public static int flowLabel(byte[] b, int off) {
        return Bytes.getInt(b, off) & 0xfffff;
    }

    /**
     * Returns the payload length (everything after the fixed header).
     *
     * @param b   packet
     * @param off offset of the IPv6 header
     * @return payload length
     */
    public static int payloadLength(byte[] b, int off) {
        return Bytes.getU16(b, off + PAYLOAD_LENGTH_OFFSET);
    }

    /**
     * Returns the next header.
     *
     * @param b   packet
     * @param off offset of the IPv6 header
     * @return next header number
     */
    public static int nextHeader(byte[] b, int off) {
        return b[off + NEXT_HEADER_OFFSET] & 0xff;
    }

    /**
     * Returns the hop limit.
     *
     * @param b   packet
     * @param off offset of the IPv6 header
     * @return hop limit
     */
    public static int hopLimit(byte[] b, int off) {
        return b[off + HOP_LIMIT_OFFSET] & 0xff;
    }

    /**
     * Copies the source address into out[outOff, outOff+16).
     *
     * @param b      packet
     * @param off    offset of the IPv6 header
     * @param out    destination
     * @param outOff offset in out
     */
    public static void copySrc(byte[] b, int off, byte[] out, int outOff) {
        System.arraycopy(b, off + SRC_OFFSET, out, outOff, ADDR_LEN);
    }

    /**
     * Copies the destination address into out[outOff, outOff+16).
     *
     * @param b      packet
     * @param off    offset of the IPv6 header
     * @param out    destination
     * @param outOff offset in out
     */
    public static void copyDst(byte[] b, int off, byte[] out, int outOff) {
        System.arraycopy(b, off + DST_OFFSET, out, outOff, ADDR_LEN);
    }

    /**
     * Writes version 6, the traffic class and the flow label.
     *
     * @param b            packet
     * @param off          offset of the IPv6 header
     * @param trafficClass traffic class (8 bits)
     * @param flowLabel    flow label (20 bits)
     */
    public static void setVersionClassFlow(byte[] b, int off, int trafficClass, int flowLabel) {
        Bytes.putInt(b, off, VERSION << 28 | (trafficClass & 0xff) << 20 | flowLabel & 0xfffff);
    }

    /**
     * Sets the payload length.
     *
     * @param b   packet
     * @param off offset of the IPv6 header
     * @param len payload length
     */
    public static void setPayloadLength(byte[] b, int off, int len) {
        Bytes.putU16(b, off + PAYLOAD_LENGTH_OFFSET, len);
    }

    /**
     * Sets the next header.
     *
     * @param b   packet
     * @param off offset of the IPv6 header
     * @param nh  next header number
     */
    public static void setNextHeader(byte[] b, int off, int nh) {
        b[off + NEXT_HEADER_OFFSET] = (byte) nh;
    }

    /**
     * Sets the hop limit.
     *
     * @param b     packet
     * @param off   offset of the IPv6 header
     * @param limit hop limit
     */
    public static void setHopLimit(byte[] b, int off, int limit) {
        b[off + HOP_LIMIT_OFFSET] = (byte) limit;
    }

    /**
     * Sets the source address from src[srcOff, srcOff+16).
     *
     * @param b      packet
     * @param off    offset of the IPv6 header
     * @param src    address bytes
     * @param srcOff offset in src
     */
    public static void setSrc(byte[] b, int off, byte[] src, int srcOff) {
        System.arraycopy(src, srcOff, b, off + SRC_OFFSET, ADDR_LEN);
    }

    /**
     * Sets the destination address from dst[dstOff, dstOff+16).
     *
     * @param b      packet
     * @param off    offset of the IPv6 header
     * @param dst    address bytes
     * @param dstOff offset in dst
     */
    public static void setDst(byte[] b, int off, byte[] dst, int dstOff) {
        System.arraycopy(dst, dstOff, b, off + DST_OFFSET, ADDR_LEN);
    }
}
