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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigListener;
import org.onosproject.net.config.NetworkConfigRegistryAdapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory network config registry that behaves like ONOS's for one
 * app config: configs are created by the registered factory, validated on
 * apply (an invalid one is refused with the validation message) and changes
 * are posted to listeners synchronously. Shared by several managers it plays
 * the cluster-wide network config.
 */
class TestConfigRegistry extends NetworkConfigRegistryAdapter {
    private final Map<Class<?>, ConfigFactory<?, ?>> factories = new ConcurrentHashMap<>();
    private final Map<Class<?>, Config<?>> configs = new ConcurrentHashMap<>();
    private final List<NetworkConfigListener> listeners = new CopyOnWriteArrayList<>();
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public void registerConfigFactory(ConfigFactory configFactory) {
        factories.put(configFactory.configClass(), configFactory);
    }

    @Override
    public void unregisterConfigFactory(ConfigFactory configFactory) {
        factories.remove(configFactory.configClass());
    }

    @Override
    public void addListener(NetworkConfigListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(NetworkConfigListener listener) {
        listeners.remove(listener);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> C getConfig(S subject, Class<C> configClass) {
        return (C) configs.get(configClass);
    }

    @Override
    public <S, C extends Config<S>> C applyConfig(S subject, Class<C> configClass, JsonNode json) {
        C config = build(subject, configClass, json);
        if (!config.isValid()) {
            throw new IllegalArgumentException("Configuration is invalid");
        }
        return store(configClass, config);
    }

    /**
     * Stores a config without validating it, as if it came from a path that
     * does not check (the manager must still refuse it).
     *
     * @param subject subject
     * @param configClass class
     * @param json JSON text
     * @param <S> subject type
     * @param <C> config type
     * @return the config
     */
    <S, C extends Config<S>> C applyUnchecked(S subject, Class<C> configClass, String json) {
        try {
            return store(configClass, build(subject, configClass, mapper.readTree(json)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Applies config JSON text with validation.
     *
     * @param subject subject
     * @param configClass class
     * @param json JSON text
     * @param <S> subject type
     * @param <C> config type
     * @return the config
     */
    <S, C extends Config<S>> C apply(S subject, Class<C> configClass, String json) {
        try {
            return applyConfig(subject, configClass, mapper.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <S, C extends Config<S>> void removeConfig(S subject, Class<C> configClass) {
        if (configs.remove(configClass) != null) {
            post(new NetworkConfigEvent(NetworkConfigEvent.Type.CONFIG_REMOVED, subject, configClass));
        }
    }

    @SuppressWarnings("unchecked")
    private <S, C extends Config<S>> C build(S subject, Class<C> configClass, JsonNode json) {
        ConfigFactory<S, C> factory = (ConfigFactory<S, C>) factories.get(configClass);
        if (factory == null) {
            throw new IllegalStateException("no factory for " + configClass);
        }
        C config = factory.createConfig();
        config.init(subject, factory.configKey(), json.deepCopy(), mapper, c -> { });
        return config;
    }

    private <S, C extends Config<S>> C store(Class<C> configClass, C config) {
        boolean existed = configs.put(configClass, config) != null;
        post(new NetworkConfigEvent(existed ? NetworkConfigEvent.Type.CONFIG_UPDATED
                                            : NetworkConfigEvent.Type.CONFIG_ADDED,
                                    config.subject(), configClass));
        return config;
    }

    private void post(NetworkConfigEvent event) {
        for (NetworkConfigListener l : listeners) {
            if (l.isRelevant(event)) {
                l.event(event);
            }
        }
    }
}
