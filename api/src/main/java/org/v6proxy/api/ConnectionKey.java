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

import org.onlab.packet.Ip4Address;

import java.util.Objects;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Identifies a proxied connection by its IPv4 side: protocol, client
 * address:port and VIP:port.
 */
public final class ConnectionKey {
    private final Protocol protocol;
    private final Ip4Address client;
    private final int clientPort;
    private final Ip4Address vip;
    private final int vipPort;

    /**
     * Creates a key.
     *
     * @param protocol transport protocol
     * @param client client IPv4 address
     * @param clientPort client port
     * @param vip virtual IPv4 address
     * @param vipPort service port
     */
    public ConnectionKey(Protocol protocol, Ip4Address client, int clientPort, Ip4Address vip, int vipPort) {
        this.protocol = checkNotNull(protocol, "protocol");
        this.client = checkNotNull(client, "client");
        this.clientPort = clientPort;
        this.vip = checkNotNull(vip, "vip");
        this.vipPort = vipPort;
    }

    /**
     * Returns the protocol.
     *
     * @return protocol
     */
    public Protocol protocol() {
        return protocol;
    }

    /**
     * Returns the client address.
     *
     * @return address
     */
    public Ip4Address client() {
        return client;
    }

    /**
     * Returns the client port.
     *
     * @return port
     */
    public int clientPort() {
        return clientPort;
    }

    /**
     * Returns the VIP.
     *
     * @return address
     */
    public Ip4Address vip() {
        return vip;
    }

    /**
     * Returns the service port.
     *
     * @return port
     */
    public int vipPort() {
        return vipPort;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectionKey)) {
            return false;
        }
        ConnectionKey k = (ConnectionKey) o;
        return clientPort == k.clientPort && vipPort == k.vipPort && protocol == k.protocol
                && client.equals(k.client) && vip.equals(k.vip);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, client, clientPort, vip, vipPort);
    }

    @Override
    public String toString() {
        return protocol + " " + client + ":" + clientPort + " -> " + vip + ":" + vipPort;
    }
}
