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
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.Route;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.api.VirtualService;

/**
 * Services and connections used across the CLI, REST and GUI tests.
 */
public final class Fixtures {
    /** A creation time, in milliseconds since the epoch. */
    public static final long CREATED = 1_700_000_000_000L;

    private Fixtures() {
    }

    /**
     * Returns a prefix-mode service on 10.0.0.42:80 with two routes (one match holds
     * "\r\n") and a default backend.
     *
     * @return service "seed"
     */
    public static VirtualService seed() {
        return VirtualService.builder().name("seed").vip(Ip4Address.valueOf("10.0.0.42")).port(80)
                .mode(ServiceMode.PREFIX)
                .routes(ImmutableList.of(new Route("A", Backend.parse("[2001:db8::1]:80")),
                                         new Route("GET /b\r\n", Backend.parse("[2001:db8::2]:80"))))
                .defaultBackend(Backend.parse("[2001:db8::1]:80")).build();
    }

    /**
     * Returns an L4 service on 10.0.0.43:5201 with only a default backend.
     *
     * @return service "iperf"
     */
    public static VirtualService iperf() {
        return VirtualService.builder().name("iperf").vip(Ip4Address.valueOf("10.0.0.43")).port(5201)
                .mode(ServiceMode.L4).defaultBackend(Backend.parse("[2001:db8::1]:5201")).build();
    }

    /**
     * Returns an HTTP service on 10.0.0.42:8080 with one route and no default backend.
     *
     * @return service "web"
     */
    public static VirtualService web() {
        return VirtualService.builder().name("web").vip(Ip4Address.valueOf("10.0.0.42")).port(8080)
                .mode(ServiceMode.HTTP)
                .routes(ImmutableList.of(new Route("a.example", Backend.parse("[2001:db8::1]:8080")))).build();
    }

    /**
     * Builds an established TCP connection to backend [2001:db8::1] on the VIP's port.
     *
     * @param service service name
     * @param client client IPv4 address
     * @param clientPort client port
     * @param vip VIP
     * @param vipPort VIP port, also the backend's
     * @param createdMillis creation time
     * @return connection
     */
    public static Connection connection(String service, String client, int clientPort, String vip, int vipPort,
                                        long createdMillis) {
        return connection(Protocol.TCP, client, clientPort, vip, vipPort, service, "[2001:db8::1]:" + vipPort,
                          ConnectionState.ESTABLISHED, createdMillis);
    }

    /**
     * Builds a connection with every field the listings show.
     *
     * @param protocol protocol
     * @param client client IPv4 address
     * @param clientPort client port
     * @param vip VIP
     * @param vipPort VIP port
     * @param service service name
     * @param backend backend, as [v6]:port
     * @param state state
     * @param createdMillis creation time
     * @return connection
     */
    public static Connection connection(Protocol protocol, String client, int clientPort, String vip, int vipPort,
                                        String service, String backend, ConnectionState state,
                                        long createdMillis) {
        return Connection.direct(new ConnectionKey(protocol, Ip4Address.valueOf(client), clientPort,
                                                   Ip4Address.valueOf(vip), vipPort),
                                 ConnectPoint.deviceConnectPoint("of:0000000000000001/3"),
                                 MacAddress.valueOf("02:00:00:00:00:07"), service, Backend.parse(backend),
                                 Ip6Address.valueOf("2001:db8:46::" + client), state, createdMillis);
    }
}
