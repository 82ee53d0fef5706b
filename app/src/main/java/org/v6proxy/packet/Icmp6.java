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

/**
 * ICMPv6 type and code numbers (RFC 4443, RFC 4861) that RFC 7915 section 5.2 translates
 * or names. The header layout is the same as ICMPv4's: use {@link Icmp}'s accessors.
 */
public final class Icmp6 {

    /** Offset of the 32-bit MTU of a packet too big. */
    public static final int MTU_OFFSET = 4;
    /** Offset of the 32-bit pointer of a parameter problem. */
    public static final int POINTER_OFFSET = 4;

    /** Destination unreachable. */
    public static final int DEST_UNREACH = 1;
    /** Packet too big. */
    public static final int PACKET_TOO_BIG = 2;
    /** Time exceeded. */
    public static final int TIME_EXCEEDED = 3;
    /** Parameter problem. */
    public static final int PARAM_PROBLEM = 4;
    /** Echo request. */
    public static final int ECHO_REQUEST = 128;
    /** Echo reply. */
    public static final int ECHO_REPLY = 129;
    /** Multicast listener query (RFC 2710). */
    public static final int MLD_QUERY = 130;
    /** Multicast listener report (RFC 2710). */
    public static final int MLD_REPORT = 131;
    /** Multicast listener done (RFC 2710). */
    public static final int MLD_DONE = 132;
    /** Router solicitation (RFC 4861). */
    public static final int ROUTER_SOLICIT = 133;
    /** Router advertisement (RFC 4861). */
    public static final int ROUTER_ADVERT = 134;
    /** Neighbor solicitation (RFC 4861). */
    public static final int NEIGHBOR_SOLICIT = 135;
    /** Neighbor advertisement (RFC 4861). */
    public static final int NEIGHBOR_ADVERT = 136;
    /** Redirect (RFC 4861). */
    public static final int REDIRECT = 137;

    /** Destination unreachable code: no route to destination. */
    public static final int UNREACH_NO_ROUTE = 0;
    /** Destination unreachable code: communication administratively prohibited. */
    public static final int UNREACH_ADMIN_PROHIBITED = 1;
    /** Destination unreachable code: beyond scope of source address. */
    public static final int UNREACH_BEYOND_SCOPE = 2;
    /** Destination unreachable code: address unreachable. */
    public static final int UNREACH_ADDRESS = 3;
    /** Destination unreachable code: port unreachable. */
    public static final int UNREACH_PORT = 4;

    /** Time exceeded code: hop limit exceeded in transit. */
    public static final int TIME_EXCEEDED_HOP_LIMIT = 0;
    /** Time exceeded code: fragment reassembly time exceeded. */
    public static final int TIME_EXCEEDED_REASSEMBLY = 1;

    /** Parameter problem code: erroneous header field. */
    public static final int PARAM_HEADER_FIELD = 0;
    /** Parameter problem code: unrecognized next header. */
    public static final int PARAM_NEXT_HEADER = 1;
    /** Parameter problem code: unrecognized IPv6 option. */
    public static final int PARAM_OPTION = 2;

    private Icmp6() {
    }

    /**
     * Tells whether a type is an ICMPv6 error message (types 0..127, RFC 4443 section 2.1).
     *
     * @param type ICMPv6 type
     * @return true for error messages
     */
    public static boolean isError(int type) {
        return type < 128;
    }
}
