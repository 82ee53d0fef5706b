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
package org.v6proxy.cluster;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Cluster members as child JVMs ({@link MemberMain}) on free loopback ports, for tests that
 * kill one with SIGKILL. Every child ends when this closes, when the test JVM ends (its
 * standard input closes) or at the latest through a shutdown hook.
 */
final class MemberProcesses implements AutoCloseable {

    /** One output line of a member and when it arrived. */
    static final class Line {
        final String text;
        final long nanos;

        Line(String text, long nanos) {
            this.text = text;
            this.nanos = nanos;
        }
    }

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, BlockingQueue<Line>> lines = new LinkedHashMap<>();
    private final Thread hook = new Thread(this::destroyAll, "v6p-member-cleanup");
    private final File logDir;
    private final File dataDir;

    /**
     * Starts members m1..mN (not waiting for them to join).
     *
     * @param n members
     * @param devices devices every member runs for (comma-separated, or empty)
     * @param logDir where each member's standard error goes (Raft files go next to it, in cluster-data)
     */
    MemberProcesses(int n, String devices, File logDir) throws IOException {
        for (int i = 1; i <= n; i++) {
            ports.put("m" + i, freePort());
        }
        Runtime.getRuntime().addShutdownHook(hook);
        logDir.mkdirs();
        File dataDir = new File(logDir.getParentFile(), "cluster-data");
        dataDir.mkdirs();
        this.logDir = logDir;
        this.dataDir = dataDir;
        for (String id : ports.keySet()) {
            List<String> args = new ArrayList<>(List.of(id, members()));
            if (!devices.isEmpty()) {
                args.add(devices);
            }
            start(id, MemberMain.class.getName(), args);
        }
    }

    /**
     * Returns the members as MemberMain's and ClusterMember's id=port list.
     *
     * @return list
     */
    String members() {
        return ports.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /**
     * Starts one more child JVM (e.g. an application instance) with this JVM's class path and
     * options; it is killed like the members.
     *
     * @param id its name (log file, {@link #await}, {@link #kill})
     * @param mainClass class to run
     * @param mainArgs its arguments
     */
    void start(String id, String mainClass, List<String> mainArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + "/bin/java");
        // The same --add-opens (and properties) as this JVM: Atomix needs them in the child too.
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--add-opens") || a.startsWith("-Dio.netty") || a.startsWith("-Dv6proxy")) {
                cmd.add(a);
                if ("--add-opens".equals(a) && i + 1 < args.size()) {
                    cmd.add(args.get(++i));
                }
            }
        }
        cmd.add("-Xmx256m");
        // A killed member cannot delete its Raft directory: keep it under the build's target.
        cmd.add("-Djava.io.tmpdir=" + dataDir.getAbsolutePath());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(mainArgs);
        Process p = new ProcessBuilder(cmd).redirectError(new File(logDir, id + ".log")).start();
        processes.put(id, p);
        BlockingQueue<Line> q = new LinkedBlockingQueue<>();
        lines.put(id, q);
        Thread reader = new Thread(() -> read(p, q), "v6p-member-out-" + id);
        reader.setDaemon(true);
        reader.start();
    }

    private static void read(Process p, BlockingQueue<Line> q) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                                                                          StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                q.add(new Line(l, System.nanoTime()));
            }
        } catch (IOException e) {
            // The member died: its output ends here.
            return;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Returns the members and their ports.
     *
     * @return id to port
     */
    Map<String, Integer> ports() {
        return ports;
    }

    /**
     * Waits for a member's next output line that starts with a prefix.
     *
     * @param id member
     * @param prefix line prefix
     * @param timeoutMillis how long to wait
     * @return the line, or null on timeout or when the member died
     */
    Line await(String id, String prefix, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        BlockingQueue<Line> q = lines.get(id);
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Line l = q.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (l != null && l.text.startsWith(prefix)) {
                return l;
            }
            if (l == null && !processes.get(id).isAlive() && q.isEmpty()) {
                return null;
            }
        }
    }

    /**
     * Asks a member for its heap in use after a GC.
     *
     * @param id member
     * @return bytes
     */
    long heap(String id) throws InterruptedException {
        try {
            OutputStream in = processes.get(id).getOutputStream();
            in.write("heap\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Line l = await(id, "HEAP ", 30_000);
        if (l == null) {
            throw new IllegalStateException("member " + id + " did not report its heap");
        }
        return Long.parseLong(l.text.substring(5).trim());
    }

    /**
     * Kills a member with SIGKILL (Process.destroyForcibly on Linux) and waits for it to be gone.
     *
     * @param id member
     * @return System.nanoTime() just before the signal
     */
    long kill(String id) throws InterruptedException {
        Process p = processes.get(id);
        long t = System.nanoTime();
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return t;
    }

    /**
     * Returns whether a member runs.
     *
     * @param id member
     * @return true while alive
     */
    boolean alive(String id) {
        return processes.get(id).isAlive();
    }

    private void destroyAll() {
        for (Process p : processes.values()) {
            p.destroyForcibly();
        }
        for (Process p : processes.values()) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs anyway.
            return;
        }
    }
}
