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

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an IPv4 packet that may be fragmented (DF clear) into smaller
 * fragments, RFC 791 section 3.2. A translator uses it where RFC 7915
 * section 4.1 says a packet without DF that would become an IPv6 packet
 * larger than the IPv6 MTU "MUST be fragmented": it fragments the IPv4
 * packet, then translates each fragment (each gets a Fragment Header).
 */
public final class Ip4Split {
    private static final int UNIT = 8;
    private static final int OFFSET_MASK = 0x1fff;
    /** Most data bytes a datagram can carry: the 16-bit total length less the header. */
    private static final int MAX_DATA = 0xffff - Ip4.MIN_HEADER_LEN;

    private Ip4Split() {
    }

    /**
     * Splits a packet (or a fragment, which yields smaller fragments of the
     * same datagram) so that each piece carries at most maxData data bytes.
     * Only option-less headers are split (options would have to be sorted by
     * their copy flag); the pieces keep the frame's link header.
     *
     * @param b frame buffer
     * @param off offset of the frame (link header)
     * @param ipOff offset of the IPv4 header
     * @param maxData most data bytes per piece (rounded down to 8)
     * @return the pieces as frames, in order; empty if the packet has options,
     *         DF set, an inconsistent length, data past 65535 bytes of datagram, or fits
     *         already
     */
    public static List<byte[]> split(byte[] b, int off, int ipOff, int maxData) {
        int total = Ip4.totalLength(b, ipOff);
        int data = total - Ip4.MIN_HEADER_LEN;
        int chunk = maxData & ~(UNIT - 1);
        List<byte[]> pieces = new ArrayList<>();
        if (Ip4.ihl(b, ipOff) != Ip4.MIN_HEADER_LEN || Ip4.dontFragment(b, ipOff) || chunk < UNIT
                || data <= chunk || ipOff + total > b.length) {
            return pieces;
        }
        int link = ipOff - off;
        int firstUnit = Ip4.fragmentOffset(b, ipOff);
        if (firstUnit * UNIT + data > MAX_DATA) {
            // A fragment whose data runs past the largest datagram (RFC 791: 65535 bytes): its
            // pieces' offsets would wrap the 13-bit field and land near the datagram's start.
            return pieces;
        }
        boolean lastOfDatagram = !Ip4.moreFragments(b, ipOff);
        for (int at = 0; at < data; at += chunk) {
            int n = Math.min(chunk, data - at);
            boolean last = at + n == data;
            byte[] f = new byte[link + Ip4.MIN_HEADER_LEN + n];
            System.arraycopy(b, off, f, 0, link + Ip4.MIN_HEADER_LEN);
            System.arraycopy(b, ipOff + Ip4.MIN_HEADER_LEN + at, f, link + Ip4.MIN_HEADER_LEN, n);
            Ip4.setTotalLength(f, link, Ip4.MIN_HEADER_LEN + n);
            boolean more = !last || !lastOfDatagram;
            Ip4.setFlagsFragment(f, link, (more ? Ip4.FLAG_MF : 0) | ((firstUnit + at / UNIT) & OFFSET_MASK));
            Ip4.updateHeaderChecksum(f, link);
            pieces.add(f);
        }
        return pieces;
    }
}
