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

package org.v6proxy.karaf.standins;

import com.google.common.collect.ImmutableSet;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.core.DefaultApplicationId;
import org.osgi.service.component.annotations.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * CoreService stand-in: registers application names with ids from 1 up, as ONOS's
 * ApplicationIdStore would.
 */
@Component(immediate = true, service = CoreService.class)
public class StandinCoreService extends CoreServiceAdapter {

    private final Map<String, ApplicationId> apps = new LinkedHashMap<>();

    @Override
    public synchronized ApplicationId registerApplication(String name) {
        return apps.computeIfAbsent(name, n -> new DefaultApplicationId(apps.size() + 1, n));
    }

    @Override
    public ApplicationId registerApplication(String name, Runnable preDeactivate) {
        return registerApplication(name);
    }

    @Override
    public synchronized ApplicationId getAppId(String name) {
        return apps.get(name);
    }

    @Override
    public synchronized ApplicationId getAppId(Short id) {
        return apps.values().stream().filter(a -> a.id() == id).findFirst().orElse(null);
    }

    @Override
    public synchronized Set<ApplicationId> getAppIds() {
        return ImmutableSet.copyOf(apps.values());
    }
}
