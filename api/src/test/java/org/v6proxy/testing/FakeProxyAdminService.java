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
package org.v6proxy.testing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionStats;
import org.v6proxy.api.ProxyAdminService;
import org.v6proxy.api.ProxyCounters;
import org.v6proxy.api.ProxyListener;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.api.Route;
import org.v6proxy.api.VirtualService;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * In-memory admin service with the documented contract: invalid changes throw
 * IllegalArgumentException and change nothing. Counts successful changes.
 * Services are listed by name, connections in insertion order, one per key.
 */
public class FakeProxyAdminService implements ProxyAdminService {
    /** Services by name. */
    public final Map<String, VirtualService> services = new TreeMap<>();
    /** Connections by key, in insertion order. */
    public final Map<ConnectionKey, Connection> connections = new LinkedHashMap<>();
    /** What getConnectionStats returns, by key; a key without stats is one this instance never saw. */
    public final Map<ConnectionKey, ConnectionStats> stats = new LinkedHashMap<>();
    /** What getCounters returns; resetCounters sets all zero. */
    public ProxyCounters counters = zero();
    /** What getSettings returns; null for none. */
    public ProxySettings settings;
    /** Successful changes made through the admin methods. */
    public int changes;

    private static ProxyCounters zero() {
        return new ProxyCounters(new long[2], new long[2], ImmutableMap.of());
    }

    /**
     * Adds or replaces a service without counting a change.
     *
     * @param s service
     * @return this fake
     */
    public FakeProxyAdminService add(VirtualService s) {
        services.put(s.name(), s);
        return this;
    }

    /**
     * Adds or replaces a connection (by key) without counting a change.
     *
     * @param c connection
     * @return this fake
     */
    public FakeProxyAdminService add(Connection c) {
        connections.put(c.key(), c);
        return this;
    }

    @Override
    public Optional<ProxySettings> getSettings() {
        return Optional.ofNullable(settings);
    }

    @Override
    public Collection<VirtualService> getServices() {
        return ImmutableList.copyOf(services.values());
    }

    @Override
    public Optional<VirtualService> getService(String name) {
        return Optional.ofNullable(services.get(name));
    }

    @Override
    public Collection<Connection> getConnections() {
        return ImmutableList.copyOf(connections.values());
    }

    @Override
    public int getConnectionCount(String service) {
        return (int) connections.values().stream().filter(c -> c.service().equals(service)).count();
    }

    @Override
    public Optional<ConnectionStats> getConnectionStats(ConnectionKey key) {
        return Optional.ofNullable(stats.get(key));
    }

    @Override
    public ProxyCounters getCounters() {
        return counters;
    }

    @Override
    public void addService(VirtualService service) {
        if (services.containsKey(service.name())) {
            throw new IllegalArgumentException("service \"" + service.name() + "\" exists");
        }
        services.put(service.name(), service);
        changes++;
    }

    @Override
    public boolean removeService(String name) {
        if (services.remove(name) == null) {
            return false;
        }
        connections.values().removeIf(c -> c.service().equals(name));
        changes++;
        return true;
    }

    @Override
    public void addRoute(String service, Route route) {
        VirtualService s = services.get(service);
        if (s == null) {
            throw new IllegalArgumentException("no service \"" + service + "\"");
        }
        for (Route r : s.routes()) {
            if (r.match().equals(route.match())) {
                throw new IllegalArgumentException("service \"" + service + "\": route \"" + route.match()
                                                           + "\" exists");
            }
        }
        List<Route> routes = new ArrayList<>(s.routes());
        routes.add(route);
        services.put(service, s.toBuilder().routes(routes).build());
        changes++;
    }

    @Override
    public boolean removeRoute(String service, String match) {
        VirtualService s = services.get(service);
        if (s == null) {
            return false;
        }
        List<Route> routes = new ArrayList<>(s.routes());
        if (!routes.removeIf(r -> r.match().equals(match))) {
            return false;
        }
        services.put(service, s.toBuilder().routes(routes).build());
        changes++;
        return true;
    }

    @Override
    public boolean removeConnection(ConnectionKey key) {
        if (connections.remove(key) == null) {
            return false;
        }
        changes++;
        return true;
    }

    @Override
    public void resetCounters() {
        counters = zero();
        changes++;
    }

    @Override
    public void addListener(ProxyListener listener) {
    }

    @Override
    public void removeListener(ProxyListener listener) {
    }
}
