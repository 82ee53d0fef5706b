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

import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionStats;
import org.v6proxy.api.Direction;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.ProxyCounters;
import org.v6proxy.api.Route;
import org.v6proxy.api.VirtualService;
import org.v6proxy.codec.DurationText;
import org.v6proxy.codec.RouteText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The one-line text forms of the v6proxy listings.
 */
final class TextFormat {

    private TextFormat() {
    }

    /**
     * Formats a service as
     * {@code name=web, vip=10.0.0.42:8080/tcp, mode=http, default=none, routes=["a.example" -> [2001:db8::1]:8080],
     * connections=2}.
     *
     * @param s service
     * @param connections live connections of the service
     * @return line
     */
    static String service(VirtualService s, int connections) {
        StringJoiner routes = new StringJoiner(", ", "[", "]");
        for (Route r : s.routes()) {
            routes.add(RouteText.route(r));
        }
        return "name=" + s.name()
                + ", vip=" + s.vip() + ":" + s.port() + "/" + s.protocol()
                + ", mode=" + s.mode()
                + ", default=" + s.defaultBackend().map(Object::toString).orElse("none")
                + ", routes=" + routes
                + ", connections=" + connections
                + limits(s);
    }

    /** The service's own connection limits, when it sets any (the global ones are in the settings). */
    private static String limits(VirtualService s) {
        String text = "";
        if (s.limits().maxConnections() > 0) {
            text += ", maxConnections=" + s.limits().maxConnections();
        }
        if (s.limits().maxConnectionsPerClient() > 0) {
            text += ", maxConnectionsPerClient=" + s.limits().maxConnectionsPerClient();
        }
        return text;
    }

    /**
     * Formats a connection as {@code client=192.0.2.7:40000, vip=10.0.0.42:80/tcp, service=web,
     * backend=[2001:db8::1]:80, clientV6=2001:db8:46::c000:207, state=established, age=1m05s}.
     *
     * @param c connection
     * @param nowMillis current time
     * @return line
     */
    static String connection(Connection c, long nowMillis) {
        ConnectionKey k = c.key();
        return "client=" + k.client() + ":" + k.clientPort()
                + ", vip=" + k.vip() + ":" + k.vipPort() + "/" + k.protocol()
                + ", service=" + c.service()
                + ", backend=" + c.backend()
                + ", clientV6=" + c.clientV6()
                + ", state=" + c.state()
                + ", age=" + age(nowMillis - c.createdMillis());
    }

    /**
     * Formats one connection with this instance's traffic counters.
     *
     * @param c connection
     * @param nowMillis current time
     * @param stats traffic, if this instance knows the connection
     * @return one line
     */
    static String connection(Connection c, long nowMillis, Optional<ConnectionStats> stats) {
        String base = connection(c, nowMillis);
        if (stats.isEmpty()) {
            return base;
        }
        ConnectionStats s = stats.get();
        return base + ", c2b=" + s.packets(Direction.CLIENT_TO_BACKEND) + "p/" + s.bytes(Direction.CLIENT_TO_BACKEND)
                + "B, b2c=" + s.packets(Direction.BACKEND_TO_CLIENT) + "p/" + s.bytes(Direction.BACKEND_TO_CLIENT)
                + "B";
    }

    /**
     * Formats a duration coarsely: 59s, 1m05s, 2h03m, 3d04h.
     *
     * @param millis duration (negative counts as zero)
     * @return text
     */
    static String age(long millis) {
        return DurationText.age(millis);
    }

    /**
     * Formats the counters: a line per direction, the drop total, and a line per drop reason.
     *
     * @param c counters
     * @return lines
     */
    static List<String> counters(ProxyCounters c) {
        List<String> lines = new ArrayList<>();
        for (Direction d : Direction.values()) {
            lines.add(d + ": packets=" + c.packets(d) + ", bytes=" + c.bytes(d));
        }
        lines.add("drops: total=" + c.totalDrops());
        for (Map.Entry<DropReason, Long> e : c.drops().entrySet()) {
            lines.add("  " + e.getKey() + "=" + e.getValue());
        }
        return lines;
    }
}
