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
package org.v6proxy.testbed.services;

import org.onosproject.cluster.Leader;
import org.onosproject.cluster.Leadership;
import org.onosproject.cluster.LeadershipServiceAdapter;
import org.onosproject.cluster.NodeId;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Leadership in a one-node cluster: whoever runs for a topic is its leader (term 1).
 */
public final class TestbedLeadershipService extends LeadershipServiceAdapter {

    private final NodeId local;
    private final Map<String, Leadership> topics = new ConcurrentHashMap<>();

    /**
     * Creates the service.
     *
     * @param local the local node
     */
    public TestbedLeadershipService(NodeId local) {
        this.local = checkNotNull(local, "local");
    }

    @Override
    public NodeId getLeader(String path) {
        Leadership l = topics.get(path);
        return l == null ? null : l.leaderNodeId();
    }

    @Override
    public Leadership getLeadership(String path) {
        return topics.get(path);
    }

    @Override
    public Set<String> ownedTopics(NodeId nodeId) {
        return local.equals(nodeId) ? Set.copyOf(topics.keySet()) : Set.of();
    }

    @Override
    public Leadership runForLeadership(String path) {
        return topics.computeIfAbsent(path, p -> new Leadership(p, new Leader(local, 1, System.currentTimeMillis()),
                                                                 List.of(local)));
    }

    @Override
    public void withdraw(String path) {
        topics.remove(path);
    }

    @Override
    public List<NodeId> getCandidates(String path) {
        return topics.containsKey(path) ? List.of(local) : List.of();
    }
}
