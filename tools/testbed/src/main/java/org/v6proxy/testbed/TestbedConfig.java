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

import org.onosproject.net.DeviceId;
import org.v6proxy.testbed.fabric.PortSpec;
import org.v6proxy.testbed.impair.ImpairmentSpec;
import org.v6proxy.testbed.io.TapLink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * What a testbed runs: the OpenFlow port Open vSwitch connects to, the impaired host links
 * (host TAPs joined to switch TAPs through impairers), the netcfg file, the components to
 * activate, impairments, the ready file and the REST API's port. Immutable; built with
 * {@link #builder()}, whose defaults are the topology contract of TESTBED.md (host TAPs
 * {@code eth0} in namespaces v6p-h1..v6p-h4, device {@code of:0000000000000001}),
 * {@link #DEFAULT_COMPONENTS} and, for TAP ports, the REST API on a free loopback port.
 */
public final class TestbedConfig {

    /** Device id of the switch unless configured otherwise (the demo's datapath id 1). */
    public static final DeviceId DEFAULT_DEVICE = DeviceId.deviceId("of:0000000000000001");
    /** Namespaces of hosts 1..4, which are ports 1..4. */
    public static final List<String> DEFAULT_HOSTS = List.of("v6p-h1", "v6p-h2", "v6p-h3", "v6p-h4");
    /** TAP interface name inside each host namespace. */
    public static final String DEFAULT_TAP = "eth0";
    /** Components activated by default, in this order; absent classes are skipped. */
    public static final List<String> DEFAULT_COMPONENTS = List.of("org.v6proxy.impl.DistributedConnectionStore",
                                                                  "org.v6proxy.impl.ProxyManager");
    /** How long opening all ports may take. */
    public static final long DEFAULT_OPEN_TIMEOUT_MILLIS = 10_000;
    /**
     * Pause after attaching TAP ports, before the components start: a host's stack reacts to
     * the carrier coming up through the kernel's link watch, up to a second later, and until
     * then it ignores neighbour solicitations (measured here: 50-100 ms on an idle machine).
     */
    public static final long DEFAULT_TAP_SETTLE_MILLIS = 1000;
    /** REST API port of the testbed command, as ONOS's (the in-process default is {@link #REST_FREE_PORT}). */
    public static final int DEFAULT_REST_PORT = 8181;
    /** {@link Builder#restPort(int)}: no REST API. */
    public static final int REST_OFF = 0;
    /**
     * {@link Builder#restPort(int)}: the REST API on a free loopback port picked at start
     * ({@link Testbed#restUri()} tells which), so that an in-process testbed never collides
     * with a testbed command or ONOS listening on {@link #DEFAULT_REST_PORT}.
     */
    public static final int REST_FREE_PORT = -1;
    /** OpenFlow controller port of the testbed command with Open vSwitch (IANA's 6653). */
    public static final int DEFAULT_OPENFLOW_PORT = 6653;

    private final DeviceId deviceId;
    private final List<String> portNames;
    private final List<PortSpec> ports;
    private final Path netcfg;
    private final List<String> components;
    private final List<ImpairmentSpec> impairments;
    private final Path readyFile;
    private final long openTimeoutMillis;
    private final long settleMillis;
    private final int restPort;
    private final int openflowPort;
    private final List<String> switchTaps;
    private final String clusterMember;
    private final Map<String, Integer> clusterMembers;
    private final Map<String, Integer> storageNodes;
    private final Path roleFile;

    private TestbedConfig(Builder b) {
        this.openflowPort = b.openflowPort;
        this.switchTaps = List.copyOf(b.switchTaps);
        this.clusterMember = b.clusterMember;
        this.clusterMembers = Collections.unmodifiableMap(new LinkedHashMap<>(b.clusterMembers));
        this.storageNodes = Collections.unmodifiableMap(new LinkedHashMap<>(b.storageNodes));
        this.roleFile = b.roleFile;
        this.deviceId = b.deviceId;
        this.ports = List.copyOf(b.ports);
        List<String> names = new ArrayList<>();
        ports.forEach(p -> names.add(p.name()));
        this.portNames = List.copyOf(names);
        this.netcfg = b.netcfg;
        this.components = List.copyOf(b.components);
        this.impairments = List.copyOf(b.impairments);
        this.readyFile = b.readyFile;
        this.openTimeoutMillis = b.openTimeoutMillis;
        this.settleMillis = b.settleMillis != null ? b.settleMillis : b.tapPorts ? DEFAULT_TAP_SETTLE_MILLIS : 0;
        this.restPort = b.restPort != null ? b.restPort : b.tapPorts ? REST_FREE_PORT : REST_OFF;
    }

    /**
     * Returns a builder with the defaults.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the device id.
     *
     * @return device id
     */
    public DeviceId deviceId() {
        return deviceId;
    }

    /**
     * Returns the host sides of the links joined to {@link #switchTaps()} through impairers,
     * host 1 first.
     *
     * @return host links
     */
    public List<PortSpec> ports() {
        return ports;
    }

    /**
     * Returns the port names, port 1 first.
     *
     * @return names
     */
    public List<String> portNames() {
        return portNames;
    }

    /**
     * Returns the netcfg JSON file.
     *
     * @return path, or null for none
     */
    public Path netcfg() {
        return netcfg;
    }

    /**
     * Returns the component class names to activate, in order.
     *
     * @return class names
     */
    public List<String> components() {
        return components;
    }

    /**
     * Returns the egress impairments (all-port ones apply first, then port-specific ones).
     *
     * @return impairments
     */
    public List<ImpairmentSpec> impairments() {
        return impairments;
    }

    /**
     * Returns the file written once the testbed is ready.
     *
     * @return path, or null for none
     */
    public Path readyFile() {
        return readyFile;
    }

    /**
     * Returns how long opening all ports may take.
     *
     * @return milliseconds
     */
    public long openTimeoutMillis() {
        return openTimeoutMillis;
    }

    /**
     * Returns the pause between attaching the ports and activating the components.
     *
     * @return milliseconds
     */
    public long settleMillis() {
        return settleMillis;
    }

    /**
     * Returns the OpenFlow controller port: the switch (Open vSwitch) connects to 127.0.0.1 on it.
     *
     * @return TCP port
     */
    public int openflowPort() {
        return openflowPort;
    }

    /**
     * Returns the TAPs (in the testbed's namespace, attached to the OpenFlow switch) that
     * {@link #ports()}' host TAPs are joined to through an impairer, port 1 first.
     *
     * @return TAP names; empty when the hosts are attached to the switch directly
     */
    public List<String> switchTaps() {
        return switchTaps;
    }

    /**
     * Returns the datapath id the device id names ({@code of:} and 16 hex digits).
     *
     * @return datapath id
     * @throws IllegalArgumentException when the device id is not of that form
     */
    public long datapathId() {
        String s = deviceId.toString();
        checkArgument(s.matches("of:[0-9a-fA-F]{16}"), "device id %s is not of:<16 hex digits>", s);
        return Long.parseUnsignedLong(s.substring(3), 16);
    }

    /**
     * Returns where the REST API listens.
     *
     * @return a port on 127.0.0.1, {@link #REST_FREE_PORT} or {@link #REST_OFF}
     */
    public int restPort() {
        return restPort;
    }

    /**
     * Returns this instance's member id in a cluster.
     *
     * @return member id, or null for a testbed on its own (in-memory services)
     */
    public String clusterMember() {
        return clusterMember;
    }

    /**
     * Returns the cluster's members (this one included) with their Atomix messaging ports on 127.0.0.1.
     *
     * @return member id to port, in the order given; empty without a cluster
     */
    public Map<String, Integer> clusterMembers() {
        return clusterMembers;
    }

    /**
     * Returns the external Atomix storage nodes the instance joins as a client.
     *
     * @return storage node id to Atomix messaging port on 127.0.0.1, in the order given; empty
     *         without a cluster
     */
    public Map<String, Integer> storageNodes() {
        return storageNodes;
    }

    /**
     * Returns the file the instance writes its role on the switch to ({@code MASTER <generation>}
     * or {@code SLAVE <generation>}) whenever the switch confirms a role.
     *
     * @return path, or null for none
     */
    public Path roleFile() {
        return roleFile;
    }

    /**
     * Builds a {@link TestbedConfig}.
     */
    public static final class Builder {
        private DeviceId deviceId = DEFAULT_DEVICE;
        private List<PortSpec> ports = tapSpecs(DEFAULT_HOSTS, DEFAULT_TAP);
        private Path netcfg;
        private List<String> components = DEFAULT_COMPONENTS;
        private final List<ImpairmentSpec> impairments = new ArrayList<>();
        private Path readyFile;
        private long openTimeoutMillis = DEFAULT_OPEN_TIMEOUT_MILLIS;
        private Long settleMillis;
        private Integer restPort;
        private boolean tapPorts = true;
        private int openflowPort = DEFAULT_OPENFLOW_PORT;
        private List<String> switchTaps = List.of();
        private String clusterMember;
        private final Map<String, Integer> clusterMembers = new LinkedHashMap<>();
        private final Map<String, Integer> storageNodes = new LinkedHashMap<>();
        private Path roleFile;

        private Builder() {
        }

        private static List<PortSpec> tapSpecs(List<String> namespaces, String tap) {
            List<PortSpec> list = new ArrayList<>();
            for (String ns : namespaces) {
                list.add(new PortSpec(ns, TapLink.opener(ns, tap)));
            }
            return list;
        }

        /**
         * Uses TAP {@code tap} inside each namespace as ports 1..N.
         *
         * @param namespaces namespace names (under /run/netns), port 1 first
         * @param tap TAP interface name inside each namespace
         * @return this builder
         */
        public Builder tapPorts(List<String> namespaces, String tap) {
            checkArgument(!namespaces.isEmpty(), "at least one host namespace is needed");
            this.ports = tapSpecs(namespaces, checkNotNull(tap, "tap"));
            this.tapPorts = true;
            return this;
        }

        /**
         * Uses the given ports (for example {@link org.v6proxy.testbed.io.MemoryLink}s in tests).
         *
         * @param portSpecs ports 1..N
         * @return this builder
         */
        public Builder ports(List<PortSpec> portSpecs) {
            checkArgument(!portSpecs.isEmpty(), "at least one port is needed");
            this.ports = List.copyOf(portSpecs);
            this.tapPorts = false;
            return this;
        }

        /**
         * Sets the port of the testbed's OpenFlow 1.3 controller, to which the switch (Open vSwitch)
         * connects on 127.0.0.1 (default {@link #DEFAULT_OPENFLOW_PORT}); the host TAPs are used
         * only with {@link #switchTaps}.
         *
         * @param port TCP port
         * @return this builder
         */
        public Builder openflow(int port) {
            checkArgument(port > 0 && port <= 0xffff, "OpenFlow port %s: give 1..65535", port);
            this.openflowPort = port;
            return this;
        }

        /**
         * Joins each host TAP ({@link #tapPorts}) to a TAP attached to the switch through an
         * impairer, so that impairments apply; without them the hosts' links are veths straight
         * into the switch and the host TAPs are not used.
         *
         * @param taps TAP names in the testbed's namespace, host 1 first
         * @return this builder
         */
        public Builder switchTaps(List<String> taps) {
            this.switchTaps = List.copyOf(taps);
            return this;
        }

        /**
         * Sets the device id.
         *
         * @param id device id
         * @return this builder
         */
        public Builder deviceId(DeviceId id) {
            this.deviceId = checkNotNull(id, "id");
            return this;
        }

        /**
         * Sets the netcfg JSON file.
         *
         * @param file path, or null for none
         * @return this builder
         */
        public Builder netcfg(Path file) {
            this.netcfg = file;
            return this;
        }

        /**
         * Sets the components to activate, in order (empty: the switch forwards everything).
         *
         * @param classNames binary class names
         * @return this builder
         */
        public Builder components(List<String> classNames) {
            this.components = List.copyOf(classNames);
            return this;
        }

        /**
         * Adds an egress impairment.
         *
         * @param spec impairment; its port selects one port, 0 all
         * @return this builder
         */
        public Builder impairment(ImpairmentSpec spec) {
            impairments.add(checkNotNull(spec, "spec"));
            return this;
        }

        /**
         * Sets the file written once all ports are open and the components active.
         *
         * @param file path, or null for none
         * @return this builder
         */
        public Builder readyFile(Path file) {
            this.readyFile = file;
            return this;
        }

        /**
         * Sets how long opening all ports may take.
         *
         * @param millis milliseconds
         * @return this builder
         */
        public Builder openTimeoutMillis(long millis) {
            checkArgument(millis > 0, "timeout must be positive");
            this.openTimeoutMillis = millis;
            return this;
        }

        /**
         * Sets the pause between attaching the ports and activating the components
         * (default {@link #DEFAULT_TAP_SETTLE_MILLIS} for TAP ports, 0 for others).
         *
         * @param millis milliseconds, 0 for none
         * @return this builder
         */
        public Builder settleMillis(long millis) {
            checkArgument(millis >= 0, "settle time must not be negative");
            this.settleMillis = millis;
            return this;
        }

        /**
         * Sets where the REST API (the web module's resources under /onos/v6proxy) listens
         * (default {@link #REST_FREE_PORT} for TAP ports, {@link #REST_OFF} for others).
         *
         * @param port a port on 127.0.0.1 (1..65535), {@link #REST_FREE_PORT} or {@link #REST_OFF}
         * @return this builder
         */
        public Builder restPort(int port) {
            checkArgument(port >= REST_FREE_PORT && port <= 0xffff,
                          "REST port %s: give 1..65535, %s (off) or %s (any free port)", port, REST_OFF,
                          REST_FREE_PORT);
            this.restPort = port;
            return this;
        }

        /**
         * Makes the testbed one instance of a cluster, laid out as ONOS 2.x in production: an
         * Atomix client of separate storage nodes that hold the Raft groups (the instance holds
         * no Raft state), with storage, cluster, leadership and mastership services on Atomix,
         * and the role on the OpenFlow switch that the device's election gives it.
         *
         * @param member this instance's member id, one of {@code instances}
         * @param instances instance member id to Atomix messaging port on 127.0.0.1
         * @param storage storage node id to Atomix messaging port on 127.0.0.1 (three, so one may die)
         * @return this builder
         */
        public Builder cluster(String member, Map<String, Integer> instances, Map<String, Integer> storage) {
            checkArgument(instances.containsKey(checkNotNull(member, "member")), "member %s is not one of %s",
                          member, instances.keySet());
            checkArgument(!checkNotNull(storage, "storage nodes").isEmpty(), "a cluster instance needs storage nodes");
            for (Map.Entry<String, Integer> e : storage.entrySet()) {
                checkArgument(!instances.containsKey(e.getKey()) && !instances.containsValue(e.getValue()),
                              "storage node %s=%s clashes with an instance of %s", e.getKey(), e.getValue(),
                              instances);
            }
            this.clusterMember = member;
            this.clusterMembers.clear();
            this.clusterMembers.putAll(instances);
            this.storageNodes.clear();
            this.storageNodes.putAll(storage);
            return this;
        }

        /**
         * Sets the file the instance writes its confirmed role on the switch to.
         *
         * @param file path, or null for none
         * @return this builder
         */
        public Builder roleFile(Path file) {
            this.roleFile = file;
            return this;
        }

        /**
         * Builds the config.
         *
         * @return config
         */
        public TestbedConfig build() {
            checkArgument(switchTaps.isEmpty() || switchTaps.size() == ports.size(),
                          "%s switch TAPs for %s hosts", switchTaps.size(), ports.size());
            checkArgument(impairments.isEmpty() || !switchTaps.isEmpty(),
                          "impairments need the hosts joined to the switch through impairers (switch TAPs)");
            for (ImpairmentSpec s : impairments) {
                checkArgument(s.port() <= ports.size(), "impairment port=%s: there are only %s ports", s.port(),
                              ports.size());
            }
            return new TestbedConfig(this);
        }
    }
}
