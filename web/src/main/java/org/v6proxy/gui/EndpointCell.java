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

import org.onlab.packet.IpAddress;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Protocol;

import java.util.Objects;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A transport endpoint as a table cell: formats as {@code 10.0.0.42:80/tcp} or
 * {@code [2001:db8::1]:80} and sorts by address, then port, then protocol, so that
 * 10.0.0.9 sorts before 10.0.0.10 (a plain string sort would not).
 */
final class EndpointCell implements Comparable<EndpointCell> {
    private final IpAddress address;
    private final int port;
    private final Protocol protocol;

    private EndpointCell(IpAddress address, int port, Protocol protocol) {
        this.address = checkNotNull(address, "address");
        this.port = port;
        this.protocol = protocol;
    }

    /**
     * Returns an endpoint without protocol suffix.
     *
     * @param address IPv4 or IPv6 address
     * @param port port
     * @return cell
     */
    static EndpointCell of(IpAddress address, int port) {
        return new EndpointCell(address, port, null);
    }

    /**
     * Returns an endpoint shown with its protocol, as {@code 10.0.0.42:80/tcp}.
     *
     * @param address address
     * @param port port
     * @param protocol protocol
     * @return cell
     */
    static EndpointCell of(IpAddress address, int port, Protocol protocol) {
        return new EndpointCell(address, port, checkNotNull(protocol, "protocol"));
    }

    /**
     * Returns the endpoint of a backend.
     *
     * @param backend backend
     * @return cell
     */
    static EndpointCell of(Backend backend) {
        return of(backend.address(), backend.port());
    }

    @Override
    public int compareTo(EndpointCell o) {
        // IpAddress orders IPv4 before IPv6, then by address bytes.
        int c = address.compareTo(o.address);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(port, o.port);
        if (c != 0) {
            return c;
        }
        return Integer.compare(protocolOrder(), o.protocolOrder());
    }

    private int protocolOrder() {
        return protocol == null ? -1 : protocol.ordinal();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EndpointCell)) {
            return false;
        }
        EndpointCell e = (EndpointCell) o;
        return port == e.port && address.equals(e.address) && protocol == e.protocol;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, port, protocol);
    }

    @Override
    public String toString() {
        String host = address.isIp6() ? "[" + address + "]" : address.toString();
        String text = host + ":" + port;
        return protocol == null ? text : text + "/" + protocol;
    }
}
