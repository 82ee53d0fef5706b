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
 * IP protocol / IPv6 next-header numbers used by the translator (IANA "Assigned Internet
 * Protocol Numbers"; the IPv6 extension header numbers are from RFC 8200 section 4 and
 * RFC 7045).
 */
public final class IpProto {

    /** IPv6 Hop-by-Hop Options header (RFC 8200 section 4.3). */
    public static final int HOPOPT = 0;
    /** ICMP for IPv4 (RFC 792). */
    public static final int ICMP = 1;
    /** TCP (RFC 9293). */
    public static final int TCP = 6;
    /** UDP (RFC 768). */
    public static final int UDP = 17;
    /** IPv6 Routing header (RFC 8200 section 4.4). */
    public static final int IPV6_ROUTE = 43;
    /** IPv6 Fragment header (RFC 8200 section 4.5). */
    public static final int IPV6_FRAG = 44;
    /** Encapsulating Security Payload (RFC 4303). */
    public static final int ESP = 50;
    /** Authentication Header (RFC 4302). */
    public static final int AH = 51;
    /** ICMP for IPv6 (RFC 4443). */
    public static final int ICMPV6 = 58;
    /** IPv6 "no next header" (RFC 8200 section 4.7). */
    public static final int IPV6_NONXT = 59;
    /** IPv6 Destination Options header (RFC 8200 section 4.6). */
    public static final int IPV6_OPTS = 60;
    /** Mobility header (RFC 6275). */
    public static final int MOBILITY = 135;
    /** Host Identity Protocol (RFC 7401). */
    public static final int HIP = 139;
    /** Shim6 (RFC 5533). */
    public static final int SHIM6 = 140;

    private IpProto() {
    }
}
