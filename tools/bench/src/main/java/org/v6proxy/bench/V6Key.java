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
package org.v6proxy.bench;

import org.onlab.packet.IPv6;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.TCP;

import java.util.Arrays;
import java.util.Objects;

/**
 * The IPv6 side of a TCP connection (backend address and port, client IPv4
 * and port): the conventional implementations' second map key.
 */
final class V6Key {
    /** Where RFC 6052 puts an IPv4 address in a /96 prefix. */
    private static final int V4_IN_V6 = 12;

    private final Ip6Address backend;
    private final int backendPort;
    private final Ip4Address client;
    private final int clientPort;

    /**
     * Creates a key.
     *
     * @param backend backend address
     * @param backendPort backend port
     * @param client client IPv4 address
     * @param clientPort client port
     */
    V6Key(Ip6Address backend, int backendPort, Ip4Address client, int clientPort) {
        this.backend = backend;
        this.backendPort = backendPort;
        this.client = client;
        this.clientPort = clientPort;
    }

    /**
     * The key a backend's segment carries: its source, and the client embedded
     * in the last four bytes of its destination (a /96 client prefix).
     *
     * @param ip6 the segment's IPv6 packet
     * @param tcp its TCP header
     * @return key
     */
    static V6Key fromBackend(IPv6 ip6, TCP tcp) {
        byte[] dst = ip6.getDestinationAddress();
        Ip4Address client = Ip4Address.valueOf(Arrays.copyOfRange(dst, V4_IN_V6, Ip6Address.BYTE_LENGTH));
        return new V6Key(Ip6Address.valueOf(ip6.getSourceAddress()), tcp.getSourcePort(), client,
                         tcp.getDestinationPort());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof V6Key)) {
            return false;
        }
        V6Key k = (V6Key) o;
        return k.backendPort == backendPort && k.clientPort == clientPort && k.backend.equals(backend)
                && k.client.equals(client);
    }

    @Override
    public int hashCode() {
        return Objects.hash(backend, backendPort, client, clientPort);
    }
}
