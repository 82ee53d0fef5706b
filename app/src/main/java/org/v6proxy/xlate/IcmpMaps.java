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

import org.v6proxy.packet.Icmp;
import org.v6proxy.packet.Icmp6;

/**
 * The ICMP type/code and pointer tables of RFC 7915 sections 4.2 and 5.2, and the RFC 1191
 * plateau table. A translated type and code are packed as {@code type << 8 | code}; -1
 * means "silently drop".
 */
final class IcmpMaps {

    /** RFC 1191 section 7, table 7-1: MTU plateaus, largest first. */
    private static final int[] PLATEAUS = {65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68};

    private IcmpMaps() {
    }

    private static int tc(int type, int code) {
        return type << 8 | code;
    }

    /**
     * RFC 7915 section 4.2, "ICMPv4 error messages": type and code of the ICMPv6 error.
     *
     * @param type ICMPv4 type (3, 11 or 12)
     * @param code ICMPv4 code
     * @return packed ICMPv6 type/code, or -1 to drop
     */
    static int error4to6(int type, int code) {
        if (type == Icmp.DEST_UNREACH) {
            switch (code) {
                case Icmp.UNREACH_NET:
                case Icmp.UNREACH_HOST:
                case Icmp.UNREACH_SOURCE_ROUTE:
                case Icmp.UNREACH_NET_UNKNOWN:
                case Icmp.UNREACH_HOST_UNKNOWN:
                case Icmp.UNREACH_ISOLATED:
                case Icmp.UNREACH_NET_TOS:
                case Icmp.UNREACH_HOST_TOS:
                    return tc(Icmp6.DEST_UNREACH, Icmp6.UNREACH_NO_ROUTE);
                case Icmp.UNREACH_PROTOCOL:
                    // Parameter problem, unrecognized next header; the pointer is set by the caller.
                    return tc(Icmp6.PARAM_PROBLEM, Icmp6.PARAM_NEXT_HEADER);
                case Icmp.UNREACH_PORT:
                    return tc(Icmp6.DEST_UNREACH, Icmp6.UNREACH_PORT);
                case Icmp.UNREACH_FRAG_NEEDED:
                    return tc(Icmp6.PACKET_TOO_BIG, 0);
                case Icmp.UNREACH_NET_PROHIBITED:
                case Icmp.UNREACH_HOST_PROHIBITED:
                case Icmp.UNREACH_ADMIN_PROHIBITED:
                case Icmp.UNREACH_PRECEDENCE_CUTOFF:
                    return tc(Icmp6.DEST_UNREACH, Icmp6.UNREACH_ADMIN_PROHIBITED);
                default:
                    // Code 14 (host precedence violation) and unknown codes: silently drop.
                    return -1;
            }
        }
        if (type == Icmp.TIME_EXCEEDED) {
            return tc(Icmp6.TIME_EXCEEDED, code);             // "The Code is unchanged."
        }
        if (type == Icmp.PARAM_PROBLEM) {
            // Code 0 and 2: erroneous header field (pointer mapped); code 1 and others: drop.
            return code == Icmp.PARAM_POINTER || code == Icmp.PARAM_BAD_LENGTH
                    ? tc(Icmp6.PARAM_PROBLEM, Icmp6.PARAM_HEADER_FIELD) : -1;
        }
        return -1;
    }

    /**
     * RFC 7915 section 4.2, figure 3: IPv4 header pointer to IPv6 header pointer.
     *
     * @param p ICMPv4 pointer
     * @return ICMPv6 pointer, or -1 ("n/a" or not listed: drop)
     */
    static int pointer4to6(int p) {
        if (p == 0 || p == 1) {
            return p;                                         // version/IHL, TOS -> version/TC, TC/flow
        }
        if (p == 2 || p == 3) {
            return 4;                                         // total length -> payload length
        }
        if (p == 8) {
            return 7;                                         // TTL -> hop limit
        }
        if (p == 9) {
            return 6;                                         // protocol -> next header
        }
        if (p >= 12 && p <= 15) {
            return 8;                                         // source address
        }
        if (p >= 16 && p <= 19) {
            return 24;                                        // destination address
        }
        return -1;                                            // identification, flags, checksum, options
    }

    /**
     * RFC 7915 section 5.2, "ICMPv6 error messages": type and code of the ICMPv4 error.
     *
     * @param type ICMPv6 type (1..4)
     * @param code ICMPv6 code
     * @return packed ICMPv4 type/code, or -1 to drop
     */
    static int error6to4(int type, int code) {
        switch (type) {
            case Icmp6.DEST_UNREACH:
                switch (code) {
                    case Icmp6.UNREACH_NO_ROUTE:
                    case Icmp6.UNREACH_BEYOND_SCOPE:
                    case Icmp6.UNREACH_ADDRESS:
                        return tc(Icmp.DEST_UNREACH, Icmp.UNREACH_HOST);
                    case Icmp6.UNREACH_ADMIN_PROHIBITED:
                        return tc(Icmp.DEST_UNREACH, Icmp.UNREACH_HOST_PROHIBITED);
                    case Icmp6.UNREACH_PORT:
                        return tc(Icmp.DEST_UNREACH, Icmp.UNREACH_PORT);
                    default:
                        return -1;
                }
            case Icmp6.PACKET_TOO_BIG:
                return tc(Icmp.DEST_UNREACH, Icmp.UNREACH_FRAG_NEEDED);
            case Icmp6.TIME_EXCEEDED:
                return tc(Icmp.TIME_EXCEEDED, code);
            case Icmp6.PARAM_PROBLEM:
                if (code == Icmp6.PARAM_HEADER_FIELD) {
                    return tc(Icmp.PARAM_PROBLEM, Icmp.PARAM_POINTER);
                }
                return code == Icmp6.PARAM_NEXT_HEADER ? tc(Icmp.DEST_UNREACH, Icmp.UNREACH_PROTOCOL) : -1;
            default:
                return -1;
        }
    }

    /**
     * RFC 7915 section 5.2, figure 6: IPv6 header pointer to IPv4 header pointer.
     *
     * @param p ICMPv6 pointer (32 bits, unsigned)
     * @return ICMPv4 pointer, or -1 ("n/a" or not listed: drop)
     */
    static int pointer6to4(long p) {
        if (p == 0 || p == 1) {
            return (int) p;                                   // version/TC, TC/flow -> version/IHL, TOS
        }
        if (p == 4 || p == 5) {
            return 2;                                         // payload length -> total length
        }
        if (p == 6) {
            return 9;                                         // next header -> protocol
        }
        if (p == 7) {
            return 8;                                         // hop limit -> TTL
        }
        if (p >= 8 && p <= 23) {
            return 12;                                        // source address
        }
        if (p >= 24 && p <= 39) {
            return 16;                                        // destination address
        }
        return -1;                                            // flow label, extension headers
    }

    /**
     * RFC 1191 section 5: the greatest plateau below a datagram's total length, for an
     * ICMPv4 "fragmentation needed" whose next-hop MTU field is zero.
     *
     * @param totalLength total length of the datagram in error
     * @return plateau MTU (68 at least)
     */
    static int plateauBelow(int totalLength) {
        for (int p : PLATEAUS) {
            if (p < totalLength) {
                return p;
            }
        }
        return PLATEAUS[PLATEAUS.length - 1];
    }
}
