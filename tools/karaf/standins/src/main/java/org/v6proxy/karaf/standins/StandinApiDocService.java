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
import org.onosproject.rest.ApiDocProvider;
import org.onosproject.rest.ApiDocService;
import org.osgi.service.component.annotations.Component;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ApiDocService stand-in (ONOS's ApiDocManager is in onos-rest, a web application of its own):
 * the registry of REST API documentation providers, by key.
 */
@Component(immediate = true, service = ApiDocService.class)
public class StandinApiDocService implements ApiDocService {

    private final Map<String, ApiDocProvider> providers = new ConcurrentHashMap<>();

    @Override
    public void register(ApiDocProvider provider) {
        providers.put(provider.key(), provider);
    }

    @Override
    public void unregister(ApiDocProvider provider) {
        providers.remove(provider.key());
    }

    @Override
    public Set<ApiDocProvider> getDocProviders() {
        return ImmutableSet.copyOf(providers.values());
    }

    @Override
    public ApiDocProvider getDocProvider(String key) {
        return providers.get(key);
    }
}
