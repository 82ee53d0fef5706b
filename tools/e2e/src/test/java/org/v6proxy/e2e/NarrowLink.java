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

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.e2e.E2e.H1;
import static org.v6proxy.e2e.E2e.H3;

/**
 * A client namespace behind h3 over a link narrower than the backends' path
 * ({@value #MTU} bytes), h3 routing for it: the setting of the path MTU tests.
 * The client's own interface stays at 1500 bytes, so that it announces MSS 1460
 * and the backend's full-size segments meet the narrow hop, where h3 answers with
 * ICMPv4 Fragmentation Needed. The backend is h1, whose learned path MTU toward
 * the client's RFC 6052 address tells whether the error reached it.
 */
final class NarrowLink {
    /** MTU of the hop between h3 and the client. */
    static final int MTU = 1400;

    private final String client;
    private final String routerIf;
    private final int subnet;

    /**
     * Describes the link (nothing is created until {@link #up}).
     *
     * @param client the client's namespace
     * @param routerIf h3's end of the link
     * @param subnet the link is 10.0.SUBNET.0/24: h3 is .1, the client .2
     */
    NarrowLink(String client, String routerIf, int subnet) {
        this.client = client;
        this.routerIf = routerIf;
        this.subnet = subnet;
    }

    /**
     * Returns the client's namespace.
     *
     * @return name
     */
    String client() {
        return client;
    }

    /**
     * Creates the client and the link, runs h3's extra setup commands, and forgets
     * what h1 learned about paths.
     *
     * @param routerSetup more shell commands for h3's side (e.g. the source address of its errors)
     */
    void up(String... routerSetup) {
        Cmd.run(null, 10, "ip", "netns", "del", client);
        String net = "10.0." + subnet + ".";
        List<String> script = new ArrayList<>(List.of(
                "ip netns add " + client,
                "ip -n " + H3 + " link add " + routerIf + " mtu " + MTU + " type veth peer name eth0 netns "
                        + client,
                "ip -n " + H3 + " addr add " + net + "1/24 dev " + routerIf,
                "ip -n " + H3 + " link set " + routerIf + " up"));
        script.addAll(List.of(routerSetup));
        script.addAll(List.of(
                "ip netns exec " + H3 + " sysctl -qw net.ipv4.ip_forward=1",
                "ip -n " + client + " link set lo up",
                "ip netns exec " + client + " sysctl -qw net.ipv6.conf.all.disable_ipv6=1",
                "ip -n " + client + " addr add " + net + "2/24 dev eth0",
                "ip -n " + client + " link set eth0 up",
                "ip -n " + client + " route add default via " + net + "1"));
        Cmd.Result r = Cmd.sh(null, 20, String.join(" && ", script));
        assertEquals(r.toString(), 0, r.exit);
        forgetLearnedMtu();
    }

    /**
     * Removes the client (and with it the link) and stops h3 forwarding.
     */
    void down() {
        Cmd.run(null, 10, "ip", "netns", "del", client);
        Cmd.run(H3, 10, "sysctl", "-qw", "net.ipv4.ip_forward=0");
        forgetLearnedMtu();
    }

    /** Empties h1's route cache, where a learned path MTU lives. */
    void forgetLearnedMtu() {
        Cmd.run(null, 10, "ip", "-n", H1, "-6", "route", "flush", "cache");
    }

    /**
     * Returns h1's route toward the client's address in the client prefix (/96).
     *
     * @return {@code ip -6 route get} output
     */
    String backendRoute() {
        return Cmd.run(null, 10, "ip", "-n", H1, "-6", "route", "get", "2001:db8:46::a00:" + subnet + "02").out();
    }

    /**
     * Downloads 5 MB from nginx on h1 through a VIP across the narrow link and asserts
     * that it arrived whole and that h1 learned the path MTU (the link's, plus the 20
     * bytes an IPv6 header has over IPv4's).
     *
     * @param servers where to start nginx (closed by the caller)
     * @param url the VIP's URL
     * @param host Host header
     */
    void downloadFindsThePathMtu(Servers servers, String url, String host) {
        File root = E2e.workDir("www");
        File big = Files2.random(root, "big.bin", 5);
        servers.nginx(H1, 8080, root);
        File got = new File(E2e.workDir("got"), "big.bin");
        Cmd.Result r = Cmd.run(client, 60, "curl", "-sS", "--max-time", "30", "-H", "Host: " + host, "-o",
                               got.getPath(), url);
        assertEquals("download across the narrow link: " + r, 0, r.exit);
        assertEquals(Files2.sha256(big), Files2.sha256(got));
        String route = backendRoute();
        assertTrue("the backend learned the path MTU (" + MTU + " + 20): " + route,
                   route.contains("mtu " + (MTU + 20)));
    }
}
