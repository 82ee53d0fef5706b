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

import org.onlab.packet.Ip6Prefix;
import org.onlab.packet.MacAddress;
import org.v6proxy.packet.Bytes;
import org.v6proxy.packet.Checksum;
import org.v6proxy.packet.Eth;

import static org.v6proxy.neighbor.NdpLayout.ADDR_LEN;
import static org.v6proxy.neighbor.NdpLayout.CHECKSUM;
import static org.v6proxy.neighbor.NdpLayout.CODE;
import static org.v6proxy.neighbor.NdpLayout.DST;
import static org.v6proxy.neighbor.NdpLayout.ETHERTYPE_IPV6;
import static org.v6proxy.neighbor.NdpLayout.ETH_LEN;
import static org.v6proxy.neighbor.NdpLayout.ETH_SRC;
import static org.v6proxy.neighbor.NdpLayout.ETH_TYPE;
import static org.v6proxy.neighbor.NdpLayout.FLAGS;
import static org.v6proxy.neighbor.NdpLayout.HOP_LIMIT;
import static org.v6proxy.neighbor.NdpLayout.ICMP;
import static org.v6proxy.neighbor.NdpLayout.IP6;
import static org.v6proxy.neighbor.NdpLayout.IP6_LEN;
import static org.v6proxy.neighbor.NdpLayout.NDP_HOP_LIMIT;
import static org.v6proxy.neighbor.NdpLayout.ND_MIN_LEN;
import static org.v6proxy.neighbor.NdpLayout.NEXT_HEADER;
import static org.v6proxy.neighbor.NdpLayout.NEXT_ICMP6;
import static org.v6proxy.neighbor.NdpLayout.OPTIONS;
import static org.v6proxy.neighbor.NdpLayout.OPT_SOURCE_LLA;
import static org.v6proxy.neighbor.NdpLayout.OPT_TARGET_LLA;
import static org.v6proxy.neighbor.NdpLayout.OPT_UNIT;
import static org.v6proxy.neighbor.NdpLayout.PAYLOAD_LEN;
import static org.v6proxy.neighbor.NdpLayout.SRC;
import static org.v6proxy.neighbor.NdpLayout.TARGET;
import static org.v6proxy.neighbor.NdpLayout.TYPE_NA;
import static org.v6proxy.neighbor.NdpLayout.TYPE_NS;

/**
 * Answers IPv6 Neighbor Solicitations for addresses in the client prefix with a
 * Neighbor Advertisement from the gateway MAC (RFC 4861), so that backends reach
 * the embedded IPv4 clients without static neighbour entries.
 * <p>
 * The frame layout is {@link NdpLayout}'s.
 */
public final class NdpResponder {
    /** RFC 4861 section 4.4: NA header plus one target link-layer address option. */
    private static final int NA_LEN = ND_MIN_LEN + OPT_UNIT;
    /** Whole reply frame: Ethernet, IPv6, NA. */
    static final int REPLY_LEN = ETH_LEN + IP6_LEN + NA_LEN;
    private static final int FLAG_SOLICITED = 0x40;
    private static final int FLAG_OVERRIDE = 0x20;

    /** RFC 2464 section 7: IPv6 multicast 33:33 + low 32 bits; ff02::1 is all-nodes. */
    private static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};
    private static final byte[] ALL_NODES = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    /** RFC 4291 section 2.7.1: solicited-node multicast ff02::1:ff00:0/104. */
    private static final byte[] SOLICITED_NODE = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 0xff};

    private NdpResponder() {
    }

    /**
     * Returns the Neighbor Advertisement answering a Neighbor Solicitation for an
     * address inside {@code clientPrefix}, or null.
     * <p>
     * Null unless the frame is an untagged IPv6 packet whose next header is ICMPv6
     * and which passes RFC 4861 section 7.1.1 validation, and whose target is in
     * the prefix. Extension headers before the ICMPv6 header are not followed.
     *
     * @param frame Ethernet frame
     * @param len number of valid bytes in {@code frame}
     * @param clientPrefix prefix whose addresses the gateway answers for
     * @param gatewayMac MAC advertised for them
     * @return the whole reply frame (86 bytes), or null
     */
    public static byte[] reply(byte[] frame, int len, Ip6Prefix clientPrefix, MacAddress gatewayMac) {
        if (frame == null || clientPrefix == null || gatewayMac == null || len > frame.length
                || len < ETH_LEN + IP6_LEN + ND_MIN_LEN) {
            return null;
        }
        if (Bytes.getU16(frame, ETH_TYPE) != ETHERTYPE_IPV6 || (frame[IP6] & 0xf0) != 0x60
                || (frame[NEXT_HEADER] & 0xff) != NEXT_ICMP6 || (frame[ICMP] & 0xff) != TYPE_NS) {
            return null;
        }
        int icmpLen = Bytes.getU16(frame, PAYLOAD_LEN);
        if (!validSolicitation(frame, len, icmpLen)) {
            return null;
        }
        if (!inPrefix(frame, TARGET, clientPrefix)) {
            return null;
        }
        // RFC 4861 section 7.2.4: a solicitation from :: (duplicate address detection)
        // is answered to all-nodes without the Solicited flag.
        boolean dad = isZero(frame, SRC, ADDR_LEN);
        byte[] out = new byte[REPLY_LEN];
        if (dad) {
            System.arraycopy(ALL_NODES_MAC, 0, out, 0, Eth.MAC_LEN);
        } else {
            System.arraycopy(frame, ETH_SRC, out, 0, Eth.MAC_LEN);
        }
        long gw = gatewayMac.toLong();
        Bytes.putU48(out, ETH_SRC, gw);
        Bytes.putU16(out, ETH_TYPE, ETHERTYPE_IPV6);
        out[IP6] = 0x60;                                          // version 6, traffic class 0, flow 0
        Bytes.putU16(out, PAYLOAD_LEN, NA_LEN);
        out[NEXT_HEADER] = (byte) NEXT_ICMP6;
        out[HOP_LIMIT] = (byte) NDP_HOP_LIMIT;
        System.arraycopy(frame, TARGET, out, SRC, ADDR_LEN);       // from the solicited address
        if (dad) {
            System.arraycopy(ALL_NODES, 0, out, DST, ADDR_LEN);
        } else {
            System.arraycopy(frame, SRC, out, DST, ADDR_LEN);
        }
        out[ICMP] = (byte) TYPE_NA;
        out[FLAGS] = (byte) (dad ? FLAG_OVERRIDE : FLAG_SOLICITED | FLAG_OVERRIDE);  // Router = 0
        System.arraycopy(frame, TARGET, out, TARGET, ADDR_LEN);
        out[OPTIONS] = OPT_TARGET_LLA;
        out[OPTIONS + 1] = 1;
        Bytes.putU48(out, OPTIONS + 2, gw);
        Bytes.putU16(out, CHECKSUM, ~icmpSum(out, NA_LEN) & 0xffff);
        return out;
    }

    // RFC 4861 section 7.1.1, for a solicitation of icmpLen bytes.
    private static boolean validSolicitation(byte[] frame, int len, int icmpLen) {
        if (icmpLen < ND_MIN_LEN || ICMP + icmpLen > len) {
            return false;
        }
        if ((frame[HOP_LIMIT] & 0xff) != NDP_HOP_LIMIT || frame[CODE] != 0
                || (frame[TARGET] & 0xff) == 0xff || (frame[SRC] & 0xff) == 0xff
                || Eth.isGroupMac(frame, ETH_SRC)) {
            return false;
        }
        boolean unspecifiedSource = isZero(frame, SRC, ADDR_LEN);
        if (unspecifiedSource && !startsWith(frame, DST, SOLICITED_NODE)) {
            return false;
        }
        int end = ICMP + icmpLen;
        for (int at = OPTIONS; at < end;) {
            if (at + 2 > end) {
                return false;
            }
            int optLen = (frame[at + 1] & 0xff) * OPT_UNIT;
            if (optLen == 0 || at + optLen > end) {
                return false;
            }
            if (unspecifiedSource && frame[at] == OPT_SOURCE_LLA) {
                return false;
            }
            at += optLen;
        }
        return icmpSum(frame, icmpLen) == 0xffff;
    }

    /**
     * Ones' complement sum (not yet complemented) of the IPv6 pseudo-header
     * (RFC 8200 section 8.1) and the ICMPv6 message at {@link #ICMP}.
     */
    private static int icmpSum(byte[] b, int icmpLen) {
        return Checksum.sum(Checksum.pseudoHeader6(b, SRC, b, DST, icmpLen, NEXT_ICMP6), b, ICMP, icmpLen);
    }

    private static boolean inPrefix(byte[] b, int at, Ip6Prefix prefix) {
        byte[] p = prefix.address().toOctets();
        int bits = prefix.prefixLength();
        int whole = bits / Byte.SIZE;
        for (int i = 0; i < whole; i++) {
            if (b[at + i] != p[i]) {
                return false;
            }
        }
        int rest = bits % Byte.SIZE;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (Byte.SIZE - rest)) & 0xff;
        return ((b[at + whole] ^ p[whole]) & mask) == 0;
    }

    private static boolean isZero(byte[] b, int at, int n) {
        for (int i = 0; i < n; i++) {
            if (b[at + i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
