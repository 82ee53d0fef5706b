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
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.MacAddress;
import org.v6proxy.testbed.fabric.HostLinkImpairer;
import org.v6proxy.testbed.fabric.PortSpec;
import org.v6proxy.testbed.impair.ImpairmentSpec;
import org.v6proxy.testbed.services.ProbeFrames;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Real TAP devices in real namespaces (needs root; skipped otherwise, visibly): two hosts'
 * TAPs joined by a {@link HostLinkImpairer} (the cable an impaired host has in front of the
 * switch), traffic and an impairment across it, the testbed's probes answered by the Linux
 * stack, clear errors for busy and missing TAPs, and re-attaching after a restart.
 */
public class TapTopologyTest {

    private static final String PREFIX = "v6pt" + ProcessHandle.current().pid() + "-";
    private static final String NS1 = PREFIX + "1";
    private static final String NS2 = PREFIX + "2";
    private static final long OPEN_MILLIS = 5000;

    private HostLinkImpairer cable;

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
        if (cable != null) {
            cable.stop();
        }
        for (String ns : List.of(NS1, NS2)) {
            if (Files.exists(Paths.get("/run/netns", ns))) {
                run("ip", "netns", "del", ns);
            }
        }
    }

    /** NS1 is the impaired host; NS2 stands where the switch would be. */
    private HostLinkImpairer connect() throws IOException {
        HostLinkImpairer l = new HostLinkImpairer(1, new PortSpec(NS1, TapLink.opener(NS1, "eth0")),
                                                  new PortSpec(NS2, TapLink.opener(NS2, "eth0")),
                                                  (task, nanos) -> task.run());
        HostLinkImpairer.startAll(List.of(l), OPEN_MILLIS);
        return l;
    }

    private static boolean ping(String ns, String... args) throws InterruptedException, IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "ping", "-c", "1", "-W", "1"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    @Test
    public void trafficCrossesTheCableAndItsImpairmentApplies() throws Exception {
        cable = connect();
        assertTrue("ping over IPv6", ping(NS1, "-6", "fd00:6::2"));
        assertTrue("ping over IPv4", ping(NS2, "10.99.0.1"));
        assertTrue(cable.stats().rxFrames() > 0);
        assertTrue(cable.stats().txFrames() > 0);
        // Every frame toward the host lost: NS1's echo replies never arrive.
        cable.setImpairment(ImpairmentSpec.parse("loss=100%"));
        long before = cable.stats().txFrames();
        assertFalse("no reply through a link that loses everything", ping(NS1, "-6", "fd00:6::2"));
        assertEquals("nothing written toward the host", before, cable.stats().txFrames());
        cable.setImpairment(null);
        assertTrue("ping after the impairment is cleared", ping(NS1, "-6", "fd00:6::2"));
    }

    /** The kernel answers only a probe with a correct checksum. */
    @Test
    public void probesAreAnsweredByTheLinuxStack() throws Exception {
        TapLink tap = TapLink.open(NS1, "eth0");
        try {
            ByteBuffer buf = ByteBuffer.allocateDirect(FrameLink.MAX_FRAME);
            byte[] ns = ProbeFrames.neighborSolicitation(ProbeFrames.PROBE_MAC, Ip6Address.valueOf("fd00:6::1"));
            byte[] na = answer(tap, buf, ns, 0x86dd, 54, 136);
            assertEquals("advertisement to the probe's MAC", ProbeFrames.PROBE_MAC.toString(),
                         MacAddress.valueOf(slice(na, 0, 6)).toString());
            assertEquals("target", Ip6Address.valueOf("fd00:6::1"), Ip6Address.valueOf(slice(na, 62, 16)));
            byte[] arp = ProbeFrames.arpRequest(ProbeFrames.PROBE_MAC, Ip4Address.valueOf("10.99.0.1"));
            byte[] reply = answer(tap, buf, arp, 0x0806, 21, 2);
            assertEquals("sender", Ip4Address.valueOf("10.99.0.1"), Ip4Address.valueOf(slice(reply, 28, 4)));
            assertEquals("reply to the probe's MAC", ProbeFrames.PROBE_MAC.toString(),
                         MacAddress.valueOf(slice(reply, 0, 6)).toString());
        } finally {
            tap.close();
        }
    }

    /**
     * Writes a probe into the host's TAP (again every 300 ms) and reads until a frame of an
     * EtherType whose byte at {@code typeAt} (the ICMPv6 type, the ARP opcode's low byte) is
     * {@code type} comes back.
     */
    private static byte[] answer(TapLink tap, ByteBuffer buf, byte[] probe, int etherType, int typeAt, int type)
            throws IOException {
        ByteBuffer out = ByteBuffer.allocateDirect(probe.length);
        out.put(probe);
        long deadline = System.currentTimeMillis() + 5000;
        long nextWrite = 0;
        while (System.currentTimeMillis() < deadline) {
            if (System.currentTimeMillis() >= nextWrite) {
                tap.write(out, probe.length);
                nextWrite = System.currentTimeMillis() + 300;
            }
            int n = tap.read(buf);
            if (n <= typeAt) {
                continue;
            }
            byte[] f = new byte[n];
            buf.clear();
            buf.get(f, 0, n);
            if (((f[12] & 0xff) << 8 | (f[13] & 0xff)) == etherType && (f[typeAt] & 0xff) == type) {
                return f;
            }
        }
        fail("no answer of type " + type + " to the probe");
        return null;
    }

    private static byte[] slice(byte[] f, int off, int len) {
        byte[] b = new byte[len];
        System.arraycopy(f, off, b, 0, len);
        return b;
    }

    @Test
    public void busyAndMissingTapsFailWithAClearMessage() throws Exception {
        cable = connect();
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
        HostLinkImpairer missing = new HostLinkImpairer(2, new PortSpec(NS1, TapLink.opener(NS1, "nope0")),
                                                        new PortSpec("x", TapLink.opener(NS2, "nope1")),
                                                        (task, nanos) -> task.run());
        try {
            HostLinkImpairer.startAll(List.of(missing), OPEN_MILLIS);
            fail("a link with missing TAPs started");
        } catch (IOException e) {
            assertThat(e.getMessage(), containsString("nope0@" + NS1));
            assertThat(e.getMessage(), containsString("nope1@" + NS2));
        }
    }

    @Test
    public void aRestartedLinkReattachesToTheSameTaps() throws Exception {
        cable = connect();
        assertTrue(ping(NS1, "-6", "fd00:6::2"));
        cable.stop();
        cable = connect();
        assertTrue(ping(NS1, "-6", "fd00:6::2"));
        assertNotEquals(0, cable.stats().rxFrames());
    }
}
