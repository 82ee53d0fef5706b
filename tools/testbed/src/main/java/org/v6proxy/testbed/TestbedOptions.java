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
import org.v6proxy.testbed.impair.ImpairmentSpec;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command-line options of the testbed.
 */
public final class TestbedOptions {

    /** Default log file. */
    public static final String DEFAULT_LOG = "/tmp/v6p-testbed.log";

    /** Usage text. */
    public static final String USAGE = String.join(
            "\n",
            "usage: java -jar v6proxy-testbed.jar [options] [NETCFG.json]",
            "  --netcfg FILE        network config JSON, as onos-netcfg takes it (also positional);",
            "                       re-applied when the file changes (polled every 500 ms) or on SIGHUP",
            "  --hosts NS,NS,...    namespaces of ports 1..N (default v6p-h1,v6p-h2,v6p-h3,v6p-h4)",
            "  --tap NAME           TAP interface inside each namespace (default eth0)",
            "  --components LIST    component classes to activate, comma-separated, or 'none'",
            "                       (default " + String.join(",", TestbedConfig.DEFAULT_COMPONENTS) + ";",
            "                       classes not on the class path are skipped)",
            "  --impair SPEC        impairment of the frames toward the hosts, repeatable, e.g.",
            "                       loss=2%,duplicate=1%,reorder=1%,delay=2ms,seed=7[,port=N]",
            "                       (needs --switch-taps)",
            "  --log FILE           log file (default " + DEFAULT_LOG + "; '-' for stderr)",
            "  --log-level LEVEL    trace|debug|info|warn|error (default info)",
            "  --ready FILE         written once the switch is connected, the components active and the",
            "                       REST API up",
            "  --rest PORT          serve the REST API at http://127.0.0.1:PORT/onos/v6proxy/ (default "
                    + TestbedConfig.DEFAULT_REST_PORT + ";",
            "                       loopback only, no authentication; a port in use fails the start)",
            "  --no-rest            no REST API (same as --rest 0)",
            "  --device ID          device id (default of:0000000000000001)",
            "  --openflow PORT      listen on 127.0.0.1:PORT for the switch (Open vSwitch, OpenFlow 1.3;",
            "                       default " + TestbedConfig.DEFAULT_OPENFLOW_PORT + ")",
            "  --switch-taps T,...  join each host's TAP to TAP T (attached to the switch) through an",
            "                       impairer, so that --impair applies (without it the hosts' links are",
            "                       veths into the switch and --hosts/--tap are not used)",
            "  --cluster ID=PORT,...  run as one instance of a cluster of these instances (Atomix",
            "                       messaging ports on 127.0.0.1, this one included): an Atomix client of",
            "                       the --storage nodes, services on Atomix, the role on the switch from",
            "                       the device's election (needs --member and --storage)",
            "  --member ID          this instance's member id in --cluster",
            "  --storage ID=PORT,...  the Atomix storage nodes (ONOS 2.x's production layout: they hold",
            "                       the Raft groups, three so one may die; the instances hold no Raft state)",
            "  --storage-node ID    run storage node ID of --storage instead of a testbed: a Raft member of",
            "                       the 'system' and 'raft' groups and no app (uses --cluster-data, --ready,",
            "                       --role-file for its Raft roles, --device for the election's partition, --log)",
            "  --cluster-data DIR   where a storage node keeps its Raft files (default: a temporary directory)",
            "  --role-file FILE     written with MASTER|SLAVE and the generation id whenever the switch",
            "                       confirms a role (a storage node: its role and term in each Raft",
            "                       partition, every 100 ms, and the partition of the device's election)",
            "  --help               this text");

    private Path netcfg;
    private List<String> hosts = TestbedConfig.DEFAULT_HOSTS;
    private String tap = TestbedConfig.DEFAULT_TAP;
    private List<String> components = TestbedConfig.DEFAULT_COMPONENTS;
    private final List<ImpairmentSpec> impairments = new ArrayList<>();
    private String log = DEFAULT_LOG;
    private String logLevel = "info";
    private Path ready;
    private DeviceId deviceId;
    private int restPort = TestbedConfig.DEFAULT_REST_PORT;
    private boolean help;
    private int openflowPort = TestbedConfig.DEFAULT_OPENFLOW_PORT;
    private List<String> switchTaps = List.of();
    private final Map<String, Integer> cluster = new LinkedHashMap<>();
    private String member;
    private Path clusterData;
    private Path roleFile;
    private final Map<String, Integer> storage = new LinkedHashMap<>();
    private String storageNode;

    private TestbedOptions() {
    }

    /**
     * Parses the command line.
     *
     * @param args arguments
     * @return options
     * @throws IllegalArgumentException naming the bad option
     */
    public static TestbedOptions parse(String... args) {
        TestbedOptions o = new TestbedOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help":
                case "-h":
                    o.help = true;
                    break;
                case "--netcfg":
                    o.netcfg = Paths.get(value(args, ++i, a));
                    break;
                case "--hosts":
                    o.hosts = list(value(args, ++i, a));
                    if (o.hosts.isEmpty()) {
                        throw new IllegalArgumentException("--hosts: at least one namespace is needed");
                    }
                    break;
                case "--tap":
                    o.tap = value(args, ++i, a);
                    break;
                case "--components":
                    String c = value(args, ++i, a);
                    o.components = c.equals("none") ? List.of() : list(c);
                    break;
                case "--impair":
                    o.impairments.add(ImpairmentSpec.parse(value(args, ++i, a)));
                    break;
                case "--log":
                    o.log = value(args, ++i, a);
                    break;
                case "--log-level":
                    o.logLevel = value(args, ++i, a).toLowerCase(Locale.ROOT);
                    if (!o.logLevel.matches("trace|debug|info|warn|error")) {
                        throw new IllegalArgumentException("--log-level: unknown level " + o.logLevel);
                    }
                    break;
                case "--ready":
                    o.ready = Paths.get(value(args, ++i, a));
                    break;
                case "--rest":
                    o.restPort = port("--rest", value(args, ++i, a));
                    break;
                case "--no-rest":
                    o.restPort = TestbedConfig.REST_OFF;
                    break;
                case "--openflow":
                    o.openflowPort = port("--openflow", value(args, ++i, a));
                    if (o.openflowPort == 0) {
                        throw new IllegalArgumentException("--openflow: PORT must be 1..65535, not 0");
                    }
                    break;
                case "--switch-taps":
                    o.switchTaps = list(value(args, ++i, a));
                    break;
                case "--cluster":
                    members(a, value(args, ++i, a), o.cluster);
                    break;
                case "--storage":
                    members(a, value(args, ++i, a), o.storage);
                    break;
                case "--storage-node":
                    o.storageNode = value(args, ++i, a);
                    break;
                case "--member":
                    o.member = value(args, ++i, a);
                    break;
                case "--cluster-data":
                    o.clusterData = Paths.get(value(args, ++i, a));
                    break;
                case "--role-file":
                    o.roleFile = Paths.get(value(args, ++i, a));
                    break;
                case "--device":
                    o.deviceId = DeviceId.deviceId(value(args, ++i, a));
                    break;
                default:
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    if (o.netcfg != null) {
                        throw new IllegalArgumentException("more than one netcfg file: " + o.netcfg + " and " + a);
                    }
                    o.netcfg = Paths.get(a);
            }
        }
        if (o.storageNode != null) {
            if (!o.storage.containsKey(o.storageNode)) {
                throw new IllegalArgumentException("--storage-node " + o.storageNode + " is not in --storage "
                                                           + o.storage.keySet());
            }
            if (!o.cluster.isEmpty() || o.member != null) {
                throw new IllegalArgumentException("--storage-node runs no instance: no --cluster or --member");
            }
            return o;
        }
        if (o.clusterData != null) {
            throw new IllegalArgumentException("--cluster-data is a storage node's (--storage-node)");
        }
        if (!o.storage.isEmpty() && o.member == null) {
            throw new IllegalArgumentException("--storage needs --cluster and --member (or --storage-node)");
        }
        if (o.storage.isEmpty() && o.member != null) {
            throw new IllegalArgumentException("--cluster needs --storage (the instances are Atomix clients of"
                                                       + " storage nodes)");
        }
        for (Map.Entry<String, Integer> s : o.storage.entrySet()) {
            if (o.cluster.containsKey(s.getKey()) || o.cluster.containsValue(s.getValue())) {
                throw new IllegalArgumentException("--storage: " + s.getKey() + "=" + s.getValue()
                                                           + " clashes with an instance of --cluster " + o.cluster);
            }
        }
        if (o.cluster.isEmpty() != (o.member == null)) {
            throw new IllegalArgumentException("--cluster and --member go together");
        }
        if (o.member != null && !o.cluster.containsKey(o.member)) {
            throw new IllegalArgumentException("--member " + o.member + " is not in --cluster " + o.cluster.keySet());
        }
        return o;
    }

    /** Parses ID=PORT,... into {@code into}; each id once, no port 0. */
    private static void members(String option, String csv, Map<String, Integer> into) {
        for (String m : list(csv)) {
            String[] kv = m.split("=", 2);
            if (kv.length != 2 || kv[0].isEmpty()) {
                throw new IllegalArgumentException(option + ": '" + m + "' is not ID=PORT");
            }
            int p = port(option, kv[1]);
            if (p == 0 || into.put(kv[0], p) != null) {
                throw new IllegalArgumentException(option + ": member " + kv[0] + " twice or on port 0");
            }
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int port(String option, String text) {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException(option + ": PORT must be 1..65535, or 0 for none, not " + text);
        }
        return port;
    }

    private static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    /**
     * Returns the testbed config these options describe.
     *
     * @return config
     */
    public TestbedConfig config() {
        TestbedConfig.Builder b = TestbedConfig.builder().tapPorts(hosts, tap).netcfg(netcfg)
                .components(components).readyFile(ready).restPort(restPort)
                .openflow(openflowPort).switchTaps(switchTaps);
        if (deviceId != null) {
            b.deviceId(deviceId);
        }
        if (member != null) {
            b.cluster(member, cluster, storage);
        }
        b.roleFile(roleFile);
        impairments.forEach(b::impairment);
        return b.build();
    }

    /**
     * Returns the storage node this process is to run instead of a testbed.
     *
     * @return its id in {@link #storageNodes()}, or null for a testbed
     */
    public String storageNode() {
        return storageNode;
    }

    /**
     * Returns the storage nodes of {@code --storage}.
     *
     * @return id to Atomix messaging port on 127.0.0.1, in the order given
     */
    public Map<String, Integer> storageNodes() {
        return Collections.unmodifiableMap(storage);
    }

    /**
     * Returns the Raft data directory of {@code --cluster-data}.
     *
     * @return directory, or null
     */
    public Path clusterData() {
        return clusterData;
    }

    /**
     * Returns the file of {@code --role-file}.
     *
     * @return path, or null
     */
    public Path roleFile() {
        return roleFile;
    }

    /**
     * Returns the file of {@code --ready}.
     *
     * @return path, or null
     */
    public Path ready() {
        return ready;
    }

    /**
     * Returns the device of {@code --device}.
     *
     * @return device id, or null for the default
     */
    public DeviceId deviceId() {
        return deviceId;
    }

    /**
     * Returns whether help was asked for.
     *
     * @return true for --help
     */
    public boolean help() {
        return help;
    }

    /**
     * Returns the log file.
     *
     * @return path, or "-" for stderr
     */
    public String log() {
        return log;
    }

    /**
     * Returns the log level.
     *
     * @return level name
     */
    public String logLevel() {
        return logLevel;
    }
}
