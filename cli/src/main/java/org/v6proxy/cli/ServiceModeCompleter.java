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
import org.v6proxy.api.ServiceMode;

import java.util.ArrayList;
import java.util.List;

/**
 * Completes service modes: l4, prefix, http, tls, quic.
 */
@Service
public class ServiceModeCompleter extends AbstractChoicesCompleter {

    @Override
    protected List<String> choices() {
        List<String> modes = new ArrayList<>();
        for (ServiceMode m : ServiceMode.values()) {
            modes.add(m.toString());
        }
        return modes;
    }
}
