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
import org.junit.Before;
import org.junit.Test;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Route;
import org.v6proxy.testing.Fixtures;

import javax.ws.rs.client.Entity;
import javax.ws.rs.core.Response;
import java.io.IOException;

import static org.junit.Assert.assertEquals;

/**
 * Tests of /services/{name}/routes.
 */
public class RoutesWebResourceTest extends V6ProxyResourceTest {

    @Before
    public void addServices() {
        proxy.add(Fixtures.web());
        proxy.add(Fixtures.iperf());
    }

    private Response post(String service, String body) {
        return target("services/" + service + "/routes").request().post(Entity.json(body));
    }

    private Response delete(String service, String match) {
        return target("services/" + service + "/routes").queryParam("match", match).request().delete();
    }

    private void assertUnchanged() {
        assertEquals(Fixtures.web(), proxy.getService("web").get());
        assertEquals(0, proxy.changes);
    }

    @Test
    public void listsRoutes() throws IOException {
        Response response = target("services/web/routes").request().get();
        assertEquals(200, response.getStatus());
        assertEquals(json("{\"routes\":[{\"match\":\"a.example\",\"backend\":\"[2001:db8::1]:8080\"}]}"),
                     body(response));
        assertEquals(json("{\"routes\":[]}"), body(target("services/iperf/routes").request().get()));
    }

    @Test
    public void routesOfUnknownServiceIs404() throws IOException {
        assertError(target("services/nope/routes").request().get(), 404, "no service named \"nope\"");
    }

    @Test
    public void postAppendsRoute() throws IOException {
        Response response = post("web", "{\"match\":\"*.b.example\",\"backend\":\"[2001:db8::2]:8080\"}");
        assertEquals(201, response.getStatus());
        assertEquals(getBaseUri().resolve("services/web/routes"), response.getLocation());
        assertEquals(json("{\"match\":\"*.b.example\",\"backend\":\"[2001:db8::2]:8080\"}"), body(response));
        assertEquals(ImmutableList.of(new Route("a.example", Backend.parse("[2001:db8::1]:8080")),
                                      new Route("*.b.example", Backend.parse("[2001:db8::2]:8080"))),
                     proxy.getService("web").get().routes());
    }

    @Test
    public void postToUnknownServiceIs404() throws IOException {
        assertError(post("nope", "{\"match\":\"x\",\"backend\":\"[::1]:80\"}"), 404, "no service named \"nope\"");
        assertUnchanged();
    }

    @Test
    public void postOfBadRouteIs400() throws IOException {
        assertError(post("web", "{\"match\":\"x\"}"), 400, "route: field \"backend\" is missing");
        assertError(post("web", "{\"match\":\"x\",\"backend\":\"[::1]:0\"}"), 400,
                    "route \"x\": field \"backend\": backend \"[::1]:0\": port 0 out of range 1..65535");
        assertUnchanged();
    }

    @Test
    public void postToL4ServiceIs400() throws IOException {
        assertError(post("iperf", "{\"match\":\"x\",\"backend\":\"[::1]:80\"}"), 400,
                    "service \"iperf\": routes are not allowed with mode l4");
    }

    @Test
    public void deleteRemovesRoute() {
        post("web", "{\"match\":\"*.b.example\",\"backend\":\"[2001:db8::2]:8080\"}");
        Response response = delete("web", "a.example");
        assertEquals(204, response.getStatus());
        assertEquals(ImmutableList.of(new Route("*.b.example", Backend.parse("[2001:db8::2]:8080"))),
                     proxy.getService("web").get().routes());
    }

    @Test
    public void deleteMatchWithReservedCharacters() {
        post("web", "{\"match\":\"GET /a?b=c&d\",\"backend\":\"[2001:db8::2]:8080\"}");
        assertEquals(204, delete("web", "GET /a?b=c&d").getStatus());
        assertEquals(1, proxy.getService("web").get().routes().size());
    }

    @Test
    public void deleteOfUnknownMatchIs404() throws IOException {
        assertError(delete("web", "b.example"), 404, "service \"web\" has no route \"b.example\"");
        assertUnchanged();
    }

    @Test
    public void deleteWithoutMatchIs400() throws IOException {
        assertError(target("services/web/routes").request().delete(), 400, "query parameter \"match\" is missing");
        assertUnchanged();
    }

    @Test
    public void deleteFromUnknownServiceIs404() throws IOException {
        assertError(delete("nope", "a.example"), 404, "no service named \"nope\"");
    }
}
