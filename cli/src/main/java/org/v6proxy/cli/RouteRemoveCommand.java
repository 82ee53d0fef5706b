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
import org.v6proxy.codec.RouteText;

/**
 * Removes a route from a service.
 */
@Service
@Command(scope = "onos", name = "v6proxy-route-remove",
        description = "Removes the route with the given match from a v6proxy service")
public class RouteRemoveCommand extends V6ProxyCommand {

    @Argument(index = 0, name = "service", description = "Service name", required = true, multiValued = false)
    @Completion(ServiceNameCompleter.class)
    String service = null;

    @Argument(index = 1, name = "match", description = "The route's match", required = true, multiValued = false)
    @Completion(RouteMatchCompleter.class)
    String match = null;

    @Override
    protected void doExecute() {
        if (!proxy().getService(service).isPresent()) {
            fail("no service named \"" + service + "\"");
            return;
        }
        boolean removed;
        try {
            removed = admin().removeRoute(service, match);
        } catch (IllegalArgumentException | IllegalStateException e) {
            fail(e.getMessage());
            return;
        }
        if (removed) {
            line("Removed route " + RouteText.quote(match) + " from service " + service);
        } else {
            fail("service \"" + service + "\" has no route " + RouteText.quote(match));
        }
    }
}
