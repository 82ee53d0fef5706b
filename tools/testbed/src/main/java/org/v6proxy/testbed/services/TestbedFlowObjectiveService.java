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

import org.onosproject.net.DeviceId;
import org.onosproject.net.flowobjective.FilteringObjective;
import org.onosproject.net.flowobjective.FlowObjectiveServiceAdapter;
import org.onosproject.net.flowobjective.ForwardingObjective;
import org.onosproject.net.flowobjective.NextObjective;
import org.onosproject.net.flowobjective.Objective;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records flow objectives and reports each as successful to its context.
 */
public final class TestbedFlowObjectiveService extends FlowObjectiveServiceAdapter {

    private final List<Objective> objectives = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

    @Override
    public void filter(DeviceId deviceId, FilteringObjective objective) {
        record(objective);
    }

    @Override
    public void forward(DeviceId deviceId, ForwardingObjective objective) {
        record(objective);
    }

    @Override
    public void next(DeviceId deviceId, NextObjective objective) {
        record(objective);
    }

    @Override
    public int allocateNextId() {
        return nextId.getAndIncrement();
    }

    private void record(Objective objective) {
        objectives.add(objective);
        objective.context().ifPresent(c -> c.onSuccess(objective));
    }

    /**
     * Returns every objective received, in order.
     *
     * @return objectives
     */
    public List<Objective> objectives() {
        return List.copyOf(objectives);
    }
}
