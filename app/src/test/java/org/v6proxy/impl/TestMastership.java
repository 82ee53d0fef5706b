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
package org.v6proxy.impl;

import org.onosproject.cluster.NodeId;
import org.onosproject.mastership.MastershipServiceAdapter;
import org.onosproject.net.DeviceId;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Mastership of every device: this instance's (the default), another
 * instance's, or nobody's, as a test sets it.
 */
class TestMastership extends MastershipServiceAdapter {
    private static final NodeId LOCAL = NodeId.nodeId("local");
    private static final NodeId OTHER = NodeId.nodeId("other");

    /** Whether this instance masters the devices (where the clients' packets arrive). */
    final AtomicBoolean master = new AtomicBoolean(true);
    /** When not master: whether another instance is (false: the devices have no master at all). */
    final AtomicBoolean masterElsewhere = new AtomicBoolean(true);

    @Override
    public boolean isLocalMaster(DeviceId deviceId) {
        return master.get();
    }

    @Override
    public NodeId getMasterFor(DeviceId deviceId) {
        return master.get() ? LOCAL : masterElsewhere.get() ? OTHER : null;
    }
}
