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

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.cluster.NodeId;
import org.onosproject.codec.CodecService;
import org.onosproject.core.CoreService;
import org.onosproject.event.EventDeliveryService;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.MastershipRole;
import org.onosproject.net.config.NetworkConfigRegistry;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.edge.EdgePortService;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.flowobjective.FlowObjectiveService;
import org.onosproject.net.host.HostService;
import org.onosproject.net.packet.PacketService;
import org.onosproject.store.service.StorageService;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.types.OFPort;
import org.v6proxy.testbed.component.ComponentException;
import org.v6proxy.testbed.openflow.FakeSwitch;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.v6proxy.testbed.TestFrames.numbered;

/**
 * The in-process testbed API with a fixture app built like the real one, controlling a
 * switch that speaks OpenFlow 1.3 over loopback ({@link FakeSwitch}).
 */
public class TestbedTest {

    private static final String H1 = "02:00:00:00:00:01";
    private static final String H2 = "02:00:00:00:00:02";
    private static final String BROADCAST = "ff:ff:ff:ff:ff:ff";
    private static final int WAIT_MILLIS = 5000;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private int openflowPort;

    private TestbedConfig.Builder config() throws Exception {
        Path netcfg = tmp.getRoot().toPath().resolve("netcfg.json");
        Files.write(netcfg, "{\"apps\": {\"org.v6proxy.echo\": {\"echo\": {\"greeting\": \"hi\"}}}}"
                .getBytes(StandardCharsets.UTF_8));
        openflowPort = FakeSwitch.freePort();
        return TestbedConfig.builder().openflow(openflowPort).netcfg(netcfg)
                .readyFile(tmp.getRoot().toPath().resolve("ready"));
    }

    private CompletableFuture<FakeSwitch> switchWithPorts(int n) {
        return FakeSwitch.connectWhenListening(openflowPort, 1, n);
    }

    @Test
    public void hostsComponentsAndExposesThemAndTheServices() throws Exception {
        TestbedConfig cfg = config().components(List.of(EchoApp.class.getName(), "org.v6proxy.absent.NoSuchComponent"))
                .build();
        CompletableFuture<FakeSwitch> connecting = switchWithPorts(3);
        Path ready;
        EchoApp app;
        PacketService packets;
        FakeSwitch sw;
        try (Testbed tb = Testbed.start(cfg)) {
            sw = connecting.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            ready = tb.config().readyFile();
            assertTrue(Files.readString(ready).startsWith("pid=" + ProcessHandle.current().pid()));
            app = tb.component(EchoApp.class);
            assertSame(app, tb.service(EchoService.class));
            assertEquals(List.of(app), tb.components());
            packets = tb.service(PacketService.class);
            List<EchoEvent> events = new CopyOnWriteArrayList<>();
            app.addListener(events::add);

            // The app echoes 0x88b5 frames back out of their ingress port only.
            byte[] echo = numbered(BROADCAST, H2, 1);
            sw.packetIn(2, echo);
            OFPacketOut out = sw.nextPacketOut(WAIT_MILLIS);
            assertEquals(OFPort.of(2), out.getInPort());
            assertEquals(List.of(OFPort.IN_PORT), FakeSwitch.outputs(out));
            assertArrayEquals(echo, out.getData());
            // Everything else goes back to the switch's own forwarding.
            byte[] plain = TestFrames.arp(1, H1, TestFrames.net10(1), BROADCAST, TestFrames.net10(2));
            sw.packetIn(1, plain);
            out = sw.nextPacketOut(WAIT_MILLIS);
            assertEquals(OFPort.of(1), out.getInPort());
            assertEquals(List.of(OFPort.NORMAL), FakeSwitch.outputs(out));
            assertArrayEquals(plain, out.getData());
            expectNoPacketOut(sw);

            assertTrue(tb.awaitIdle(2000));
            assertEquals("hi", app.greeting());
            assertEquals(1, app.echoed(2));
            assertEquals(1, events.size());
            assertEquals("port 2", events.get(0).subject());
            assertEquals(1, tb.service(HostService.class).getHostCount());
            try {
                tb.component(Runnable.class);
                fail("found a component that is not there");
            } catch (NoSuchElementException e) {
                assertThat(e.getMessage(), containsString("Runnable"));
            }
        }
        assertFalse("ready file removed at stop", Files.exists(ready));
        assertFalse(app.isActive());
        assertTrue(packets.getProcessors().isEmpty());
        sw.awaitClosedByController(WAIT_MILLIS);
        sw.close();
    }

    private static void expectNoPacketOut(FakeSwitch sw) throws IOException {
        try {
            OFPacketOut extra = sw.nextPacketOut(200);
            fail("unexpected packet-out " + extra);
        } catch (SocketTimeoutException e) {
            return;
        }
    }

    @Test
    public void aComponentThatCannotBeWiredFailsTheStartAndUndoesIt() throws Exception {
        TestbedConfig cfg = config().components(List.of(EchoApp.class.getName(), Unwirable.class.getName()))
                .build();
        CompletableFuture<FakeSwitch> connecting = switchWithPorts(2);
        try {
            Testbed.start(cfg);
            fail("started");
        } catch (ComponentException e) {
            assertThat(e.getMessage(), containsString(Unwirable.class.getName()));
            assertThat(e.getMessage(), containsString("clock"));
            assertThat(e.getMessage(), containsString("java.time.Clock"));
        }
        assertFalse(Files.exists(cfg.readyFile()));
        try (FakeSwitch sw = connecting.get(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            sw.awaitClosedByController(WAIT_MILLIS);
        }
    }

    @Test
    public void withoutASwitchTheStartFailsNamingIt() throws Exception {
        TestbedConfig cfg = config().components(List.of()).openTimeoutMillis(300).build();
        try {
            Testbed.start(cfg).close();
            fail("started without a switch");
        } catch (IOException e) {
            assertThat(e.getMessage(), containsString("0000000000000001"));
        }
        assertFalse(Files.exists(cfg.readyFile()));
    }

    @Test
    public void providesTheOnosServicesAComponentMayReference() throws Exception {
        TestbedConfig cfg = config().components(List.of()).build();
        CompletableFuture<FakeSwitch> connecting = switchWithPorts(2);
        try (Testbed tb = Testbed.start(cfg); FakeSwitch sw = connecting.get(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            for (Class<?> type : List.of(CoreService.class, ClusterService.class, LeadershipService.class,
                                         MastershipService.class, DeviceService.class, PacketService.class,
                                         HostService.class, EdgePortService.class, NetworkConfigRegistry.class,
                                         NetworkConfigService.class, StorageService.class, FlowRuleService.class,
                                         FlowObjectiveService.class, CodecService.class,
                                         ComponentConfigService.class, EventDeliveryService.class)) {
                assertTrue(type.getSimpleName(), type.isInstance(tb.service(type)));
            }
            assertEquals(2, tb.service(DeviceService.class).getPorts(TestbedConfig.DEFAULT_DEVICE).size());
            assertEquals(MastershipRole.MASTER,
                         tb.service(MastershipService.class).getLocalRole(TestbedConfig.DEFAULT_DEVICE));
            NodeId local = tb.service(ClusterService.class).getLocalNode().id();
            assertEquals(local, tb.service(LeadershipService.class).runForLeadership("t").leaderNodeId());
        }
    }

    @Test
    public void theSwitchForwardsEverythingWhenNoComponentIsPresent() throws Exception {
        TestbedConfig cfg = config().components(List.of("org.v6proxy.absent.NoSuchComponent")).build();
        CompletableFuture<FakeSwitch> connecting = switchWithPorts(2);
        try (Testbed tb = Testbed.start(cfg); FakeSwitch sw = connecting.get(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            assertTrue(tb.components().isEmpty());
            byte[] f = numbered(H2, H1, 1);
            sw.packetIn(1, f);
            OFPacketOut out = sw.nextPacketOut(WAIT_MILLIS);
            assertEquals(List.of(OFPort.NORMAL), FakeSwitch.outputs(out));
            assertArrayEquals(f, out.getData());
        }
    }
}
