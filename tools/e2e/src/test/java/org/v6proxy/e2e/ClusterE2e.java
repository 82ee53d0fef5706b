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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Assume;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster suite's fixture: three Atomix storage nodes (the Raft members) and three app
 * instances (each a testbed JVM, an Atomix client and an OpenFlow controller of the switch)
 * brought up, killed and taken down with the demo's own commands ({@code tools/demo/up
 * --instances 3}, {@code kill-instance}, {@code kill-storage}, {@code down}), on a topology of
 * their own beside the demo's and the single-instance suite's: namespaces {@value #NAME}-h1..4,
 * bridge {@value #NAME}-br, OpenFlow ports 6663..6665, REST ports {@value #REST}..{@value #REST}+2,
 * instances' Atomix ports 9886..9888, storage nodes' Atomix ports 9896..9898 (the demo's are
 * 6653+, 8181+, 9876+ and 5679..5681), run files under {@value #RUN}.
 * The Open vSwitch daemons are the suite's shared ones. Skipped as a normal user; as root where
 * the suite is required (CI) a cluster that cannot come up fails every test, as {@link E2e} does.
 */
final class ClusterE2e {
    static final String NAME = "v6pc";
    static final String H1 = NAME + "-h1";
    static final String H2 = NAME + "-h2";
    static final String H3 = NAME + "-h3";
    static final String H4 = NAME + "-h4";
    static final int INSTANCES = 3;
    static final int REST = 8191;
    static final String RUN = "/run/v6pc";
    private static final String[] ENV = {"V6P_NAME=" + NAME, "V6P_RUN=" + RUN, "V6P_OVS_RUN=/run/v6proxy/ovs",
                                         "V6P_OF_PORT=6663", "V6P_CLUSTER_PORT=9886",
                                         "V6P_STORAGE_PORT=9896",
                                         "V6P_LOG=/tmp/" + NAME + "-testbed.log"};
    private static final Pattern KILLED = Pattern.compile("killed instance (\\d+)");
    private static final Pattern KILLED_STORAGE = Pattern.compile("killed storage node (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static String unavailable;
    private static boolean hooked;

    private ClusterE2e() {
    }

    /**
     * Brings three instances up: after an instance's kill only that one starts again and rejoins
     * (tools/demo/up's rejoin), after a storage node's kill everything restarts, so each scenario
     * starts with three instances and three storage nodes; or skips / fails the calling test as
     * the class comment says.
     */
    static synchronized void upThree() {
        if (unavailable == null) {
            unavailable = E2e.why();
        }
        if (unavailable == null) {
            if (!hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(ClusterE2e::down));
            }
            long start = System.nanoTime();
            Cmd.Result r = demo(400, "up", "--instances", "" + INSTANCES, "--rest", "" + REST, netcfg());
            if (r.exit != 0) {
                unavailable = "tools/demo/up --instances 3 failed: " + r;
            } else {
                System.out.printf("cluster: 3 instances up in %d ms, roles %s%n",
                                  (System.nanoTime() - start) / 1_000_000, roles());
            }
        }
        if (unavailable != null) {
            System.out.println("*** v6proxy cluster end-to-end suite "
                                       + (E2e.isRoot() && E2e.required() ? "FAILED" : "SKIPPED") + ": " + unavailable);
            if (E2e.isRoot() && E2e.required()) {
                throw new AssertionError("v6proxy cluster end-to-end suite required here (CI=true or"
                                                 + " v6proxy.e2e.required) but it cannot run: " + unavailable);
            }
        }
        Assume.assumeTrue(unavailable, unavailable == null);
    }

    /** Stops every instance and removes the topology (tools/demo/down). */
    static void down() {
        if (E2e.why() == null) {
            demo(120, "down");
        }
    }

    private static String netcfg() {
        try {
            return Paths.get(ClusterE2e.class.getResource("/e2e-netcfg.json").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cmd.Result demo(int timeoutSec, String command, String... args) {
        String root = System.getProperty("v6proxy.root", "../..");
        List<String> argv = new ArrayList<>(List.of("env"));
        argv.addAll(List.of(ENV));
        argv.add(Paths.get(root, "tools", "demo", command).toString());
        argv.addAll(List.of(args));
        return Cmd.run(null, timeoutSec, argv.toArray(new String[0]));
    }

    /**
     * Kills an instance with tools/demo/kill-instance.
     *
     * @param which instance number or "master"
     * @return the number of the instance killed
     */
    static int kill(String which) {
        return killWith("kill-instance", KILLED, which);
    }

    /**
     * Kills a storage node with tools/demo/kill-storage.
     *
     * @param which storage node number or "leader" (of the election's Raft partition)
     * @return the number of the storage node killed
     */
    static int killStorage(String which) {
        return killWith("kill-storage", KILLED_STORAGE, which);
    }

    /** Runs a demo kill command and returns the number its output names as killed. */
    private static int killWith(String command, Pattern killed, String which) {
        Cmd.Result r = demo(30, command, which);
        Matcher m = killed.matcher(r.out());
        if (r.exit != 0 || !m.find()) {
            throw new AssertionError(command + " " + which + " failed: " + r);
        }
        System.out.println("cluster: " + r.out().trim());
        return Integer.parseInt(m.group(1));
    }

    /**
     * Returns what storage node k last reported: its Raft role per partition and the partition
     * of the switch's election.
     *
     * @param k storage node number
     * @return the lines of its role file, or "" when none
     */
    static String storageRoles(int k) {
        try {
            return Files.readString(Paths.get(RUN, "storage-" + k + ".role"), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Returns the role instance i last confirmed on the switch.
     *
     * @param i instance number
     * @return "MASTER 2", "SLAVE 1", or "" when none
     */
    static String role(int i) {
        try {
            return Files.readString(Paths.get(RUN, "instance-" + i + ".role"), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Returns whether instance i's process runs.
     *
     * @param i instance number
     * @return true while alive
     */
    static boolean alive(int i) {
        long pid = pid(i);
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Returns the pid instance i was last started with.
     *
     * @param i instance number
     * @return pid, or -1 when there is none
     */
    static long pid(int i) {
        try {
            return Long.parseLong(Files.readString(Paths.get(RUN, "instance-" + i + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Returns the live instance holding MASTER with the newest generation.
     *
     * @return instance number and generation, if any
     */
    static Optional<int[]> master() {
        int[] best = null;
        for (int i = 1; i <= INSTANCES; i++) {
            String[] r = role(i).split(" ");
            if (alive(i) && r.length == 2 && r[0].equals("MASTER")) {
                int gen = Integer.parseInt(r[1]);
                if (best == null || gen > best[1]) {
                    best = new int[]{i, gen};
                }
            }
        }
        return Optional.ofNullable(best);
    }

    static List<String> roles() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= INSTANCES; i++) {
            out.add(i + "=" + (alive(i) ? role(i) : "dead"));
        }
        return out;
    }

    /**
     * Waits until a live instance other than {@code dead} confirmed MASTER with a newer generation.
     *
     * @param dead the killed master
     * @param generation its generation
     * @param timeoutMs how long
     * @return the new master's number, or -1
     */
    static int awaitNewMaster(int dead, int generation, long timeoutMs) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            Optional<int[]> m = master();
            if (m.isPresent() && m.get()[0] != dead && m.get()[1] > generation) {
                return m.get()[0];
            }
            E2e.sleep(20);
        }
        return -1;
    }

    /**
     * Reads GET /onos/v6proxy/connections of instance i.
     *
     * @param i instance number
     * @return the "connections" array
     * @throws IOException when the instance does not answer 200
     */
    static JsonNode connections(int i) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (REST + i - 1)
                                                                    + "/onos/v6proxy/connections"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> r;
        try {
            r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (r.statusCode() != 200) {
            throw new IOException("instance " + i + ": GET connections answered " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("connections");
    }

    /**
     * Returns the services of the connections instance i lists, one entry per connection.
     *
     * @param i instance
     * @return service names
     * @throws IOException when it does not answer
     */
    static List<String> services(int i) throws IOException {
        List<String> out = new ArrayList<>();
        connections(i).forEach(c -> out.add(c.get("service").asText()));
        return out;
    }

    /**
     * Returns a file of the run directory (for messages).
     *
     * @param name file name
     * @return path
     */
    static Path runFile(String name) {
        return Paths.get(RUN, name);
    }
}
