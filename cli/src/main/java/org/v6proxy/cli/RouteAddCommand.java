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

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Route;
import org.v6proxy.codec.RouteText;

/**
 * Appends a route to a delayed-binding service.
 */
@Service
@Command(scope = "onos", name = "v6proxy-route-add",
        description = "Appends a route (match -> backend) to a v6proxy prefix/http/tls/quic service")
public class RouteAddCommand extends V6ProxyCommand {

    @Argument(index = 0, name = "service", description = "Service name", required = true, multiValued = false)
    @Completion(ServiceNameCompleter.class)
    String service = null;

    @Argument(index = 1, name = "match", description = "Byte prefix, Host name or SNI name (*.domain allowed)",
            required = true, multiValued = false)
    String match = null;

    @Argument(index = 2, name = "backend", description = "Backend [IPv6]:port", required = true,
            multiValued = false)
    String backend = null;

    @Override
    protected void doExecute() {
        if (!proxy().getService(service).isPresent()) {
            fail("no service named \"" + service + "\"");
            return;
        }
        Route route;
        try {
            route = new Route(match, Backend.parse(backend));
            admin().addRoute(service, route);
        } catch (IllegalArgumentException | IllegalStateException e) {
            fail(e.getMessage());
            return;
        }
        line("Added route " + RouteText.route(route) + " to service " + service);
    }
}
