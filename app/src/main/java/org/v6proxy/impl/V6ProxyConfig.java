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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.Ip6Prefix;
import org.onlab.packet.MacAddress;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.InvalidFieldException;
import org.v6proxy.api.Backend;
import org.v6proxy.api.ConnectionLimits;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.api.Route;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.api.VirtualService;
import org.v6proxy.neighbor.BackendResolver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;
import static org.v6proxy.impl.ConfigFields.element;
import static org.v6proxy.impl.ConfigFields.field;
import static org.v6proxy.impl.ConfigFields.integer;
import static org.v6proxy.impl.ConfigFields.invalid;
import static org.v6proxy.impl.ConfigFields.list;
import static org.v6proxy.impl.ConfigFields.object;
import static org.v6proxy.impl.ConfigFields.onlyFields;
import static org.v6proxy.impl.ConfigFields.path;
import static org.v6proxy.impl.ConfigFields.text;

/**
 * The v6proxy network config (subject: the app id of {@code org.v6proxy}, key
 * {@value #CONFIG_KEY}), as described in DESIGN.md "Network config contract".
 * <p>
 * Parsing is strict: unknown fields (typos) are errors, numbers must be integers,
 * and every error is an {@link InvalidFieldException} whose field is the JSON path
 * ({@code services[1].routes[0].backend}) and whose reason shows the value.
 */
public class V6ProxyConfig extends Config<ApplicationId> {
    /** Network config key under the app subject. */
    public static final String CONFIG_KEY = "v6proxy";

    static final String CLIENT_PREFIX = "clientPrefix";
    static final String GATEWAY_MAC = "gatewayMac";
    static final String IPV4_MTU = "ipv4Mtu";
    static final String IPV6_MTU = "ipv6Mtu";
    static final String TCP_ESTABLISHED_IDLE = "tcpEstablishedIdleSec";
    static final String TCP_TRANSITORY_IDLE = "tcpTransitoryIdleSec";
    static final String UDP_IDLE = "udpIdleSec";
    static final String SERVICES = "services";
    /** Most connections of a service in all (global default; a service may set its own); 0: none. */
    static final String MAX_CONNECTIONS = "maxConnections";
    /** Most connections of one client address to a service (global default, or the service's own); 0: none. */
    static final String MAX_CONNECTIONS_PER_CLIENT = "maxConnectionsPerClient";
    /** Most half-open l4 TCP connections one instance holds (global). */
    static final String HALF_OPEN_MAX = "halfOpenMax";
    /** Largest half-open bound: about 600 bytes each, so 1 GiB of entries at most. */
    static final int MAX_HALF_OPEN_MAX = 1 << 21;

    static final String NAME = "name";
    static final String VIP = "vip";
    static final String PORT = "port";
    static final String PROTOCOL = "protocol";
    static final String MODE = "mode";
    static final String ROUTES = "routes";
    static final String DEFAULT_BACKEND = "defaultBackend";
    static final String PREREAD_TIMEOUT = "prereadTimeoutMs";

    static final String MATCH = "match";
    static final String BACKEND = "backend";

    /** Largest idle timeout: its value in milliseconds must still fit an int. */
    static final int MAX_IDLE_SEC = Integer.MAX_VALUE / 1000;
    /** Largest preread timeout, 10 minutes: a client that says nothing for longer is not waiting for us. */
    static final int MAX_PREREAD_TIMEOUT_MS = 600_000;
    private static final int MAX_PORT = 65535;

    private static final Set<String> TOP_FIELDS = ImmutableSet.of(
            CLIENT_PREFIX, GATEWAY_MAC, IPV4_MTU, IPV6_MTU, TCP_ESTABLISHED_IDLE, TCP_TRANSITORY_IDLE,
            UDP_IDLE, SERVICES, BackendPins.BACKEND_PINS, MAX_CONNECTIONS, MAX_CONNECTIONS_PER_CLIENT,
            HALF_OPEN_MAX);
    private static final Set<String> SERVICE_FIELDS = ImmutableSet.of(
            NAME, VIP, PORT, PROTOCOL, MODE, ROUTES, DEFAULT_BACKEND, PREREAD_TIMEOUT, MAX_CONNECTIONS,
            MAX_CONNECTIONS_PER_CLIENT);
    private static final Set<String> ROUTE_FIELDS = ImmutableSet.of(MATCH, BACKEND);

    /**
     * Returns the global settings.
     *
     * @return settings
     * @throws InvalidFieldException naming the field and value that are wrong
     */
    public ProxySettings settings() {
        try {
            return parseSettings(root());
        } catch (InvalidFieldException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /**
     * Returns the virtual services, in the order of the JSON list.
     *
     * @return services (empty when the list is absent)
     * @throws InvalidFieldException naming the field and value that are wrong
     */
    public List<VirtualService> services() {
        try {
            ObjectNode root = root();
            return parseServices(root, clientPrefix(root));
        } catch (InvalidFieldException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /**
     * Returns the pinned backend locations ({@value BackendPins#BACKEND_PINS}).
     *
     * @return locations by backend address (empty when the list is absent)
     * @throws InvalidFieldException naming the field and value that are wrong
     */
    public Map<Ip6Address, BackendResolver.Endpoint> backendPins() {
        try {
            ObjectNode root = root();
            return BackendPins.parse(root, clientPrefix(root));
        } catch (InvalidFieldException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /**
     * Validates the whole config.
     *
     * @return true
     * @throws InvalidFieldException with a message naming the first wrong field and its value
     */
    @Override
    public boolean isValid() {
        try {
            ObjectNode root = root();
            onlyFields(root, "", TOP_FIELDS);
            parseSettings(root);
            parseServices(root, clientPrefix(root));
            BackendPins.parse(root, clientPrefix(root));
            return true;
        } catch (InvalidFieldException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /**
     * Replaces the "services" list of this config with the given services.
     *
     * @param services new services, in order
     * @return this config
     */
    public V6ProxyConfig services(List<VirtualService> services) {
        checkNotNull(services, "services");
        checkState(object != null, "config node is not a JSON object");
        ArrayNode array = object.putArray(SERVICES);
        for (VirtualService s : services) {
            array.add(toJson(checkNotNull(s, "service")));
        }
        return this;
    }

    /**
     * Returns the JSON form of a service, as accepted by this config.
     *
     * @param s service
     * @return JSON object
     */
    public static ObjectNode toJson(VirtualService s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put(NAME, s.name());
        n.put(VIP, s.vip().toString());
        n.put(PORT, s.port());
        n.put(PROTOCOL, s.protocol().toString());
        n.put(MODE, s.mode().toString());
        if (!s.routes().isEmpty()) {
            ArrayNode routes = n.putArray(ROUTES);
            for (Route r : s.routes()) {
                routes.addObject().put(MATCH, r.match()).put(BACKEND, r.backend().toString());
            }
        }
        s.defaultBackend().ifPresent(b -> n.put(DEFAULT_BACKEND, b.toString()));
        if (s.mode().routed() || s.prereadTimeoutMs() != VirtualService.DEFAULT_PREREAD_TIMEOUT_MS) {
            n.put(PREREAD_TIMEOUT, s.prereadTimeoutMs());
        }
        if (s.limits().maxConnections() > 0) {
            n.put(MAX_CONNECTIONS, s.limits().maxConnections());
        }
        if (s.limits().maxConnectionsPerClient() > 0) {
            n.put(MAX_CONNECTIONS_PER_CLIENT, s.limits().maxConnectionsPerClient());
        }
        return n;
    }

    private ObjectNode root() {
        if (object == null) {
            throw invalid(CONFIG_KEY, "%s is not a JSON object", node == null ? "null" : node.toString());
        }
        return object;
    }

    private static InvalidFieldException unexpected(RuntimeException e) {
        return new InvalidFieldException(CONFIG_KEY, "cannot be read: " + e);
    }

    private static Ip6Prefix clientPrefix(ObjectNode root) {
        return ConfigValues.clientPrefix(text(root, "", CLIENT_PREFIX), CLIENT_PREFIX);
    }

    private static ProxySettings parseSettings(ObjectNode root) {
        Ip6Prefix prefix = clientPrefix(root);
        MacAddress mac = ConfigValues.gatewayMac(text(root, "", GATEWAY_MAC), GATEWAY_MAC);
        int v4Mtu = integer(root, "", IPV4_MTU, ProxySettings.DEFAULT_MTU,
                            ProxySettings.MIN_IPV4_MTU, ProxySettings.MAX_MTU);
        int v6Mtu = integer(root, "", IPV6_MTU, ProxySettings.DEFAULT_MTU,
                            ProxySettings.MIN_IPV6_MTU, ProxySettings.MAX_MTU);
        int established = integer(root, "", TCP_ESTABLISHED_IDLE, ProxySettings.DEFAULT_TCP_ESTABLISHED_IDLE,
                                  1, MAX_IDLE_SEC);
        int transitory = integer(root, "", TCP_TRANSITORY_IDLE, ProxySettings.DEFAULT_TCP_TRANSITORY_IDLE,
                                 1, MAX_IDLE_SEC);
        int udp = integer(root, "", UDP_IDLE, ProxySettings.DEFAULT_UDP_IDLE, 1, MAX_IDLE_SEC);
        ConnectionLimits limits = limits(root, "");
        int halfOpen = integer(root, "", HALF_OPEN_MAX, ProxySettings.DEFAULT_HALF_OPEN_MAX, 1, MAX_HALF_OPEN_MAX);
        try {
            return new ProxySettings(prefix, mac, v4Mtu, v6Mtu, established, transitory, udp, limits, halfOpen);
        } catch (IllegalArgumentException e) {
            // Unreachable while the checks above are at least as strict as the constructor's.
            throw new InvalidFieldException(CONFIG_KEY, e.getMessage());
        }
    }

    /** Reads maxConnections and maxConnectionsPerClient of an object (absent: 0, no limit of its own). */
    private static ConnectionLimits limits(ObjectNode obj, String p) {
        return new ConnectionLimits(integer(obj, p, MAX_CONNECTIONS, 0, 0, Integer.MAX_VALUE),
                                    integer(obj, p, MAX_CONNECTIONS_PER_CLIENT, 0, 0, Integer.MAX_VALUE));
    }

    private static List<VirtualService> parseServices(ObjectNode root, Ip6Prefix prefix) {
        JsonNode value = field(root, SERVICES);
        if (value == null) {
            return ImmutableList.of();
        }
        ArrayNode array = list(value, SERVICES);
        List<VirtualService> result = new ArrayList<>(array.size());
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> endpoints = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String p = element(SERVICES, i);
            VirtualService s = parseService(array.get(i), p, prefix);
            Integer other = names.putIfAbsent(s.name(), i);
            if (other != null) {
                throw invalid(path(p, NAME), "\"%s\" is already the name of %s", s.name(), element(SERVICES, other));
            }
            String endpoint = s.vip() + ":" + s.port() + "/" + s.protocol();
            other = endpoints.putIfAbsent(endpoint, i);
            if (other != null) {
                throw invalid(p, "%s (vip:port/protocol) is already served by %s \"%s\"",
                              endpoint, element(SERVICES, other), result.get(other).name());
            }
            result.add(s);
        }
        return ImmutableList.copyOf(result);
    }

    private static VirtualService parseService(JsonNode value, String p, Ip6Prefix prefix) {
        ObjectNode s = object(value, p);
        onlyFields(s, p, SERVICE_FIELDS);
        String name = ConfigValues.serviceName(text(s, p, NAME), path(p, NAME));
        Ip4Address vip = ConfigValues.vip(text(s, p, VIP), path(p, VIP));
        int port = integer(s, p, PORT, 1, MAX_PORT);
        Protocol protocol = Protocol.TCP;
        JsonNode protoNode = field(s, PROTOCOL);
        if (protoNode != null) {
            String t = text(protoNode, path(p, PROTOCOL));
            try {
                protocol = Protocol.fromName(t);
            } catch (IllegalArgumentException e) {
                throw invalid(path(p, PROTOCOL), "%s", e.getMessage());
            }
        }
        ServiceMode mode;
        String modeText = text(s, p, MODE);
        try {
            mode = ServiceMode.fromName(modeText);
        } catch (IllegalArgumentException e) {
            throw invalid(path(p, MODE), "%s", e.getMessage());
        }
        if (!mode.allows(protocol)) {
            throw invalid(path(p, MODE), mode == ServiceMode.QUIC
                                  ? "\"%s\" needs \"protocol\": \"udp\" (QUIC runs over UDP)"
                                  : "\"%s\" is not allowed with protocol udp (udp services are l4 or quic)",
                          modeText);
        }
        List<Route> routes = parseRoutes(s, p, mode, prefix);
        Backend defaultBackend = null;
        JsonNode defNode = field(s, DEFAULT_BACKEND);
        if (defNode != null) {
            String dp = path(p, DEFAULT_BACKEND);
            defaultBackend = ConfigValues.backend(text(defNode, dp), dp, prefix);
        }
        if (mode == ServiceMode.L4 && defaultBackend == null) {
            throw invalid(path(p, DEFAULT_BACKEND), "is missing: mode l4 sends every connection to it");
        }
        if (mode != ServiceMode.L4 && routes.isEmpty() && defaultBackend == null) {
            throw invalid(path(p, ROUTES), "is empty and there is no defaultBackend: mode %s needs one of them",
                          mode);
        }
        int preread = integer(s, p, PREREAD_TIMEOUT, VirtualService.DEFAULT_PREREAD_TIMEOUT_MS,
                              1, MAX_PREREAD_TIMEOUT_MS);
        try {
            return VirtualService.builder().name(name).vip(vip).port(port).protocol(protocol).mode(mode)
                    .routes(routes).defaultBackend(defaultBackend).prereadTimeoutMs(preread)
                    .limits(limits(s, p)).build();
        } catch (IllegalArgumentException e) {
            // The builder's own invariants; the checks above report them first with a field path.
            throw invalid(p, "%s", e.getMessage());
        }
    }

    private static List<Route> parseRoutes(ObjectNode s, String p, ServiceMode mode, Ip6Prefix prefix) {
        JsonNode value = field(s, ROUTES);
        String rp = path(p, ROUTES);
        if (value == null) {
            return ImmutableList.of();
        }
        ArrayNode array = list(value, rp);
        if (mode == ServiceMode.L4 && array.size() > 0) {
            throw invalid(rp, "%s is not allowed with mode l4 (l4 uses defaultBackend only)", value);
        }
        List<Route> routes = new ArrayList<>(array.size());
        Map<String, Integer> matches = new HashMap<>();
        for (int j = 0; j < array.size(); j++) {
            String ep = element(rp, j);
            ObjectNode r = object(array.get(j), ep);
            onlyFields(r, ep, ROUTE_FIELDS);
            String mp = path(ep, MATCH);
            String match = text(r, ep, MATCH);
            if (match.isEmpty()) {
                throw invalid(mp, "\"\" is empty");
            }
            if (mode.byHostName()) {
                match = ConfigValues.hostMatch(match, mp);
            }
            Integer other = matches.putIfAbsent(match, j);
            if (other != null) {
                throw invalid(mp, "\"%s\" is already matched by %s", match, element(rp, other));
            }
            String bp = path(ep, BACKEND);
            Backend backend = ConfigValues.backend(text(r, ep, BACKEND), bp, prefix);
            routes.add(new Route(match, backend));
        }
        return routes;
    }
}
