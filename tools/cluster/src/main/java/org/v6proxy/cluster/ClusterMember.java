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

import io.atomix.cluster.Node;
import io.atomix.cluster.discovery.BootstrapDiscoveryProvider;
import io.atomix.core.Atomix;
import io.atomix.core.AtomixBuilder;
import io.atomix.primitive.Recovery;
import io.atomix.protocols.raft.MultiRaftProtocol;
import io.atomix.protocols.raft.partition.RaftPartitionGroup;
import io.atomix.storage.StorageLevel;
import org.onosproject.cluster.NodeId;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One member of an Atomix cluster on loopback, set up as an ONOS 2.7 node without external
 * storage nodes sets itself up (AtomixManager's "test mode"): every instance is a member of the
 * Raft management group {@value #SYSTEM_GROUP} (one partition) and of the Raft data group
 * {@value #DATA_GROUP} (one partition per member, each on all members), so a cluster of three
 * keeps a quorum when one member dies. A member built {@linkplain Builder#client() as a client}
 * joins the membership and uses the primitives without holding Raft state, and a member built
 * {@linkplain Builder#storageNode() as a storage node} holds Raft state and runs no application:
 * ONOS 2.x's production layout, where separate Atomix processes form the Raft cluster and the
 * ONOS instances join it as clients (tools/demo/up --instances N).
 *
 * <p>Timing that bounds a failover (see docs/bench/cluster.md):
 * <ul>
 * <li>{@link #SESSION_TIMEOUT}: a leader election's Raft session expires this long after the
 *     last keep-alive of a dead member; its leadership then passes to the next candidate. The
 *     client sends keep-alives at about half this interval.</li>
 * <li>Raft's own election timeout is fixed by Atomix 3.1.9's partition server at 2.5 s plus a
 *     random 0..2.5 s, with 250 ms heartbeats; it is paid when the dead member led the Raft
 *     partition that holds the election, and it is not configurable through the partition
 *     group.</li>
 * <li>Membership is Atomix's default SWIM protocol (probes every second, failure timeout
 *     10 s): it decides when ClusterService reports a member INACTIVE, not who is master.</li>
 * </ul>
 */
public final class ClusterMember implements AutoCloseable {
    /** Raft management (system) partition group, as ONOS names it. */
    public static final String SYSTEM_GROUP = "system";
    /** Raft partition group holding maps and elections, as ONOS names it. */
    public static final String DATA_GROUP = "raft";
    /** Member property naming an application instance, as ONOS's cluster store reads it. */
    public static final String TYPE_KEY = "type";
    /** Value of {@link #TYPE_KEY} for an instance. */
    public static final String TYPE_ONOS = "onos";
    /** Value of {@link #TYPE_KEY} for a storage node (not an application instance). */
    public static final String TYPE_STORAGE = "storage";
    /**
     * Session timeout of leader elections: bounds how long a dead master keeps its devices.
     * System property {@code v6proxy.cluster.sessionTimeoutMs} overrides the 1000 ms default:
     * a member starved of CPU for longer than this loses its elections although alive.
     */
    public static final Duration SESSION_TIMEOUT = Duration.ofMillis(Long.getLong(
            "v6proxy.cluster.sessionTimeoutMs", 1000));
    /** Lower bound of the session timeout Atomix may pick (its keep-alive floor). */
    public static final Duration MIN_SESSION_TIMEOUT = Duration.ofMillis(250);
    /** Retries of an operation whose session was lost before it fails (ONOS uses 5). */
    private static final int MAX_RETRIES = 5;
    private static final long START_TIMEOUT_SECONDS = 60;

    private final String id;
    private final Atomix atomix;

    private ClusterMember(String id, Atomix atomix) {
        this.id = id;
        this.atomix = atomix;
    }

    /**
     * Returns a builder.
     *
     * @param id this member's id (also its ONOS node id)
     * @return builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * Returns the member id.
     *
     * @return id
     */
    public String id() {
        return id;
    }

    /**
     * Returns the member id as an ONOS node id.
     *
     * @return node id
     */
    public NodeId nodeId() {
        return NodeId.nodeId(id);
    }

    /**
     * Returns the running Atomix instance.
     *
     * @return atomix
     */
    public Atomix atomix() {
        return atomix;
    }

    /**
     * Returns the protocol for maps: the data group, sessions recovered after a loss.
     *
     * @return protocol
     */
    public static MultiRaftProtocol mapProtocol() {
        return MultiRaftProtocol.builder(DATA_GROUP)
                .withRecoveryStrategy(Recovery.RECOVER)
                .withMaxRetries(MAX_RETRIES)
                .build();
    }

    /**
     * Returns the protocol for leader elections: as for maps, with a short session timeout,
     * since a candidate's session outliving its process is what keeps a dead master in office.
     *
     * @return protocol
     */
    public static MultiRaftProtocol electionProtocol() {
        return MultiRaftProtocol.builder(DATA_GROUP)
                .withRecoveryStrategy(Recovery.RECOVER)
                .withMaxRetries(MAX_RETRIES)
                .withMinTimeout(MIN_SESSION_TIMEOUT)
                .withMaxTimeout(SESSION_TIMEOUT)
                .build();
    }

    /**
     * Leaves the cluster in order (an abrupt death is a killed process).
     */
    @Override
    public void close() {
        try {
            atomix.stop().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Stopping anyway: the process goes, and the others see it leave.
            return;
        }
    }

    /**
     * Builds and starts a member.
     */
    public static final class Builder {
        private final String id;
        private final Map<String, Integer> members = new LinkedHashMap<>();
        private String host = "127.0.0.1";
        private boolean raftMember = true;
        private String type = TYPE_ONOS;
        private File dataDir;

        private Builder(String id) {
            this.id = checkNotNull(id, "member id");
        }

        /**
         * Adds a member of the cluster (this one included) on the loopback host.
         *
         * @param memberId member id
         * @param port its messaging port
         * @return this
         */
        public Builder member(String memberId, int port) {
            checkArgument(port > 0 && port < 65536, "port %s of member %s out of range", port, memberId);
            members.put(checkNotNull(memberId, "member id"), port);
            return this;
        }

        /**
         * Sets the host all members listen on.
         *
         * @param address host address
         * @return this
         */
        public Builder host(String address) {
            this.host = checkNotNull(address, "host");
            return this;
        }

        /**
         * Makes this member a client: in the membership and using the primitives, but
         * holding no Raft partition (the listed members are the Raft members).
         *
         * @return this
         */
        public Builder client() {
            this.raftMember = false;
            this.type = TYPE_ONOS;
            return this;
        }

        /**
         * Makes this member a storage node: a Raft member of the listed members that is not an
         * application instance (ClusterService does not list it, as ONOS does not list its
         * Atomix nodes).
         *
         * @return this
         */
        public Builder storageNode() {
            this.raftMember = true;
            this.type = TYPE_STORAGE;
            return this;
        }

        /**
         * Sets where Raft keeps its files (segments are in memory; the directory holds metadata).
         *
         * @param dir directory
         * @return this
         */
        public Builder dataDirectory(File dir) {
            this.dataDir = checkNotNull(dir, "data directory");
            return this;
        }

        /**
         * Starts the member and waits until it has joined (a Raft member: until its partitions
         * have a quorum, i.e. until enough of the other members run too).
         *
         * @param localPort this member's messaging port (a Raft member's is in the member list)
         * @return the running member
         * @throws IllegalStateException when it cannot join within a minute
         */
        public ClusterMember start(int localPort) {
            checkArgument(!members.isEmpty(), "no members");
            checkArgument(!raftMember || members.containsKey(id), "Raft member %s is not in the member list", id);
            checkArgument(!raftMember || dataDir != null, "Raft member %s needs a data directory", id);
            List<Node> nodes = new ArrayList<>();
            members.forEach((m, p) -> nodes.add(Node.builder().withId(m).withHost(host).withPort(p).build()));
            AtomixBuilder b = Atomix.builder(ClusterMember.class.getClassLoader())
                    .withClusterId("v6proxy")
                    .withMemberId(id)
                    .withHost(host)
                    .withPort(localPort)
                    .withProperty(TYPE_KEY, type)
                    .withMembershipProvider(BootstrapDiscoveryProvider.builder()
                            .withNodes(nodes)
                            .build());
            if (raftMember) {
                List<String> raftMembers = new ArrayList<>(members.keySet());
                b.withManagementGroup(RaftPartitionGroup.builder(SYSTEM_GROUP)
                                .withNumPartitions(1)
                                .withMembers(raftMembers)
                                .withStorageLevel(StorageLevel.MEMORY)
                                .withDataDirectory(new File(dataDir, SYSTEM_GROUP))
                                .build())
                        .addPartitionGroup(RaftPartitionGroup.builder(DATA_GROUP)
                                .withNumPartitions(raftMembers.size())
                                .withPartitionSize(raftMembers.size())
                                .withMembers(raftMembers)
                                .withStorageLevel(StorageLevel.MEMORY)
                                .withDataDirectory(new File(dataDir, DATA_GROUP))
                                .build());
            }
            Atomix atomix = b.build();
            try {
                atomix.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                atomix.stop();
                throw new IllegalStateException("interrupted while member " + id + " joined", e);
            } catch (ExecutionException | TimeoutException e) {
                atomix.stop();
                throw new IllegalStateException("member " + id + " did not join the cluster " + members
                        + " within " + START_TIMEOUT_SECONDS + " s", e);
            }
            return new ClusterMember(id, atomix);
        }
    }
}
