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
 * Flyweight accessors for a TCP header and its options (RFC 9293 section 3.1). Field
 * methods take the array and the offset of the TCP header and do not check bounds;
 * the option walk checks every bound itself.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |  8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             | 12
 * |       |       |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        | 16
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (Data Offset > 5)                  | 20
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * Option: kind 0 (EOL) and 1 (NOP) are one octet; every other is
 * kind (1 octet), length (1 octet, counts kind and length), data.
 * </pre>
 */
public final class Tcp {

    /** Header length without options. */
    public static final int MIN_HEADER_LEN = 20;
    /** Largest header (data offset 15). */
    public static final int MAX_HEADER_LEN = 60;

    /** Offset of the source port. */
    public static final int SRC_PORT_OFFSET = 0;
    /** Offset of the destination port. */
    public static final int DST_PORT_OFFSET = 2;
    /** Offset of the sequence number. */
    public static final int SEQ_OFFSET = 4;
    /** Offset of the acknowledgment number. */
    public static final int ACK_OFFSET = 8;
    /** Offset of the data offset nibble. */
    public static final int DATA_OFFSET_OFFSET = 12;
    /** Offset of the flags byte. */
    public static final int FLAGS_OFFSET = 13;
    /** Offset of the window. */
    public static final int WINDOW_OFFSET = 14;
    /** Offset of the checksum. */
    public static final int CHECKSUM_OFFSET = 16;
    /** Offset of the urgent pointer. */
    public static final int URGENT_OFFSET = 18;
    /** Offset of the first option. */
    public static final int OPTIONS_OFFSET = 20;

    /** FIN flag. */
    public static final int FIN = 0x01;
    /** SYN flag. */
    public static final int SYN = 0x02;
    /** RST flag. */
    public static final int RST = 0x04;
    /** PSH flag. */
    public static final int PSH = 0x08;
    /** ACK flag. */
    public static final int ACK = 0x10;
    /** URG flag. */
    public static final int URG = 0x20;
    /** ECE flag (RFC 3168). */
    public static final int ECE = 0x40;
    /** CWR flag (RFC 3168). */
    public static final int CWR = 0x80;

    /** Option kind: end of option list. */
    public static final int OPT_EOL = 0;
    /** Option kind: no operation (padding). */
    public static final int OPT_NOP = 1;
    /** Option kind: maximum segment size (RFC 9293), length 4. */
    public static final int OPT_MSS = 2;
    /** Option kind: window scale (RFC 7323), length 3. */
    public static final int OPT_WSCALE = 3;
    /** Option kind: SACK permitted (RFC 2018), length 2. */
    public static final int OPT_SACK_PERM = 4;
    /** Option kind: SACK blocks (RFC 2018), length 2 + 8n. */
    public static final int OPT_SACK = 5;
    /** Option kind: timestamps (RFC 7323), length 10. */
    public static final int OPT_TIMESTAMP = 8;
    /** Length of the MSS option. */
    public static final int OPT_MSS_LEN = 4;
    /** Length of the window scale option. */
    public static final int OPT_WSCALE_LEN = 3;
    /** Length of the SACK-permitted option. */
    public static final int OPT_SACK_PERM_LEN = 2;
    /** Length of the timestamps option. */
    public static final int OPT_TIMESTAMP_LEN = 10;

    private Tcp() {
    }

    /**
     * Returns the source port.
     *
     * @param b   packet
     * @param off offset of the TCP header
     * @return port
     */
    public static int srcPort(byte[] b, int off) {
        return Bytes.getU16(b, off + SRC_PORT_OFFSET);
    }

    /**
     * Returns the destination port.
     *
     * @param b   packet
     * @param off offset of the TCP header
     * @return port
     */
    public static int dstPort(byte[] b, int off) {
        return Bytes.getU16(b, off + DST_PORT_OFFSET);
    }

    /**
     * Returns the sequence number.
     *
     * @param b   packet
     * @param off offset of the TCP header
     * @return sequence number (signed int; compare with wrap-safe arithmetic)
     */
    public static int seq(byte[] b, int off) {
        return Bytes.getInt(b, off + SEQ_OFFSET);
    }

    /**
     * Returns the acknowledgment number.
     *
     * @param b   packet
     * @param off offset of the TCP header
     * @return acknowledgment number
     */
    public static int ack(byte[] b, int off) {
        return Bytes.getInt(b, off + ACK_OFFSET);
    }

    /**
     * Returns the header length in bytes (data offset * 4).
     *
     * @param b   packet
     * @param off offset of the TCP header
     * @return header length (0..60)
     */
    public static int dataOffset(byte[] b, int off) {
        return (b[off + DATA_OFFSET_OFFSET] & 0xf0) >>> 2;
    }

    /**
     * Returns the flags byte (CWR..FIN).
     *
     * @param b   packet
     * @param off offset of the TCP header
     * @return flags
     */
    public static int flags(byte[] b, int off) {
        return b[off + FLAGS_OFFSET] & 0xff;
    }

    /**
     * Returns the window.
     *
     * @param b   packet
     * @param off offset of the TCP header
     * @return window (unscaled)
     */
    public static int window(byte[] b, int off) {
        return Bytes.getU16(b, off + WINDOW_OFFSET);
    }

    /**
     * Returns the checksum field.
     *
     * @param b   packet
     * @param off offset of the TCP header
     * @return checksum
     */
    public static int checksum(byte[] b, int off) {
        return Bytes.getU16(b, off + CHECKSUM_OFFSET);
    }

    /**
     * Returns the urgent pointer.
     *
     * @param b   packet
     * @param off offset of the TCP header
     * @return urgent pointer
     */
    public static int urgent(byte[] b, int off) {
        return Bytes.getU16(b, off + URGENT_OFFSET);
    }

    /**
     * Sets the source port (no checksum update).
     *
     * @param b    packet
     * @param off  offset of the TCP header
     * @param port port
     */
    public static void setSrcPort(byte[] b, int off, int port) {
        Bytes.putU16(b, off + SRC_PORT_OFFSET, port);
    }

    /**
     * Sets the destination port (no checksum update).
     *
     * @param b    packet
     * @param off  offset of the TCP header
     * @param port port
     */
    public static void setDstPort(byte[] b, int off, int port) {
        Bytes.putU16(b, off + DST_PORT_OFFSET, port);
    }

    /**
     * Sets the sequence number (no checksum update).
     *
     * @param b   packet
     * @param off offset of the TCP header
     * @param seq sequence number
     */
    public static void setSeq(byte[] b, int off, int seq) {
        Bytes.putInt(b, off + SEQ_OFFSET, seq);
    }

    /**
     * Sets the acknowledgment number (no checksum update).
     *
     * @param b   packet
     * @param off offset of the TCP header
     * @param ack acknowledgment number
     */
    public static void setAck(byte[] b, int off, int ack) {
        Bytes.putInt(b, off + ACK_OFFSET, ack);
    }

    /**
     * Sets the header length (the reserved bits are cleared).
     *
     * @param b         packet
     * @param off       offset of the TCP header
     * @param headerLen header length in bytes (multiple of 4, 20..60)
     */
    public static void setDataOffset(byte[] b, int off, int headerLen) {
        b[off + DATA_OFFSET_OFFSET] = (byte) ((headerLen >>> 2) << 4);
    }

    /**
     * Sets the flags byte (no checksum update).
     *
     * @param b     packet
     * @param off   offset of the TCP header
     * @param flags flags
     */
    public static void setFlags(byte[] b, int off, int flags) {
        b[off + FLAGS_OFFSET] = (byte) flags;
    }

    /**
     * Sets the window (no checksum update).
     *
     * @param b      packet
     * @param off    offset of the TCP header
     * @param window window
     */
    public static void setWindow(byte[] b, int off, int window) {
        Bytes.putU16(b, off + WINDOW_OFFSET, window);
    }

    /**
     * Sets the checksum field.
     *
     * @param b    packet
     * @param off  offset of the TCP header
     * @param csum checksum
     */
    public static void setChecksum(byte[] b, int off, int csum) {
        Bytes.putU16(b, off + CHECKSUM_OFFSET, csum);
    }

    /**
     * Sets the urgent pointer (no checksum update).
     *
     * @param b       packet
     * @param off     offset of the TCP header
     * @param pointer urgent pointer
     */
    public static void setUrgent(byte[] b, int off, int pointer) {
        Bytes.putU16(b, off + URGENT_OFFSET, pointer);
    }

    /**
     * Finds an option. The walk is bounded by the header length and by the array, and
     * gives up (returns -1) on a malformed layout: a data offset below 20, a header that
     * does not fit in b, an option length below 2 or one running past the header.
     * EOL ends the walk.
     *
     * @param b      packet
     * @param tcpOff offset of the TCP header
     * @param kind   option kind to find (not EOL or NOP)
     * @return offset in b of the option's kind octet, or -1 if absent or malformed
     */
    public static int findOption(byte[] b, int tcpOff, int kind) {
        int end = optionsEnd(b, tcpOff);
        if (end < 0) {
            return -1;
        }
        int p = tcpOff + OPTIONS_OFFSET;
        while (p < end) {
            int k = b[p] & 0xff;
            if (k == OPT_EOL) {
                return -1;
            }
            if (k == OPT_NOP) {
                p++;
                continue;
            }
            if (p + 1 >= end) {
                return -1;
            }
            int len = b[p + 1] & 0xff;
            if (len < 2 || p + len > end) {
                return -1;
            }
            if (k == kind) {
                return p;
            }
            p += len;
        }
        return -1;
    }

    /**
     * Tells whether the options are well formed: every option's length is at least 2
     * and stays inside the header (after EOL, the rest is padding and not checked).
     *
     * @param b      packet
     * @param tcpOff offset of the TCP header
     * @return true if well formed (also when there are no options)
     */
    public static boolean optionsWellFormed(byte[] b, int tcpOff) {
        int end = optionsEnd(b, tcpOff);
        if (end < 0) {
            return false;
        }
        int p = tcpOff + OPTIONS_OFFSET;
        while (p < end) {
            int k = b[p] & 0xff;
            if (k == OPT_EOL) {
                return true;
            }
            if (k == OPT_NOP) {
                p++;
                continue;
            }
            if (p + 1 >= end) {
                return false;
            }
            int len = b[p + 1] & 0xff;
            if (len < 2 || p + len > end) {
                return false;
            }
            p += len;
        }
        return true;
    }

    /**
     * Returns the length octet of the option at optOff (1 for EOL and NOP).
     *
     * @param b      packet
     * @param optOff offset of the option's kind octet (as returned by {@link #findOption})
     * @return option length
     */
    public static int optionLength(byte[] b, int optOff) {
        int k = b[optOff] & 0xff;
        return k == OPT_EOL || k == OPT_NOP ? 1 : b[optOff + 1] & 0xff;
    }

    /**
     * Returns the MSS value of an MSS option; the caller checks its length is 4.
     *
     * @param b      packet
     * @param optOff offset of the MSS option
     * @return MSS
     */
    public static int mss(byte[] b, int optOff) {
        return Bytes.getU16(b, optOff + 2);
    }

    /**
     * Sets the MSS value of an MSS option (no checksum update).
     *
     * @param b      packet
     * @param optOff offset of the MSS option
     * @param mss    new MSS
     */
    public static void setMss(byte[] b, int optOff, int mss) {
        Bytes.putU16(b, optOff + 2, mss);
    }

    /** Returns the end of the header (exclusive) if it is sane and inside b, else -1. */
    private static int optionsEnd(byte[] b, int tcpOff) {
        if (b == null || tcpOff < 0 || tcpOff > b.length - MIN_HEADER_LEN) {
            return -1;
        }
        int hl = dataOffset(b, tcpOff);
        if (hl < MIN_HEADER_LEN || tcpOff > b.length - hl) {
            return -1;
        }
        return tcpOff + hl;
    }
}
