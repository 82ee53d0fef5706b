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
package org.v6proxy.gui;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.ProxyCounters;
import org.v6proxy.api.ProxyListener;
import org.v6proxy.api.ProxyService;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.api.VirtualService;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * In-memory read-only proxy service: services by name, connections in insertion order.
 */
class FakeProxyService implements ProxyService {
    final Map<String, VirtualService> services = new TreeMap<>();
    final List<Connection> connections = new ArrayList<>();

    FakeProxyService add(VirtualService s) {
        services.put(s.name(), s);
        return this;
    }

    FakeProxyService add(Connection c) {
        connections.add(c);
        return this;
    }

    /**
     * Builds a connection record with the fields the tables show.
     */
    static Connection connection(Protocol protocol, String client, int clientPort, String vip, int vipPort,
                                 String service, String backend, ConnectionState state, long createdMillis) {
        return Connection.direct(new ConnectionKey(protocol, Ip4Address.valueOf(client), clientPort,
                                                   Ip4Address.valueOf(vip), vipPort),
                                 ConnectPoint.deviceConnectPoint("of:0000000000000001/3"),
                                 MacAddress.valueOf("02:00:00:00:00:07"), service, Backend.parse(backend),
                                 Ip6Address.valueOf("2001:db8:46::" + client), state, createdMillis);
    }

    @Override
    public Optional<ProxySettings> getSettings() {
        return Optional.empty();
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
        return ImmutableList.copyOf(connections);
    }

    @Override
    public int getConnectionCount(String service) {
        int n = 0;
        for (Connection c : connections) {
            if (c.service().equals(service)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public ProxyCounters getCounters() {
        return new ProxyCounters(new long[2], new long[2], ImmutableMap.of());
    }

    @Override
    public void addListener(ProxyListener listener) {
    }

    @Override
    public void removeListener(ProxyListener listener) {
    }
}
