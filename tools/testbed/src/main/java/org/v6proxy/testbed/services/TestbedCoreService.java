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

import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.core.IdGenerator;
import org.onosproject.core.Version;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Application registry: one {@link DefaultApplicationId} per name, numbered from 1 in
 * registration order; id generators count from 1.
 */
public final class TestbedCoreService extends CoreServiceAdapter {

    /** The ONOS version the app is built against. */
    public static final Version VERSION = Version.version("2.7.0");

    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<String, ApplicationId> byName = new ConcurrentHashMap<>();
    private final Map<String, IdGenerator> generators = new ConcurrentHashMap<>();

    @Override
    public Version version() {
        return VERSION;
    }

    @Override
    public Set<ApplicationId> getAppIds() {
        return Set.copyOf(byName.values());
    }

    @Override
    public ApplicationId getAppId(Short id) {
        return byName.values().stream().filter(a -> a.id() == id).findFirst().orElse(null);
    }

    @Override
    public ApplicationId getAppId(String name) {
        return byName.get(name);
    }

    @Override
    public ApplicationId registerApplication(String name) {
        checkNotNull(name, "name");
        return byName.computeIfAbsent(name, n -> new DefaultApplicationId(nextId.getAndIncrement(), n));
    }

    @Override
    public ApplicationId registerApplication(String name, Runnable preDeactivate) {
        return registerApplication(name);
    }

    @Override
    public IdGenerator getIdGenerator(String topic) {
        return generators.computeIfAbsent(topic, t -> {
            AtomicLong next = new AtomicLong(1);
            return next::getAndIncrement;
        });
    }
}
