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

import org.onosproject.mastership.MastershipEvent;
import org.onosproject.net.DeviceId;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * One cluster member as a process: a Raft member of the cluster named on the command line
 * that runs for mastership of the given devices and reports on standard output. Made to be
 * started (and SIGKILLed) by tests and tools; it ends when its standard input closes, so it
 * never outlives the process that started it.
 * <pre>
 *   java ... org.v6proxy.cluster.MemberMain ID m1=PORT,m2=PORT,m3=PORT [DEVICE,...]
 * </pre>
 * Output lines: {@code READY <id>} once joined and a candidate for every device;
 * {@code MASTER <device> <node> <term>} on each change of master; {@code HEAP <bytes>} (heap in
 * use after a GC) in answer to an input line {@code heap}.
 */
public final class MemberMain {

    private MemberMain() {
    }

    /**
     * Runs a member until standard input closes.
     *
     * @param args member id, members as id=port list, optional device ids
     * @throws IOException when the data directory cannot be made
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: MemberMain ID m1=PORT,m2=PORT,m3=PORT [DEVICE,...]");
            System.exit(2);
        }
        String id = args[0];
        ClusterMember.Builder b = ClusterMember.builder(id);
        int localPort = -1;
        for (String m : args[1].split(",")) {
            String[] kv = m.split("=", 2);
            if (kv.length != 2) {
                System.err.println("member '" + m + "' is not ID=PORT");
                System.exit(2);
            }
            int port = Integer.parseInt(kv[1]);
            b.member(kv[0], port);
            if (kv[0].equals(id)) {
                localPort = port;
            }
        }
        List<DeviceId> devices = new ArrayList<>();
        if (args.length > 2) {
            for (String d : args[2].split(",")) {
                devices.add(DeviceId.deviceId(d));
            }
        }
        File data = Files.createTempDirectory("v6p-cluster-" + id).toFile();
        data.deleteOnExit();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // Standard input is the lifeline: read it from the start, so a member that is still
        // joining also ends with its starter.
        Thread lifeline = new Thread(() -> serve(out), "v6p-member-stdin");
        lifeline.setDaemon(true);
        lifeline.start();
        ClusterMember member;
        try {
            member = b.dataDirectory(data).start(localPort);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("member " + id + " did not start: " + e.getMessage());
            Runtime.getRuntime().halt(1);
            return;
        }
        AtomixLeadershipService leadership = new AtomixLeadershipService(member);
        AtomixMastershipService mastership = new AtomixMastershipService(leadership);
        mastership.addListener(e -> {
            if (e.type() == MastershipEvent.Type.MASTER_CHANGED) {
                out.println("MASTER " + e.subject() + " " + e.mastershipInfo().master().map(Object::toString)
                        .orElse("-") + " " + e.mastershipInfo().term());
            }
        });
        for (DeviceId d : devices) {
            mastership.requestRoleFor(d).join();
        }
        out.println("READY " + id);
    }

    private static void serve(PrintStream out) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if ("heap".equals(line.trim())) {
                    Runtime rt = Runtime.getRuntime();
                    System.gc();
                    out.println("HEAP " + (rt.totalMemory() - rt.freeMemory()));
                }
            }
        } catch (IOException e) {
            // The starter is gone: same as end of input.
            out.flush();
        }
        // The starter is gone or done: leave at once (a test's cleanup, not a graceful shutdown).
        Runtime.getRuntime().halt(0);
    }
}
