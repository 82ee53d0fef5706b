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

import io.atomix.primitive.partition.PartitionId;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.onosproject.cluster.NodeId;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.DeviceId;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Three storage nodes in this JVM and an application instance as their Atomix client: the
 * instance runs for a device's mastership and wins it with no Raft state of its own, the storage
 * nodes are not listed as instances, and their status names one Raft leader per partition and
 * the same partition for the device's election (what tools/demo/kill-storage reads).
 */
public class StorageNodeTest {
    private static final DeviceId DEVICE = DeviceId.deviceId("of:0000000000000001");
    private static final long WAIT_MILLIS = 30_000;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    public void storageNodesHoldRaftAndClientInstanceIsMaster() throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int k = 1; k <= 3; k++) {
            ports.put("s" + k, freePort());
        }
        List<CompletableFuture<StorageNode>> starting = new ArrayList<>();
        for (String id : ports.keySet()) {
            // All at once: each waits for a quorum of the others.
            java.io.File dir = tmp.newFolder(id);
            starting.add(CompletableFuture.supplyAsync(() -> StorageNode.start(id, ports, dir)));
        }
        List<StorageNode> nodes = new ArrayList<>();
        ClusterMember client = null;
        AtomixLeadershipService leadership = null;
        AtomixMastershipService mastership = null;
        try {
            for (CompletableFuture<StorageNode> f : starting) {
                nodes.add(f.join());
            }
            ClusterMember.Builder b = ClusterMember.builder("app1").client();
            ports.forEach(b::member);
            client = b.start(freePort());
            leadership = new AtomixLeadershipService(client);
            mastership = new AtomixMastershipService(leadership);
            mastership.requestRoleFor(DEVICE).join();
            assertEquals(NodeId.nodeId("app1"), awaitMaster(mastership));
            AtomixClusterService cluster = new AtomixClusterService(client);
            assertEquals("storage nodes are not instances",
                         List.of("app1"), cluster.getNodes().stream().map(n -> n.id().id())
                                 .collect(Collectors.toList()));
            cluster.close();

            // One LEADER per partition among the three, once the first elections have settled.
            long end = System.currentTimeMillis() + WAIT_MILLIS;
            List<List<String>> status;
            do {
                status = new ArrayList<>();
                for (StorageNode n : nodes) {
                    status.add(n.status(List.of(DEVICE)));
                }
            } while (!oneLeaderEach(status) && System.currentTimeMillis() < end && pause());
            assertTrue("one leader per partition: " + status, oneLeaderEach(status));
            List<String> partitions = status.get(0).stream().filter(l -> !l.startsWith("election"))
                    .map(l -> l.split(" ")[0]).collect(Collectors.toList());
            assertEquals(List.of("system-1", "raft-1", "raft-2", "raft-3"), partitions);

            String election = "election " + DEVICE + " "
                    + name(StorageNode.electionPartition(DEVICE, List.of(PartitionId.from("raft", 3),
                                                                          PartitionId.from("raft", 1),
                                                                          PartitionId.from("raft", 2))));
            for (List<String> s : status) {
                assertEquals(election, s.get(s.size() - 1));
            }
            Path file = tmp.getRoot().toPath().resolve("s1.role");
            nodes.get(0).writeStatus(file, List.of(DEVICE));
            assertTrue(Files.readString(file, StandardCharsets.US_ASCII).endsWith(election + "\n"));
            assertFalse(Files.exists(file.resolveSibling("s1.role.tmp")));
        } finally {
            if (mastership != null) {
                mastership.close();
            }
            if (leadership != null) {
                leadership.close();
            }
            if (client != null) {
                client.close();
            }
            nodes.forEach(StorageNode::close);
        }
    }

    private static String name(PartitionId id) {
        return id.group() + "-" + id.id();
    }

    private static NodeId awaitMaster(MastershipService mastership) {
        long end = System.currentTimeMillis() + WAIT_MILLIS;
        while (mastership.getMasterFor(DEVICE) == null && System.currentTimeMillis() < end) {
            pause();
        }
        return mastership.getMasterFor(DEVICE);
    }

    private static boolean oneLeaderEach(List<List<String>> status) {
        Map<String, Integer> leaders = new LinkedHashMap<>();
        for (List<String> s : status) {
            for (String line : s) {
                String[] f = line.split(" ");
                if (!f[0].equals("election")) {
                    leaders.merge(f[0], f[1].equals("LEADER") ? 1 : 0, Integer::sum);
                }
            }
        }
        return !leaders.isEmpty() && leaders.values().stream().allMatch(n -> n == 1);
    }

    private static boolean pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
