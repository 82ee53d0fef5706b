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

import org.onosproject.cluster.ClusterServiceAdapter;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.NodeId;
import org.onosproject.core.Version;

/**
 * A one-node cluster: the local node ({@code local}, 127.0.0.1) is the only one and ready.
 */
public final class TestbedClusterService extends ClusterServiceAdapter {

    @Override
    public ControllerNode getNode(NodeId nodeId) {
        return getLocalNode().id().equals(nodeId) ? getLocalNode() : null;
    }

    @Override
    public ControllerNode.State getState(NodeId nodeId) {
        return getLocalNode().id().equals(nodeId) ? ControllerNode.State.READY : ControllerNode.State.INACTIVE;
    }

    @Override
    public Version getVersion(NodeId nodeId) {
        return TestbedCoreService.VERSION;
    }
}
