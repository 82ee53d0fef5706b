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
 * Flyweight accessors for ICMPv4 (RFC 792) and ICMPv6 (RFC 4443) headers, which share
 * one layout, plus the ICMPv4 type and code numbers RFC 7915 section 4.2 translates
 * (ICMPv6 numbers are in {@link Icmp6}). No bounds checks: callers first check that
 * {@link #HEADER_LEN} bytes are present.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Rest of Header                            |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * Echo:              | Identifier (16)      | Sequence Number (16) |
 * v4 Frag. Needed:   | unused (16)          | Next-Hop MTU (16)    |  RFC 1191
 * v4 Param. Problem: | Pointer (8) | unused (24)                   |
 * v6 Packet Too Big: | MTU (32)                                    |
 * v6 Param. Problem: | Pointer (32)                                |
 * Errors then carry as much of the invoking packet as fits (RFC 792 / RFC 4443 2.4).
 * </pre>
 */
public final class Icmp {

    /** Length of the ICMP header (type, code, checksum, rest of header). */
    public static final int HEADER_LEN = 8;
    /** Offset of the type. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the code. */
    public static final int CODE_OFFSET = 1;
    /** Offset of the checksum. */
    public static final int CHECKSUM_OFFSET = 2;
    /** Offset of the rest of header (32 bits). */
    public static final int REST_OFFSET = 4;
    /** Offset of the echo identifier. */
    public static final int ECHO_ID_OFFSET = 4;
    /** Offset of the echo sequence number. */
    public static final int ECHO_SEQ_OFFSET = 6;
    /** Offset of the next-hop MTU of an ICMPv4 fragmentation needed (RFC 1191). */
    public static final int V4_MTU_OFFSET = 6;
    /** Offset of the pointer of an ICMPv4 parameter problem (8 bits). */
    public static final int V4_POINTER_OFFSET = 4;

    /** ICMPv4 echo reply. */
    public static final int ECHO_REPLY = 0;
    /** ICMPv4 destination unreachable. */
    public static final int DEST_UNREACH = 3;
    /** ICMPv4 source quench (deprecated, RFC 6633). */
    public static final int SOURCE_QUENCH = 4;
    /** ICMPv4 redirect. */
    public static final int REDIRECT = 5;
    /** ICMPv4 alternate host address (deprecated). */
    public static final int ALT_HOST = 6;
    /** ICMPv4 echo request. */
    public static final int ECHO_REQUEST = 8;
    /** ICMPv4 router advertisement. */
    public static final int ROUTER_ADVERT = 9;
    /** ICMPv4 router solicitation. */
    public static final int ROUTER_SOLICIT = 10;
    /** ICMPv4 time exceeded. */
    public static final int TIME_EXCEEDED = 11;
    /** ICMPv4 parameter problem. */
    public static final int PARAM_PROBLEM = 12;
    /** ICMPv4 timestamp request. */
    public static final int TIMESTAMP = 13;
    /** ICMPv4 timestamp reply. */
    public static final int TIMESTAMP_REPLY = 14;
    /** ICMPv4 information request (deprecated). */
    public static final int INFO_REQUEST = 15;
    /** ICMPv4 information reply (deprecated). */
    public static final int INFO_REPLY = 16;
    /** ICMPv4 address mask request (deprecated). */
    public static final int ADDR_MASK_REQUEST = 17;
    /** ICMPv4 address mask reply (deprecated). */
    public static final int ADDR_MASK_REPLY = 18;

    /** Destination unreachable code: net unreachable. */
    public static final int UNREACH_NET = 0;
    /** Destination unreachable code: host unreachable. */
    public static final int UNREACH_HOST = 1;
    /** Destination unreachable code: protocol unreachable. */
    public static final int UNREACH_PROTOCOL = 2;
    /** Destination unreachable code: port unreachable. */
    public static final int UNREACH_PORT = 3;
    /** Destination unreachable code: fragmentation needed and DF set (RFC 1191). */
    public static final int UNREACH_FRAG_NEEDED = 4;
    /** Destination unreachable code: source route failed. */
    public static final int UNREACH_SOURCE_ROUTE = 5;
    /** Destination unreachable code: destination network unknown. */
    public static final int UNREACH_NET_UNKNOWN = 6;
    /** Destination unreachable code: destination host unknown. */
    public static final int UNREACH_HOST_UNKNOWN = 7;
    /** Destination unreachable code: source host isolated. */
    public static final int UNREACH_ISOLATED = 8;
    /** Destination unreachable code: network administratively prohibited. */
    public static final int UNREACH_NET_PROHIBITED = 9;
    /** Destination unreachable code: host administratively prohibited. */
    public static final int UNREACH_HOST_PROHIBITED = 10;
    /** Destination unreachable code: network unreachable for TOS. */
    public static final int UNREACH_NET_TOS = 11;
    /** Destination unreachable code: host unreachable for TOS. */
    public static final int UNREACH_HOST_TOS = 12;
    /** Destination unreachable code: communication administratively prohibited (RFC 1812). */
    public static final int UNREACH_ADMIN_PROHIBITED = 13;
    /** Destination unreachable code: host precedence violation (RFC 1812). */
    public static final int UNREACH_PRECEDENCE_VIOLATION = 14;
    /** Destination unreachable code: precedence cutoff in effect (RFC 1812). */
    public static final int UNREACH_PRECEDENCE_CUTOFF = 15;

    /** Time exceeded code: TTL exceeded in transit. */
    public static final int TIME_EXCEEDED_TTL = 0;
    /** Time exceeded code: fragment reassembly time exceeded. */
    public static final int TIME_EXCEEDED_REASSEMBLY = 1;

    /** Parameter problem code: pointer indicates the error. */
    public static final int PARAM_POINTER = 0;
    /** Parameter problem code: missing a required option. */
    public static final int PARAM_MISSING_OPTION = 1;
    /** Parameter problem code: bad length. */
    public static final int PARAM_BAD_LENGTH = 2;

    private Icmp() {
    }

    /**
     * Returns the type.
     *
     * @param b   packet
     * @param off offset of the ICMP header
     * @return type
     */
    public static int type(byte[] b, int off) {
        return b[off + TYPE_OFFSET] & 0xff;
    }

    /**
     * Returns the code.
     *
     * @param b   packet
     * @param off offset of the ICMP header
     * @return code
     */
    public static int code(byte[] b, int off) {
        return b[off + CODE_OFFSET] & 0xff;
    }

    /**
     * Returns the checksum field.
     *
     * @param b   packet
     * @param off offset of the ICMP header
     * @return checksum
     */
    public static int checksum(byte[] b, int off) {
        return Bytes.getU16(b, off + CHECKSUM_OFFSET);
    }

    /**
     * Returns the 32-bit rest of header.
     *
     * @param b   packet
     * @param off offset of the ICMP header
     * @return rest of header
     */
    public static int restOfHeader(byte[] b, int off) {
        return Bytes.getInt(b, off + REST_OFFSET);
    }

    /**
     * Sets the type.
     *
     * @param b    packet
     * @param off  offset of the ICMP header
     * @param type type
     */
    public static void setType(byte[] b, int off, int type) {
        b[off + TYPE_OFFSET] = (byte) type;
    }

    /**
     * Sets the code.
     *
     * @param b    packet
     * @param off  offset of the ICMP header
     * @param code code
     */
    public static void setCode(byte[] b, int off, int code) {
        b[off + CODE_OFFSET] = (byte) code;
    }

    /**
     * Sets the checksum field.
     *
     * @param b    packet
     * @param off  offset of the ICMP header
     * @param csum checksum
     */
    public static void setChecksum(byte[] b, int off, int csum) {
        Bytes.putU16(b, off + CHECKSUM_OFFSET, csum);
    }

    /**
     * Sets the 32-bit rest of header.
     *
     * @param b     packet
     * @param off   offset of the ICMP header
     * @param value rest of header
     */
    public static void setRestOfHeader(byte[] b, int off, int value) {
        Bytes.putInt(b, off + REST_OFFSET, value);
    }

    /**
     * Tells whether an ICMPv4 type is an error message (carries an invoking packet)
     * among those RFC 7915 section 4.2 can translate.
     *
     * @param type ICMPv4 type
     * @return true for destination unreachable, time exceeded and parameter problem
     */
    public static boolean isTranslatableV4Error(int type) {
        return type == DEST_UNREACH || type == TIME_EXCEEDED || type == PARAM_PROBLEM;
    }
}
