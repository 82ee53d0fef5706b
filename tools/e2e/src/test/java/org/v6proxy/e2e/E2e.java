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

import org.junit.Assume;
import org.v6proxy.api.Connection;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.ProxyService;
import org.v6proxy.testbed.Testbed;
import org.v6proxy.testbed.TestbedConfig;
import org.v6proxy.testbed.fabric.HostLinkImpairer;
import org.v6proxy.testbed.impair.Impairment;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The suite's shared environment: four namespaces of the topology contract
 * (with the suite's own names, so a running demo is not disturbed), each
 * attached by a veth straight into an Open vSwitch bridge of their own
 * ({@value #BRIDGE}, OpenFlow 1.3, the testbed's controller on port
 * {@value #OPENFLOW_PORT}), ports 1-4; two more hosts for the impaired tests,
 * {@value #H5} (IPv4 client 10.0.0.5) and {@value #H6} (IPv6 backend
 * 2001:db8::6), ports 5-6, whose TAPs the testbed joins to TAPs on the bridge
 * through its impairers (each frame toward them can be lost, duplicated,
 * reordered or delayed while the tests run); one testbed in this JVM hosting
 * the app's components and speaking OpenFlow to the switch; and helpers to
 * reach its state. Set up once, torn down when the JVM exits.
 * <p>
 * As a normal user the suite is skipped. As root it must run: when it cannot
 * (a program missing, the testbed not starting) and the environment says CI
 * ({@code CI=true}) or {@code -Dv6proxy.e2e.required=true} /
 * {@code V6P_E2E_REQUIRED=1} is given, every test fails with the reason.
 */
final class E2e {
    static final String H1 = "v6pe-h1";
    static final String H2 = "v6pe-h2";
    static final String H3 = "v6pe-h3";
    static final String H4 = "v6pe-h4";
    /** IPv4-only client behind an impairer (10.0.0.5). */
    static final String H5 = "v6pe-h5";
    /** IPv6-only backend behind an impairer (2001:db8::6). */
    static final String H6 = "v6pe-h6";
    /** Every host, switch port 1 first; the first four on veths, the last two behind impairers. */
    static final List<String> HOSTS = List.of(H1, H2, H3, H4, H5, H6);
    private static final List<String> IMPAIRED = List.of(H5, H6);
    private static final String[] MACS = {"02:00:00:00:00:01", "02:00:00:00:00:02", "02:00:00:00:00:03",
                                          "02:00:00:00:00:04", "02:00:00:00:00:05", "02:00:00:00:00:06"};
    private static final String[] ADDRS = {"2001:db8::1/64", "2001:db8::2/64", "10.0.0.3/24", "10.0.0.4/24",
                                           "10.0.0.5/24", "2001:db8::6/64"};
    private static final String CLIENT_PREFIX = "2001:db8:46::/96";
    static final String[] NEEDED = {"ip", "socat", "curl", "nginx", "openssl", "iperf3", "sha256sum", "ovs-vswitchd",
                                    "ethtool"};
    /** The suite's bridge. */
    static final String BRIDGE = "v6pe-br";
    /**
     * The port the testbed's OpenFlow controller listens on: not one of the demo's (6653 and up,
     * one per instance), nor the cluster suite's 6663..6665, so that both can run beside it.
     */
    static final int OPENFLOW_PORT = 6673;
    private static final String DPID = "0000000000000001";
    /** Switch-side interfaces, port 1 first: veth ends, then the impairers' TAPs. */
    private static final List<String> SWITCH_IFS = List.of("v6pe-s1", "v6pe-s2", "v6pe-s3", "v6pe-s4", "v6pe-s5",
                                                           "v6pe-s6");

    private static Testbed testbed;
    private static String unavailable;
    private static boolean announced;

    private E2e() {
    }

    /**
     * Skips the calling test (visibly) unless the suite can run here: root,
     * namespaces, Open vSwitch and the programs it drives; fails it instead when
     * running as root where the suite is required (see the class comment).
     */
    static synchronized void assumeAvailable() {
        if (unavailable == null && testbed == null) {
            unavailable = why();
            if (unavailable == null) {
                try {
                    start();
                } catch (IOException | RuntimeException e) {
                    unavailable = "the testbed did not start: " + e;
                }
            }
        }
        if (unavailable != null && !announced) {
            announced = true;
            System.out.println("*** v6proxy end-to-end suite " + (isRoot() && required() ? "FAILED" : "SKIPPED")
                                       + ": " + unavailable);
        }
        if (unavailable != null && isRoot() && required()) {
            throw new AssertionError("v6proxy end-to-end suite required here (CI=true or v6proxy.e2e.required)"
                                             + " but it cannot run: " + unavailable);
        }
        Assume.assumeTrue(unavailable, unavailable == null);
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("V6P_E2E_REQUIRED"))
                || Boolean.getBoolean("v6proxy.e2e.required");
    }

    static String why() {
        if (!isRoot()) {
            return "it needs root (network namespaces and TAP devices); run tools/test as root";
        }
        if (!new File("/dev/net/tun").exists()) {
            return "/dev/net/tun is missing";
        }
        for (String p : NEEDED) {
            if (!Cmd.has(p)) {
                return "program " + p + " is not installed (.ci/run installs it)";
            }
        }
        return null;
    }

    private static void start() throws IOException {
        topologyDown();
        for (int i = 0; i < HOSTS.size(); i++) {
            host(i);
        }
        Path netcfg;
        try {
            netcfg = Paths.get(E2e.class.getResource("/e2e-netcfg.json").toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        must(ovs("start"));
        List<String> bridge = new ArrayList<>(List.of("bridge", BRIDGE, DPID, "" + OPENFLOW_PORT));
        bridge.addAll(SWITCH_IFS);
        must(ovs(bridge.toArray(new String[0])));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (testbed != null) {
                testbed.stop();
            }
            topologyDown();
        }));
        List<String> impairerTaps = new ArrayList<>();
        IMPAIRED.forEach(h -> impairerTaps.add(SWITCH_IFS.get(HOSTS.indexOf(h))));
        testbed = Testbed.start(TestbedConfig.builder().tapPorts(IMPAIRED, "eth0").openflow(OPENFLOW_PORT)
                                        .switchTaps(impairerTaps).netcfg(netcfg).build());
    }

    private static void host(int i) {
        String ns = HOSTS.get(i);
        must(Cmd.run(null, 10, "ip", "netns", "add", ns));
        must(Cmd.run(null, 10, "ip", "-n", ns, "link", "set", "lo", "up"));
        String sw = SWITCH_IFS.get(i);
        if (IMPAIRED.contains(ns)) {
            // Host TAP <-> impairer <-> switch TAP.
            must(Cmd.run(null, 10, "ip", "-n", ns, "tuntap", "add", "dev", "eth0", "mode", "tap"));
            must(Cmd.run(null, 10, "ip", "tuntap", "add", "dev", sw, "mode", "tap"));
        } else {
            // Straight into the switch: no relay between the host and Open vSwitch.
            must(Cmd.run(null, 10, "ip", "link", "add", sw, "type", "veth", "peer", "name", "eth0", "netns", ns));
        }
        must(Cmd.run(null, 10, "ip", "-n", ns, "link", "set", "eth0", "address", MACS[i]));
        must(Cmd.run(null, 10, "ip", "link", "set", sw, "up"));
        if (ADDRS[i].contains(":")) {
            must(Cmd.run(ns, 10, "sysctl", "-qw", "net.ipv6.conf.eth0.accept_dad=0"));
            must(Cmd.run(null, 10, "ip", "-n", ns, "-6", "addr", "add", ADDRS[i], "dev", "eth0", "nodad"));
            must(Cmd.run(null, 10, "ip", "-n", ns, "link", "set", "eth0", "up"));
            must(Cmd.run(null, 10, "ip", "-n", ns, "-6", "route", "add", CLIENT_PREFIX, "dev", "eth0"));
        } else {
            must(Cmd.run(ns, 10, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
                         "net.ipv6.conf.default.disable_ipv6=1"));
            must(Cmd.run(null, 10, "ip", "-n", ns, "addr", "add", ADDRS[i], "dev", "eth0"));
            must(Cmd.run(null, 10, "ip", "-n", ns, "link", "set", "eth0", "up"));
        }
        // Segment boundaries matter to the proxy: keep the stacks from coalescing. Checksum offload off too:
        // the userspace datapath forwards a veth's partial checksums unfilled (TESTBED.md).
        Cmd.run(ns, 10, "sh", "-c",
                "command -v ethtool >/dev/null && ethtool -K eth0 tx off tso off gso off gro off");
    }

    private static void topologyDown() {
        for (String ns : HOSTS) {
            Cmd.run(null, 10, "ip", "netns", "del", ns);
        }
        for (String sw : SWITCH_IFS) {
            Cmd.run(null, 10, "ip", "link", "del", sw);
        }
        if (Cmd.has("ovs-vsctl")) {
            ovs("del-bridge", BRIDGE);
            ovs("stop");
        }
    }

    /** Runs tools/demo/ovs (Open vSwitch without an init system, shared with the demo). */
    private static Cmd.Result ovs(String... args) {
        String root = System.getProperty("v6proxy.root", "../..");
        String[] argv = new String[args.length + 1];
        argv[0] = Paths.get(root, "tools", "demo", "ovs").toString();
        System.arraycopy(args, 0, argv, 1, args.length);
        return Cmd.run(null, 60, argv);
    }

    private static void must(Cmd.Result r) {
        if (r.exit != 0) {
            throw new IllegalStateException("topology command failed: " + r);
        }
    }

    /**
     * Fails unless the impairers on {@value #H5}'s and {@value #H6}'s links both lost frames (so an
     * impaired test did cross an impairment in each direction).
     */
    static void assertBothImpairersLostFrames() {
        List<HostLinkImpairer> links = testbed.hostLinks();
        if (links.size() != IMPAIRED.size()) {
            throw new AssertionError("impairers: " + links.size());
        }
        for (HostLinkImpairer l : links) {
            Impairment i = l.impairment();
            if (i == null || i.dropped() == 0) {
                throw new AssertionError("no frame lost toward host " + l.number() + ": " + i);
            }
        }
    }

    /**
     * Returns the running testbed.
     *
     * @return testbed
     */
    static Testbed testbed() {
        return testbed;
    }

    /**
     * Returns the app's read API.
     *
     * @return proxy service
     */
    static ProxyService proxy() {
        return testbed.service(ProxyService.class);
    }

    /**
     * Waits until the app tracks no TCP connection (teardown and linger done).
     *
     * @param timeoutMs deadline
     * @return what is left ("[]" when drained)
     */
    static String awaitNoConnections(long timeoutMs) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (!tcpConnections().isEmpty() && System.currentTimeMillis() < end) {
            sleep(200);
        }
        return tcpConnections().toString();
    }

    /** TCP connections only: UDP mappings end by idle timeout (300 s), not by teardown. */
    private static List<Connection> tcpConnections() {
        return proxy().getConnections().stream().filter(c -> c.key().protocol() == Protocol.TCP)
                .collect(Collectors.toList());
    }

    /**
     * Makes a fresh directory that nginx workers (user nobody) can read.
     *
     * @param name prefix
     * @return directory
     */
    static File workDir(String name) {
        try {
            Path d = Files.createTempDirectory("v6pe-" + name);
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            return d.toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
