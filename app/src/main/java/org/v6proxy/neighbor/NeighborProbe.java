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

import org.onlab.packet.Ip6Address;
import org.onlab.packet.MacAddress;
import org.v6proxy.packet.Bytes;
import org.v6proxy.packet.Checksum;
import org.v6proxy.packet.Eth;

import static org.v6proxy.neighbor.NdpLayout.ADDR_LEN;
import static org.v6proxy.neighbor.NdpLayout.CHECKSUM;
import static org.v6proxy.neighbor.NdpLayout.CODE;
import static org.v6proxy.neighbor.NdpLayout.DST;
import static org.v6proxy.neighbor.NdpLayout.ETH_LEN;
import static org.v6proxy.neighbor.NdpLayout.ETH_SRC;
import static org.v6proxy.neighbor.NdpLayout.ETH_TYPE;
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
import static org.v6proxy.neighbor.NdpLayout.OPT_UNIT;
import static org.v6proxy.neighbor.NdpLayout.PAYLOAD_LEN;
import static org.v6proxy.neighbor.NdpLayout.SRC;
import static org.v6proxy.neighbor.NdpLayout.TARGET;
import static org.v6proxy.neighbor.NdpLayout.TYPE_NA;
import static org.v6proxy.neighbor.NdpLayout.TYPE_NS;

/**
 * The neighbour solicitation that checks whether a located backend still answers
 * at its old attachment point, and the reading of the advertisement it gets back.
 * <p>
 * The solicitation is unicast to the backend's known MAC and address, as RFC 4861
 * section 7.3.3 probes a neighbour for reachability, from an address of the client
 * prefix (which the app answers for, so the backend can resolve it) and with a
 * source link-layer address option, so that the answer comes back to the gateway
 * MAC without another round trip.
 * <p>
 * The frame layout is {@link NdpLayout}'s.
 */
public final class NeighborProbe {
    private static final int NS_LEN = ND_MIN_LEN + OPT_UNIT;
    /** Whole solicitation frame: Ethernet, IPv6, NS with its source link-layer address option. */
    static final int SOLICITATION_LEN = ETH_LEN + IP6_LEN + NS_LEN;

    private NeighborProbe() {
    }

    /**
     * Builds a unicast neighbour solicitation for {@code target} at {@code targetMac}.
     *
     * @param gatewayMac Ethernet source and source link-layer address option
     * @param source IPv6 source (an address the app answers solicitations for)
     * @param targetMac the backend's known MAC
     * @param target the backend's address (also the IPv6 destination)
     * @return the frame
     */
    public static byte[] solicitation(MacAddress gatewayMac, byte[] source, MacAddress targetMac,
                                      Ip6Address target) {
        byte[] out = new byte[SOLICITATION_LEN];
        Bytes.putU48(out, 0, targetMac.toLong());
        Bytes.putU48(out, ETH_SRC, gatewayMac.toLong());
        Bytes.putU16(out, ETH_TYPE, Eth.ETHERTYPE_IPV6);
        out[IP6] = 0x60;
        Bytes.putU16(out, PAYLOAD_LEN, NS_LEN);
        out[NEXT_HEADER] = (byte) NEXT_ICMP6;
        out[HOP_LIMIT] = (byte) NDP_HOP_LIMIT;
        System.arraycopy(source, 0, out, SRC, ADDR_LEN);
        byte[] t = target.toOctets();
        System.arraycopy(t, 0, out, DST, ADDR_LEN);
        out[ICMP] = (byte) TYPE_NS;
        System.arraycopy(t, 0, out, TARGET, ADDR_LEN);
        out[OPTIONS] = OPT_SOURCE_LLA;
        out[OPTIONS + 1] = 1;
        Bytes.putU48(out, OPTIONS + 2, gatewayMac.toLong());
        Bytes.putU16(out, CHECKSUM, ~icmpSum(out, 0, NS_LEN) & 0xffff);
        return out;
    }

    /**
     * Returns the target of a valid neighbour advertisement, or null.
     * <p>
     * Valid as RFC 4861 section 7.1.2 has it: untagged IPv6 with ICMPv6 as next
     * header (extension headers are not followed), hop limit 255, code 0, at least
     * 24 bytes, a correct checksum, options of non-zero length inside the message,
     * and a target that is not multicast.
     *
     * @param b buffer
     * @param off frame offset
     * @param len frame length
     * @return the target address, or null when the frame is no valid advertisement
     */
    public static Ip6Address advertisedTarget(byte[] b, int off, int len) {
        if (b == null || len < ETH_LEN + IP6_LEN + ND_MIN_LEN || off + len > b.length
                || Bytes.getU16(b, off + ETH_TYPE) != Eth.ETHERTYPE_IPV6 || (b[off + IP6] & 0xf0) != 0x60
                || (b[off + NEXT_HEADER] & 0xff) != NEXT_ICMP6 || (b[off + ICMP] & 0xff) != TYPE_NA) {
            return null;
        }
        int icmpLen = Bytes.getU16(b, off + PAYLOAD_LEN);
        if (icmpLen < ND_MIN_LEN || ICMP + icmpLen > len || (b[off + HOP_LIMIT] & 0xff) != NDP_HOP_LIMIT
                || b[off + CODE] != 0 || (b[off + TARGET] & 0xff) == 0xff) {
            return null;
        }
        int end = off + ICMP + icmpLen;
        for (int at = off + OPTIONS; at < end;) {
            if (at + 2 > end) {
                return null;
            }
            int optLen = (b[at + 1] & 0xff) * OPT_UNIT;
            if (optLen == 0 || at + optLen > end) {
                return null;
            }
            at += optLen;
        }
        if (icmpSum(b, off, icmpLen) != 0xffff) {
            return null;
        }
        byte[] target = new byte[ADDR_LEN];
        System.arraycopy(b, off + TARGET, target, 0, ADDR_LEN);
        return Ip6Address.valueOf(target);
    }

    /**
     * Returns the Ethernet source of a frame as a long (low 48 bits).
     *
     * @param b buffer
     * @param off frame offset
     * @return source MAC
     */
    public static long ethSource(byte[] b, int off) {
        return Bytes.getU48(b, off + ETH_SRC);
    }

    /** Ones' complement sum (not complemented) of the RFC 8200 section 8.1 pseudo-header and the message. */
    private static int icmpSum(byte[] b, int off, int icmpLen) {
        return Checksum.sum(Checksum.pseudoHeader6(b, off + SRC, b, off + DST, icmpLen, NEXT_ICMP6),
                            b, off + ICMP, icmpLen);
    }
}
