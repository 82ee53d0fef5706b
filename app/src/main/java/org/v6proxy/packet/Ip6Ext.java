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
 * Flyweight accessors for IPv6 extension headers (RFC 8200 section 4): the generic
 * next-header/length pair, the routing header's segments-left and the fragment header.
 * Methods take the array and the offset of the extension header; no bounds checks.
 *
 * <pre>
 * Generic (Hop-by-Hop, Routing, Destination Options):
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |  Hdr Ext Len  | (Routing: Type | Segments Left)|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ... (Hdr Ext Len + 1) * 8 octets in all                      |
 *
 * Fragment (always 8 octets):
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Identification                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Ip6Ext {

    /** Length of the fragment header. */
    public static final int FRAG_HEADER_LEN = 8;
    /** Smallest generic extension header. */
    public static final int MIN_LEN = 8;
    /** Offset of the next header field. */
    public static final int NEXT_HEADER_OFFSET = 0;
    /** Offset of Hdr Ext Len (generic) or Reserved (fragment). */
    public static final int LENGTH_OFFSET = 1;
    /** Offset of the routing type (routing header). */
    public static final int ROUTING_TYPE_OFFSET = 2;
    /** Offset of segments left (routing header). */
    public static final int SEGMENTS_LEFT_OFFSET = 3;
    /** Offset of the fragment offset/M word (fragment header). */
    public static final int FRAG_OFFSET_M_OFFSET = 2;
    /** Offset of the identification (fragment header). */
    public static final int FRAG_ID_OFFSET = 4;
    /** M (more fragments) bit of the fragment offset/M word. */
    public static final int FRAG_M = 0x0001;
    /** Fragment offset bits of the fragment offset/M word (offset in 8-octet units, shifted by 3). */
    public static final int FRAG_OFFSET_MASK = 0xfff8;

    private Ip6Ext() {
    }

    /**
     * Returns the next header field.
     *
     * @param b   packet
     * @param off offset of the extension header
     * @return next header number
     */
    public static int nextHeader(byte[] b, int off) {
        return b[off + NEXT_HEADER_OFFSET] & 0xff;
    }

    /**
     * Returns the length in bytes of a generic extension header ((Hdr Ext Len + 1) * 8).
     * Not valid for the fragment header (always 8) nor AH.
     *
     * @param b   packet
     * @param off offset of the extension header
     * @return length in bytes (8..2048)
     */
    public static int length(byte[] b, int off) {
        return ((b[off + LENGTH_OFFSET] & 0xff) + 1) << 3;
    }

    /**
     * Returns the routing type of a routing header.
     *
     * @param b   packet
     * @param off offset of the routing header
     * @return routing type
     */
    public static int routingType(byte[] b, int off) {
        return b[off + ROUTING_TYPE_OFFSET] & 0xff;
    }

    /**
     * Returns segments left of a routing header.
     *
     * @param b   packet
     * @param off offset of the routing header
     * @return segments left
     */
    public static int segmentsLeft(byte[] b, int off) {
        return b[off + SEGMENTS_LEFT_OFFSET] & 0xff;
    }

    /**
     * Returns the fragment offset of a fragment header, in 8-octet units.
     *
     * @param b   packet
     * @param off offset of the fragment header
     * @return fragment offset (0..8191)
     */
    public static int fragmentOffset(byte[] b, int off) {
        return Bytes.getU16(b, off + FRAG_OFFSET_M_OFFSET) >>> 3;
    }

    /**
     * Returns the M (more fragments) flag of a fragment header.
     *
     * @param b   packet
     * @param off offset of the fragment header
     * @return M
     */
    public static boolean moreFragments(byte[] b, int off) {
        return (Bytes.getU16(b, off + FRAG_OFFSET_M_OFFSET) & FRAG_M) != 0;
    }

    /**
     * Returns the identification of a fragment header.
     *
     * @param b   packet
     * @param off offset of the fragment header
     * @return identification (32 bits)
     */
    public static int fragmentId(byte[] b, int off) {
        return Bytes.getInt(b, off + FRAG_ID_OFFSET);
    }

    /**
     * Writes a whole fragment header.
     *
     * @param b              packet
     * @param off            offset of the fragment header
     * @param nextHeader     next header
     * @param fragmentOffset offset in 8-octet units
     * @param more           M flag
     * @param id             identification
     */
    public static void writeFragment(byte[] b, int off, int nextHeader, int fragmentOffset, boolean more,
                                     int id) {
        b[off + NEXT_HEADER_OFFSET] = (byte) nextHeader;
        b[off + LENGTH_OFFSET] = 0;
        Bytes.putU16(b, off + FRAG_OFFSET_M_OFFSET, (fragmentOffset << 3) & FRAG_OFFSET_MASK | (more ? FRAG_M : 0));
        Bytes.putInt(b, off + FRAG_ID_OFFSET, id);
    }
}
