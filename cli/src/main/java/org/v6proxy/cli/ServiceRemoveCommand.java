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

/**
 * Removes a virtual service; its connections are reset.
 */
@Service
@Command(scope = "onos", name = "v6proxy-service-remove",
        description = "Removes a v6proxy virtual service and resets its connections")
public class ServiceRemoveCommand extends V6ProxyCommand {

    @Argument(index = 0, name = "name", description = "Service name", required = true, multiValued = false)
    @Completion(ServiceNameCompleter.class)
    String name = null;

    @Override
    protected void doExecute() {
        boolean removed;
        try {
            removed = admin().removeService(name);
        } catch (IllegalArgumentException | IllegalStateException e) {
            fail(e.getMessage());
            return;
        }
        if (removed) {
            line("Removed service " + name);
        } else {
            fail("no service named \"" + name + "\"");
        }
    }
}
