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
package org.v6proxy.cli;

import com.google.common.collect.ImmutableList;
import org.junit.Before;
import org.junit.Test;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Route;
import org.v6proxy.api.VirtualService;
import org.v6proxy.testing.Fixtures;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Tests of v6proxy-route-add and v6proxy-route-remove.
 */
public class RouteCommandsTest {
    private final TestShell sh = new TestShell();

    @Before
    public void setUp() {
        sh.proxy.add(Fixtures.web());
        sh.proxy.add(Fixtures.iperf());
    }

    private void add(String service, String match, String backend) {
        RouteAddCommand cmd = TestCommands.routeAdd(sh);
        cmd.service = service;
        cmd.match = match;
        cmd.backend = backend;
        cmd.doExecute();
    }

    private void remove(String service, String match) {
        RouteRemoveCommand cmd = TestCommands.routeRemove(sh);
        cmd.service = service;
        cmd.match = match;
        cmd.doExecute();
    }

    private void assertUnchangedWithError(String message) {
        assertEquals(ImmutableList.of("Error: " + message), sh.err);
        assertTrue(sh.out.isEmpty());
        assertEquals(Fixtures.web(), sh.proxy.getService("web").get());
        assertEquals(Fixtures.iperf(), sh.proxy.getService("iperf").get());
        assertEquals(0, sh.proxy.changes);
    }

    @Test
    public void appendsRoute() {
        add("web", "*.b.example", "[2001:db8::2]:8080");
        assertEquals(ImmutableList.of("Added route \"*.b.example\" -> [2001:db8::2]:8080 to service web"), sh.out);
        VirtualService web = sh.proxy.getService("web").get();
        assertEquals(ImmutableList.of(new Route("a.example", Backend.parse("[2001:db8::1]:8080")),
                                      new Route("*.b.example", Backend.parse("[2001:db8::2]:8080"))),
                     web.routes());
    }

    @Test
    public void addToUnknownServiceIsAnError() {
        add("wbe", "x", "[2001:db8::2]:8080");
        assertUnchangedWithError("no service named \"wbe\"");
    }

    @Test
    public void addWithBadBackendIsAnError() {
        add("web", "x", "[10.0.0.1]:8080");
        assertUnchangedWithError("backend \"[10.0.0.1]:8080\": \"10.0.0.1\" is not an IPv6 address");
    }

    @Test
    public void addToL4ServiceIsAnError() {
        add("iperf", "x", "[2001:db8::2]:5201");
        assertUnchangedWithError("service \"iperf\": routes are not allowed with mode l4");
    }

    @Test
    public void addDuplicateMatchIsAnError() {
        add("web", "a.example", "[2001:db8::2]:8080");
        assertUnchangedWithError("service \"web\": route \"a.example\" exists");
    }

    @Test
    public void removesRoute() {
        add("web", "*.b.example", "[2001:db8::2]:8080");
        sh.out.clear();
        remove("web", "a.example");
        assertEquals(ImmutableList.of("Removed route \"a.example\" from service web"), sh.out);
        assertEquals(ImmutableList.of(new Route("*.b.example", Backend.parse("[2001:db8::2]:8080"))),
                     sh.proxy.getService("web").get().routes());
    }

    @Test
    public void removeFromUnknownServiceIsAnError() {
        remove("wbe", "a.example");
        assertUnchangedWithError("no service named \"wbe\"");
    }

    @Test
    public void removeUnknownMatchIsAnError() {
        remove("web", "b.example");
        assertUnchangedWithError("service \"web\" has no route \"b.example\"");
    }

    @Test
    public void removingTheLastRouteOfAServiceWithoutDefaultIsAnError() {
        remove("web", "a.example");
        assertUnchangedWithError("service \"web\": needs at least one route or a defaultBackend");
    }
}
