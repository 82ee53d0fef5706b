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

import com.google.common.collect.ComparisonChain;
import org.onlab.packet.Ip4Address;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.Protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Selects connections by service, client, VIP and protocol, as written on the CLI
 * and in REST query parameters. Client and VIP are "a.b.c.d" (any port) or
 * "a.b.c.d:port". The CLI and REST API share it so that their filters agree.
 */
public final class ConnectionFilter implements Predicate<Connection> {
    private static final int ANY_PORT = -1;
    private static final int MAX_PORT = 65535;
    private static final ConnectionFilter ALL = new ConnectionFilter(null, null, ANY_PORT, null, ANY_PORT, null);

    /** Order of listings: by service, then client, then VIP, then protocol. */
    private static final Comparator<Connection> ORDER = (a, b) -> ComparisonChain.start()
            .compare(a.service(), b.service())
            .compare(a.key().client(), b.key().client())
            .compare(a.key().clientPort(), b.key().clientPort())
            .compare(a.key().vip(), b.key().vip())
            .compare(a.key().vipPort(), b.key().vipPort())
            .compare(a.key().protocol(), b.key().protocol())
            .result();

    private final String service;
    private final Ip4Address client;
    private final int clientPort;
    private final Ip4Address vip;
    private final int vipPort;
    private final Protocol protocol;

    private ConnectionFilter(String service, Ip4Address client, int clientPort, Ip4Address vip, int vipPort,
                             Protocol protocol) {
        this.service = service;
        this.client = client;
        this.clientPort = clientPort;
        this.vip = vip;
        this.vipPort = vipPort;
        this.protocol = protocol;
    }

    /**
     * Returns the filter that selects every connection.
     *
     * @return filter
     */
    public static ConnectionFilter all() {
        return ALL;
    }

    /**
     * Parses a filter; null or empty arguments select anything.
     *
     * @param service service name
     * @param client client "address" or "address:port"
     * @param vip VIP "address" or "address:port"
     * @param protocol "tcp" or "udp"
     * @return filter
     * @throws IllegalArgumentException naming the bad argument
     */
    public static ConnectionFilter parse(String service, String client, String vip, String protocol) {
        Endpoint c = isEmpty(client) ? null : Endpoint.parse("client", client, false);
        Endpoint v = isEmpty(vip) ? null : Endpoint.parse("vip", vip, false);
        return new ConnectionFilter(isEmpty(service) ? null : service,
                                    c == null ? null : c.address, c == null ? ANY_PORT : c.port,
                                    v == null ? null : v.address, v == null ? ANY_PORT : v.port,
                                    isEmpty(protocol) ? null : parseProtocol(protocol));
    }

    /**
     * Parses the key of one connection.
     *
     * @param client client "address:port"
     * @param vip VIP "address:port"
     * @param protocol "tcp" or "udp"; null or empty means tcp
     * @return key
     * @throws IllegalArgumentException naming the bad argument
     */
    public static ConnectionKey parseKey(String client, String vip, String protocol) {
        Endpoint c = Endpoint.parse("client", client, true);
        Endpoint v = Endpoint.parse("vip", vip, true);
        Protocol p = isEmpty(protocol) ? Protocol.TCP : parseProtocol(protocol);
        return new ConnectionKey(p, c.address, c.port, v.address, v.port);
    }

    /**
     * Returns whether this filter selects every connection.
     *
     * @return true if no criterion is set
     */
    public boolean isAll() {
        return service == null && client == null && vip == null && protocol == null;
    }

    @Override
    public boolean test(Connection c) {
        ConnectionKey k = c.key();
        return (service == null || service.equals(c.service()))
                && (client == null || client.equals(k.client()))
                && (clientPort == ANY_PORT || clientPort == k.clientPort())
                && (vip == null || vip.equals(k.vip()))
                && (vipPort == ANY_PORT || vipPort == k.vipPort())
                && (protocol == null || protocol == k.protocol());
    }

    /**
     * Returns the selected connections in listing order (service, client, VIP, protocol).
     *
     * @param connections all connections
     * @return selected connections
     */
    public List<Connection> select(Collection<Connection> connections) {
        List<Connection> selected = new ArrayList<>();
        for (Connection c : connections) {
            if (test(c)) {
                selected.add(c);
            }
        }
        selected.sort(ORDER);
        return selected;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectionFilter)) {
            return false;
        }
        ConnectionFilter f = (ConnectionFilter) o;
        return clientPort == f.clientPort && vipPort == f.vipPort && Objects.equals(service, f.service)
                && Objects.equals(client, f.client) && Objects.equals(vip, f.vip) && protocol == f.protocol;
    }

    @Override
    public int hashCode() {
        return Objects.hash(service, client, clientPort, vip, vipPort, protocol);
    }

    /**
     * Returns the criteria as "service=web, client=192.0.2.7" ("any" when none).
     *
     * @return text for messages
     */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (service != null) {
            parts.add("service=" + service);
        }
        if (client != null) {
            parts.add("client=" + client + (clientPort == ANY_PORT ? "" : ":" + clientPort));
        }
        if (vip != null) {
            parts.add("vip=" + vip + (vipPort == ANY_PORT ? "" : ":" + vipPort));
        }
        if (protocol != null) {
            parts.add("protocol=" + protocol);
        }
        return parts.isEmpty() ? "any" : String.join(", ", parts);
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static Protocol parseProtocol(String text) {
        try {
            return Protocol.fromName(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("protocol: " + e.getMessage(), e);
        }
    }

    /**
     * An IPv4 address with an optional port.
     */
    private static final class Endpoint {
        private final Ip4Address address;
        private final int port;

        private Endpoint(Ip4Address address, int port) {
            this.address = address;
            this.port = port;
        }

        static Endpoint parse(String what, String text, boolean portRequired) {
            String form = portRequired ? "address:port" : "address or address:port";
            if (isEmpty(text)) {
                throw new IllegalArgumentException(what + " is missing (expected IPv4 " + form + ")");
            }
            String bad = what + " \"" + text + "\" is not an IPv4 " + form;
            int colon = text.indexOf(':');
            int port = colon < 0 ? ANY_PORT : portNumber(text.substring(colon + 1));
            if ((colon < 0 && portRequired) || port == 0) {
                throw new IllegalArgumentException(bad);
            }
            try {
                return new Endpoint(Ip4Address.valueOf(colon < 0 ? text : text.substring(0, colon)), port);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(bad, e);
            }
        }

        /** Returns the port, or 0 when the text is not a port number. */
        private static int portNumber(String text) {
            if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return 0;
            }
            int port = Integer.parseInt(text);
            return port <= MAX_PORT ? port : 0;
        }
    }
}
