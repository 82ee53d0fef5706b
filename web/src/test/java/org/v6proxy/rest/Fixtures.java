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
package org.v6proxy.rest;

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
 * Services and connections used across the REST tests.
 */
final class Fixtures {
    static final long CREATED = 1_700_000_000_000L;

    private Fixtures() {
    }

    static VirtualService seed() {
        return VirtualService.builder().name("seed").vip(Ip4Address.valueOf("10.0.0.42")).port(80)
                .mode(ServiceMode.PREFIX)
                .routes(ImmutableList.of(new Route("A", Backend.parse("[2001:db8::1]:80")),
                                         new Route("GET /b\r\n", Backend.parse("[2001:db8::2]:80"))))
                .defaultBackend(Backend.parse("[2001:db8::1]:80")).build();
    }

    static VirtualService iperf() {
        return VirtualService.builder().name("iperf").vip(Ip4Address.valueOf("10.0.0.43")).port(5201)
                .mode(ServiceMode.L4).defaultBackend(Backend.parse("[2001:db8::1]:5201")).build();
    }

    static VirtualService web() {
        return VirtualService.builder().name("web").vip(Ip4Address.valueOf("10.0.0.42")).port(8080)
                .mode(ServiceMode.HTTP)
                .routes(ImmutableList.of(new Route("a.example", Backend.parse("[2001:db8::1]:8080")))).build();
    }

    static Connection connection(String service, String client, int clientPort, String vip, int vipPort,
                                 long createdMillis) {
        return Connection.direct(new ConnectionKey(Protocol.TCP, Ip4Address.valueOf(client), clientPort,
                                                   Ip4Address.valueOf(vip), vipPort),
                                 ConnectPoint.deviceConnectPoint("of:0000000000000001/3"),
                                 MacAddress.valueOf("02:00:00:00:00:07"), service,
                                 Backend.parse("[2001:db8::1]:" + vipPort),
                                 Ip6Address.valueOf("2001:db8:46::" + client), ConnectionState.ESTABLISHED,
                                 createdMillis);
    }
}
