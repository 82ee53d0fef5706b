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

/**
 * Where the fields of an untagged Ethernet frame carrying an ICMPv6 neighbour
 * solicitation or advertisement (RFC 4861 sections 4.3 and 4.4) lie, and the
 * numbers RFC 4861 fixes for them: the one layout {@link NdpResponder} reads and
 * writes and {@link NeighborProbe} writes.
 * <pre>
 *  Ethernet: dst(6) src(6) type(2) = 0x86dd                       offset  0
 *  IPv6:     ver/tc/flow(4) payload length(2) next header(1)=58
 *            hop limit(1)=255 source(16) destination(16)          offset 14
 *  NS/NA:    type(1) code(1) checksum(2) flags/reserved(4)
 *            target(16) options...                                 offset 54
 *  option:   type(1) length(1, units of 8 octets) value
 * </pre>
 */
final class NdpLayout {
    static final int ETH_LEN = 14;
    static final int IP6_LEN = 40;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ADDR_LEN = 16;
    static final int NEXT_ICMP6 = 58;
    /** RFC 4861 sections 7.1.1 and 7.1.2: neighbour discovery is never forwarded. */
    static final int NDP_HOP_LIMIT = 255;
    static final int TYPE_NS = 135;
    static final int TYPE_NA = 136;
    /** RFC 4861 sections 4.3 and 4.4: type, code, checksum, flags/reserved, target. */
    static final int ND_MIN_LEN = 24;
    /** Options come in units of 8 octets (RFC 4861 section 4.6). */
    static final int OPT_UNIT = 8;
    static final int OPT_SOURCE_LLA = 1;
    static final int OPT_TARGET_LLA = 2;

    // Offsets in the frame.
    static final int ETH_SRC = 6;
    static final int ETH_TYPE = 12;
    static final int IP6 = ETH_LEN;
    static final int PAYLOAD_LEN = IP6 + 4;
    static final int NEXT_HEADER = IP6 + 6;
    static final int HOP_LIMIT = IP6 + 7;
    static final int SRC = IP6 + 8;
    static final int DST = IP6 + 24;
    static final int ICMP = IP6 + IP6_LEN;
    static final int CODE = ICMP + 1;
    static final int CHECKSUM = ICMP + 2;
    static final int FLAGS = ICMP + 4;
    static final int TARGET = ICMP + 8;
    static final int OPTIONS = ICMP + ND_MIN_LEN;

    private NdpLayout() {
    }
}
