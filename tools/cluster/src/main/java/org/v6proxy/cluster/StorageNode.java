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

import io.atomix.primitive.partition.Partition;
import io.atomix.primitive.partition.PartitionGroup;
import io.atomix.primitive.partition.PartitionId;
import io.atomix.primitive.partition.Partitioner;
import io.atomix.protocols.raft.RaftServer;
import io.atomix.protocols.raft.partition.RaftPartition;
import org.onosproject.net.DeviceId;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * An Atomix storage node: a Raft member of the {@value ClusterMember#SYSTEM_GROUP} and
 * {@value ClusterMember#DATA_GROUP} groups that runs no application (ONOS 2.x's separate Atomix
 * processes; the instances join as {@linkplain ClusterMember.Builder#client() clients}). It
 * reports, for tools that kill "the leader", the Raft role it holds in each partition and which
 * partition holds each device's mastership election.
 */
public final class StorageNode implements AutoCloseable {
    private final ClusterMember member;

    private StorageNode(ClusterMember member) {
        this.member = member;
    }

    /**
     * Starts a storage node and waits until its partitions have a quorum (until enough of the
     * other storage nodes run too).
     *
     * @param id this node's id, one of {@code members}
     * @param members the storage nodes (Raft members) with their messaging ports on 127.0.0.1
     * @param dataDir where Raft keeps its files
     * @return the running node
     * @throws IllegalStateException when it cannot join within a minute
     * @throws IllegalArgumentException when {@code id} is not among {@code members}
     */
    public static StorageNode start(String id, Map<String, Integer> members, File dataDir) {
        Integer port = checkNotNull(members, "members").get(checkNotNull(id, "id"));
        if (port == null) {
            throw new IllegalArgumentException("storage node " + id + " is not in " + members.keySet());
        }
        ClusterMember.Builder b = ClusterMember.builder(id).storageNode().dataDirectory(dataDir);
        members.forEach(b::member);
        return new StorageNode(b.start(port));
    }

    /**
     * Returns the partition that holds the mastership election of a device: Atomix places a
     * primitive by the Murmur3 hash of its name over the group's sorted partition ids
     * (MultiRaftProtocol's default partitioner), and the election is one primitive per device.
     *
     * @param device device id
     * @param partitionIds the data group's partition ids
     * @return partition id
     */
    public static PartitionId electionPartition(DeviceId device, List<PartitionId> partitionIds) {
        List<PartitionId> sorted = new ArrayList<>(partitionIds);
        sorted.sort(null);
        return Partitioner.MURMUR3.partition(AtomixLeadershipService.primitiveName(
                AtomixMastershipService.topic(device)), sorted);
    }

    /**
     * Returns this node's status, one line each: {@code <group>-<n> <ROLE> <term>} for each Raft
     * partition it serves (ROLE is Atomix's: LEADER, FOLLOWER, CANDIDATE, ..., or UNKNOWN), then
     * {@code election <device> <group>-<n>} for each device given.
     *
     * @param devices devices whose election partition to name
     * @return lines
     */
    public List<String> status(List<DeviceId> devices) {
        List<String> lines = new ArrayList<>();
        PartitionGroup system = member.atomix().getPartitionService().getSystemPartitionGroup();
        PartitionGroup data = member.atomix().getPartitionService().getPartitionGroup(ClusterMember.DATA_GROUP);
        for (PartitionGroup g : List.of(system, data)) {
            for (Partition p : g.getPartitions()) {
                RaftServer server = server(p);
                lines.add(name(p.id()) + " " + (server == null ? "UNKNOWN 0"
                        : server.getRole() + " " + server.cluster().getTerm()));
            }
        }
        for (DeviceId d : devices) {
            lines.add("election " + d + " " + name(electionPartition(d, data.getPartitionIds())));
        }
        return lines;
    }

    /**
     * Writes {@link #status} to a file atomically (a reader sees the old or the new content).
     *
     * @param file status file
     * @param devices devices whose election partition to name
     * @throws IOException when it cannot be written
     */
    public void writeStatus(Path file, List<DeviceId> devices) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, (String.join("\n", status(devices)) + "\n").getBytes(StandardCharsets.US_ASCII));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String name(PartitionId id) {
        return id.group() + "-" + id.id();
    }

    /**
     * Returns the Raft server of a partition this node serves. Atomix 3.1.9 exposes a partition's
     * server role only inside RaftPartition (private fields {@code server} of RaftPartition and
     * of RaftPartitionServer); the client side's view of the leader ({@link Partition#primary()})
     * is refreshed only by sessions, which a storage node does not hold.
     */
    private static RaftServer server(Partition p) {
        if (!(p instanceof RaftPartition)) {
            return null;
        }
        try {
            Object partitionServer = field(RaftPartition.class, "server").get(p);
            if (partitionServer == null) {
                return null;
            }
            return (RaftServer) field(partitionServer.getClass(), "server").get(partitionServer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /**
     * Returns the underlying member.
     *
     * @return member
     */
    public ClusterMember member() {
        return member;
    }

    /**
     * Leaves the cluster in order.
     */
    @Override
    public void close() {
        member.close();
    }
}
