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
import org.v6proxy.api.Backend;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.Route;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.api.VirtualService;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds a virtual service to the network config through the admin service.
 */
@Service
@Command(scope = "onos", name = "v6proxy-service-add",
        description = "Adds a v6proxy virtual service (written to network config)")
public class ServiceAddCommand extends V6ProxyCommand {

    @Argument(index = 0, name = "name", description = "Unique service name", required = true, multiValued = false)
    String name = null;

    @Argument(index = 1, name = "vip", description = "Virtual IPv4 address", required = true, multiValued = false)
    String vip = null;

    @Argument(index = 2, name = "port", description = "Service port 1..65535", required = true, multiValued = false)
    String port = null;

    @Argument(index = 3, name = "mode", description = "l4, prefix, http, tls or quic (udp)", required = true,
            multiValued = false)
    @Completion(ServiceModeCompleter.class)
    String mode = null;

    @Option(name = "-d", aliases = "--default", description = "Default backend [IPv6]:port",
            required = false, multiValued = false)
    String defaultBackend = null;

    @Option(name = "-p", aliases = "--protocol", description = "tcp (default) or udp (l4 or quic)",
            required = false, multiValued = false)
    @Completion(ProtocolCompleter.class)
    String protocol = null;

    @Option(name = "-r", aliases = "--route", description = "Route MATCH=[IPv6]:port (repeatable)",
            required = false, multiValued = true)
    List<String> routes = null;

    @Option(name = "-t", aliases = "--preread-timeout",
            description = "Milliseconds to wait for the client's first bytes (default 5000)",
            required = false, multiValued = false)
    String prereadTimeout = null;

    @Override
    protected void doExecute() {
        if (proxy().getService(name).isPresent()) {
            fail("service \"" + name + "\" already exists");
            return;
        }
        try {
            admin().addService(build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            fail(e.getMessage());
            return;
        }
        line("Added service " + name);
    }

    private VirtualService build() {
        VirtualService.Builder b = VirtualService.builder().name(name).vip(CommandArgs.vip(vip))
                .port(CommandArgs.port(port)).mode(ServiceMode.fromName(mode));
        if (protocol != null) {
            b.protocol(Protocol.fromName(protocol));
        }
        if (defaultBackend != null) {
            b.defaultBackend(Backend.parse(defaultBackend));
        }
        if (routes != null) {
            List<Route> list = new ArrayList<>();
            for (String r : routes) {
                list.add(CommandArgs.route(r));
            }
            b.routes(list);
        }
        if (prereadTimeout != null) {
            b.prereadTimeoutMs(CommandArgs.positive("preread timeout", prereadTimeout));
        }
        return b.build();
    }
}
