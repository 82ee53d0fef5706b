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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.onlab.packet.Ip4Address;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.v6proxy.api.Backend;
import org.v6proxy.api.ConnectionLimits;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.Route;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.api.VirtualService;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * JSON form of a virtual service, the service object of the v6proxy network config:
 * <pre>
 * {"name": "web", "vip": "10.0.0.42", "port": 8080, "protocol": "tcp", "mode": "http",
 *  "routes": [{"match": "a.example", "backend": "[2001:db8::1]:8080"}],
 *  "defaultBackend": "[2001:db8::1]:8080", "prereadTimeoutMs": 5000}
 * </pre>
 * Encoding always writes every field except {@code defaultBackend}, which is left out
 * when the service has none. Decoding requires name, vip, port and mode, defaults
 * protocol to tcp, routes to none and prereadTimeoutMs to
 * {@link VirtualService#DEFAULT_PREREAD_TIMEOUT_MS}, rejects unknown fields, and
 * throws {@link IllegalArgumentException} whose message names the service and field.
 */
public final class VirtualServiceCodec extends JsonCodec<VirtualService> {
    /** Unique service name. */
    public static final String NAME = "name";
    /** Virtual IPv4 address. */
    public static final String VIP = "vip";
    /** Service port on the VIP. */
    public static final String PORT = "port";
    /** "tcp" or "udp". */
    public static final String PROTOCOL = "protocol";
    /** "l4", "prefix", "http", "tls" or "quic". */
    public static final String MODE = "mode";
    /** Array of routes (see {@link RouteCodec}). */
    public static final String ROUTES = "routes";
    /** "[IPv6]:port" used when no route matches. */
    public static final String DEFAULT_BACKEND = "defaultBackend";
    /** Milliseconds to wait for the client's first bytes. */
    public static final String PREREAD_TIMEOUT_MS = "prereadTimeoutMs";
    /** Most connections of the service in all (absent or 0: the global limit). */
    public static final String MAX_CONNECTIONS = "maxConnections";
    /** Most connections of one client address to the service (absent or 0: the global limit). */
    public static final String MAX_CONNECTIONS_PER_CLIENT = "maxConnectionsPerClient";

    private static final int MAX_PORT = 65535;
    private static final Set<String> FIELDS =
            ImmutableSet.of(NAME, VIP, PORT, PROTOCOL, MODE, ROUTES, DEFAULT_BACKEND, PREREAD_TIMEOUT_MS,
                            MAX_CONNECTIONS, MAX_CONNECTIONS_PER_CLIENT);
    private static final JsonCodec<Route> FALLBACK_ROUTE_CODEC = new RouteCodec();

    @Override
    public ObjectNode encode(VirtualService service, CodecContext context) {
        checkNotNull(service, "service");
        ObjectNode json = context.mapper().createObjectNode()
                .put(NAME, service.name())
                .put(VIP, service.vip().toString())
                .put(PORT, service.port())
                .put(PROTOCOL, service.protocol().toString())
                .put(MODE, service.mode().toString());
        ArrayNode routes = json.putArray(ROUTES);
        JsonCodec<Route> routeCodec = routeCodec(context);
        for (Route route : service.routes()) {
            routes.add(routeCodec.encode(route, context));
        }
        service.defaultBackend().ifPresent(b -> json.put(DEFAULT_BACKEND, b.toString()));
        json.put(PREREAD_TIMEOUT_MS, service.prereadTimeoutMs());
        if (service.limits().maxConnections() > 0) {
            json.put(MAX_CONNECTIONS, service.limits().maxConnections());
        }
        if (service.limits().maxConnectionsPerClient() > 0) {
            json.put(MAX_CONNECTIONS_PER_CLIENT, service.limits().maxConnectionsPerClient());
        }
        return json;
    }

    @Override
    public VirtualService decode(ObjectNode json, CodecContext context) {
        if (json == null) {
            throw new IllegalArgumentException("service must be a JSON object");
        }
        String name = JsonFields.text(json, NAME, "service");
        String what = "service \"" + name + "\"";
        JsonFields.checkOnly(json, what, FIELDS);
        VirtualService.Builder builder = VirtualService.builder()
                .name(name)
                .vip(vip(JsonFields.text(json, VIP, what), what))
                .port(JsonFields.integer(json, PORT, what, 1, MAX_PORT))
                .mode(field(what, MODE, () -> ServiceMode.fromName(JsonFields.text(json, MODE, what))))
                .prereadTimeoutMs(JsonFields.optInteger(json, PREREAD_TIMEOUT_MS, what, 1, Integer.MAX_VALUE,
                                                        VirtualService.DEFAULT_PREREAD_TIMEOUT_MS));
        String protocol = JsonFields.optText(json, PROTOCOL, what);
        if (protocol != null) {
            builder.protocol(field(what, PROTOCOL, () -> Protocol.fromName(protocol)));
        }
        String dflt = JsonFields.optText(json, DEFAULT_BACKEND, what);
        if (dflt != null) {
            builder.defaultBackend(field(what, DEFAULT_BACKEND, () -> Backend.parse(dflt)));
        }
        builder.routes(routes(json, what, context));
        builder.limits(new ConnectionLimits(
                JsonFields.optInteger(json, MAX_CONNECTIONS, what, 0, Integer.MAX_VALUE, 0),
                JsonFields.optInteger(json, MAX_CONNECTIONS_PER_CLIENT, what, 0, Integer.MAX_VALUE, 0)));
        return builder.build();
    }

    private List<Route> routes(ObjectNode json, String what, CodecContext context) {
        List<Route> routes = new ArrayList<>();
        if (JsonFields.absent(json, ROUTES)) {
            return routes;
        }
        JsonNode array = json.get(ROUTES);
        if (!array.isArray()) {
            throw new IllegalArgumentException(what + ": field \"" + ROUTES + "\" must be an array, not " + array);
        }
        JsonCodec<Route> routeCodec = routeCodec(context);
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            String where = what + ": " + ROUTES + "[" + i + "]";
            if (!element.isObject()) {
                throw new IllegalArgumentException(where + " must be an object, not " + element);
            }
            try {
                routes.add(routeCodec.decode((ObjectNode) element, context));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return routes;
    }

    private static Ip4Address vip(String text, String what) {
        try {
            return Ip4Address.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": field \"" + VIP + "\": \"" + text
                                                       + "\" is not an IPv4 address", e);
        }
    }

    private static JsonCodec<Route> routeCodec(CodecContext context) {
        // The registered codec when there is one (ONOS convention), so both always agree.
        JsonCodec<Route> codec = context.codec(Route.class);
        return codec != null ? codec : FALLBACK_ROUTE_CODEC;
    }

    private static <T> T field(String what, String field, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(what)) {
                throw e;
            }
            throw new IllegalArgumentException(what + ": field \"" + field + "\": " + e.getMessage(), e);
        }
    }
}
