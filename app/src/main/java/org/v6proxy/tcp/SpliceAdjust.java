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
import org.v6proxy.packet.Tcp;

/**
 * Per-segment adjustment of a spliced connection (see {@link SpliceParams} for the two
 * sequence spaces), in place, allocation free, every rewrite paired with its RFC 1624
 * checksum update so that the result is right whether it runs before or after the
 * IPv4/IPv6 translation. A checksum that was wrong on arrival stays exactly as wrong.
 *
 * <p>What changes in each direction (the client's sequence space is the same on both
 * legs because the app reuses the client's ISN towards the backend):</p>
 * <pre>
 * field            backend to client            client to backend
 * seq              - seqOffset                  unchanged (client space)
 * ack (if ACK)     unchanged (client space)     + seqOffset
 * SACK edges       unchanged: they acknowledge  + seqOffset: they acknowledge backend
 *                  client data (RFC 2018 s. 3)  data (RFC 2018 s. 3; D-SACK blocks of
 *                                               RFC 2883 too); blanked if the backend
 *                                               leg has no SACK (RFC 2018 s. 2)
 * window           rescaled backendSendShift    rescaled clientSendShift
 *                  to clientReceiveShift        to backendReceiveShift (normally equal)
 * urgent pointer   unchanged (relative to seq, RFC 9293 section 3.1)
 * timestamps       never negotiated by the app, so an option that shows up anyway is
 *                  left alone (RFC 7323 section 3.2: the peer ignores it)
 * </pre>
 *
 * <p>Every entry point returns a bit set of the status constants below; bad input never
 * throws (a segment whose header does not fit yields {@link #BAD_SEGMENT} and is left
 * unchanged).</p>
 */
public final class SpliceAdjust {

    /** Nothing noteworthy. */
    public static final int OK = 0;
    /** A rescaled window did not fit in 16 bits and was clamped to 0xffff. */
    public static final int WINDOW_CLAMPED = 1;
    /** At least one SACK option had its block edges shifted. */
    public static final int SACK_ADJUSTED = 1 << 1;
    /** A SACK option was turned into NOPs because the backend leg did not permit SACK. */
    public static final int SACK_REMOVED = 1 << 2;
    /** A SACK option's length was not 2 + 8n (n = 1..4); it was left unchanged. */
    public static final int SACK_MALFORMED = 1 << 3;
    /** The option list was malformed; no option was changed (fixed fields were). */
    public static final int OPTIONS_MALFORMED = 1 << 4;
    /** A timestamp option was turned into NOPs. */
    public static final int TIMESTAMP_STRIPPED = 1 << 5;
    /** The MSS option was lowered. */
    public static final int MSS_CLAMPED = 1 << 6;
    /** The header does not fit in the segment or the array (or an argument is null); nothing changed. */
    public static final int BAD_SEGMENT = 1 << 7;

    private static final int SACK_BLOCK_LEN = 8;
    private static final int MAX_WINDOW = 0xffff;

    private SpliceAdjust() {
    }

    /**
     * Adjusts a segment the backend sent, so that it fits the connection the client
     * sees: the sequence number moves from the backend's space to the app's
     * ({@code seq - seqOffset}) and the window is rescaled.
     *
     * @param b      packet
     * @param tcpOff offset of the TCP header
     * @param tcpLen length of the TCP segment (header + data)
     * @param p      splice parameters
     * @return status bits ({@link #WINDOW_CLAMPED}, {@link #BAD_SEGMENT})
     */
    public static int backendToClient(byte[] b, int tcpOff, int tcpLen, SpliceParams p) {
        if (p == null || TcpEdit.headerLength(b, tcpOff, tcpLen) < 0) {
            return BAD_SEGMENT;
        }
        TcpEdit.put32(b, tcpOff, tcpOff + Tcp.SEQ_OFFSET, Tcp.seq(b, tcpOff) - p.seqOffset());
        return rescaleWindowField(b, tcpOff, p.backendSendShift(), p.clientReceiveShift());
    }

    /**
     * Adjusts a segment the client sent, so that it fits the connection the backend
     * sees: the acknowledgment number (if ACK is set) and every SACK block edge move from
     * the app's space to the backend's ({@code + seqOffset}) and the window is rescaled
     * (a no-op unless the backend refused window scaling).
     *
     * @param b      packet
     * @param tcpOff offset of the TCP header
     * @param tcpLen length of the TCP segment (header + data)
     * @param p      splice parameters
     * @return status bits ({@link #WINDOW_CLAMPED}, {@link #SACK_ADJUSTED},
     *         {@link #SACK_REMOVED}, {@link #SACK_MALFORMED}, {@link #OPTIONS_MALFORMED},
     *         {@link #BAD_SEGMENT})
     */
    public static int clientToBackend(byte[] b, int tcpOff, int tcpLen, SpliceParams p) {
        int hl = p == null ? -1 : TcpEdit.headerLength(b, tcpOff, tcpLen);
        if (hl < 0) {
            return BAD_SEGMENT;
        }
        if ((Tcp.flags(b, tcpOff) & Tcp.ACK) != 0) {
            // RFC 9293 section 3.1: the field holds an acknowledgment only when ACK is set.
            TcpEdit.put32(b, tcpOff, tcpOff + Tcp.ACK_OFFSET, Tcp.ack(b, tcpOff) + p.seqOffset());
        }
        int status = rescaleWindowField(b, tcpOff, p.clientSendShift(), p.backendReceiveShift());
        if (hl > Tcp.MIN_HEADER_LEN) {
            status |= adjustSackOptions(b, tcpOff, hl, p);
        }
        return status;
    }

    /**
     * Rescales a window field value from one shift to another, rounding down so that the
     * receiver is never offered more than the sender allows, and clamping to 0xffff.
     * (A window smaller than 2^toShift bytes therefore becomes 0.)
     *
     * @param window    window field as sent (0..0xffff)
     * @param fromShift shift the sender applies (0..14)
     * @param toShift   shift the receiver applies (0..14)
     * @return window field for the receiver (0..0xffff)
     */
    public static int rescaleWindow(int window, int fromShift, int toShift) {
        if (fromShift == toShift) {
            return window & MAX_WINDOW;
        }
        long bytes = (long) (window & MAX_WINDOW) << fromShift;
        return (int) Math.min(MAX_WINDOW, bytes >>> toShift);
    }

    /**
     * Prepares a SYN (typically the one the app sends to a backend): every timestamp
     * option becomes NOPs (RFC 7323 is then not in use on that leg, so no TSval needs
     * rewriting) and an MSS above maxMss is lowered to it. No option is moved, so the
     * header length stays the same. A malformed option list is left unchanged.
     *
     * @param b      packet
     * @param tcpOff offset of the TCP header
     * @param tcpLen length of the TCP segment
     * @param maxMss largest MSS to announce (e.g. IPv6 MTU - 60)
     * @return status bits ({@link #TIMESTAMP_STRIPPED}, {@link #MSS_CLAMPED},
     *         {@link #OPTIONS_MALFORMED}, {@link #BAD_SEGMENT})
     */
    public static int stripTimestampsAndClampMss(byte[] b, int tcpOff, int tcpLen, int maxMss) {
        int hl = TcpEdit.headerLength(b, tcpOff, tcpLen);
        if (hl < 0) {
            return BAD_SEGMENT;
        }
        if (!Tcp.optionsWellFormed(b, tcpOff)) {
            return OPTIONS_MALFORMED;
        }
        int status = OK;
        int end = tcpOff + hl;
        int pos = tcpOff + Tcp.OPTIONS_OFFSET;
        while (pos < end) {
            int kind = b[pos] & 0xff;
            if (kind == Tcp.OPT_EOL) {
                break;
            }
            if (kind == Tcp.OPT_NOP) {
                pos++;
                continue;
            }
            int len = b[pos + 1] & 0xff;
            if (kind == Tcp.OPT_TIMESTAMP) {
                TcpEdit.fill(b, tcpOff, pos, len, Tcp.OPT_NOP);
                status |= TIMESTAMP_STRIPPED;
            } else if (kind == Tcp.OPT_MSS && len == Tcp.OPT_MSS_LEN && Tcp.mss(b, pos) > maxMss
                    && maxMss >= 0) {
                TcpEdit.put16(b, tcpOff, pos + 2, Math.min(maxMss, MAX_WINDOW));
                status |= MSS_CLAMPED;
            }
            pos += len;
        }
        return status;
    }

    /** Rescales the window field in place; SYN segments carry unscaled windows (RFC 7323 s. 2.2). */
    private static int rescaleWindowField(byte[] b, int tcpOff, int fromShift, int toShift) {
        if (fromShift == toShift || (Tcp.flags(b, tcpOff) & Tcp.SYN) != 0) {
            return OK;
        }
        long scaled = ((long) Tcp.window(b, tcpOff) << fromShift) >>> toShift;
        TcpEdit.put16(b, tcpOff, tcpOff + Tcp.WINDOW_OFFSET, (int) Math.min(MAX_WINDOW, scaled));
        return scaled > MAX_WINDOW ? WINDOW_CLAMPED : OK;
    }

    /*
     * RFC 2018 section 3, SACK option:
     *                   +--------+--------+
     *                   | Kind=5 | Length |
     * +--------+--------+--------+--------+
     * |      Left Edge of 1st Block       |
     * +--------+--------+--------+--------+
     * |      Right Edge of 1st Block      |
     * +--------+--------+--------+--------+
     * ...  up to 4 blocks (3 with timestamps); length = 2 + 8n.
     */
    private static int adjustSackOptions(byte[] b, int tcpOff, int hl, SpliceParams p) {
        if (!Tcp.optionsWellFormed(b, tcpOff)) {
            return OPTIONS_MALFORMED;
        }
        int status = OK;
        int end = tcpOff + hl;
        int pos = tcpOff + Tcp.OPTIONS_OFFSET;
        while (pos < end) {
            int kind = b[pos] & 0xff;
            if (kind == Tcp.OPT_EOL) {
                break;
            }
            if (kind == Tcp.OPT_NOP) {
                pos++;
                continue;
            }
            int len = b[pos + 1] & 0xff;
            if (kind == Tcp.OPT_SACK) {
                if (!p.sackOk()) {
                    TcpEdit.fill(b, tcpOff, pos, len, Tcp.OPT_NOP);
                    status |= SACK_REMOVED;
                } else if (len < 2 + SACK_BLOCK_LEN || (len - 2) % SACK_BLOCK_LEN != 0) {
                    status |= SACK_MALFORMED;
                } else {
                    for (int e = pos + 2; e < pos + len; e += 4) {
                        TcpEdit.put32(b, tcpOff, e, Bytes.getInt(b, e) + p.seqOffset());
                    }
                    status |= SACK_ADJUSTED;
                }
            }
            pos += len;
        }
        return status;
    }
}
