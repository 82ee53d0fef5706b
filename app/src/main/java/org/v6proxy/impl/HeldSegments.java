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
package org.v6proxy.impl;

import org.v6proxy.packet.Checksum;
import org.v6proxy.packet.Eth;
import org.v6proxy.packet.Ip4;
import org.v6proxy.packet.Tcp;

/**
 * Builds the frame of a held piece: the part of a client's IPv4 TCP segment
 * that no earlier segment had covered (see {@link Binding#add}). Rare — a
 * retransmission that overlaps what is held and brings more — so it copies
 * and computes the checksums from scratch rather than incrementally.
 */
final class HeldSegments {
    private static final int TCP_PROTO = 6;

    private HeldSegments() {
    }

    /**
     * Returns a frame carrying payload bytes [skip, skip + len) of a held
     * IPv4 TCP frame: same headers, sequence number advanced by skip, IPv4
     * total length and both checksums recomputed, FIN kept only when the
     * piece ends where the segment did.
     *
     * @param frame the held frame (Ethernet, IPv4, TCP, payload to its end)
     * @param payloadStart offset of the segment's payload in frame
     * @param skip payload bytes left out at the front
     * @param len payload bytes kept
     * @return a new frame
     */
    static byte[] piece(byte[] frame, int payloadStart, int skip, int len) {
        byte[] out = new byte[payloadStart + len];
        System.arraycopy(frame, 0, out, 0, payloadStart);
        System.arraycopy(frame, payloadStart + skip, out, payloadStart, len);
        int ip = Eth.HEADER_LEN;
        int l4 = ip + Ip4.ihl(out, ip);
        Ip4.setTotalLength(out, ip, out.length - ip);
        Ip4.updateHeaderChecksum(out, ip);
        Tcp.setSeq(out, l4, Tcp.seq(out, l4) + skip);
        if (payloadStart + skip + len != frame.length) {
            Tcp.setFlags(out, l4, Tcp.flags(out, l4) & ~Tcp.FIN);
        }
        int l4Len = out.length - l4;
        Tcp.setChecksum(out, l4, 0);
        int sum = Checksum.sum(Checksum.pseudoHeader4(Ip4.src(out, ip), Ip4.dst(out, ip), TCP_PROTO, l4Len),
                               out, l4, l4Len);
        Tcp.setChecksum(out, l4, Checksum.finish(sum));
        return out;
    }
}
