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
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import java.io.File;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.e2e.E2e.H1;
import static org.v6proxy.e2e.E2e.H3;

/**
 * Path MTU discovery across the translation, with a client behind a link
 * narrower than the backends' path: namespace {@value #CLIENT} sits behind
 * h3, which routes for it over a 1400-byte link. The backend's full-size
 * segments (1500 bytes as IPv6, 1480 as IPv4) do not fit that link; h3
 * answers each with ICMPv4 Fragmentation Needed to the VIP, which the proxy
 * must turn into ICMPv6 Packet Too Big for the backend (RFC 7915 section
 * 4.2). Without that the download stalls: a black hole.
 */
public class PmtuE2eTest {
    private static final String CLIENT = "v6pe-c3";
    /** 10.0.1.2 in the client prefix (RFC 6052, /96). */
    private static final String CLIENT_V6 = "2001:db8:46::a00:102";
    private static final int NARROW_MTU = 1400;

    private final Servers servers = new Servers();

    @BeforeClass
    public static void setUp() {
        E2e.assumeAvailable();
        Cmd.run(null, 10, "ip", "netns", "del", CLIENT);
        String script = String.join(" && ",
                "ip netns add " + CLIENT,
                // The client's own interface is 1500 bytes (so it announces MSS 1460); the hop is narrower.
                "ip -n " + H3 + " link add r0 mtu " + NARROW_MTU + " type veth peer name eth0 netns " + CLIENT,
                "ip -n " + H3 + " addr add 10.0.1.1/24 dev r0",
                "ip -n " + H3 + " link set r0 up",
                "ip netns exec " + H3 + " sysctl -qw net.ipv4.ip_forward=1",
                "ip -n " + CLIENT + " link set lo up",
                "ip netns exec " + CLIENT + " sysctl -qw net.ipv6.conf.all.disable_ipv6=1",
                "ip -n " + CLIENT + " addr add 10.0.1.2/24 dev eth0",
                "ip -n " + CLIENT + " link set eth0 up",
                "ip -n " + CLIENT + " route add default via 10.0.1.1");
        Cmd.Result r = Cmd.sh(null, 20, script);
        assertEquals(r.toString(), 0, r.exit);
    }

    @AfterClass
    public static void tearDownClass() {
        Cmd.run(null, 10, "ip", "netns", "del", CLIENT);
        Cmd.run(H3, 10, "sysctl", "-qw", "net.ipv4.ip_forward=0");
        Cmd.run(null, 10, "ip", "-n", H1, "-6", "route", "flush", "cache");
    }

    @Before
    public void forgetLearnedMtu() {
        Cmd.run(null, 10, "ip", "-n", H1, "-6", "route", "flush", "cache");
        assertTrue("no path MTU known before", !backendPathMtu().contains("mtu"));
    }

    @After
    public void tearDown() {
        servers.close();
    }

    private static String backendPathMtu() {
        return Cmd.run(null, 10, "ip", "-n", H1, "-6", "route", "get", CLIENT_V6).out();
    }

    private void downloadThroughNarrowLink(String url, String host) {
        File root = E2e.workDir("www");
        File big = Files2.random(root, "big.bin", 5);
        servers.nginx(H1, 8080, root);
        File got = new File(E2e.workDir("got"), "big.bin");
        Cmd.Result r = Cmd.run(CLIENT, 60, "curl", "-sS", "--max-time", "30", "-H", "Host: " + host, "-o",
                               got.getPath(), url);
        assertEquals("download across the narrow link: " + r, 0, r.exit);
        assertEquals(Files2.sha256(big), Files2.sha256(got));
        String route = backendPathMtu();
        assertTrue("the backend learned the path MTU (1400 + 20): " + route,
                   route.contains("mtu " + (NARROW_MTU + 20)));
    }

    @Test
    public void l4DownloadFindsThePathMtu() {
        downloadThroughNarrowLink("http://10.0.0.43/big.bin", "10.0.0.43");
    }

    @Test
    public void splicedDownloadFindsThePathMtu() {
        // The http service splices: the quoted segment's sequence number must go back to the backend's space.
        downloadThroughNarrowLink("http://10.0.0.42:8080/big.bin", "a.example");
    }
}
