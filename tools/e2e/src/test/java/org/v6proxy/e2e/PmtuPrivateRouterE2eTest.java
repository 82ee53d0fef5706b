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

import java.io.File;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.e2e.E2e.H1;
import static org.v6proxy.e2e.E2e.H3;

/**
 * Path MTU discovery when the router in front of the narrow link answers
 * from a private address, as a client's home router does: namespace
 * {@value #CLIENT} sits behind h3 over a 1400-byte link, and h3 sources its
 * ICMPv4 errors toward the VIP from 192.168.77.1, an address the proxy has no
 * mapping for. RFC 7915 section 4.3 / RFC 6791: the Fragmentation Needed must
 * still reach the backend as Packet Too Big (its source embedded in the client
 * prefix), not be dropped as unmappable; otherwise the download stalls.
 */
public class PmtuPrivateRouterE2eTest {
    private static final String CLIENT = "v6pe-c5";
    /** 10.0.5.2 in the client prefix (RFC 6052, /96). */
    private static final String CLIENT_V6 = "2001:db8:46::a00:502";
    private static final String ROUTER_PRIVATE = "192.168.77.1";
    private static final int NARROW_MTU = 1400;

    private final Servers servers = new Servers();

    @BeforeClass
    public static void setUp() {
        E2e.assumeAvailable();
        Cmd.run(null, 10, "ip", "netns", "del", CLIENT);
        String script = String.join(" && ",
                "ip netns add " + CLIENT,
                "ip -n " + H3 + " link add r5 mtu " + NARROW_MTU + " type veth peer name eth0 netns " + CLIENT,
                "ip -n " + H3 + " addr add 10.0.5.1/24 dev r5",
                "ip -n " + H3 + " link set r5 up",
                // The router's own address toward the proxy side is private: its errors come from it.
                "ip -n " + H3 + " addr add " + ROUTER_PRIVATE + "/32 dev lo",
                "ip -n " + H3 + " route replace 10.0.0.0/24 dev eth0 src " + ROUTER_PRIVATE,
                "ip netns exec " + H3 + " sysctl -qw net.ipv4.ip_forward=1",
                "ip -n " + CLIENT + " link set lo up",
                "ip netns exec " + CLIENT + " sysctl -qw net.ipv6.conf.all.disable_ipv6=1",
                "ip -n " + CLIENT + " addr add 10.0.5.2/24 dev eth0",
                "ip -n " + CLIENT + " link set eth0 up",
                "ip -n " + CLIENT + " route add default via 10.0.5.1");
        Cmd.Result r = Cmd.sh(null, 20, script);
        assertEquals(r.toString(), 0, r.exit);
        Cmd.run(null, 10, "ip", "-n", H1, "-6", "route", "flush", "cache");
    }

    @AfterClass
    public static void tearDownClass() {
        Cmd.run(null, 10, "ip", "netns", "del", CLIENT);
        Cmd.run(null, 10, "ip", "-n", H3, "route", "replace", "10.0.0.0/24", "dev", "eth0", "proto", "kernel",
                "scope", "link", "src", "10.0.0.3");
        Cmd.run(null, 10, "ip", "-n", H3, "addr", "del", ROUTER_PRIVATE + "/32", "dev", "lo");
        Cmd.run(H3, 10, "sysctl", "-qw", "net.ipv4.ip_forward=0");
        Cmd.run(null, 10, "ip", "-n", H1, "-6", "route", "flush", "cache");
    }

    @After
    public void tearDown() {
        servers.close();
    }

    @Test
    public void downloadFindsThePathMtuThroughAPrivateRouter() {
        File root = E2e.workDir("www");
        File big = Files2.random(root, "big.bin", 5);
        servers.nginx(H1, 8080, root);
        File got = new File(E2e.workDir("got"), "big.bin");
        Cmd.Result r = Cmd.run(CLIENT, 60, "curl", "-sS", "--max-time", "30", "-o", got.getPath(),
                               "http://10.0.0.43/big.bin");
        assertEquals("download across the narrow link: " + r, 0, r.exit);
        assertEquals(Files2.sha256(big), Files2.sha256(got));
        String route = Cmd.run(null, 10, "ip", "-n", H1, "-6", "route", "get", CLIENT_V6).out();
        assertTrue("the backend learned the path MTU (1400 + 20): " + route,
                   route.contains("mtu " + (NARROW_MTU + 20)));
    }
}
