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
import org.onosproject.core.CoreService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Port;
import org.onosproject.net.device.DeviceService;
import org.v6proxy.testbed.openflow.OpenFlowSwitch;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.e2e.E2e.H1;
import static org.v6proxy.e2e.E2e.H2;
import static org.v6proxy.e2e.E2e.H3;

/**
 * The fabric is Open vSwitch over OpenFlow 1.3: the device and ports the app sees are the
 * switch's, v6proxy's intercepts are flow rules carrying its application id that count the
 * traffic they send up, and traffic nobody intercepted (backend to backend) is forwarded by the
 * switch without a packet-in.
 */
public class OpenFlowE2eTest {
    /** The userspace datapath hands flow statistics up to the OpenFlow rules about every 500 ms. */
    private static final long STATS_MILLIS = 1500;

    @BeforeClass
    public static void setUp() {
        E2e.assumeAvailable();
    }

    private static String flows() {
        Cmd.Result r = Cmd.run(null, 10, "ovs-ofctl", "-O", "OpenFlow13", "dump-flows", E2e.BRIDGE);
        assertEquals(r.toString(), 0, r.exit);
        return r.out();
    }

    /** Sum of n_packets of the flows whose line matches. */
    private static long packets(String flows, String linePattern) {
        long n = 0;
        Pattern p = Pattern.compile(linePattern);
        Matcher m = Pattern.compile("n_packets=(\\d+)").matcher("");
        for (String line : flows.split("\n")) {
            if (p.matcher(line).find() && m.reset(line).find()) {
                n += Long.parseLong(m.group(1));
            }
        }
        return n;
    }

    @Test
    public void deviceAndPortsAreTheSwitchs() {
        DeviceService devices = E2e.testbed().service(DeviceService.class);
        DeviceId id = DeviceId.deviceId("of:0000000000000001");
        List<Port> ports = devices.getPorts(id);
        assertEquals(6, ports.size());
        assertEquals("v6pe-s3", ports.get(2).annotations().value("portName"));
        assertEquals(3, ports.get(2).number().toLong());
    }

    @Test
    public void unimpairedHostsAreVethsStraightIntoTheSwitch() {
        for (String h : List.of(H1, H2, H3, E2e.H4)) {
            Cmd.Result link = Cmd.run(null, 10, "ip", "-n", h, "-d", "link", "show", "eth0");
            assertTrue(link.toString(), link.out().contains("veth"));
        }
        for (String h : List.of(E2e.H5, E2e.H6)) {
            Cmd.Result link = Cmd.run(null, 10, "ip", "-n", h, "-d", "link", "show", "eth0");
            assertTrue(link.toString(), link.out().contains("tun"));
        }
        // Only the impaired hosts' frames pass through Java.
        assertEquals(2, E2e.testbed().hostLinks().size());
    }

    @Test
    public void interceptsAreFlowRulesWithTheAppsCookieAndCountTraffic() {
        short app = E2e.testbed().service(CoreService.class).getAppId("org.v6proxy").id();
        String cookie = "cookie=0x" + Integer.toHexString(app) + ",";
        String vip = cookie + ".*priority=5,ip,nw_dst=10.0.0.42 actions=CONTROLLER:65535";
        long before = packets(flows(), vip);
        Cmd.Result curl = Cmd.run(H3, 15, "sh", "-c", "echo A | socat -t 2 - TCP:10.0.0.42:80,connect-timeout=5");
        E2e.sleep(STATS_MILLIS);
        String f = flows();
        assertTrue(f, packets(f, vip) > before);
        assertTrue(f, f.contains("priority=0 actions=NORMAL"));
        assertTrue(f, f.matches("(?s).*" + cookie + ".*ipv6_dst=2001:db8:46::/96 actions=CONTROLLER:65535.*"));
        assertTrue(curl.toString(), curl.exit == 0 || curl.exit == 1);
    }

    @Test
    public void backendToBackendTrafficStaysInTheSwitch() {
        // Neighbours first, so that only the echoes themselves cross below.
        Cmd.run(H1, 10, "ping", "-6", "-c", "1", "-W", "2", "2001:db8::2");
        OpenFlowSwitch sw = (OpenFlowSwitch) E2e.testbed().fabric();
        long normalBefore = packets(flows(), "priority=0 actions=NORMAL");
        long packetInsBefore = sw.counters()[0];
        Cmd.Result ping = Cmd.run(H1, 15, "ping", "-6", "-c", "10", "-i", "0.2", "-W", "2", "2001:db8::2");
        assertEquals(ping.toString(), 0, ping.exit);
        long packetIns = sw.counters()[0] - packetInsBefore;
        E2e.sleep(STATS_MILLIS);
        long normal = packets(flows(), "priority=0 actions=NORMAL") - normalBefore;
        assertTrue("20 echo frames forwarded by the switch: " + normal, normal >= 20);
        // At most a neighbour re-confirmation may come up, never the echoes.
        assertTrue("packet-ins during the pings: " + packetIns, packetIns < 5);
        Cmd.Result h2 = Cmd.run(H2, 5, "ip", "-6", "neigh", "show", "2001:db8::1");
        assertTrue(h2.toString(), h2.out().contains("02:00:00:00:00:01"));
    }
}
