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

import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.IpAddress;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Protocol;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

/**
 * Text form and order of endpoint cells.
 */
public class EndpointCellTest {
    private static IpAddress ip(String text) {
        return IpAddress.valueOf(text);
    }

    @Test
    public void textForms() {
        assertEquals("192.0.2.7:40000", EndpointCell.of(ip("192.0.2.7"), 40000).toString());
        assertEquals("10.0.0.42:80/tcp", EndpointCell.of(ip("10.0.0.42"), 80, Protocol.TCP).toString());
        assertEquals("10.0.0.10:53/udp", EndpointCell.of(ip("10.0.0.10"), 53, Protocol.UDP).toString());
        assertEquals("[2001:db8::1]:8080", EndpointCell.of(Backend.parse("[2001:db8::1]:8080")).toString());
    }

    @Test
    public void ordersByAddressValueThenPortThenProtocol() {
        EndpointCell nine = EndpointCell.of(Ip4Address.valueOf("10.0.0.9"), 80);
        EndpointCell ten = EndpointCell.of(Ip4Address.valueOf("10.0.0.10"), 80);
        assertTrue(nine.compareTo(ten) < 0);
        assertTrue(ten.compareTo(nine) > 0);

        EndpointCell port80 = EndpointCell.of(ip("10.0.0.9"), 80, Protocol.TCP);
        EndpointCell port443 = EndpointCell.of(ip("10.0.0.9"), 443, Protocol.TCP);
        assertTrue(port80.compareTo(port443) < 0);

        EndpointCell tcp = EndpointCell.of(ip("10.0.0.9"), 53, Protocol.TCP);
        EndpointCell udp = EndpointCell.of(ip("10.0.0.9"), 53, Protocol.UDP);
        EndpointCell none = EndpointCell.of(ip("10.0.0.9"), 53);
        assertTrue(tcp.compareTo(udp) < 0);
        assertTrue(none.compareTo(tcp) < 0);
        assertEquals(0, tcp.compareTo(EndpointCell.of(ip("10.0.0.9"), 53, Protocol.TCP)));
    }

    @Test
    public void ip4SortsBeforeIp6() {
        EndpointCell v4 = EndpointCell.of(Ip4Address.valueOf("255.255.255.255"), 65535);
        EndpointCell v6 = EndpointCell.of(Ip6Address.valueOf("::1"), 1);
        assertTrue(v4.compareTo(v6) < 0);
    }

    @Test
    public void equalityFollowsAllFields() {
        EndpointCell a = EndpointCell.of(ip("10.0.0.9"), 53, Protocol.UDP);
        assertEquals(a, EndpointCell.of(ip("10.0.0.9"), 53, Protocol.UDP));
        assertEquals(a.hashCode(), EndpointCell.of(ip("10.0.0.9"), 53, Protocol.UDP).hashCode());
        assertNotEquals(a, EndpointCell.of(ip("10.0.0.9"), 53, Protocol.TCP));
        assertNotEquals(a, EndpointCell.of(ip("10.0.0.9"), 53));
        assertNotEquals(a, EndpointCell.of(ip("10.0.0.9"), 54, Protocol.UDP));
        assertNotEquals(a, EndpointCell.of(ip("10.0.0.8"), 53, Protocol.UDP));
    }
}
