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

import io.atomix.cluster.ClusterMembershipEvent;
import io.atomix.cluster.ClusterMembershipEventListener;
import io.atomix.cluster.ClusterMembershipService;
import io.atomix.cluster.Member;
import org.onosproject.cluster.ClusterEvent;
import org.onosproject.cluster.ClusterEventListener;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.DefaultControllerNode;
import org.onosproject.cluster.Node;
import org.onosproject.cluster.NodeId;
import org.onosproject.core.Version;
import org.onosproject.event.ListenerRegistry;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * ONOS's ClusterService from Atomix membership: the nodes are the members that are
 * application instances; a member is ACTIVE while Atomix reports it reachable and INACTIVE
 * once it is unreachable or gone, with a ClusterEvent on each change.
 */
public final class AtomixClusterService implements ClusterService {
    /** The ONOS release whose cluster this stands in for. */
    public static final Version VERSION = Version.version("2.7.0");

    private final ClusterMembershipService membership;
    private final ControllerNode local;
    private final Map<NodeId, ControllerNode.State> states = new ConcurrentHashMap<>();
    private final Map<NodeId, Instant> updated = new ConcurrentHashMap<>();
    private final ListenerRegistry<ClusterEvent, ClusterEventListener> listeners = new ListenerRegistry<>();
    private final ClusterMembershipEventListener watcher = this::membershipChanged;

    /**
     * Creates the service on a running member.
     *
     * @param member the local member
     */
    public AtomixClusterService(ClusterMember member) {
        membership = checkNotNull(member, "member").atomix().getMembershipService();
        local = node(membership.getLocalMember());
        membership.addListener(watcher);
        for (Member m : membership.getMembers()) {
            setState(node(m), m.isReachable() ? ControllerNode.State.ACTIVE : ControllerNode.State.INACTIVE);
        }
        setState(local, ControllerNode.State.ACTIVE);
    }

    /**
     * Stops following membership.
     */
    public void close() {
        membership.removeListener(watcher);
    }

    private static ControllerNode node(Member m) {
        return new DefaultControllerNode(NodeId.nodeId(m.id().id()), m.address().host(), m.address().port());
    }

    private static boolean isInstance(Member m) {
        return ClusterMember.TYPE_ONOS.equals(m.properties().getProperty(ClusterMember.TYPE_KEY));
    }

    private void membershipChanged(ClusterMembershipEvent event) {
        Member m = event.subject();
        if (!isInstance(m)) {
            return;
        }
        ControllerNode node = node(m);
        switch (event.type()) {
            case MEMBER_ADDED:
                listeners.process(new ClusterEvent(ClusterEvent.Type.INSTANCE_ADDED, node));
                setState(node, ControllerNode.State.ACTIVE);
                break;
            case REACHABILITY_CHANGED:
                setState(node, m.isReachable() ? ControllerNode.State.ACTIVE : ControllerNode.State.INACTIVE);
                break;
            case MEMBER_REMOVED:
                setState(node, ControllerNode.State.INACTIVE);
                listeners.process(new ClusterEvent(ClusterEvent.Type.INSTANCE_REMOVED, node));
                break;
            default:
                break;
        }
    }

    private void setState(ControllerNode node, ControllerNode.State state) {
        ControllerNode.State old = states.put(node.id(), state);
        if (old == state) {
            return;
        }
        updated.put(node.id(), Instant.now());
        if (old != null || state == ControllerNode.State.ACTIVE) {
            listeners.process(new ClusterEvent(state == ControllerNode.State.INACTIVE
                    ? ClusterEvent.Type.INSTANCE_DEACTIVATED : ClusterEvent.Type.INSTANCE_ACTIVATED, node));
        }
    }

    @Override
    public ControllerNode getLocalNode() {
        return local;
    }

    @Override
    public Set<ControllerNode> getNodes() {
        return membership.getMembers().stream().filter(AtomixClusterService::isInstance)
                .map(AtomixClusterService::node).collect(Collectors.toSet());
    }

    @Override
    public Set<Node> getConsensusNodes() {
        throw new UnsupportedOperationException("v6proxy-cluster: getConsensusNodes is not used by v6proxy");
    }

    @Override
    public ControllerNode getNode(NodeId nodeId) {
        Member m = membership.getMember(checkNotNull(nodeId, "node id").id());
        return m == null ? null : node(m);
    }

    @Override
    public ControllerNode.State getState(NodeId nodeId) {
        ControllerNode.State s = states.get(checkNotNull(nodeId, "node id"));
        return s == null ? ControllerNode.State.INACTIVE : s;
    }

    @Override
    public Version getVersion(NodeId nodeId) {
        return getNode(nodeId) == null ? null : VERSION;
    }

    @Override
    public Instant getLastUpdatedInstant(NodeId nodeId) {
        return updated.get(checkNotNull(nodeId, "node id"));
    }

    @Override
    public void addListener(ClusterEventListener listener) {
        listeners.addListener(listener);
    }

    @Override
    public void removeListener(ClusterEventListener listener) {
        listeners.removeListener(listener);
    }
}
