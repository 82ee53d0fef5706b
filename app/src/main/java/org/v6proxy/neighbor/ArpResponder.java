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
package org.v6proxy.neighbor;

import org.onlab.packet.MacAddress;

import org.v6proxy.packet.Bytes;
import org.v6proxy.packet.Eth;

import java.util.function.IntPredicate;


/**
 * Answers ARP requests for VIPs with the gateway MAC (RFC 826).
 * <pre>
 *  Ethernet: dst(6) src(6) type(2) = 0x0806
 *  ARP:      htype(2)=1 ptype(2)=0x0800 hlen(1)=6 plen(1)=4 op(2)
 *            sha(6) spa(4) tha(6) tpa(4)
 * </pre>
 */
public final class ArpResponder {
    /** Ethernet header, untagged. */
    static final int ETH_LEN = 14;
    /** Ethernet header plus the 28-byte ARP body for Ethernet/IPv4. */
    static final int FRAME_LEN = ETH_LEN + 28;
    private static final int ETH_TYPE = 12;
    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int HTYPE_ETHERNET = 1;
    private static final int PTYPE_IPV4 = 0x0800;
    private static final int HLEN = 6;
    private static final int PLEN = 4;
    private static final int OP_REQUEST = 1;
    private static final int OP_REPLY = 2;
    // Offsets of ARP fields in the frame.
    private static final int HTYPE = ETH_LEN;
    private static final int PTYPE = ETH_LEN + 2;
    private static final int HLEN_AT = ETH_LEN + 4;
    private static final int PLEN_AT = ETH_LEN + 5;
    private static final int OP = ETH_LEN + 6;
    private static final int SHA = ETH_LEN + 8;
    private static final int SPA = ETH_LEN + 14;
    private static final int THA = ETH_LEN + 18;
    private static final int TPA = ETH_LEN + 24;

    private ArpResponder() {
    }

    /**
     * Returns the ARP reply to a request for a VIP, or null.
     * <p>
     * Null when the frame is not an untagged Ethernet/IPv4 ARP request, when its
     * sender MAC is a group address (a reply cannot be sent to it), when it is a
     * gratuitous ARP (sender and target address equal: an announcement, not a
     * question) or when {@code isVip} rejects the target address. A probe
     * (RFC 5227, sender address 0.0.0.0) is answered, which tells the prober that
     * the VIP is taken.
     *
     * @param frame Ethernet frame
     * @param len number of valid bytes in {@code frame}
     * @param isVip tells whether an IPv4 address (as a big-endian int) is a VIP
     * @param gatewayMac MAC that answers for every VIP
     * @return the whole reply frame (42 bytes), or null
     */
    public static byte[] reply(byte[] frame, int len, IntPredicate isVip, MacAddress gatewayMac) {
        if (frame == null || isVip == null || gatewayMac == null || len < FRAME_LEN || len > frame.length) {
            return null;
        }
        if (Bytes.getU16(frame, ETH_TYPE) != ETHERTYPE_ARP || Bytes.getU16(frame, HTYPE) != HTYPE_ETHERNET
                || Bytes.getU16(frame, PTYPE) != PTYPE_IPV4 || frame[HLEN_AT] != HLEN || frame[PLEN_AT] != PLEN
                || Bytes.getU16(frame, OP) != OP_REQUEST) {
            return null;
        }
        if (Eth.isGroupMac(frame, SHA)) {
            return null;
        }
        int spa = Bytes.getInt(frame, SPA);
        int tpa = Bytes.getInt(frame, TPA);
        if (spa == tpa || !isVip.test(tpa)) {
            return null;
        }
        long gw = gatewayMac.toLong();
        byte[] out = new byte[FRAME_LEN];
        System.arraycopy(frame, SHA, out, 0, HLEN);          // Ethernet dst: the requester
        Bytes.putU48(out, HLEN, gw);                                // Ethernet src: the gateway
        Bytes.putU16(out, ETH_TYPE, ETHERTYPE_ARP);
        Bytes.putU16(out, HTYPE, HTYPE_ETHERNET);
        Bytes.putU16(out, PTYPE, PTYPE_IPV4);
        out[HLEN_AT] = HLEN;
        out[PLEN_AT] = PLEN;
        Bytes.putU16(out, OP, OP_REPLY);
        Bytes.putU48(out, SHA, gw);                                 // sender: VIP is at gatewayMac
        System.arraycopy(frame, TPA, out, SPA, PLEN);
        System.arraycopy(frame, SHA, out, THA, HLEN + PLEN);  // target: the requester's sha and spa
        return out;
    }
}
