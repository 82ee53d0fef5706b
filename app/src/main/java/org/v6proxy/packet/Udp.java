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
 * Flyweight accessors for a UDP header (RFC 768). No bounds checks: callers first check
 * that {@link #HEADER_LEN} bytes are present.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Length             |           Checksum            |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * A checksum of 0 means "none" (IPv4 only); a computed 0 is sent as 0xffff.
 * </pre>
 */
public final class Udp {

    /** Header length. */
    public static final int HEADER_LEN = 8;
    /** Offset of the source port. */
    public static final int SRC_PORT_OFFSET = 0;
    /** Offset of the destination port. */
    public static final int DST_PORT_OFFSET = 2;
    /** Offset of the length (header + data). */
    public static final int LENGTH_OFFSET = 4;
    /** Offset of the checksum. */
    public static final int CHECKSUM_OFFSET = 6;

    private Udp() {
    }

    /**
     * Returns the source port.
     *
     * @param b   packet
     * @param off offset of the UDP header
     * @return port
     */
    public static int srcPort(byte[] b, int off) {
        return Bytes.getU16(b, off + SRC_PORT_OFFSET);
    }

    /**
     * Returns the destination port.
     *
     * @param b   packet
     * @param off offset of the UDP header
     * @return port
     */
    public static int dstPort(byte[] b, int off) {
        return Bytes.getU16(b, off + DST_PORT_OFFSET);
    }

    /**
     * Returns the length field (header + data).
     *
     * @param b   packet
     * @param off offset of the UDP header
     * @return length
     */
    public static int length(byte[] b, int off) {
        return Bytes.getU16(b, off + LENGTH_OFFSET);
    }

    /**
     * Returns the checksum field (0 = none, IPv4 only).
     *
     * @param b   packet
     * @param off offset of the UDP header
     * @return checksum
     */
    public static int checksum(byte[] b, int off) {
        return Bytes.getU16(b, off + CHECKSUM_OFFSET);
    }

    /**
     * Sets the source port (no checksum update).
     *
     * @param b    packet
     * @param off  offset of the UDP header
     * @param port port
     */
    public static void setSrcPort(byte[] b, int off, int port) {
        Bytes.putU16(b, off + SRC_PORT_OFFSET, port);
    }

    /**
     * Sets the destination port (no checksum update).
     *
     * @param b    packet
     * @param off  offset of the UDP header
     * @param port port
     */
    public static void setDstPort(byte[] b, int off, int port) {
        Bytes.putU16(b, off + DST_PORT_OFFSET, port);
    }

    /**
     * Sets the length field (no checksum update).
     *
     * @param b   packet
     * @param off offset of the UDP header
     * @param len length
     */
    public static void setLength(byte[] b, int off, int len) {
        Bytes.putU16(b, off + LENGTH_OFFSET, len);
    }

    /**
     * Sets the checksum field.
     *
     * @param b    packet
     * @param off  offset of the UDP header
     * @param csum checksum
     */
    public static void setChecksum(byte[] b, int off, int csum) {
        Bytes.putU16(b, off + CHECKSUM_OFFSET, csum);
    }
}
