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
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.v6proxy.api.Connection;
import org.v6proxy.codec.ConnectionFilter;

import java.util.List;

/**
 * Lists live connections, optionally only those of one service, client, VIP or protocol.
 */
@Service
@Command(scope = "onos", name = "v6proxy-connections",
        description = "Lists live v6proxy connections (client, VIP, service, backend, state, age)")
public class ConnectionsListCommand extends V6ProxyCommand {

    @Option(name = "-s", aliases = "--service", description = "Only connections of this service",
            required = false, multiValued = false)
    @Completion(ServiceNameCompleter.class)
    String service = null;

    @Option(name = "-c", aliases = "--client", description = "Only this client: IPv4 address or address:port",
            required = false, multiValued = false)
    String client = null;

    @Option(name = "-v", aliases = "--vip", description = "Only this VIP: IPv4 address or address:port",
            required = false, multiValued = false)
    String vip = null;

    @Option(name = "-p", aliases = "--protocol", description = "Only this protocol: tcp or udp",
            required = false, multiValued = false)
    @Completion(ProtocolCompleter.class)
    String protocol = null;

    @Override
    protected void doExecute() {
        ConnectionFilter filter;
        try {
            filter = ConnectionFilter.parse(service, client, vip, protocol);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        List<Connection> connections = filter.select(proxy().getConnections());
        if (outputJson()) {
            ArrayNode array = mapper().createArrayNode();
            for (Connection c : connections) {
                array.add(jsonForEntity(c, Connection.class));
            }
            json(array);
            return;
        }
        long now = now();
        for (Connection c : connections) {
            line(TextFormat.connection(c, now, proxy().getConnectionStats(c.key())));
        }
    }
}
