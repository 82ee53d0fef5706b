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
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import static org.v6proxy.e2e.E2e.H3;

/**
 * Path MTU discovery when the router in front of the narrow link answers
 * from a private address, as a client's home router does: namespace
 * v6pe-c5 sits behind h3 over a 1400-byte link ({@link NarrowLink}), and h3
 * sources its ICMPv4 errors toward the VIP from {@value #ROUTER_PRIVATE}, an
 * address the proxy has no mapping for. RFC 7915 section 4.3 / RFC 6791: the
 * Fragmentation Needed must still reach the backend as Packet Too Big (its
 * source embedded in the client prefix), not be dropped as unmappable;
 * otherwise the download stalls.
 */
public class PmtuPrivateRouterE2eTest {
    private static final String ROUTER_PRIVATE = "192.168.77.1";
    /** Client 10.0.5.2 behind h3's r5. */
    private static final NarrowLink LINK = new NarrowLink("v6pe-c5", "r5", 5);

    private final Servers servers = new Servers();

    @BeforeClass
    public static void setUp() {
        E2e.assumeAvailable();
        // The router's own address toward the proxy side is private: its errors come from it.
        LINK.up("ip -n " + H3 + " addr add " + ROUTER_PRIVATE + "/32 dev lo",
                "ip -n " + H3 + " route replace 10.0.0.0/24 dev eth0 src " + ROUTER_PRIVATE);
    }

    @AfterClass
    public static void tearDownClass() {
        LINK.down();
        Cmd.run(null, 10, "ip", "-n", H3, "route", "replace", "10.0.0.0/24", "dev", "eth0", "proto", "kernel",
                "scope", "link", "src", "10.0.0.3");
        Cmd.run(null, 10, "ip", "-n", H3, "addr", "del", ROUTER_PRIVATE + "/32", "dev", "lo");
    }

    @After
    public void tearDown() {
        servers.close();
    }

    @Test
    public void downloadFindsThePathMtuThroughAPrivateRouter() {
        LINK.downloadFindsThePathMtu(servers, "http://10.0.0.43/big.bin", "10.0.0.43");
    }
}
