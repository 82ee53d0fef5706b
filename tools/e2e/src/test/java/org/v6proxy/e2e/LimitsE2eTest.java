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
package org.v6proxy.e2e;

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.v6proxy.api.Backend;
import org.v6proxy.api.ConnectionLimits;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.ProxyAdminService;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.api.VirtualService;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.e2e.E2e.H1;
import static org.v6proxy.e2e.E2e.H3;
import static org.v6proxy.e2e.E2e.H4;

/**
 * Operator limits against the real stacks: a service with maxConnectionsPerClient 2
 * (added through the admin API, i.e. network config): h3's third connection is
 * refused with a RST while its two are open, h4 still connects, and once h3's
 * connections are closed h3 connects again.
 */
public class LimitsE2eTest {
    private static final String NAME = "limited";
    private final Servers servers = new Servers();
    private final List<Process> clients = new ArrayList<>();

    @BeforeClass
    public static void setUp() {
        E2e.assumeAvailable();
    }

    @After
    public void tearDown() {
        for (Process p : clients) {
            Cmd.stop(p);
        }
        E2e.testbed().service(ProxyAdminService.class).removeService(NAME);
        servers.close();
    }

    private static Cmd.Result once(String ns) {
        return Cmd.sh(ns, 20, "echo x | socat -t 2 - TCP:10.0.0.43:9100");
    }

    @Test
    public void perClientLimitRefusesTheThirdConnectionUntilOneCloses() {
        servers.spawn(H1, 9000, "socat", "TCP6-LISTEN:9000,reuseaddr,fork", "EXEC:/bin/cat");
        E2e.testbed().service(ProxyAdminService.class).addService(
                VirtualService.builder().name(NAME).vip(Ip4Address.valueOf("10.0.0.43")).port(9100)
                        .mode(ServiceMode.L4).defaultBackend(Backend.parse("[2001:db8::1]:9000"))
                        .limits(new ConnectionLimits(0, 2)).build());
        for (int i = 0; i < 50 && E2e.proxy().getService(NAME).isEmpty(); i++) {
            E2e.sleep(100);
        }
        assertEquals("limits shown", 2, E2e.proxy().getService(NAME).get().limits().maxConnectionsPerClient());
        long refusedBefore = E2e.proxy().getCounters().drops(DropReason.CLIENT_CONNECTION_LIMIT);
        // Two connections from h3 that stay open (socat keeps reading a sleeping pipe).
        for (int i = 0; i < 2; i++) {
            clients.add(Cmd.spawn(H3, new File(E2e.workDir("client"), "out.log"), "sh", "-c",
                                  "sleep 30 | socat - TCP:10.0.0.43:9100"));
        }
        for (int i = 0; i < 100 && E2e.proxy().getConnectionCount(NAME) < 2; i++) {
            E2e.sleep(100);
        }
        assertEquals("h3's two connections are open", 2, E2e.proxy().getConnectionCount(NAME));
        Cmd.Result third = once(H3);
        assertTrue("h3's third connection is refused: " + third, third.exit != 0 && third.out().trim().isEmpty());
        assertEquals(refusedBefore + 1, E2e.proxy().getCounters().drops(DropReason.CLIENT_CONNECTION_LIMIT));
        Cmd.Result other = once(H4);
        assertEquals("h4 has slots of its own: " + other, "x", other.out().trim());
        for (Process p : clients) {
            Cmd.stop(p);
        }
        clients.clear();
        Cmd.Result again = null;
        for (int i = 0; i < 20; i++) {
            E2e.sleep(500);
            again = once(H3);
            if ("x".equals(again.out().trim())) {
                break;
            }
        }
        assertEquals("h3 connects again once its connections are closed: " + again, "x", again.out().trim());
        System.out.printf("e2e limits: maxConnectionsPerClient 2, h3's third connection refused (RST), "
                                  + "h4 served, h3 served again after closing%n");
    }
}
