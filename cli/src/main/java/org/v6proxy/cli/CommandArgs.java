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

import org.onlab.packet.Ip4Address;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Route;

/**
 * Parsers of command arguments whose errors say which argument is wrong.
 */
final class CommandArgs {
    private static final int MAX_PORT = 65535;

    private CommandArgs() {
    }

    /**
     * Parses a VIP.
     *
     * @param text dotted IPv4 address
     * @return address
     */
    static Ip4Address vip(String text) {
        try {
            return Ip4Address.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("VIP \"" + text + "\" is not an IPv4 address", e);
        }
    }

    /**
     * Parses a port.
     *
     * @param text decimal port
     * @return port 1..65535
     */
    static int port(String text) {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            port = 0;
        }
        if (port < 1 || port > MAX_PORT) {
            throw new IllegalArgumentException("port \"" + text + "\" is not a number 1..65535");
        }
        return port;
    }

    /**
     * Parses a positive number of milliseconds.
     *
     * @param option option name for messages
     * @param text decimal number
     * @return value
     */
    static int positive(String option, String text) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1) {
            throw new IllegalArgumentException(option + " \"" + text + "\" is not a positive number");
        }
        return value;
    }

    /**
     * Parses a route written {@code MATCH=BACKEND}; the split is at the last '='
     * because a backend never contains one while a match may.
     *
     * @param text route
     * @return route
     */
    static Route route(String text) {
        int eq = text.lastIndexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("route \"" + text + "\" is not of the form MATCH=[IPv6]:port");
        }
        return new Route(text.substring(0, eq), Backend.parse(text.substring(eq + 1)));
    }
}
