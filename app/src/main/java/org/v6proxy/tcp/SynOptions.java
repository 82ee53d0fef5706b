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
 * Options of the SYNs the app reads and writes: reading the client's MSS, window scale
 * and SACK-permitted (what a SYN cookie encodes) and writing the option block of the
 * app's own SYN-ACK (to the client) or SYN (to a backend). The app never offers
 * timestamps (see DESIGN.md "Two modes per service") or ECN.
 *
 * <p>Written layout, 4-byte aligned as Linux does without timestamps:</p>
 * <pre>
 * MSS        02 04 mm mm                      always
 * SACK_PERM  01 01 04 02                      (NOP NOP SACK_PERM) if sackOk
 * WSCALE     01 03 03 ss                      (NOP WSCALE) if wscale &gt;= 0
 * </pre>
 */
public final class SynOptions {

    /** Longest option block {@link #write} produces. */
    public static final int MAX_LEN = 12;
    /** MSS assumed when an IPv4 SYN has no MSS option (RFC 9293 section 3.7.1). */
    public static final int DEFAULT_MSS_IPV4 = 536;
    /** Window scale value meaning "option absent". */
    public static final int WSCALE_NONE = -1;

    private SynOptions() {
    }

    /**
     * Returns the number of bytes {@link #write} produces for these options.
     *
     * @param wscale window scale, or a negative value for none
     * @param sackOk whether SACK-permitted is written
     * @return 4, 8 or 12
     */
    public static int length(int wscale, boolean sackOk) {
        return Tcp.OPT_MSS_LEN + (sackOk ? 4 : 0) + (wscale >= 0 ? 4 : 0);
    }

    /**
     * Writes the option block of a SYN or SYN-ACK: MSS, then SACK-permitted if sackOk,
     * then window scale if wscale is not negative. Per RFC 7323 section 1.3 and RFC 2018
     * section 2, a SYN-ACK carries window scale and SACK-permitted only if the SYN did;
     * the caller passes what the client (or the cookie) offered. The caller sets the data
     * offset and computes the checksum of the segment it builds.
     *
     * @param b      buffer
     * @param off    where the options start (right after the 20-byte TCP header)
     * @param mss    MSS to announce (clamped to 0..0xffff)
     * @param wscale window scale to announce (above 14 is written as 14), or negative for none
     * @param sackOk whether to announce SACK-permitted
     * @return number of bytes written (a multiple of 4), or -1 if the buffer is too small
     */
    public static int write(byte[] b, int off, int mss, int wscale, boolean sackOk) {
        int len = length(wscale, sackOk);
        if (b == null || off < 0 || off > b.length - len) {
            return -1;
        }
        int p = off;
        b[p++] = Tcp.OPT_MSS;
        b[p++] = Tcp.OPT_MSS_LEN;
        Bytes.putU16(b, p, Math.max(0, Math.min(0xffff, mss)));
        p += 2;
        if (sackOk) {
            b[p++] = Tcp.OPT_NOP;
            b[p++] = Tcp.OPT_NOP;
            b[p++] = Tcp.OPT_SACK_PERM;
            b[p++] = Tcp.OPT_SACK_PERM_LEN;
        }
        if (wscale >= 0) {
            b[p++] = Tcp.OPT_NOP;
            b[p++] = Tcp.OPT_WSCALE;
            b[p++] = Tcp.OPT_WSCALE_LEN;
            b[p++] = (byte) Math.min(wscale, SynCookies.MAX_WSCALE);
        }
        return p - off;
    }

    /**
     * Reads the MSS option of a SYN.
     *
     * @param b      packet
     * @param tcpOff offset of the TCP header
     * @param tcpLen length of the TCP segment
     * @return the announced MSS, or {@link #DEFAULT_MSS_IPV4} if absent, malformed or the
     *         header does not fit
     */
    public static int mss(byte[] b, int tcpOff, int tcpLen) {
        int opt = find(b, tcpOff, tcpLen, Tcp.OPT_MSS, Tcp.OPT_MSS_LEN);
        return opt < 0 ? DEFAULT_MSS_IPV4 : Tcp.mss(b, opt);
    }

    /**
     * Reads the window scale option of a SYN.
     *
     * @param b      packet
     * @param tcpOff offset of the TCP header
     * @param tcpLen length of the TCP segment
     * @return shift 0..14 (larger values are taken as 14, RFC 7323 section 2.3), or
     *         {@link #WSCALE_NONE} if absent or malformed
     */
    public static int wscale(byte[] b, int tcpOff, int tcpLen) {
        int opt = find(b, tcpOff, tcpLen, Tcp.OPT_WSCALE, Tcp.OPT_WSCALE_LEN);
        return opt < 0 ? WSCALE_NONE : Math.min(b[opt + 2] & 0xff, SynCookies.MAX_WSCALE);
    }

    /**
     * Tells whether a SYN carries SACK-permitted.
     *
     * @param b      packet
     * @param tcpOff offset of the TCP header
     * @param tcpLen length of the TCP segment
     * @return true if a well-formed SACK-permitted option is present
     */
    public static boolean sackPermitted(byte[] b, int tcpOff, int tcpLen) {
        return find(b, tcpOff, tcpLen, Tcp.OPT_SACK_PERM, Tcp.OPT_SACK_PERM_LEN) >= 0;
    }

    private static int find(byte[] b, int tcpOff, int tcpLen, int kind, int len) {
        if (TcpEdit.headerLength(b, tcpOff, tcpLen) < 0) {
            return -1;
        }
        int opt = Tcp.findOption(b, tcpOff, kind);
        return opt >= 0 && Tcp.optionLength(b, opt) == len ? opt : -1;
    }
}
