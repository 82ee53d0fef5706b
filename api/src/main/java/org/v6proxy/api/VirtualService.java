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
import com.google.common.collect.ImmutableList;
import org.onlab.packet.Ip4Address;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A virtual IPv4 service: VIP:port, how a backend is chosen and the backends.
 * Immutable; built with {@link #builder()}.
 */
public final class VirtualService {
    /** Default time to wait for the client's first bytes before using the default backend. */
    public static final int DEFAULT_PREREAD_TIMEOUT_MS = 5000;
    private static final int MAX_PORT = 65535;

    private final String name;
    private final Ip4Address vip;
    private final int port;
    private final Protocol protocol;
    private final ServiceMode mode;
    private final List<Route> routes;
    private final Backend defaultBackend;
    private final int prereadTimeoutMs;
    private final ConnectionLimits limits;

    private VirtualService(Builder b) {
        this.name = b.name;
        this.vip = b.vip;
        this.port = b.port;
        this.protocol = b.protocol;
        this.mode = b.mode;
        this.routes = ImmutableList.copyOf(b.routes);
        this.defaultBackend = b.defaultBackend;
        this.prereadTimeoutMs = b.prereadTimeoutMs;
        this.limits = b.limits;
    }

    /**
     * Returns a new builder.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder initialised with this service's values.
     *
     * @return builder
     */
    public Builder toBuilder() {
        return new Builder().name(name).vip(vip).port(port).protocol(protocol).mode(mode)
                .routes(routes).defaultBackend(defaultBackend).prereadTimeoutMs(prereadTimeoutMs)
                .limits(limits);
    }

    /**
     * Returns the unique service name.
     *
     * @return name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the virtual IPv4 address.
     *
     * @return VIP
     */
    public Ip4Address vip() {
        return vip;
    }

    /**
     * Returns the service port on the VIP.
     *
     * @return port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the transport protocol.
     *
     * @return protocol
     */
    public Protocol protocol() {
        return protocol;
    }

    /**
     * Returns how the backend is chosen.
     *
     * @return mode
     */
    public ServiceMode mode() {
        return mode;
    }

    /**
     * Returns the routes, in the order they are tried.
     *
     * @return routes (empty for l4)
     */
    public List<Route> routes() {
        return routes;
    }

    /**
     * Returns the backend used when no route matches, on preread timeout, or always (l4).
     *
     * @return default backend, if any
     */
    public Optional<Backend> defaultBackend() {
        return Optional.ofNullable(defaultBackend);
    }

    /**
     * Returns how long to wait for the client's first bytes.
     *
     * @return milliseconds
     */
    public int prereadTimeoutMs() {
        return prereadTimeoutMs;
    }

    /**
     * Returns this service's own connection limits (0: the global limit applies).
     *
     * @return limits
     */
    public ConnectionLimits limits() {
        return limits;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VirtualService)) {
            return false;
        }
        VirtualService s = (VirtualService) o;
        return port == s.port && prereadTimeoutMs == s.prereadTimeoutMs && name.equals(s.name)
                && vip.equals(s.vip) && protocol == s.protocol && mode == s.mode
                && routes.equals(s.routes) && Objects.equals(defaultBackend, s.defaultBackend)
                && limits.equals(s.limits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, vip, port, protocol, mode, routes, defaultBackend, prereadTimeoutMs, limits);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("name", name).add("vip", vip).add("port", port)
                .add("protocol", protocol).add("mode", mode).add("routes", routes)
                .add("defaultBackend", defaultBackend).add("prereadTimeoutMs", prereadTimeoutMs)
                .add("limits", limits).toString();
    }

    /**
     * Builder of virtual services; {@link #build()} checks the invariants.
     */
    public static final class Builder {
        private String name;
        private Ip4Address vip;
        private int port;
        private Protocol protocol = Protocol.TCP;
        private ServiceMode mode;
        private List<Route> routes = ImmutableList.of();
        private Backend defaultBackend;
        private int prereadTimeoutMs = DEFAULT_PREREAD_TIMEOUT_MS;
        private ConnectionLimits limits = ConnectionLimits.NONE;

        private Builder() {
        }

        /**
         * Sets the service's own connection limits.
         *
         * @param value limits (0: the global limit applies)
         * @return this
         */
        public Builder limits(ConnectionLimits value) {
            this.limits = checkNotNull(value, "limits");
            return this;
        }

        /**
         * Sets the name.
         *
         * @param value name
         * @return this
         */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /**
         * Sets the VIP.
         *
         * @param value VIP
         * @return this
         */
        public Builder vip(Ip4Address value) {
            this.vip = value;
            return this;
        }

        /**
         * Sets the port.
         *
         * @param value port
         * @return this
         */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /**
         * Sets the protocol.
         *
         * @param value protocol
         * @return this
         */
        public Builder protocol(Protocol value) {
            this.protocol = value;
            return this;
        }

        /**
         * Sets the mode.
         *
         * @param value mode
         * @return this
         */
        public Builder mode(ServiceMode value) {
            this.mode = value;
            return this;
        }

        /**
         * Sets the routes.
         *
         * @param value routes
         * @return this
         */
        public Builder routes(List<Route> value) {
            this.routes = checkNotNull(value, "routes");
            return this;
        }

        /**
         * Sets the default backend (may be null).
         *
         * @param value backend or null
         * @return this
         */
        public Builder defaultBackend(Backend value) {
            this.defaultBackend = value;
            return this;
        }

        /**
         * Sets the preread timeout.
         *
         * @param value milliseconds
         * @return this
         */
        public Builder prereadTimeoutMs(int value) {
            this.prereadTimeoutMs = value;
            return this;
        }

        /**
         * Builds the service.
         *
         * @return service
         * @throws IllegalArgumentException naming the first violated rule
         */
        public VirtualService build() {
            checkArgument(name != null && !name.isEmpty(), "service name is missing");
            checkArgument(vip != null, "service \"%s\": vip is missing", name);
            checkArgument(port > 0 && port <= MAX_PORT, "service \"%s\": port %s out of range 1..65535", name, port);
            checkArgument(mode != null, "service \"%s\": mode is missing", name);
            checkNotNull(protocol, "protocol");
            checkArgument(mode != ServiceMode.QUIC || protocol == Protocol.UDP,
                          "service \"%s\": mode quic needs protocol udp", name);
            checkArgument(mode.allows(protocol),
                          "service \"%s\": protocol udp needs mode l4 or quic, not %s", name, mode);
            checkArgument(mode != ServiceMode.L4 || routes.isEmpty(),
                          "service \"%s\": routes are not allowed with mode l4", name);
            checkArgument(mode != ServiceMode.L4 || defaultBackend != null,
                          "service \"%s\": mode l4 needs a defaultBackend", name);
            checkArgument(mode == ServiceMode.L4 || !routes.isEmpty() || defaultBackend != null,
                          "service \"%s\": needs at least one route or a defaultBackend", name);
            checkArgument(prereadTimeoutMs > 0, "service \"%s\": prereadTimeoutMs %s must be positive",
                          name, prereadTimeoutMs);
            return new VirtualService(this);
        }
    }
}
