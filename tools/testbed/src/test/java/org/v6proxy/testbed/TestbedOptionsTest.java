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
package org.v6proxy.testbed;

import org.junit.Test;
import org.onosproject.net.DeviceId;

import java.nio.file.Paths;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Command-line parsing.
 */
public class TestbedOptionsTest {

    @Test
    public void defaultsAreTheTopologyContract() {
        TestbedOptions o = TestbedOptions.parse();
        TestbedConfig c = o.config();
        assertEquals(TestbedConfig.DEFAULT_HOSTS, c.portNames());
        assertEquals(TestbedConfig.DEFAULT_COMPONENTS, c.components());
        assertEquals(DeviceId.deviceId("of:0000000000000001"), c.deviceId());
        assertNull(c.netcfg());
        assertEquals(TestbedOptions.DEFAULT_LOG, o.log());
        assertEquals(TestbedConfig.DEFAULT_REST_PORT, c.restPort());
        assertEquals(TestbedConfig.DEFAULT_OPENFLOW_PORT, c.openflowPort());
        assertTrue("hosts on veths into the switch, no impairers", c.switchTaps().isEmpty());
    }

    @Test
    public void clusterInstance() {
        TestbedConfig c = TestbedOptions.parse("--openflow", "6654", "--storage", "s1=5679,s2=5680,s3=5681",
                                               "--cluster", "m1=9876,m2=9877,m3=9878", "--member", "m2",
                                               "--role-file", "/run/x/r").config();
        assertEquals("m2", c.clusterMember());
        assertEquals(java.util.Map.of("m1", 9876, "m2", 9877, "m3", 9878), c.clusterMembers());
        assertEquals(java.util.List.of("m1", "m2", "m3"), java.util.List.copyOf(c.clusterMembers().keySet()));
        assertEquals(java.util.List.of("s1", "s2", "s3"), java.util.List.copyOf(c.storageNodes().keySet()));
        assertEquals(Integer.valueOf(5680), c.storageNodes().get("s2"));
        assertEquals(java.nio.file.Paths.get("/run/x/r"), c.roleFile());
        assertNull(TestbedOptions.parse().config().clusterMember());
        assertTrue(TestbedOptions.parse().config().storageNodes().isEmpty());
        String storage = "s1=5679,s2=5680,s3=5681";
        for (String[] bad : new String[][]{
                {"--storage", storage, "--cluster", "m1=9876"},
                {"--storage", storage, "--member", "m1"},
                {"--storage", storage, "--cluster", "m1=9876", "--member", "m2"},
                {"--storage", storage, "--cluster", "m1=x", "--member", "m1"},
                {"--storage", storage, "--cluster", "m1=1,m1=2", "--member", "m1"},
                {"--cluster", "m1=9876", "--member", "m1"}}) {
            try {
                TestbedOptions.parse(bad);
                org.junit.Assert.fail("accepted " + String.join(" ", bad));
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("--cluster") || e.getMessage().contains("--member"));
            }
        }
    }

    @Test
    public void storageNode() {
        TestbedOptions node = TestbedOptions.parse("--storage", "s1=5679,s2=5680,s3=5681", "--storage-node", "s3",
                                                   "--cluster-data", "/run/x/s3", "--ready", "/run/x/r",
                                                   "--role-file", "/run/x/s", "--device", "of:0000000000000002");
        assertEquals("s3", node.storageNode());
        assertEquals(java.util.Map.of("s1", 5679, "s2", 5680, "s3", 5681), node.storageNodes());
        assertEquals(java.nio.file.Paths.get("/run/x/s3"), node.clusterData());
        assertEquals(java.nio.file.Paths.get("/run/x/r"), node.ready());
        assertEquals(java.nio.file.Paths.get("/run/x/s"), node.roleFile());
        assertEquals("of:0000000000000002", node.deviceId().toString());
        assertNull(TestbedOptions.parse("--storage", "s1=5679", "--cluster", "m1=9876", "--member", "m1")
                           .storageNode());
        for (String[] bad : new String[][]{
                {"--storage", "s1=5679", "--storage-node", "s2"},
                {"--storage", "s1=5679", "--storage-node", "s1", "--cluster", "m1=9876", "--member", "m1"},
                {"--storage", "s1=5679"},
                {"--storage", "s1=x", "--storage-node", "s1"},
                {"--storage", "s1=9876", "--cluster", "m1=9876", "--member", "m1"},
                {"--storage", "m1=5679", "--cluster", "m1=9876", "--member", "m1"}}) {
            try {
                TestbedOptions.parse(bad);
                org.junit.Assert.fail("accepted " + String.join(" ", bad));
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("--storage"));
            }
        }
        try {
            TestbedOptions.parse("--storage", "s1=5679", "--cluster", "m1=9876", "--member", "m1", "--cluster-data",
                                 "/x");
            org.junit.Assert.fail("accepted --cluster-data for an instance");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("--cluster-data"));
        }
    }

    @Test
    public void restPortOrNone() {
        assertEquals(9191, TestbedOptions.parse("--rest", "9191").config().restPort());
        assertEquals(TestbedConfig.REST_OFF, TestbedOptions.parse("--rest", "0").config().restPort());
        assertEquals(TestbedConfig.REST_OFF, TestbedOptions.parse("--no-rest").config().restPort());
        assertEquals(8282, TestbedOptions.parse("--no-rest", "--rest", "8282").config().restPort());
    }

    @Test
    public void everyOptionIsTakenIn() {
        TestbedOptions o = TestbedOptions.parse("--hosts", "a,b", "--tap", "tap0", "--components", "none",
                                                "--impair", "loss=1%", "--impair", "delay=1ms,port=2",
                                                "--log", "-", "--log-level", "DEBUG", "--ready", "/tmp/r",
                                                "--device", "of:00000000000000aa", "--openflow", "6700",
                                                "--switch-taps", "s1,s2", "cfg.json");
        TestbedConfig c = o.config();
        assertEquals(List.of("a", "b"), c.portNames());
        assertTrue(c.components().isEmpty());
        assertEquals(2, c.impairments().size());
        assertEquals(2, c.impairments().get(1).port());
        assertEquals("-", o.log());
        assertEquals("debug", o.logLevel());
        assertEquals(Paths.get("/tmp/r"), c.readyFile());
        assertEquals(Paths.get("cfg.json"), c.netcfg());
        assertEquals(DeviceId.deviceId("of:00000000000000aa"), c.deviceId());
        assertEquals(6700, c.openflowPort());
        assertEquals(List.of("s1", "s2"), c.switchTaps());
    }

    @Test
    public void badCommandLinesAreRejectedByName() {
        assertRejected("unknown option --fast", "--fast");
        assertRejected("--impair needs a value", "--impair");
        assertRejected("unknown key", "--impair", "jitter=1");
        assertRejected("more than one netcfg", "a.json", "b.json");
        assertRejected("only 4 ports", "--impair", "loss=1%,port=5", "--switch-taps", "s1,s2,s3,s4");
        assertRejected("impairments need the hosts joined to the switch through impairers", "--impair", "loss=1%");
        assertRejected("4 switch TAPs for 2 hosts", "--hosts", "a,b", "--switch-taps", "s1,s2,s3,s4");
        assertRejected("--openflow: PORT must be 1..65535, not 0", "--openflow", "0");
        assertRejected("--rest: PORT must be 1..65535, or 0 for none, not 65536", "--rest", "65536");
        assertRejected("not http", "--rest", "http");
        assertRejected("not -1", "--rest", "-1");
        assertRejected("--rest needs a value", "--rest");
    }

    private static void assertRejected(String message, String... args) {
        try {
            TestbedOptions.parse(args).config();
            fail("accepted " + String.join(" ", args));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString(message));
        }
    }
}
