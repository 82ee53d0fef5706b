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
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.codec.ConnectionFilter;

/**
 * Resets one connection (RST to both ends) and forgets it.
 */
@Service
@Command(scope = "onos", name = "v6proxy-connection-remove",
        description = "Resets one v6proxy connection, identified by client and VIP endpoints")
public class ConnectionRemoveCommand extends V6ProxyCommand {

    @Argument(index = 0, name = "client", description = "Client IPv4 address:port", required = true,
            multiValued = false)
    String client = null;

    @Argument(index = 1, name = "vip", description = "VIP address:port", required = true, multiValued = false)
    String vip = null;

    @Option(name = "-p", aliases = "--protocol", description = "tcp (default) or udp",
            required = false, multiValued = false)
    @Completion(ProtocolCompleter.class)
    String protocol = null;

    @Override
    protected void doExecute() {
        ConnectionKey key;
        boolean removed;
        try {
            key = ConnectionFilter.parseKey(client, vip, protocol);
            removed = admin().removeConnection(key);
        } catch (IllegalArgumentException | IllegalStateException e) {
            fail(e.getMessage());
            return;
        }
        if (removed) {
            line("Reset connection " + key);
        } else {
            fail("no connection " + key);
        }
    }
}
