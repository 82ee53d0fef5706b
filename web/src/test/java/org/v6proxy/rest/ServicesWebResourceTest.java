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

import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.v6proxy.api.Backend;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.api.VirtualService;
import org.v6proxy.testing.Fixtures;

import javax.ws.rs.client.Entity;
import javax.ws.rs.core.Response;
import java.io.IOException;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Tests of /services.
 */
public class ServicesWebResourceTest extends V6ProxyResourceTest {
    private static final String IPERF = "{\"name\":\"iperf\",\"vip\":\"10.0.0.43\",\"port\":5201,\"protocol\":\"tcp\","
            + "\"mode\":\"l4\",\"routes\":[],\"defaultBackend\":\"[2001:db8::1]:5201\",\"prereadTimeoutMs\":5000}";
    private static final String WEB = "{\"name\":\"web\",\"vip\":\"10.0.0.42\",\"port\":8080,\"protocol\":\"tcp\","
            + "\"mode\":\"http\",\"routes\":[{\"match\":\"a.example\",\"backend\":\"[2001:db8::1]:8080\"}],"
            + "\"prereadTimeoutMs\":5000}";

    private Response post(String body) {
        return target("services").request().post(Entity.json(body));
    }

    @Test
    public void listsServicesOrderedByName() throws IOException {
        proxy.add(Fixtures.web());
        proxy.add(Fixtures.iperf());
        Response response = target("services").request().get();
        assertEquals(200, response.getStatus());
        assertEquals(json("{\"services\":[" + IPERF + "," + WEB + "]}"), body(response));
    }

    @Test
    public void emptyList() throws IOException {
        assertEquals(json("{\"services\":[]}"), body(target("services").request().get()));
    }

    @Test
    public void showsOneService() throws IOException {
        proxy.add(Fixtures.web());
        Response response = target("services/web").request().get();
        assertEquals(200, response.getStatus());
        assertEquals(json(WEB), body(response));
    }

    @Test
    public void unknownServiceIs404() throws IOException {
        assertError(target("services/nope").request().get(), 404, "no service named \"nope\"");
    }

    @Test
    public void postCreatesService() throws IOException {
        Response response = post("{\"name\":\"iperf\",\"vip\":\"10.0.0.43\",\"port\":5201,\"mode\":\"l4\","
                                         + "\"defaultBackend\":\"[2001:db8::1]:5201\"}");
        assertEquals(201, response.getStatus());
        assertEquals(getBaseUri().resolve("services/iperf"), response.getLocation());
        assertEquals(json(IPERF), body(response));
        assertEquals(Fixtures.iperf(), proxy.getService("iperf").get());
        assertEquals(1, proxy.changes);
    }

    @Test
    public void locationEncodesTheName() {
        Response response = post("{\"name\":\"a b\",\"vip\":\"10.0.0.43\",\"port\":1,\"mode\":\"l4\","
                                         + "\"defaultBackend\":\"[2001:db8::1]:1\"}");
        assertEquals(201, response.getStatus());
        assertEquals(getBaseUri().resolve("services/a%20b"), response.getLocation());
        assertEquals(200, target("services/a b").request().get().getStatus());
    }

    @Test
    public void postWithBadFieldIs400NamingIt() throws IOException {
        assertError(post("{\"name\":\"x\",\"vip\":\"10.0.0\",\"port\":80,\"mode\":\"l4\"}"), 400,
                    "service \"x\": field \"vip\": \"10.0.0\" is not an IPv4 address");
        assertError(post("{\"name\":\"x\",\"vip\":\"10.0.0.1\",\"port\":80,\"mode\":\"l4\"}"), 400,
                    "service \"x\": mode l4 needs a defaultBackend");
        assertEquals(0, proxy.changes);
    }

    @Test
    public void postOfNonObjectIs400() throws IOException {
        assertError(post("[1]"), 400, "request body must be a JSON object");
        assertError(post(""), 400, "request body must be a JSON object");
    }

    @Test
    public void postOfMalformedJsonIs400() {
        Response response = post("{\"name\":");
        assertEquals(400, response.getStatus());
        assertEquals(0, proxy.changes);
    }

    @Test
    public void postOfExistingNameIs409() throws IOException {
        proxy.add(Fixtures.iperf());
        assertError(post(IPERF.replace("10.0.0.43", "10.0.0.99")), 409, "service \"iperf\" already exists");
        assertEquals(Ip4Address.valueOf("10.0.0.43"), proxy.getService("iperf").get().vip());
    }

    @Test
    public void postRoundTripsWhatGetReturns() throws IOException {
        VirtualService tls = VirtualService.builder().name("tls").vip(Ip4Address.valueOf("10.0.0.44")).port(443)
                .mode(ServiceMode.TLS).defaultBackend(Backend.parse("[2001:db8::4]:443")).prereadTimeoutMs(900)
                .build();
        proxy.add(tls);
        String text = target("services/tls").request().get(String.class);
        proxy.services.clear();
        assertEquals(201, post(text).getStatus());
        assertEquals(tls, proxy.getService("tls").get());
    }

    @Test
    public void deleteRemovesService() {
        proxy.add(Fixtures.iperf());
        proxy.add(Fixtures.connection("iperf", "192.0.2.7", 40000, "10.0.0.43", 5201, 0L));
        Response response = target("services/iperf").request().delete();
        assertEquals(204, response.getStatus());
        assertFalse(proxy.getService("iperf").isPresent());
        assertTrue(proxy.connections.isEmpty());
    }

    @Test
    public void deleteOfUnknownServiceIs404() throws IOException {
        proxy.add(Fixtures.iperf());
        assertError(target("services/ipref").request().delete(), 404, "no service named \"ipref\"");
        assertEquals(0, proxy.changes);
    }
}
