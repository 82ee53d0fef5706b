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
package org.v6proxy.testbed.io;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.net.host.HostService;
import org.v6proxy.testbed.Testbed;
import org.v6proxy.testbed.TestbedConfig;
import org.v6proxy.testbed.fabric.TestbedSwitch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.fail;

/**
 * Real TAP devices in real namespaces (needs root; skipped otherwise, visibly): attach,
 * traffic through the learning switch, probes answered by the Linux stack, clear errors
 * for busy and missing TAPs, and re-attaching after a restart.
 */
public class TapTopologyTest {

    private static final String PREFIX = "v6pt" + ProcessHandle.current().pid() + "-";
    private static final String NS1 = PREFIX + "1";
    private static final String NS2 = PREFIX + "2";

    private Testbed testbed;

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    private static boolean isRoot() {
        try {
            return run("id", "-u").trim().equals("0");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Before
    public void setUp() throws Exception {
        boolean usable = isRoot() && Files.exists(Paths.get("/dev/net/tun"));
        if (!usable) {
            System.err.println("TapTopologyTest SKIPPED: needs root and /dev/net/tun (namespaces, TAP devices)");
        }
        Assume.assumeTrue("needs root and /dev/net/tun", usable);
        makeHost(NS1, "02:00:00:00:7e:01", "fd00:6::1/64", "10.99.0.1/24");
        makeHost(NS2, "02:00:00:00:7e:02", "fd00:6::2/64", "10.99.0.2/24");
    }

    private static void makeHost(String ns, String mac, String v6, String v4) throws Exception {
        run("ip", "netns", "add", ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
        run("ip", "-n", ns, "tuntap", "add", "dev", "eth0", "mode", "tap");
        run("ip", "-n", ns, "link", "set", "eth0", "address", mac);
        run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.eth0.accept_dad=0");
        run("ip", "-n", ns, "-6", "addr", "add", v6, "dev", "eth0", "nodad");
        run("ip", "-n", ns, "addr", "add", v4, "dev", "eth0");
        run("ip", "-n", ns, "link", "set", "eth0", "up");
    }

    @After
    public void tearDown() throws Exception {
        if (testbed != null) {
            testbed.stop();
        }
        for (String ns : List.of(NS1, NS2)) {
            if (Files.exists(Paths.get("/run/netns", ns))) {
                run("ip", "netns", "del", ns);
            }
        }
    }

    private Testbed start() throws IOException {
        return Testbed.start(TestbedConfig.builder().tapPorts(List.of(NS1, NS2), "eth0").components(List.of())
                                     .build());
    }

    /** Probes every 100 ms, as a resolver retries, until the answer taught the host service. */
    private static void awaitHost(HostService hosts, String ip, String mac) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            hosts.requestMac(IpAddress.valueOf(ip));
            Thread.sleep(100);
            if (!hosts.getHostsByIp(IpAddress.valueOf(ip)).isEmpty()) {
                break;
            }
        }
        assertEquals("host with " + ip, 1, hosts.getHostsByIp(IpAddress.valueOf(ip)).size());
        assertEquals(MacAddress.valueOf(mac), hosts.getHostsByIp(IpAddress.valueOf(ip)).iterator().next().mac());
    }

    @Test
    public void probesAreAnsweredByTheLinuxStackAndTrafficIsSwitched() throws Exception {
        testbed = start();
        HostService hosts = testbed.service(HostService.class);
        // The kernel answers only a solicitation with a correct checksum.
        hosts.requestMac(IpAddress.valueOf("fd00:6::2"));
        awaitHost(hosts, "fd00:6::2", "02:00:00:00:7e:02");
        hosts.requestMac(IpAddress.valueOf("10.99.0.1"));
        awaitHost(hosts, "10.99.0.1", "02:00:00:00:7e:01");
        run("ip", "netns", "exec", NS1, "ping", "-6", "-c", "2", "-W", "2", "fd00:6::2");
        run("ip", "netns", "exec", NS2, "ping", "-c", "2", "-W", "2", "10.99.0.1");
        assertEquals(0, ((TestbedSwitch) testbed.fabric()).port(1).stats().txErrors());
    }

    @Test
    public void busyAndMissingTapsFailWithAClearMessage() throws Exception {
        testbed = start();
        List<String> messages = new ArrayList<>();
        for (String[] target : new String[][] {{NS1, "eth0"}, {NS1, "nope0"}, {PREFIX + "missing", "eth0"}}) {
            try {
                TapLink.open(target[0], target[1]).close();
                fail("opened " + target[1] + "@" + target[0]);
            } catch (IOException e) {
                messages.add(e.getMessage());
            }
        }
        assertThat(messages.get(0), containsString("busy (EBUSY)"));
        assertThat(messages.get(1), containsString("nope0@" + NS1 + " does not exist"));
        assertThat(messages.get(2), containsString("network namespace " + PREFIX + "missing does not exist"));
    }

    @Test
    public void aRestartedTestbedReattachesToTheSameTaps() throws Exception {
        testbed = start();
        run("ip", "netns", "exec", NS1, "ping", "-6", "-c", "1", "-W", "2", "fd00:6::2");
        testbed.stop();
        testbed = start();
        run("ip", "netns", "exec", NS1, "ping", "-6", "-c", "1", "-W", "2", "fd00:6::2");
    }
}
