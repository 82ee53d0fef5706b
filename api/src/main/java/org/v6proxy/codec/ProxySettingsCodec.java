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
package org.v6proxy.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.v6proxy.api.ProxySettings;

import java.util.Locale;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * JSON form of the global settings (encode only). Field names are those of the network config:
 * <pre>
 * {"clientPrefix": "2001:db8:46::/96", "gatewayMac": "02:00:00:00:46:01", "ipv4Mtu": 1500,
 *  "ipv6Mtu": 1500, "tcpEstablishedIdleSec": 7440, "tcpTransitoryIdleSec": 60, "udpIdleSec": 300,
 *  "maxConnections": 0, "maxConnectionsPerClient": 0, "halfOpenMax": 8192}
 * </pre>
 */
public final class ProxySettingsCodec extends JsonCodec<ProxySettings> {
    /** RFC 6052 prefix of client addresses. */
    public static final String CLIENT_PREFIX = "clientPrefix";
    /** Source MAC of everything the app sends. */
    public static final String GATEWAY_MAC = "gatewayMac";
    /** IPv4-side MTU. */
    public static final String IPV4_MTU = "ipv4Mtu";
    /** IPv6-side MTU. */
    public static final String IPV6_MTU = "ipv6Mtu";
    /** Idle timeout of established TCP connections, seconds. */
    public static final String TCP_ESTABLISHED_IDLE_SEC = "tcpEstablishedIdleSec";
    /** Idle timeout of opening or closing TCP connections, seconds. */
    public static final String TCP_TRANSITORY_IDLE_SEC = "tcpTransitoryIdleSec";
    /** Idle timeout of UDP mappings, seconds. */
    public static final String UDP_IDLE_SEC = "udpIdleSec";
    /** Most connections of a service in all, unless the service sets its own; 0 for no limit. */
    public static final String MAX_CONNECTIONS = "maxConnections";
    /** Most connections of one client address to a service, unless the service sets its own; 0 for no limit. */
    public static final String MAX_CONNECTIONS_PER_CLIENT = "maxConnectionsPerClient";
    /** Most half-open l4 TCP connections one instance holds. */
    public static final String HALF_OPEN_MAX = "halfOpenMax";

    @Override
    public ObjectNode encode(ProxySettings settings, CodecContext context) {
        checkNotNull(settings, "settings");
        return context.mapper().createObjectNode()
                .put(CLIENT_PREFIX, settings.clientPrefix().toString())
                .put(GATEWAY_MAC, settings.gatewayMac().toString().toLowerCase(Locale.ROOT))
                .put(IPV4_MTU, settings.ipv4Mtu())
                .put(IPV6_MTU, settings.ipv6Mtu())
                .put(TCP_ESTABLISHED_IDLE_SEC, settings.tcpEstablishedIdleSec())
                .put(TCP_TRANSITORY_IDLE_SEC, settings.tcpTransitoryIdleSec())
                .put(UDP_IDLE_SEC, settings.udpIdleSec())
                .put(MAX_CONNECTIONS, settings.limits().maxConnections())
                .put(MAX_CONNECTIONS_PER_CLIENT, settings.limits().maxConnectionsPerClient())
                .put(HALF_OPEN_MAX, settings.halfOpenMax());
    }
}
