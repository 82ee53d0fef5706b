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

import com.google.common.collect.ImmutableList;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowEntry;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperation;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleServiceAdapter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the flow rules the app installs (the testbed does not match them against frames:
 * every frame is a packet-in). Installed rules are reported back as ADDED entries.
 */
public final class TestbedFlowRuleService extends FlowRuleServiceAdapter {

    private final Map<FlowRule, FlowEntry> rules = new ConcurrentHashMap<>();

    @Override
    public int getFlowRuleCount() {
        return rules.size();
    }

    @Override
    public FlowEntry getFlowEntry(FlowRule rule) {
        return rules.get(rule);
    }

    @Override
    public Iterable<FlowEntry> getFlowEntries(DeviceId deviceId) {
        return rules.values().stream().filter(e -> e.deviceId().equals(deviceId))
                .collect(ImmutableList.toImmutableList());
    }

    @Override
    public void applyFlowRules(FlowRule... flowRules) {
        for (FlowRule r : flowRules) {
            rules.put(r, new DefaultFlowEntry(r, FlowEntry.FlowEntryState.ADDED));
        }
    }

    @Override
    public void removeFlowRules(FlowRule... flowRules) {
        for (FlowRule r : flowRules) {
            rules.remove(r);
        }
    }

    @Override
    public void purgeFlowRules(DeviceId deviceId) {
        rules.keySet().removeIf(r -> r.deviceId().equals(deviceId));
    }

    @Override
    public void purgeFlowRules(DeviceId deviceId, ApplicationId appId) {
        rules.keySet().removeIf(r -> r.deviceId().equals(deviceId) && r.appId() == appId.id());
    }

    @Override
    public void removeFlowRulesById(ApplicationId appId) {
        rules.keySet().removeIf(r -> r.appId() == appId.id());
    }

    @Override
    public Iterable<FlowEntry> getFlowEntriesById(ApplicationId appId) {
        return rules.values().stream().filter(e -> e.appId() == appId.id())
                .collect(ImmutableList.toImmutableList());
    }

    @Override
    public void apply(FlowRuleOperations ops) {
        for (Set<FlowRuleOperation> stage : ops.stages()) {
            for (FlowRuleOperation op : stage) {
                if (op.type() == FlowRuleOperation.Type.REMOVE) {
                    rules.remove(op.rule());
                } else {
                    rules.put(op.rule(), new DefaultFlowEntry(op.rule(), FlowEntry.FlowEntryState.ADDED));
                }
            }
        }
        if (ops.callback() != null) {
            ops.callback().onSuccess(ops);
        }
    }

    /**
     * Returns the rules installed now.
     *
     * @return rules
     */
    public List<FlowRule> installed() {
        return List.copyOf(rules.keySet());
    }
}
