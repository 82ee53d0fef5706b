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

/**
 * The commands wired to a {@link TestShell} instead of OSGi and the console.
 */
final class TestCommands {

    private TestCommands() {
    }

    private static <C extends V6ProxyCommand> C in(TestShell sh, C command) {
        command.runIn(sh);
        return command;
    }

    static ServicesListCommand servicesList(TestShell sh) {
        return in(sh, new ServicesListCommand());
    }

    static CountersCommand counters(TestShell sh) {
        return in(sh, new CountersCommand());
    }

    static ConnectionsListCommand connectionsList(TestShell sh) {
        return in(sh, new ConnectionsListCommand());
    }

    static ServiceAddCommand serviceAdd(TestShell sh) {
        return in(sh, new ServiceAddCommand());
    }

    static ServiceRemoveCommand serviceRemove(TestShell sh) {
        return in(sh, new ServiceRemoveCommand());
    }

    static RouteAddCommand routeAdd(TestShell sh) {
        return in(sh, new RouteAddCommand());
    }

    static RouteRemoveCommand routeRemove(TestShell sh) {
        return in(sh, new RouteRemoveCommand());
    }

    static ConnectionRemoveCommand connectionRemove(TestShell sh) {
        return in(sh, new ConnectionRemoveCommand());
    }
}
