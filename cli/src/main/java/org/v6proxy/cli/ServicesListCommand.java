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

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.v6proxy.api.ProxyService;
import org.v6proxy.api.VirtualService;

/**
 * Lists the virtual services with their live connection counts.
 */
@Service
@Command(scope = "onos", name = "v6proxy-services",
        description = "Lists the v6proxy virtual services (VIP:port, mode, default backend, routes, connections)")
public class ServicesListCommand extends V6ProxyCommand {

    @Override
    protected void doExecute() {
        ProxyService proxy = proxy();
        if (outputJson()) {
            ArrayNode array = mapper().createArrayNode();
            for (VirtualService s : proxy.getServices()) {
                array.add(jsonForEntity(s, VirtualService.class));
            }
            json(array);
            return;
        }
        for (VirtualService s : proxy.getServices()) {
            line(TextFormat.service(s, proxy.getConnectionCount(s.name())));
        }
    }
}
