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

import com.google.common.collect.ImmutableMap;
import org.onosproject.cluster.Leadership;
import org.onosproject.cluster.LeadershipEvent;
import org.onosproject.cluster.LeadershipEventListener;
import org.onosproject.cluster.NodeId;
import org.onosproject.cluster.RoleInfo;
import org.onosproject.event.ListenerRegistry;
import org.onosproject.mastership.MastershipEvent;
import org.onosproject.mastership.MastershipInfo;
import org.onosproject.mastership.MastershipListener;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * ONOS's MastershipService as ONOS's mastership store builds it: one election per device
 * (topic {@code device:<id>}); its leader is the MASTER, the other candidates are STANDBY in
 * candidate order, and every other node has no role. A change of leader is a MASTER_CHANGED
 * event, a change of candidates only a BACKUPS_CHANGED one.
 */
public final class AtomixMastershipService implements MastershipService {
    private static final String TOPIC_PREFIX = "device:";

    private final AtomixLeadershipService leadership;
    private final NodeId local;
    private final ListenerRegistry<MastershipEvent, MastershipListener> listeners = new ListenerRegistry<>();
    private final LeadershipEventListener watcher = this::leadershipChanged;

    /**
     * Creates the service.
     *
     * @param leadership the leadership service of the same member
     */
    public AtomixMastershipService(AtomixLeadershipService leadership) {
        this.leadership = checkNotNull(leadership, "leadership");
        this.local = leadership.localNodeId();
        leadership.addListener(watcher);
    }

    /**
     * Stops following elections.
     */
    public void close() {
        leadership.removeListener(watcher);
    }

    /**
     * Returns the leadership topic of a device's mastership election.
     *
     * @param device device id
     * @return topic
     */
    static String topic(DeviceId device) {
        return TOPIC_PREFIX + checkNotNull(device, "device id");
    }

    private static DeviceId device(String topic) {
        return topic.startsWith(TOPIC_PREFIX) ? DeviceId.deviceId(topic.substring(TOPIC_PREFIX.length())) : null;
    }

    private void leadershipChanged(LeadershipEvent event) {
        DeviceId device = device(event.subject().topic());
        if (device == null) {
            return;
        }
        MastershipEvent.Type type = event.type() == LeadershipEvent.Type.CANDIDATES_CHANGED
                ? MastershipEvent.Type.BACKUPS_CHANGED : MastershipEvent.Type.MASTER_CHANGED;
        listeners.process(new MastershipEvent(type, device, info(event.subject())));
    }

    private static MastershipInfo info(Leadership l) {
        ImmutableMap.Builder<NodeId, MastershipRole> roles = ImmutableMap.builder();
        NodeId master = l == null ? null : l.leaderNodeId();
        if (master != null) {
            roles.put(master, MastershipRole.MASTER);
        }
        if (l != null) {
            l.candidates().stream().filter(n -> !n.equals(master)).forEach(n -> roles.put(n, MastershipRole.STANDBY));
        }
        long term = l == null || l.leader() == null ? 0 : l.leader().term();
        return new MastershipInfo(term, Optional.ofNullable(master), roles.build());
    }

    private static MastershipRole role(Leadership l, NodeId node) {
        if (l == null) {
            return MastershipRole.NONE;
        }
        if (node.equals(l.leaderNodeId())) {
            return MastershipRole.MASTER;
        }
        return l.candidates().contains(node) ? MastershipRole.STANDBY : MastershipRole.NONE;
    }

    @Override
    public MastershipRole getLocalRole(DeviceId deviceId) {
        return role(leadership.getLeadership(topic(deviceId)), local);
    }

    @Override
    public CompletableFuture<MastershipRole> requestRoleFor(DeviceId deviceId) {
        String topic = topic(deviceId);
        return CompletableFuture.supplyAsync(() -> role(leadership.runForLeadership(topic), local));
    }

    @Override
    public CompletableFuture<Void> relinquishMastership(DeviceId deviceId) {
        String topic = topic(deviceId);
        return CompletableFuture.runAsync(() -> leadership.withdraw(topic));
    }

    @Override
    public NodeId getMasterFor(DeviceId deviceId) {
        Leadership l = leadership.getLeadership(topic(deviceId));
        return l == null ? null : l.leaderNodeId();
    }

    @Override
    public RoleInfo getNodesFor(DeviceId deviceId) {
        Leadership l = leadership.getLeadership(topic(deviceId));
        NodeId master = l == null ? null : l.leaderNodeId();
        List<NodeId> backups = l == null ? List.of()
                : l.candidates().stream().filter(n -> !n.equals(master)).collect(Collectors.toList());
        return new RoleInfo(master, backups);
    }

    @Override
    public MastershipInfo getMastershipFor(DeviceId deviceId) {
        return info(leadership.getLeadership(topic(deviceId)));
    }

    @Override
    public Set<DeviceId> getDevicesOf(NodeId nodeId) {
        return leadership.ownedTopics(nodeId).stream().map(AtomixMastershipService::device)
                .filter(Objects::nonNull).collect(Collectors.toSet());
    }

    @Override
    public void addListener(MastershipListener listener) {
        listeners.addListener(listener);
    }

    @Override
    public void removeListener(MastershipListener listener) {
        listeners.removeListener(listener);
    }
}
