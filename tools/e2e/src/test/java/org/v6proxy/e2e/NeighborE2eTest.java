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

import org.junit.BeforeClass;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.e2e.E2e.H1;
import static org.v6proxy.e2e.E2e.H3;

/**
 * Neighbour discovery between the two worlds with no static entries: the
 * client resolves the VIP by ARP, the backend resolves the client's mapped
 * IPv6 address by NDP.
 */
public class NeighborE2eTest {
    private static final String GW = "02:00:00:00:46:01";

    @BeforeClass
    public static void setUp() {
        E2e.assumeAvailable();
    }

    @Test
    public void clientResolvesVipAndPingsIt() {
        Cmd.Result ping = Cmd.run(H3, 15, "ping", "-c", "2", "-W", "2", "10.0.0.43");
        assertEquals(ping.toString(), 0, ping.exit);
        Cmd.Result neigh = Cmd.run(H3, 5, "ip", "neigh", "show", "10.0.0.43");
        assertTrue(neigh.toString(), neigh.out().contains(GW));
    }

    @Test
    public void backendResolvesMappedClientAddress() {
        // No echo reply can come back (pings toward the client prefix are not translated),
        // but the solicitation must be answered.
        Cmd.run(H1, 10, "ping", "-6", "-c", "1", "-W", "1", "2001:db8:46::a00:3");
        Cmd.Result neigh = Cmd.run(H1, 5, "ip", "-6", "neigh", "show", "2001:db8:46::a00:3");
        assertTrue(neigh.toString(), neigh.out().contains(GW));
    }
}
