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

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosproject.cli.AbstractChoicesCompleter;
import org.onosproject.cli.AbstractShellCommand;
import org.v6proxy.api.ProxyService;
import org.v6proxy.api.VirtualService;

import java.util.ArrayList;
import java.util.List;

/**
 * Completes names of configured services.
 */
@Service
public class ServiceNameCompleter extends AbstractChoicesCompleter {

    @Override
    protected List<String> choices() {
        return names(AbstractShellCommand.get(ProxyService.class));
    }

    /**
     * Returns the service names in the service's order.
     *
     * @param proxy proxy service
     * @return names
     */
    static List<String> names(ProxyService proxy) {
        List<String> names = new ArrayList<>();
        for (VirtualService s : proxy.getServices()) {
            names.add(s.name());
        }
        return names;
    }
}
