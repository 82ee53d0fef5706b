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
import org.v6proxy.api.Route;

import java.util.ArrayList;
import java.util.List;

/**
 * Completes the route matches of the service named by the argument before the cursor
 * (as in {@code v6proxy-route-remove SERVICE MATCH}).
 */
@Service
public class RouteMatchCompleter extends AbstractChoicesCompleter {

    @Override
    protected List<String> choices() {
        if (commandLine == null) {
            return new ArrayList<>();
        }
        return matches(AbstractShellCommand.get(ProxyService.class), commandLine.getArguments(),
                       commandLine.getCursorArgumentIndex());
    }

    /**
     * Returns the matches of the service named just before the cursor argument.
     *
     * @param proxy proxy service
     * @param args command line words (the command name first)
     * @param cursor index of the word being completed
     * @return matches, empty if there is no such service
     */
    static List<String> matches(ProxyService proxy, String[] args, int cursor) {
        List<String> matches = new ArrayList<>();
        if (args == null || cursor < 1 || cursor > args.length) {
            return matches;
        }
        proxy.getService(args[cursor - 1]).ifPresent(s -> {
            for (Route r : s.routes()) {
                matches.add(r.match());
            }
        });
        return matches;
    }
}
