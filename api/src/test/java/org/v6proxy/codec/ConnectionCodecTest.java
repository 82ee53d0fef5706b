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

import static org.junit.Assert.assertEquals;

/**
 * Tests of the connection JSON form.
 */
public class ConnectionCodecTest {
    private static final long CREATED = 1_700_000_000_000L;

    private final V6ProxyCodecContext context = new V6ProxyCodecContext();

    private static ConnectionKey key(Protocol protocol) {
        return new ConnectionKey(protocol, Ip4Address.valueOf("192.0.2.7"), 40000,
                                 Ip4Address.valueOf("10.0.0.42"), 80);
    }

    private static Connection spliced() {
        return new Connection(key(Protocol.TCP), ConnectPoint.deviceConnectPoint("of:0000000000000001/3"),
                              MacAddress.valueOf("0A:00:00:00:00:07"), "web", Backend.parse("[2001:db8::1]:80"),
                              Ip6Address.valueOf("2001:db8:46::c000:207"), ConnectionState.ESTABLISHED, CREATED,
                              -1, 7, Connection.NO_WSCALE, 1440, true);
    }

    @Test
    public void encodesEveryField() {
        ConnectionCodec codec = new ConnectionCodec(() -> CREATED + 1500);
        assertEquals("{\"client\":\"192.0.2.7:40000\",\"vip\":\"10.0.0.42:80\",\"protocol\":\"tcp\","
                             + "\"service\":\"web\",\"backend\":\"[2001:db8::1]:80\","
                             + "\"clientV6\":\"2001:db8:46::c000:207\",\"state\":\"established\","
                             + "\"createdMillis\":1700000000000,\"ageMs\":1500,"
                             + "\"clientLocation\":\"of:0000000000000001/3\",\"clientMac\":\"0a:00:00:00:00:07\","
                             + "\"seqOffset\":4294967295,\"clientWscale\":7,\"backendWscale\":-1,"
                             + "\"mss\":1440,\"sackOk\":true}",
                     codec.encode(spliced(), context).toString());
    }

    @Test
    public void encodesDirectUdpMapping() {
        Connection udp = Connection.direct(key(Protocol.UDP), ConnectPoint.deviceConnectPoint("of:00000000000000aa/1"),
                                           MacAddress.valueOf("02:00:00:00:00:01"), "dns",
                                           Backend.parse("[2001:db8::53]:53"),
                                           Ip6Address.valueOf("2001:db8:46::c000:207"), ConnectionState.HALF_CLOSED,
                                           CREATED);
        ConnectionCodec codec = new ConnectionCodec(() -> CREATED);
        assertEquals("{\"client\":\"192.0.2.7:40000\",\"vip\":\"10.0.0.42:80\",\"protocol\":\"udp\","
                             + "\"service\":\"dns\",\"backend\":\"[2001:db8::53]:53\","
                             + "\"clientV6\":\"2001:db8:46::c000:207\",\"state\":\"half-closed\","
                             + "\"createdMillis\":1700000000000,\"ageMs\":0,"
                             + "\"clientLocation\":\"of:00000000000000aa/1\",\"clientMac\":\"02:00:00:00:00:01\","
                             + "\"seqOffset\":0,\"clientWscale\":-1,\"backendWscale\":-1,\"mss\":0,\"sackOk\":false}",
                     codec.encode(udp, context).toString());
    }

    @Test
    public void ageNeverNegative() {
        // A record created by another instance whose clock runs ahead.
        ConnectionCodec codec = new ConnectionCodec(() -> CREATED - 2000);
        assertEquals(0, codec.encode(spliced(), context).get("ageMs").asLong());
    }

    @Test
    public void defaultCodecUsesWallClock() {
        long before = System.currentTimeMillis();
        long age = context.codec(Connection.class).encode(spliced(), context).get("ageMs").asLong();
        long after = System.currentTimeMillis();
        assertEquals(true, age >= before - CREATED && age <= after - CREATED);
    }
}
