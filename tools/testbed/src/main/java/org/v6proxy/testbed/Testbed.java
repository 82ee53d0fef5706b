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

import org.onosproject.cfg.ComponentConfigAdapter;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.cluster.NodeId;
import org.onosproject.codec.CodecService;
import org.onosproject.core.CoreService;
import org.onosproject.event.EventDeliveryService;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.edge.EdgePortService;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.flowobjective.FlowObjectiveService;
import org.onosproject.net.host.HostService;
import org.onosproject.net.config.NetworkConfigRegistry;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.packet.PacketService;
import org.onosproject.store.service.StorageService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.v6proxy.cluster.AtomixClusterService;
import org.v6proxy.cluster.AtomixLeadershipService;
import org.v6proxy.cluster.AtomixMastershipService;
import org.v6proxy.cluster.AtomixStorageService;
import org.v6proxy.cluster.ClusterMember;
import org.v6proxy.testbed.component.ComponentException;
import org.v6proxy.testbed.component.ComponentHost;
import org.v6proxy.testbed.component.ServiceRegistry;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.v6proxy.testbed.fabric.Datapath;
import org.v6proxy.testbed.fabric.HostLinkImpairer;
import org.v6proxy.testbed.fabric.PortSpec;
import org.v6proxy.testbed.impair.FrameScheduler;
import org.v6proxy.testbed.impair.ImpairmentSpec;
import org.v6proxy.testbed.io.TapLink;
import org.v6proxy.testbed.openflow.OpenFlowController;
import org.v6proxy.testbed.openflow.OpenFlowSwitch;
import org.v6proxy.testbed.openflow.SwitchRoles;
import org.v6proxy.testbed.rest.RestServer;
import org.v6proxy.testbed.services.TestbedClusterService;
import org.v6proxy.testbed.services.TestbedCodecService;
import org.v6proxy.testbed.services.TestbedCoreService;
import org.v6proxy.testbed.services.TestbedDeviceService;
import org.v6proxy.testbed.services.TestbedEdgePortService;
import org.v6proxy.testbed.services.TestbedEventDispatcher;
import org.v6proxy.testbed.services.TestbedFlowObjectiveService;
import org.v6proxy.testbed.services.TestbedFlowRuleService;
import org.v6proxy.testbed.services.TestbedHostService;
import org.v6proxy.testbed.services.TestbedLeadershipService;
import org.v6proxy.testbed.services.TestbedMastershipService;
import org.v6proxy.testbed.services.TestbedNetworkConfigService;
import org.v6proxy.testbed.services.TestbedPacketService;
import org.v6proxy.testbed.services.TestbedStorageService;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The v6proxy testbed: the OpenFlow 1.3 controller of one switch (Open vSwitch, connecting on
 * {@link TestbedConfig#openflowPort()}), impairers on the impaired hosts' links in front of it,
 * testbed implementations of the ONOS services, the app's own components
 * activated over them, and the web module's REST API over those (see {@link #restUri()}). Usable
 * in-process (a JUnit test starts it, drives real programs in the namespaces and inspects
 * the components) and as a command ({@link #main}).
 * <pre>
 *   try (Testbed tb = Testbed.start(TestbedConfig.builder().netcfg(Paths.get("netcfg.json")).build())) {
 *       ProxyService proxy = tb.service(ProxyService.class);
 *       ...
 *       tb.awaitIdle(1000);
 *       assertEquals(0, proxy.getConnections().size());
 *   }
 * </pre>
 */
public final class Testbed implements AutoCloseable {

    private static final long IDLE_ROUNDS = 3;
    private static final long CLUSTER_SWITCH_WAIT_MILLIS = 30_000;
    /** Application id of the host location provider's intercepts, as ONOS's. */
    private static final String HOST_PROVIDER_APP = "org.onosproject.provider.host";

    private final Logger log = LoggerFactory.getLogger(Testbed.class);
    private final TestbedConfig config;
    private final ServiceRegistry registry = new ServiceRegistry();
    private final TestbedEventDispatcher dispatcher = new TestbedEventDispatcher();
    private final ScheduledThreadPoolExecutor delays;
    private final List<HostLinkImpairer> hostLinks = new ArrayList<>();
    private final TestbedCoreService core = new TestbedCoreService();
    private final NodeId local;
    private volatile Datapath fabric;
    private volatile OpenFlowController controller;
    private final TestbedNetworkConfigService netcfg;
    /** The in-memory storage of a testbed on its own; null for a cluster instance. */
    private final TestbedStorageService storage;
    /** A cluster instance's Atomix member, services on it and role on the switch; null otherwise. */
    private final ClusterMember member;
    private final AtomixLeadershipService leadership;
    private final AtomixMastershipService mastership;
    private final SwitchRoles roles;
    private final ComponentHost components = new ComponentHost(registry);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile RestServer rest;

    private Testbed(TestbedConfig config, ClusterMember member) {
        this.config = config;
        this.member = member;
        delays = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "v6p-tb-delay");
            t.setDaemon(true);
            return t;
        });
        delays.setRemoveOnCancelPolicy(true);
        FrameScheduler scheduler = (task, nanos) -> {
            try {
                delays.schedule(task, nanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // Stopping: a delayed frame is lost, as on a link going down.
                return;
            }
        };
        for (int i = 0; i < config.switchTaps().size(); i++) {
            String tap = config.switchTaps().get(i);
            hostLinks.add(new HostLinkImpairer(i + 1, config.ports().get(i),
                                               new PortSpec(tap, TapLink.opener(null, tap)), scheduler));
        }
        netcfg = new TestbedNetworkConfigService(config.netcfg(), core, dispatcher);
        registry.register(EventDeliveryService.class, dispatcher);
        registry.register(CoreService.class, core);
        if (member == null) {
            TestbedClusterService cluster = new TestbedClusterService();
            local = cluster.getLocalNode().id();
            storage = new TestbedStorageService();
            leadership = null;
            mastership = null;
            roles = null;
            registry.register(ClusterService.class, cluster);
            registry.register(LeadershipService.class, new TestbedLeadershipService(local));
            registry.register(MastershipService.class, new TestbedMastershipService(local, config.deviceId()));
            registry.register(StorageService.class, storage);
        } else {
            // ONOS 2.7 with the instances as Atomix members: every service the app shares goes
            // through Atomix; the device's mastership decides the role on the switch.
            local = member.nodeId();
            storage = null;
            leadership = new AtomixLeadershipService(member);
            mastership = new AtomixMastershipService(leadership);
            roles = new SwitchRoles(mastership, local, config.deviceId(), config.roleFile());
            registry.register(ClusterService.class, new AtomixClusterService(member));
            registry.register(LeadershipService.class, leadership);
            registry.register(MastershipService.class, mastership);
            registry.register(StorageService.class, new AtomixStorageService(member));
        }
        registry.register(NetworkConfigRegistry.class, netcfg);
        registry.register(NetworkConfigService.class, netcfg);
        registry.register(FlowRuleService.class, new TestbedFlowRuleService());
        registry.register(FlowObjectiveService.class, new TestbedFlowObjectiveService());
        registry.register(CodecService.class, new TestbedCodecService());
        registry.register(ComponentConfigService.class, new ComponentConfigAdapter());
        for (ImpairmentSpec s : config.impairments()) {
            if (s.port() == ImpairmentSpec.ALL_PORTS) {
                setImpairment(s);
            }
        }
        for (ImpairmentSpec s : config.impairments()) {
            if (s.port() != ImpairmentSpec.ALL_PORTS) {
                setImpairment(s);
            }
        }
    }

    /**
     * Brings up the switch side: the OpenFlow controller, the host links' impairers and the
     * switch's connection; then the services that describe it.
     */
    private void startFabric() throws IOException {
        if (roles == null) {
            controller = OpenFlowController.start(config.openflowPort(), OFControllerRole.ROLE_EQUAL, 0);
        } else {
            // Run for mastership first: the handshake claims the role the election gave.
            mastership.requestRoleFor(config.deviceId()).join();
            controller = OpenFlowController.start(config.openflowPort(), roles::current);
        }
        HostLinkImpairer.startAll(hostLinks, config.openTimeoutMillis());
        // Open vSwitch retries a refused controller target with a backoff that reaches 8 s
        // whatever max_backoff says; an instance listens only once its member has joined.
        fabric = controller.awaitSwitch(config.datapathId(), roles == null ? config.openTimeoutMillis()
                : Math.max(config.openTimeoutMillis(), CLUSTER_SWITCH_WAIT_MILLIS));
        if (roles != null) {
            roles.attach((OpenFlowSwitch) fabric);
        }
        Datapath dp = fabric;
        List<String> names = new ArrayList<>();
        for (int n : dp.portNumbers()) {
            String name = dp instanceof OpenFlowSwitch ? ((OpenFlowSwitch) dp).portName(n) : null;
            names.add(name != null ? name : n <= config.portNames().size() ? config.portNames().get(n - 1) : "" + n);
        }
        registry.register(DeviceService.class, new TestbedDeviceService(dp.deviceId(), dp.portNumbers(), names));
        registry.register(PacketService.class, new TestbedPacketService(dp, local));
        TestbedHostService hosts = new TestbedHostService(dp, dispatcher);
        hosts.requestIntercepts(core.registerApplication(HOST_PROVIDER_APP));
        registry.register(HostService.class, hosts);
        registry.register(EdgePortService.class, new TestbedEdgePortService(dp));
    }

    /**
     * Starts a testbed: listens for the switch, opens the impaired host links' TAPs (an attach
     * fails with a message naming the namespace: missing, or busy because another process
     * holds it), waits for the switch to connect, waits
     * {@link TestbedConfig#settleMillis()} for the hosts to see their links up, activates the
     * components (absent classes are skipped; a component that cannot be wired or
     * activated fails the start and everything is undone), starts the REST API unless
     * {@link TestbedConfig#restPort()} is {@link TestbedConfig#REST_OFF} (a port in use fails
     * the start: curl must not reach some other testbed unnoticed), then writes the ready file.
     *
     * @param config what to run
     * @return the running testbed
     * @throws IOException when a port cannot be opened, the REST port not bound or the ready
     *                     file not written
     * @throws ComponentException when a component cannot be activated
     * @throws IllegalArgumentException when the netcfg file is unreadable or not JSON
     */
    public static Testbed start(TestbedConfig config) throws IOException {
        Testbed tb = new Testbed(config, config.clusterMember() == null ? null : joinCluster(config));
        try {
            tb.startFabric();
            if (config.settleMillis() > 0) {
                Thread.sleep(config.settleMillis());
            }
            tb.netcfg.startWatching();
            for (String name : config.components()) {
                tb.components.activate(name);
            }
            if (config.restPort() != TestbedConfig.REST_OFF) {
                tb.rest = RestServer.start(config.restPort() == TestbedConfig.REST_FREE_PORT ? 0 : config.restPort(),
                                           tb.registry);
            }
            if (config.readyFile() != null) {
                writeReady(config.readyFile());
            }
        } catch (IOException | RuntimeException e) {
            tb.stop();
            throw e;
        } catch (InterruptedException e) {
            tb.stop();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting", e);
        }
        tb.log.info("testbed ready: device {}, ports {}, components {}", config.deviceId(), config.portNames(),
                    tb.components.components().stream().map(c -> c.getClass().getSimpleName())
                            .collect(Collectors.toList()));
        if (tb.rest != null) {
            tb.log.info("REST API at {} (loopback only, no authentication)", tb.rest.uri());
        }
        return tb;
    }

    /**
     * Starts this instance's Atomix member, a client of the storage nodes; returns once it has
     * joined them (they hold the Raft groups and run already).
     */
    private static ClusterMember joinCluster(TestbedConfig config) throws IOException {
        ClusterMember.Builder b = ClusterMember.builder(config.clusterMember()).client();
        // The storage nodes are its bootstrap members; the other instances are listed too, so
        // that membership finds them at once.
        config.storageNodes().forEach(b::member);
        config.clusterMembers().forEach(b::member);
        try {
            return b.start(config.clusterMembers().get(config.clusterMember()));
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void writeReady(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, ("pid=" + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Stops the testbed: removes the ready file, stops the REST API, deactivates the
     * components (last first), stops watching the netcfg file, closes the ports and stops
     * the service threads. Safe to call more than once.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (config.readyFile() != null) {
            try {
                Files.deleteIfExists(config.readyFile());
            } catch (IOException e) {
                log.warn("cannot remove {}: {}", config.readyFile(), e.getMessage());
            }
        }
        RestServer server = rest;
        if (server != null) {
            server.close();
        }
        if (roles != null) {
            roles.close();
            // Stepping down first: the components' deactivation then removes no intercept from
            // the switch, which the next master keeps using.
            Datapath dp = fabric;
            if (dp instanceof OpenFlowSwitch) {
                try {
                    ((OpenFlowSwitch) dp).claim(OFControllerRole.ROLE_SLAVE, roles.current().generationId(),
                                                OpenFlowController.HANDSHAKE_STEP_MILLIS);
                } catch (IOException | RuntimeException e) {
                    log.warn("stepping down to SLAVE failed: {}", e.getMessage());
                }
            }
        }
        components.deactivateAll();
        netcfg.stopWatching();
        OpenFlowController c = controller;
        if (c != null) {
            for (OpenFlowSwitch sw : c.switches()) {
                long[] n = sw.counters();
                log.info("{}: packet-ins {}, packet-outs {}, packet-ins forwarded unhandled {}", sw.deviceId(), n[0],
                         n[1], n[2]);
            }
            c.close();
        }
        hostLinks.forEach(HostLinkImpairer::stop);
        delays.shutdownNow();
        dispatcher.shutdown();
        if (storage != null) {
            storage.shutdown();
        }
        if (member != null) {
            // Leaving in order: the others' elections move the mastership at once.
            mastership.close();
            leadership.close();
            member.close();
        }
        for (HostLinkImpairer l : hostLinks) {
            log.info("host link {}", l.stats());
            if (l.impairment() != null) {
                log.info("port {} impairment: {}", l.number(), l.impairment());
            }
        }
        log.info("testbed stopped");
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Returns a service (testbed service or active component) by the type it is registered
     * under or any type it is assignable to.
     *
     * @param type service type, e.g. {@code HostService.class} or {@code ProxyService.class}
     * @param <T> service type
     * @return the service
     * @throws NoSuchElementException naming the type when none is registered
     */
    public <T> T service(Class<T> type) {
        T s = registry.get(type);
        if (s == null) {
            throw new NoSuchElementException("no testbed service or component provides " + type.getName());
        }
        return s;
    }

    /**
     * Returns an active component by its class or a type it implements.
     *
     * @param type component class or one of its interfaces
     * @param <T> type
     * @return the component
     * @throws NoSuchElementException when no active component is of that type
     */
    public <T> T component(Class<T> type) {
        for (Object c : components.components()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        throw new NoSuchElementException("no active component is a " + type.getName());
    }

    /**
     * Returns the active components in activation order.
     *
     * @return components
     */
    public List<Object> components() {
        return components.components();
    }

    /**
     * Returns the base address of the REST API: the web module's resources (services,
     * routes, connections, counters, settings) over this testbed's components, e.g.
     * {@code http://127.0.0.1:8181/onos/v6proxy/}.
     *
     * @return base URI ending in a slash; empty when the REST API is off
     */
    public Optional<URI> restUri() {
        RestServer server = rest;
        return server == null ? Optional.empty() : Optional.of(server.uri());
    }

    /**
     * Returns the switch: the OpenFlow switch (Open vSwitch) once connected.
     *
     * @return the switch
     */
    public Datapath fabric() {
        return fabric;
    }

    /**
     * Returns the network config service (e.g. to {@link TestbedNetworkConfigService#reload()}).
     *
     * @return the service
     */
    public TestbedNetworkConfigService netcfg() {
        return netcfg;
    }

    /**
     * Returns the config the testbed runs with.
     *
     * @return config
     */
    public TestbedConfig config() {
        return config;
    }

    /**
     * Returns the impairers on the host links (with switch TAPs).
     *
     * @return links, port 1 first; empty otherwise
     */
    public List<HostLinkImpairer> hostLinks() {
        return List.copyOf(hostLinks);
    }

    /**
     * Sets an impairment of the frames toward the hosts while running.
     *
     * @param spec impairment (its port selects one port, 0 all); null clears all
     * @throws IllegalStateException when the hosts are attached to the switch directly (no
     *                               impairer on their links) and the spec impairs
     */
    public void setImpairment(ImpairmentSpec spec) {
        if (hostLinks.isEmpty()) {
            if (spec == null || spec.isNone()) {
                return;
            }
            throw new IllegalStateException("the hosts are attached to the switch directly: impairments need"
                                                    + " impairers on their links (switch TAPs)");
        }
        for (HostLinkImpairer l : hostLinks) {
            if (spec == null || spec.port() == ImpairmentSpec.ALL_PORTS || spec.port() == l.number()) {
                l.setImpairment(spec);
            }
        }
    }

    /**
     * Waits until the events posted so far (map events, then host / netcfg / app events
     * they cause) have been delivered to listeners.
     *
     * @param timeoutMillis how long each round may take
     * @return true when everything was delivered in time
     */
    public boolean awaitIdle(long timeoutMillis) {
        boolean ok = true;
        for (int i = 0; i < IDLE_ROUNDS; i++) {
            ok &= storage == null || storage.awaitIdle(timeoutMillis);
            ok &= dispatcher.awaitIdle(timeoutMillis);
        }
        return ok;
    }

    /**
     * Runs the testbed until SIGTERM / SIGINT. See {@link TestbedOptions#USAGE}.
     *
     * @param args command line
     */
    public static void main(String[] args) {
        TestbedOptions options;
        try {
            options = TestbedOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("testbed: " + e.getMessage());
            System.err.println(TestbedOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(TestbedOptions.USAGE);
            return;
        }
        // slf4j-simple reads these when the first logger is created, which is below.
        System.setProperty("org.slf4j.simpleLogger.logFile", options.log().equals("-") ? "System.err"
                : options.log());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", options.logLevel());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        if (options.storageNode() != null) {
            StorageNodeMain.run(options, String.join(" ", args));
            return;
        }
        Logger log = LoggerFactory.getLogger(Testbed.class);
        log.info("testbed pid {} starting: {}", ProcessHandle.current().pid(), String.join(" ", args));
        Testbed tb;
        try {
            tb = start(options.config());
        } catch (IOException | RuntimeException e) {
            log.error("testbed failed to start: {}", e.getMessage(), e);
            System.err.println("testbed: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stoppedLatch = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("signal: stopping");
            tb.stop();
            stoppedLatch.countDown();
        }, "v6p-tb-shutdown"));
        SignalHook.onHangup(() -> {
            log.info("SIGHUP: reloading {}", options.config().netcfg());
            tb.netcfg().reload();
        });
        try {
            stoppedLatch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
