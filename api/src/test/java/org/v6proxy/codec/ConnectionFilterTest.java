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

import com.google.common.collect.ImmutableList;
import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.Protocol;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Tests of connection selection and key parsing.
 */
public class ConnectionFilterTest {

    private static Connection conn(String service, Protocol p, String client, int cport, String vip, int vport) {
        return Connection.direct(new ConnectionKey(p, Ip4Address.valueOf(client), cport, Ip4Address.valueOf(vip),
                                                   vport),
                                 ConnectPoint.deviceConnectPoint("of:0000000000000001/1"),
                                 MacAddress.valueOf("02:00:00:00:00:01"), service, Backend.parse("[::1]:80"),
                                 Ip6Address.valueOf("64:ff9b::1"), ConnectionState.ESTABLISHED, 0L);
    }

    private static final Connection A = conn("web", Protocol.TCP, "192.0.2.7", 40000, "10.0.0.42", 80);
    private static final Connection B = conn("web", Protocol.TCP, "192.0.2.7", 40001, "10.0.0.42", 80);
    private static final Connection C = conn("dns", Protocol.UDP, "192.0.2.8", 5353, "10.0.0.53", 53);
    private static final Connection D = conn("web", Protocol.TCP, "192.0.2.10", 1024, "10.0.0.42", 80);
    private static final List<Connection> ALL = ImmutableList.of(D, B, C, A);

    private static String parseError(String service, String client, String vip, String protocol) {
        try {
            ConnectionFilter.parse(service, client, vip, protocol);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("parsed without error");
    }

    private static String keyError(String client, String vip, String protocol) {
        try {
            ConnectionFilter.parseKey(client, vip, protocol);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("parsed without error");
    }

    @Test
    public void emptyFilterSelectsAllInOrder() {
        ConnectionFilter f = ConnectionFilter.parse(null, "", null, "");
        assertTrue(f.isAll());
        assertEquals(ConnectionFilter.all(), f);
        assertEquals("any", f.toString());
        // by service name, then client address (numerically), then port
        assertEquals(ImmutableList.of(C, A, B, D), f.select(ALL));
    }

    @Test
    public void byService() {
        assertEquals(ImmutableList.of(A, B, D), ConnectionFilter.parse("web", null, null, null).select(ALL));
        assertEquals(ImmutableList.of(), ConnectionFilter.parse("nope", null, null, null).select(ALL));
    }

    @Test
    public void byClientAddressOrAddressAndPort() {
        assertEquals(ImmutableList.of(A, B), ConnectionFilter.parse(null, "192.0.2.7", null, null).select(ALL));
        ConnectionFilter f = ConnectionFilter.parse(null, "192.0.2.7:40001", null, null);
        assertEquals(ImmutableList.of(B), f.select(ALL));
        assertFalse(f.isAll());
        assertEquals("client=192.0.2.7:40001", f.toString());
    }

    @Test
    public void byVipAndProtocol() {
        assertEquals(ImmutableList.of(C), ConnectionFilter.parse(null, null, "10.0.0.53:53", "udp").select(ALL));
        assertEquals(ImmutableList.of(), ConnectionFilter.parse(null, null, "10.0.0.53", "tcp").select(ALL));
        assertEquals("service=dns, client=192.0.2.8, vip=10.0.0.53:53, protocol=udp",
                     ConnectionFilter.parse("dns", "192.0.2.8", "10.0.0.53:53", "UDP").toString());
    }

    @Test
    public void badFilterArgumentsAreNamed() {
        assertEquals("client \"192.0.2\" is not an IPv4 address or address:port",
                     parseError(null, "192.0.2", null, null));
        assertEquals("client \"192.0.2.7:\" is not an IPv4 address or address:port",
                     parseError(null, "192.0.2.7:", null, null));
        assertEquals("vip \"10.0.0.1:65536\" is not an IPv4 address or address:port",
                     parseError(null, null, "10.0.0.1:65536", null));
        assertEquals("vip \"10.0.0.1:0\" is not an IPv4 address or address:port",
                     parseError(null, null, "10.0.0.1:0", null));
        assertEquals("vip \"10.0.0.1:-5\" is not an IPv4 address or address:port",
                     parseError(null, null, "10.0.0.1:-5", null));
        assertEquals("client \"2001:db8::1\" is not an IPv4 address or address:port",
                     parseError(null, "2001:db8::1", null, null));
        assertEquals("protocol: unknown protocol \"icmp\" (expected tcp or udp)",
                     parseError(null, null, null, "icmp"));
    }

    @Test
    public void parsesKeys() {
        assertEquals(A.key(), ConnectionFilter.parseKey("192.0.2.7:40000", "10.0.0.42:80", null));
        assertEquals(C.key(), ConnectionFilter.parseKey("192.0.2.8:5353", "10.0.0.53:53", "udp"));
    }

    @Test
    public void keyNeedsBothPorts() {
        assertEquals("client \"192.0.2.7\" is not an IPv4 address:port", keyError("192.0.2.7", "10.0.0.42:80", null));
        assertEquals("vip \"10.0.0.42\" is not an IPv4 address:port", keyError("192.0.2.7:1", "10.0.0.42", null));
        assertEquals("vip is missing (expected IPv4 address:port)", keyError("192.0.2.7:1", null, null));
        assertEquals("protocol: unknown protocol \"x\" (expected tcp or udp)",
                     keyError("192.0.2.7:1", "10.0.0.42:80", "x"));
    }
}
