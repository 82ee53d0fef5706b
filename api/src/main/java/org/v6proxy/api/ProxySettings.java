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
package org.v6proxy.api;

import com.google.common.base.MoreObjects;
import org.onlab.packet.Ip6Prefix;
import org.onlab.packet.MacAddress;

import java.util.Objects;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The global part of the v6proxy configuration: the client prefix, the gateway
 * MAC, MTUs and idle timeouts. Immutable.
 */
public final class ProxySettings {
    /** Default link MTU on both sides. */
    public static final int DEFAULT_MTU = 1500;
    /** RFC 791 minimum IPv4 MTU every host must accept. */
    public static final int MIN_IPV4_MTU = 68;
    /** RFC 8200 section 5: minimum IPv6 link MTU. */
    public static final int MIN_IPV6_MTU = 1280;
    /** Largest MTU accepted in config (jumbo frames). */
    public static final int MAX_MTU = 9216;
    /** Default idle timeout of an established TCP connection, seconds (RFC 5382 REQ-5 asks for at least 2 h 4 min). */
    public static final int DEFAULT_TCP_ESTABLISHED_IDLE = 7440;
    /** Default idle timeout of a TCP connection that is opening or closing, seconds (RFC 6146 TCP_TRANS is 240). */
    public static final int DEFAULT_TCP_TRANSITORY_IDLE = 60;
    /** Default idle timeout of a UDP mapping, seconds (RFC 4787 REQ-5 asks for at least 2 min). */
    public static final int DEFAULT_UDP_IDLE = 300;
    /** Default bound of an instance's half-open l4 TCP connections (about 600 bytes each). */
    public static final int DEFAULT_HALF_OPEN_MAX = 8192;

    private final Ip6Prefix clientPrefix;
    private final MacAddress gatewayMac;
    private final int ipv4Mtu;
    private final int ipv6Mtu;
    private final int tcpEstablishedIdleSec;
    private final int tcpTransitoryIdleSec;
    private final int udpIdleSec;
    private final ConnectionLimits limits;
    private final int halfOpenMax;

    /**
     * Creates settings.
     *
     * @param clientPrefix RFC 6052 prefix (length 32, 40, 48, 56, 64 or 96)
     * @param gatewayMac source MAC of all frames the app sends
     * @param ipv4Mtu MTU of the IPv4 side
     * @param ipv6Mtu MTU of the IPv6 side
     * @param tcpEstablishedIdleSec idle timeout of established TCP connections
     * @param tcpTransitoryIdleSec idle timeout of opening/closing TCP connections
     * @param udpIdleSec idle timeout of UDP mappings
     */
    public ProxySettings(Ip6Prefix clientPrefix, MacAddress gatewayMac, int ipv4Mtu, int ipv6Mtu,
                         int tcpEstablishedIdleSec, int tcpTransitoryIdleSec, int udpIdleSec) {
        this(clientPrefix, gatewayMac, ipv4Mtu, ipv6Mtu, tcpEstablishedIdleSec, tcpTransitoryIdleSec, udpIdleSec,
             ConnectionLimits.NONE, DEFAULT_HALF_OPEN_MAX);
    }

    /**
     * Creates settings with connection limits and a half-open bound.
     *
     * @param clientPrefix RFC 6052 prefix in which client IPv4 addresses are embedded
     * @param gatewayMac source MAC of every frame the app sends
     * @param ipv4Mtu MTU of the IPv4 side
     * @param ipv6Mtu MTU of the IPv6 side
     * @param tcpEstablishedIdleSec idle timeout of established TCP connections
     * @param tcpTransitoryIdleSec idle timeout of opening/closing TCP connections
     * @param udpIdleSec idle timeout of UDP mappings
     * @param limits global connection limits (each service may set its own)
     * @param halfOpenMax most half-open l4 TCP connections held by one instance
     */
    public ProxySettings(Ip6Prefix clientPrefix, MacAddress gatewayMac, int ipv4Mtu, int ipv6Mtu,
                         int tcpEstablishedIdleSec, int tcpTransitoryIdleSec, int udpIdleSec,
                         ConnectionLimits limits, int halfOpenMax) {
        this.clientPrefix = checkNotNull(clientPrefix, "clientPrefix");
        this.gatewayMac = checkNotNull(gatewayMac, "gatewayMac");
        int len = clientPrefix.prefixLength();
        checkArgument(len == 32 || len == 40 || len == 48 || len == 56 || len == 64 || len == 96,
                      "clientPrefix %s: length must be 32, 40, 48, 56, 64 or 96 (RFC 6052 section 2.2)",
                      clientPrefix);
        checkArgument(ipv4Mtu >= MIN_IPV4_MTU && ipv4Mtu <= MAX_MTU, "ipv4Mtu %s out of range %s..%s",
                      ipv4Mtu, MIN_IPV4_MTU, MAX_MTU);
        checkArgument(ipv6Mtu >= MIN_IPV6_MTU && ipv6Mtu <= MAX_MTU, "ipv6Mtu %s out of range %s..%s",
                      ipv6Mtu, MIN_IPV6_MTU, MAX_MTU);
        checkArgument(tcpEstablishedIdleSec > 0, "tcpEstablishedIdleSec %s must be positive", tcpEstablishedIdleSec);
        checkArgument(tcpTransitoryIdleSec > 0, "tcpTransitoryIdleSec %s must be positive", tcpTransitoryIdleSec);
        checkArgument(udpIdleSec > 0, "udpIdleSec %s must be positive", udpIdleSec);
        this.ipv4Mtu = ipv4Mtu;
        this.ipv6Mtu = ipv6Mtu;
        this.tcpEstablishedIdleSec = tcpEstablishedIdleSec;
        this.tcpTransitoryIdleSec = tcpTransitoryIdleSec;
        this.udpIdleSec = udpIdleSec;
        this.limits = checkNotNull(limits, "limits");
        checkArgument(halfOpenMax > 0, "halfOpenMax %s must be positive", halfOpenMax);
        this.halfOpenMax = halfOpenMax;
    }

    /**
     * Returns the global connection limits.
     *
     * @return limits
     */
    public ConnectionLimits limits() {
        return limits;
    }

    /**
     * Returns the most half-open l4 TCP connections one instance holds.
     *
     * @return count
     */
    public int halfOpenMax() {
        return halfOpenMax;
    }

    /**
     * Returns the prefix in which client IPv4 addresses are embedded.
     *
     * @return prefix
     */
    public Ip6Prefix clientPrefix() {
        return clientPrefix;
    }

    /**
     * Returns the gateway MAC.
     *
     * @return MAC
     */
    public MacAddress gatewayMac() {
        return gatewayMac;
    }

    /**
     * Returns the IPv4-side MTU.
     *
     * @return bytes
     */
    public int ipv4Mtu() {
        return ipv4Mtu;
    }

    /**
     * Returns the IPv6-side MTU.
     *
     * @return bytes
     */
    public int ipv6Mtu() {
        return ipv6Mtu;
    }

    /**
     * Returns the established TCP idle timeout.
     *
     * @return seconds
     */
    public int tcpEstablishedIdleSec() {
        return tcpEstablishedIdleSec;
    }

    /**
     * Returns the opening/closing TCP idle timeout.
     *
     * @return seconds
     */
    public int tcpTransitoryIdleSec() {
        return tcpTransitoryIdleSec;
    }

    /**
     * Returns the UDP idle timeout.
     *
     * @return seconds
     */
    public int udpIdleSec() {
        return udpIdleSec;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ProxySettings)) {
            return false;
        }
        ProxySettings s = (ProxySettings) o;
        return ipv4Mtu == s.ipv4Mtu && ipv6Mtu == s.ipv6Mtu && tcpEstablishedIdleSec == s.tcpEstablishedIdleSec
                && tcpTransitoryIdleSec == s.tcpTransitoryIdleSec && udpIdleSec == s.udpIdleSec
                && clientPrefix.equals(s.clientPrefix) && gatewayMac.equals(s.gatewayMac)
                && limits.equals(s.limits) && halfOpenMax == s.halfOpenMax;
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientPrefix, gatewayMac, ipv4Mtu, ipv6Mtu, tcpEstablishedIdleSec,
                            tcpTransitoryIdleSec, udpIdleSec, limits, halfOpenMax);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("clientPrefix", clientPrefix).add("gatewayMac", gatewayMac)
                .add("ipv4Mtu", ipv4Mtu).add("ipv6Mtu", ipv6Mtu)
                .add("tcpEstablishedIdleSec", tcpEstablishedIdleSec)
                .add("tcpTransitoryIdleSec", tcpTransitoryIdleSec).add("udpIdleSec", udpIdleSec)
                .add("limits", limits).add("halfOpenMax", halfOpenMax).toString();
    }
}
