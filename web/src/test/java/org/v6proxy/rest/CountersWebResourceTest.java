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

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableMap;
import org.junit.Test;
import org.onlab.packet.Ip6Prefix;
import org.onlab.packet.MacAddress;
import org.v6proxy.api.ConnectionLimits;
import org.v6proxy.api.Direction;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.ProxyCounters;
import org.v6proxy.api.ProxySettings;

import javax.ws.rs.core.Response;
import java.io.IOException;

import static org.junit.Assert.assertEquals;

/**
 * Tests of /counters and /settings.
 */
public class CountersWebResourceTest extends V6ProxyResourceTest {

    @Test
    public void showsCounters() throws IOException {
        proxy.counters = new ProxyCounters(new long[]{10, 9}, new long[]{1200, 5400},
                                           ImmutableMap.of(DropReason.NO_SERVICE, 4L));
        Response response = target("counters").request().get();
        assertEquals(200, response.getStatus());
        JsonNode body = body(response);
        assertEquals(json("{\"client-to-backend\":10,\"backend-to-client\":9}"), body.get("packets"));
        assertEquals(json("{\"client-to-backend\":1200,\"backend-to-client\":5400}"), body.get("bytes"));
        assertEquals(4, body.get("drops").get("no-service").asLong());
        assertEquals(DropReason.values().length, body.get("drops").size());
        assertEquals(4, body.get("totalDrops").asLong());
    }

    @Test
    public void deleteResetsCounters() {
        proxy.counters = new ProxyCounters(new long[]{10, 9}, new long[]{1200, 5400}, ImmutableMap.of());
        assertEquals(204, target("counters").request().delete().getStatus());
        assertEquals(0, proxy.getCounters().packets(Direction.BACKEND_TO_CLIENT));
    }

    @Test
    public void showsSettings() throws IOException {
        proxy.settings = new ProxySettings(Ip6Prefix.valueOf("2001:db8:46::/96"),
                                           MacAddress.valueOf("02:00:00:00:46:01"), 1500, 1500, 7440, 60, 300,
                                           new ConnectionLimits(1000, 20), 4096);
        Response response = target("settings").request().get();
        assertEquals(200, response.getStatus());
        assertEquals(json("{\"clientPrefix\":\"2001:db8:46::/96\",\"gatewayMac\":\"02:00:00:00:46:01\","
                                  + "\"ipv4Mtu\":1500,\"ipv6Mtu\":1500,\"tcpEstablishedIdleSec\":7440,"
                                  + "\"tcpTransitoryIdleSec\":60,\"udpIdleSec\":300,\"maxConnections\":1000,"
                                  + "\"maxConnectionsPerClient\":20,\"halfOpenMax\":4096}"), body(response));
    }

    @Test
    public void noSettingsIs404() throws IOException {
        assertError(target("settings").request().get(), 404, "no valid v6proxy configuration is applied");
    }
}
