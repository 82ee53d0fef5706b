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

import org.v6proxy.packet.Bytes;
import org.v6proxy.packet.Checksum;
import org.v6proxy.packet.Tcp;

/**
 * In-place edits of a TCP segment, each paired with its RFC 1624 checksum update.
 *
 * <p>The TCP checksum covers a pseudo-header of even length (12 bytes for IPv4, 40 for
 * IPv6) followed by the segment, so 16-bit words are aligned relative to the start of
 * the TCP header. Fixed-header fields are always aligned; an option field may start at
 * an odd offset (after a single NOP). Bytes at an odd offset contribute their value
 * multiplied by 256, which modulo 0xffff is a byte swap of the 16-bit sum (RFC 1071
 * section 2(B), byte order independence), so the update uses byte-swapped sums there.</p>
 */
final class TcpEdit {

    private TcpEdit() {
    }

    /**
     * Returns the TCP header length if the header is sane and fits in the segment and the
     * array, else -1.
     *
     * @param b      packet
     * @param tcpOff offset of the TCP header
     * @param tcpLen length of the TCP segment (header + data)
     * @return header length 20..60, or -1
     */
    static int headerLength(byte[] b, int tcpOff, int tcpLen) {
        if (b == null || tcpOff < 0 || tcpLen < Tcp.MIN_HEADER_LEN || tcpOff > b.length - tcpLen) {
            return -1;
        }
        int hl = Tcp.dataOffset(b, tcpOff);
        return hl >= Tcp.MIN_HEADER_LEN && hl <= tcpLen ? hl : -1;
    }

    /**
     * Writes a 32-bit value at pos and updates the TCP checksum.
     *
     * @param b      packet
     * @param tcpOff offset of the TCP header
     * @param pos    offset of the field (inside the TCP header, not the checksum)
     * @param value  new value
     */
    static void put32(byte[] b, int tcpOff, int pos, int value) {
        int old = Bytes.getInt(b, pos);
        if (old == value) {
            return;
        }
        Bytes.putInt(b, pos, value);
        int csumOff = tcpOff + Tcp.CHECKSUM_OFFSET;
        if (((pos - tcpOff) & 1) == 0) {
            Checksum.replace32(b, csumOff, old, value);
        } else {
            Bytes.putU16(b, csumOff, Checksum.adjust(Bytes.getU16(b, csumOff),
                                                      swap(Checksum.sum32(old)), swap(Checksum.sum32(value))));
        }
    }

    /**
     * Writes a 16-bit value at pos and updates the TCP checksum.
     *
     * @param b      packet
     * @param tcpOff offset of the TCP header
     * @param pos    offset of the field (inside the TCP header, not the checksum)
     * @param value  new value (low 16 bits)
     */
    static void put16(byte[] b, int tcpOff, int pos, int value) {
        int old = Bytes.getU16(b, pos);
        int v = value & 0xffff;
        if (old == v) {
            return;
        }
        Bytes.putU16(b, pos, v);
        int csumOff = tcpOff + Tcp.CHECKSUM_OFFSET;
        if (((pos - tcpOff) & 1) == 0) {
            Checksum.replace16(b, csumOff, old, v);
        } else {
            Bytes.putU16(b, csumOff, Checksum.adjust(Bytes.getU16(b, csumOff), swap(old), swap(v)));
        }
    }

    /**
     * Overwrites b[pos, pos+len) with one byte value and updates the TCP checksum over the
     * aligned words that cover the range. The range must lie inside the TCP options
     * (whose end is 4-byte aligned).
     *
     * @param b      packet
     * @param tcpOff offset of the TCP header
     * @param pos    first byte
     * @param len    number of bytes
     * @param value  byte to write
     */
    static void fill(byte[] b, int tcpOff, int pos, int len, int value) {
        int from = pos - ((pos - tcpOff) & 1);
        int end = pos + len;
        int to = end + ((end - tcpOff) & 1);
        int oldSum = Checksum.sum(b, from, to - from);
        for (int i = pos; i < end; i++) {
            b[i] = (byte) value;
        }
        int newSum = Checksum.sum(b, from, to - from);
        int csumOff = tcpOff + Tcp.CHECKSUM_OFFSET;
        Bytes.putU16(b, csumOff, Checksum.adjust(Bytes.getU16(b, csumOff), oldSum, newSum));
    }

    /** Swaps the bytes of a 16-bit sum: the same sum multiplied by 256 mod 0xffff. */
    private static int swap(int s) {
        return (s & 0xff) << 8 | (s >>> 8) & 0xff;
    }
}
