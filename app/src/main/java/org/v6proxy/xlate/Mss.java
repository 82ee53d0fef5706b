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
package org.v6proxy.xlate;

import org.v6proxy.packet.Checksum;
import org.v6proxy.packet.Tcp;

/**
 * TCP MSS clamping (RFC 7915 section 1.4, RFC 6691): a SYN's MSS option is lowered so
 * that full-sized segments still fit the other side's MTU after translation.
 */
public final class Mss {

    private Mss() {
    }

    /**
     * Lowers the MSS option of a SYN (with or without ACK) to at most max, updating the
     * checksum incrementally. Does nothing for non-SYN segments, segments without a
     * well-formed 4-byte MSS option, or an MSS already small enough.
     *
     * @param b      packet
     * @param tcpOff offset of the TCP header (whole header present in b)
     * @param max    largest MSS allowed
     * @return true if the MSS was lowered
     */
    public static boolean clamp(byte[] b, int tcpOff, int max) {
        if ((Tcp.flags(b, tcpOff) & Tcp.SYN) == 0) {
            return false;
        }
        int opt = Tcp.findOption(b, tcpOff, Tcp.OPT_MSS);
        if (opt < 0 || Tcp.optionLength(b, opt) != Tcp.OPT_MSS_LEN) {
            return false;
        }
        int mss = Tcp.mss(b, opt);
        if (mss <= max) {
            return false;
        }
        Tcp.setMss(b, opt, max);
        // The checksum sums 16-bit words aligned to the TCP header. An MSS value at an odd
        // position straddles two words; one's complement sums are byte-order independent
        // (RFC 1071 section 2 (B)), so the byte-swapped values give the right difference.
        boolean odd = ((opt + 2 - tcpOff) & 1) != 0;
        int oldWord = odd ? swap(mss) : mss;
        int newWord = odd ? swap(max) : max;
        Checksum.replace16(b, tcpOff + Tcp.CHECKSUM_OFFSET, oldWord, newWord);
        return true;
    }

    private static int swap(int v) {
        return (v & 0xff) << 8 | (v >>> 8) & 0xff;
    }
}
