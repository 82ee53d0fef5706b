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

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.v6proxy.api.ProxyCounters;

/**
 * Shows this instance's translation and drop counters, and optionally zeroes them.
 */
@Service
@Command(scope = "onos", name = "v6proxy-counters",
        description = "Shows v6proxy packets/bytes per direction and drops per reason on this instance")
public class CountersCommand extends V6ProxyCommand {

    @Option(name = "-r", aliases = "--reset",
            description = "Zero the counters after showing them", required = false, multiValued = false)
    boolean reset = false;

    @Override
    protected void doExecute() {
        ProxyCounters counters = proxy().getCounters();
        if (outputJson()) {
            json(jsonForEntity(counters, ProxyCounters.class));
        } else {
            TextFormat.counters(counters).forEach(this::line);
        }
        if (reset) {
            admin().resetCounters();
            if (!outputJson()) {
                line("counters reset");
            }
        }
    }
}
