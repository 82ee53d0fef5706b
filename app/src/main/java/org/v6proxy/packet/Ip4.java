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
 * Flyweight accessors for an IPv4 header (RFC 791 section 3.1). Methods take the array
 * and the offset of the IPv4 header; they do not check bounds: callers first check that
 * {@link #MIN_HEADER_LEN} (or {@link #ihl}) bytes are present.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |  8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          | 12
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        | 16
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (IHL > 5)          |    Padding    | 20
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * Flags: bit 0 reserved, bit 1 DF (don't fragment), bit 2 MF (more fragments).
 * </pre>
 */
public final class Ip4 {

    /** Header length without options. */
    public static final int MIN_HEADER_LEN = 20;
    /** Largest header: IHL 15 words. */
    public static final int MAX_HEADER_LEN = 60;
    /** Version of IPv4. */
    public static final int VERSION = 4;

    /** Offset of version and IHL. */
    public static final int VERSION_IHL_OFFSET = 0;
    /** Offset of the type of service (DSCP + ECN) byte. */
    public static final int TOS_OFFSET = 1;
    /** Offset of total length. */
    public static final int TOTAL_LENGTH_OFFSET = 2;
    /** Offset of the identification. */
    public static final int IDENTIFICATION_OFFSET = 4;
    /** Offset of flags + fragment offset (16 bits). */
    public static final int FLAGS_FRAGMENT_OFFSET = 6;
    /** Offset of time to live. */
    public static final int TTL_OFFSET = 8;
    /** Offset of protocol. */
    public static final int PROTOCOL_OFFSET = 9;
    /** Offset of the header checksum. */
    public static final int CHECKSUM_OFFSET = 10;
    /** Offset of the source address. */
    public static final int SRC_OFFSET = 12;
    /** Offset of the destination address. */
    public static final int DST_OFFSET = 16;
    /** Offset of the first option. */
    public static final int OPTIONS_OFFSET = 20;

    /** Reserved flag bit in the flags/fragment word. */
    public static final int FLAG_RESERVED = 0x8000;
    /** Don't Fragment bit in the flags/fragment word. */
    public static final int FLAG_DF = 0x4000;
    /** More Fragments bit in the flags/fragment word. */
    public static final int FLAG_MF = 0x2000;
    /** Fragment offset bits (in 8-octet units) in the flags/fragment word. */
    public static final int FRAGMENT_OFFSET_MASK = 0x1fff;

    /** Option: end of option list (RFC 791). */
    public static final int OPT_EOL = 0;
    /** Option: no operation (RFC 791). */
    public static final int OPT_NOP = 1;
    /** Option: loose source and record route (RFC 791), copied flag set. */
    public static final int OPT_LSRR = 0x83;
    /** Option: strict source and record route (RFC 791), copied flag set. */
    public static final int OPT_SSRR = 0x89;

    private Ip4() {
    }

    /**
     * Returns the version nibble.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return version
     */
    public static int version(byte[] b, int off) {
        return (b[off] & 0xf0) >>> 4;
    }

    /**
     * Returns the header length in bytes (IHL * 4).
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return header length in bytes (0..60)
     */
    public static int ihl(byte[] b, int off) {
        return (b[off] & 0x0f) << 2;
    }

    /**
     * Returns the type of service byte (DSCP in the upper 6 bits, ECN in the lower 2).
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return TOS
     */
    public static int tos(byte[] b, int off) {
        return b[off + TOS_OFFSET] & 0xff;
    }

    /**
     * Returns the total length (header + payload) in bytes.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return total length
     */
    public static int totalLength(byte[] b, int off) {
        return Bytes.getU16(b, off + TOTAL_LENGTH_OFFSET);
    }

    /**
     * Returns the identification.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return identification (0..65535)
     */
    public static int identification(byte[] b, int off) {
        return Bytes.getU16(b, off + IDENTIFICATION_OFFSET);
    }

    /**
     * Returns the 16-bit word holding the flags and fragment offset.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return flags/fragment word
     */
    public static int flagsFragment(byte[] b, int off) {
        return Bytes.getU16(b, off + FLAGS_FRAGMENT_OFFSET);
    }

    /**
     * Returns the three flag bits (reserved, DF, MF) as a value 0..7.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return flags
     */
    public static int flags(byte[] b, int off) {
        return flagsFragment(b, off) >>> 13;
    }

    /**
     * Tells whether Don't Fragment is set.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return DF
     */
    public static boolean dontFragment(byte[] b, int off) {
        return (flagsFragment(b, off) & FLAG_DF) != 0;
    }

    /**
     * Tells whether More Fragments is set.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return MF
     */
    public static boolean moreFragments(byte[] b, int off) {
        return (flagsFragment(b, off) & FLAG_MF) != 0;
    }

    /**
     * Returns the fragment offset in 8-octet units.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return fragment offset (0..8191)
     */
    public static int fragmentOffset(byte[] b, int off) {
        return flagsFragment(b, off) & FRAGMENT_OFFSET_MASK;
    }

    /**
     * Tells whether the packet is a fragment (MF set or a non-zero offset).
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return true for any fragment, first included
     */
    public static boolean isFragment(byte[] b, int off) {
        return (flagsFragment(b, off) & (FLAG_MF | FRAGMENT_OFFSET_MASK)) != 0;
    }

    /**
     * Returns the time to live.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return TTL
     */
    public static int ttl(byte[] b, int off) {
        return b[off + TTL_OFFSET] & 0xff;
    }

    /**
     * Returns the protocol of the payload.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return protocol number
     */
    public static int protocol(byte[] b, int off) {
        return b[off + PROTOCOL_OFFSET] & 0xff;
    }

    /**
     * Returns the header checksum field.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return header checksum
     */
    public static int headerChecksum(byte[] b, int off) {
        return Bytes.getU16(b, off + CHECKSUM_OFFSET);
    }

    /**
     * Returns the source address.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return source address as an int
     */
    public static int src(byte[] b, int off) {
        return Bytes.getInt(b, off + SRC_OFFSET);
    }

    /**
     * Returns the destination address.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return destination address as an int
     */
    public static int dst(byte[] b, int off) {
        return Bytes.getInt(b, off + DST_OFFSET);
    }

    /**
     * Sets version 4 and the header length.
     *
     * @param b         packet
     * @param off       offset of the IPv4 header
     * @param headerLen header length in bytes (multiple of 4, 20..60)
     */
    public static void setVersionIhl(byte[] b, int off, int headerLen) {
        b[off] = (byte) (VERSION << 4 | (headerLen >>> 2) & 0x0f);
    }

    /**
     * Sets the type of service byte.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @param tos TOS
     */
    public static void setTos(byte[] b, int off, int tos) {
        b[off + TOS_OFFSET] = (byte) tos;
    }

    /**
     * Sets the total length.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @param len total length
     */
    public static void setTotalLength(byte[] b, int off, int len) {
        Bytes.putU16(b, off + TOTAL_LENGTH_OFFSET, len);
    }

    /**
     * Sets the identification.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @param id  identification (low 16 bits)
     */
    public static void setIdentification(byte[] b, int off, int id) {
        Bytes.putU16(b, off + IDENTIFICATION_OFFSET, id);
    }

    /**
     * Sets the flags/fragment word.
     *
     * @param b     packet
     * @param off   offset of the IPv4 header
     * @param value flags ({@link #FLAG_DF}, {@link #FLAG_MF}) or-ed with the offset in 8-octet units
     */
    public static void setFlagsFragment(byte[] b, int off, int value) {
        Bytes.putU16(b, off + FLAGS_FRAGMENT_OFFSET, value);
    }

    /**
     * Sets the time to live.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @param ttl TTL
     */
    public static void setTtl(byte[] b, int off, int ttl) {
        b[off + TTL_OFFSET] = (byte) ttl;
    }

    /**
     * Sets the protocol.
     *
     * @param b     packet
     * @param off   offset of the IPv4 header
     * @param proto protocol number
     */
    public static void setProtocol(byte[] b, int off, int proto) {
        b[off + PROTOCOL_OFFSET] = (byte) proto;
    }

    /**
     * Sets the header checksum field.
     *
     * @param b    packet
     * @param off  offset of the IPv4 header
     * @param csum checksum
     */
    public static void setHeaderChecksum(byte[] b, int off, int csum) {
        Bytes.putU16(b, off + CHECKSUM_OFFSET, csum);
    }

    /**
     * Sets the source address.
     *
     * @param b    packet
     * @param off  offset of the IPv4 header
     * @param addr address
     */
    public static void setSrc(byte[] b, int off, int addr) {
        Bytes.putInt(b, off + SRC_OFFSET, addr);
    }

    /**
     * Sets the destination address.
     *
     * @param b    packet
     * @param off  offset of the IPv4 header
     * @param addr address
     */
    public static void setDst(byte[] b, int off, int addr) {
        Bytes.putInt(b, off + DST_OFFSET, addr);
    }

    /**
     * Computes the header checksum over {@link #ihl} bytes, taking the checksum field as zero.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @return the checksum the header should carry
     */
    public static int computeHeaderChecksum(byte[] b, int off) {
        int ihl = ihl(b, off);
        int sum = Checksum.sum(b, off, CHECKSUM_OFFSET);
        sum = Checksum.sum(sum, b, off + SRC_OFFSET, ihl - SRC_OFFSET);
        return Checksum.finish(sum);
    }

    /**
     * Computes and writes the header checksum.
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     */
    public static void updateHeaderChecksum(byte[] b, int off) {
        setHeaderChecksum(b, off, computeHeaderChecksum(b, off));
    }

    /**
     * Verifies the header checksum: the one's complement sum of the whole header,
     * checksum included, must be 0xffff (RFC 1071).
     *
     * @param b   packet
     * @param off offset of the IPv4 header
     * @param len bytes available from off
     * @return true if the header fits in len and its checksum verifies
     */
    public static boolean headerChecksumValid(byte[] b, int off, int len) {
        if (len < MIN_HEADER_LEN || off < 0 || off > b.length - MIN_HEADER_LEN) {
            return false;
        }
        int ihl = ihl(b, off);
        if (ihl < MIN_HEADER_LEN || ihl > len || off > b.length - ihl) {
            return false;
        }
        return Checksum.sum(b, off, ihl) == 0xffff;
    }
}
