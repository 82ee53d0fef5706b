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
import org.junit.Before;
import org.junit.Test;
import org.v6proxy.testing.Fixtures;

import javax.ws.rs.client.WebTarget;
import javax.ws.rs.core.Response;
import java.io.IOException;

import static org.junit.Assert.assertEquals;

/**
 * Tests of /connections.
 */
public class ConnectionsWebResourceTest extends V6ProxyResourceTest {

    @Before
    public void addConnections() {
        proxy.add(Fixtures.connection("web", "192.0.2.9", 1234, "10.0.0.42", 8080, Fixtures.CREATED));
        proxy.add(Fixtures.connection("seed", "192.0.2.7", 40001, "10.0.0.42", 80, Fixtures.CREATED));
        proxy.add(Fixtures.connection("seed", "192.0.2.7", 40000, "10.0.0.42", 80, Fixtures.CREATED));
    }

    private static String clients(JsonNode body) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode c : body.get("connections")) {
            sb.append(sb.length() == 0 ? "" : " ").append(c.get("client").asText());
        }
        return sb.toString();
    }

    @Test
    public void listsAllInOrder() throws IOException {
        Response response = target("connections").request().get();
        assertEquals(200, response.getStatus());
        JsonNode body = body(response);
        assertEquals("192.0.2.7:40000 192.0.2.7:40001 192.0.2.9:1234", clients(body));
        JsonNode first = body.get("connections").get(0);
        assertEquals("seed", first.get("service").asText());
        assertEquals("10.0.0.42:80", first.get("vip").asText());
        assertEquals("[2001:db8::1]:80", first.get("backend").asText());
        assertEquals("established", first.get("state").asText());
        assertEquals(Fixtures.CREATED, first.get("createdMillis").asLong());
    }

    @Test
    public void filtersAsTheCliDoes() throws IOException {
        WebTarget t = target("connections");
        assertEquals("192.0.2.7:40000 192.0.2.7:40001",
                     clients(body(t.queryParam("service", "seed").request().get())));
        assertEquals("192.0.2.7:40001",
                     clients(body(t.queryParam("client", "192.0.2.7:40001").request().get())));
        assertEquals("192.0.2.9:1234",
                     clients(body(t.queryParam("vip", "10.0.0.42:8080").queryParam("protocol", "tcp")
                                          .request().get())));
        assertEquals("", clients(body(t.queryParam("protocol", "udp").request().get())));
    }

    @Test
    public void badFilterIs400() throws IOException {
        assertError(target("connections").queryParam("client", "192.0.2").request().get(), 400,
                    "client \"192.0.2\" is not an IPv4 address or address:port");
    }

    @Test
    public void deleteResetsSelected() throws IOException {
        Response response = target("connections").queryParam("client", "192.0.2.7").request().delete();
        assertEquals(200, response.getStatus());
        assertEquals(json("{\"removed\":2}"), body(response));
        assertEquals(1, proxy.connections.size());
        assertEquals("web", proxy.connections.values().iterator().next().service());
    }

    @Test
    public void deleteOneByExactKey() throws IOException {
        Response response = target("connections").queryParam("client", "192.0.2.7:40000")
                .queryParam("vip", "10.0.0.42:80").queryParam("protocol", "tcp").request().delete();
        assertEquals(json("{\"removed\":1}"), body(response));
        assertEquals(2, proxy.connections.size());
    }

    @Test
    public void deleteWithoutFilterIs400() throws IOException {
        assertError(target("connections").request().delete(), 400,
                    "give at least one of the query parameters service, client, vip, protocol");
        assertEquals(3, proxy.connections.size());
    }

    @Test
    public void deleteMatchingNothingIs404() throws IOException {
        assertError(target("connections").queryParam("service", "web").queryParam("client", "192.0.2.7")
                            .request().delete(), 404, "no connection matches service=web, client=192.0.2.7");
        assertEquals(3, proxy.connections.size());
    }
}
