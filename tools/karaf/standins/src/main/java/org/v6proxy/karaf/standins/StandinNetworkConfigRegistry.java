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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableSet;
import org.onosproject.core.CoreService;
import org.onosproject.event.ListenerRegistry;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigListener;
import org.onosproject.net.config.NetworkConfigRegistry;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.config.SubjectFactory;
import org.onosproject.net.config.basics.SubjectFactories;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.onosproject.net.config.NetworkConfigEvent.Type.CONFIG_ADDED;
import static org.onosproject.net.config.NetworkConfigEvent.Type.CONFIG_REGISTERED;
import static org.onosproject.net.config.NetworkConfigEvent.Type.CONFIG_REMOVED;
import static org.onosproject.net.config.NetworkConfigEvent.Type.CONFIG_UNREGISTERED;
import static org.onosproject.net.config.NetworkConfigEvent.Type.CONFIG_UPDATED;

/**
 * NetworkConfigRegistry stand-in: an in-memory config store with ONOS's semantics where the app
 * relies on them. A config is validated when applied (invalid ones are refused and the old one
 * stays); JSON for a config key whose factory is not registered yet is held and becomes a config
 * when the factory registers; listeners get CONFIG_ADDED/UPDATED/REMOVED. At activation it loads
 * {@code ${karaf.etc}/network-cfg.json} ({@code {"apps": {"org.v6proxy": {"v6proxy": {...}}}}}),
 * as ONOS's NetworkConfigLoader loads config/network-cfg.json.
 */
@Component(immediate = true, service = {NetworkConfigRegistry.class, NetworkConfigService.class})
public class StandinNetworkConfigRegistry implements NetworkConfigRegistry {

    private static final String INITIAL_CONFIG = "network-cfg.json";

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final ObjectMapper mapper = new ObjectMapper();
    private final ListenerRegistry<NetworkConfigEvent, NetworkConfigListener> listeners = new ListenerRegistry<>();

    private final Map<Class<?>, ConfigFactory> factories = new LinkedHashMap<>();
    private final Map<Object, Map<Class<?>, Config>> configs = new LinkedHashMap<>();
    /** JSON waiting for its factory, by subject class key, subject key and config key. */
    private final Map<List<String>, JsonNode> pending = new LinkedHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;

    @Activate
    protected void activate() {
        // The app subject factory turns "org.v6proxy" into an ApplicationId through CoreService.
        SubjectFactories.setCoreService(coreService);
        String etc = System.getProperty("karaf.etc");
        File file = new File(etc == null ? "etc" : etc, INITIAL_CONFIG);
        if (file.isFile()) {
            try {
                loadInitial(mapper.readTree(file));
                log.info("Loaded {}", file);
            } catch (IOException | RuntimeException e) {
                log.error("Cannot load {}", file, e);
            }
        }
        log.info("Started");
    }

    private void loadInitial(JsonNode root) {
        root.fields().forEachRemaining(sc -> sc.getValue().fields().forEachRemaining(
                s -> s.getValue().fields().forEachRemaining(
                        c -> holdOrApply(sc.getKey(), s.getKey(), c.getKey(), c.getValue()))));
    }

    @SuppressWarnings("unchecked")
    private void holdOrApply(String subjectClassKey, String subjectKey, String configKey, JsonNode json) {
        ConfigFactory factory = factoryFor(subjectClassKey, configKey);
        if (factory == null) {
            synchronized (this) {
                pending.put(List.of(subjectClassKey, subjectKey, configKey), json);
            }
            return;
        }
        applyConfig(factory.subjectFactory().createSubject(subjectKey), factory.configClass(), json);
    }

    private synchronized ConfigFactory factoryFor(String subjectClassKey, String configKey) {
        return factories.values().stream()
                .filter(f -> f.subjectFactory().subjectClassKey().equals(subjectClassKey)
                        && f.configKey().equals(configKey))
                .findFirst().orElse(null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void registerConfigFactory(ConfigFactory configFactory) {
        Map<String, JsonNode> ready = new LinkedHashMap<>();
        synchronized (this) {
            factories.put(configFactory.configClass(), configFactory);
            Iterator<Map.Entry<List<String>, JsonNode>> it = pending.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<List<String>, JsonNode> e = it.next();
                if (e.getKey().get(0).equals(configFactory.subjectFactory().subjectClassKey())
                        && e.getKey().get(2).equals(configFactory.configKey())) {
                    ready.put(e.getKey().get(1), e.getValue());
                    it.remove();
                }
            }
        }
        listeners.process(new NetworkConfigEvent(CONFIG_REGISTERED, configFactory.configKey(),
                                                 configFactory.configClass()));
        ready.forEach((subjectKey, json) -> {
            try {
                applyConfig(configFactory.subjectFactory().createSubject(subjectKey),
                            configFactory.configClass(), json);
            } catch (RuntimeException e) {
                log.error("Held config {}/{} refused: {}", subjectKey, configFactory.configKey(), e.getMessage());
            }
        });
    }

    @Override
    public void unregisterConfigFactory(ConfigFactory configFactory) {
        synchronized (this) {
            factories.remove(configFactory.configClass());
        }
        listeners.process(new NetworkConfigEvent(CONFIG_UNREGISTERED, configFactory.configKey(),
                                                 configFactory.configClass()));
    }

    @Override
    public synchronized Set<ConfigFactory> getConfigFactories() {
        return ImmutableSet.copyOf(factories.values());
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <S, C extends Config<S>> Set<ConfigFactory<S, C>> getConfigFactories(Class<S> subjectClass) {
        return factories.values().stream()
                .filter(f -> f.subjectFactory().subjectClass().equals(subjectClass))
                .map(f -> (ConfigFactory<S, C>) f)
                .collect(Collectors.toSet());
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <S, C extends Config<S>> ConfigFactory<S, C> getConfigFactory(Class<C> configClass) {
        return (ConfigFactory<S, C>) factories.get(configClass);
    }

    @Override
    public synchronized Set<Class> getSubjectClasses() {
        return configs.keySet().stream().map(Object::getClass).collect(Collectors.toSet());
    }

    @Override
    public synchronized SubjectFactory getSubjectFactory(String subjectClassKey) {
        return factories.values().stream().map(ConfigFactory::subjectFactory)
                .filter(f -> f.subjectClassKey().equals(subjectClassKey)).findFirst().orElse(null);
    }

    @Override
    public synchronized SubjectFactory getSubjectFactory(Class subjectClass) {
        return factories.values().stream().map(ConfigFactory::subjectFactory)
                .filter(f -> f.subjectClass().equals(subjectClass)).findFirst().orElse(null);
    }

    @Override
    public synchronized Class<? extends Config> getConfigClass(String subjectClassKey, String configKey) {
        ConfigFactory f = factoryFor(subjectClassKey, configKey);
        return f == null ? null : f.configClass();
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <S> Set<S> getSubjects(Class<S> subjectClass) {
        return configs.keySet().stream().filter(subjectClass::isInstance).map(s -> (S) s)
                .collect(Collectors.toSet());
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <S, C extends Config<S>> Set<S> getSubjects(Class<S> subjectClass, Class<C> configClass) {
        return configs.entrySet().stream()
                .filter(e -> subjectClass.isInstance(e.getKey()) && e.getValue().containsKey(configClass))
                .map(e -> (S) e.getKey()).collect(Collectors.toSet());
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <S> Set<? extends Config<S>> getConfigs(S subject) {
        Map<Class<?>, Config> m = configs.get(subject);
        return m == null ? ImmutableSet.of()
                : m.values().stream().map(c -> (Config<S>) c).collect(Collectors.toSet());
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <S, C extends Config<S>> C getConfig(S subject, Class<C> configClass) {
        Map<Class<?>, Config> m = configs.get(subject);
        return m == null ? null : (C) m.get(configClass);
    }

    @Override
    public <S, C extends Config<S>> C addConfig(S subject, Class<C> configClass) {
        C existing = getConfig(subject, configClass);
        return existing != null ? existing : applyConfig(subject, configClass, mapper.createObjectNode());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> C applyConfig(S subject, Class<C> configClass, JsonNode json) {
        ConfigFactory<S, C> factory = getConfigFactory(configClass);
        if (factory == null) {
            throw new IllegalArgumentException("no config factory for " + configClass.getName());
        }
        C config = factory.createConfig();
        config.init(subject, factory.configKey(), json.deepCopy(), mapper,
                    c -> applyConfig((S) c.subject(), (Class<C>) c.getClass(), c.node()));
        if (!config.isValid()) {
            throw new IllegalArgumentException("invalid " + factory.configKey() + " config: " + json);
        }
        Config previous;
        synchronized (this) {
            previous = configs.computeIfAbsent(subject, s -> new HashMap<>()).put(configClass, config);
        }
        listeners.process(new NetworkConfigEvent(previous == null ? CONFIG_ADDED : CONFIG_UPDATED,
                                                 subject, config, previous, configClass));
        return config;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> C applyConfig(String subjectClassKey, S subject, String configKey,
                                                   JsonNode json) {
        ConfigFactory factory = factoryFor(subjectClassKey, configKey);
        if (factory == null) {
            synchronized (this) {
                pending.put(List.of(subjectClassKey, subject.toString(), configKey), json);
            }
            return null;
        }
        return (C) applyConfig(subject, (Class<C>) factory.configClass(), json);
    }

    @Override
    public <S, C extends Config<S>> void removeConfig(S subject, Class<C> configClass) {
        removeWhere(subject::equals, configClass::equals);
    }

    @Override
    public <S> void removeConfig(String subjectClassKey, S subject, String configKey) {
        Class<? extends Config> configClass = getConfigClass(subjectClassKey, configKey);
        synchronized (this) {
            pending.remove(List.of(subjectClassKey, subject.toString(), configKey));
        }
        if (configClass != null) {
            removeWhere(subject::equals, configClass::equals);
        }
    }

    @Override
    public <S> void removeConfig(S subject) {
        removeWhere(subject::equals, c -> true);
    }

    @Override
    public <S> void removeConfig() {
        synchronized (this) {
            pending.clear();
        }
        removeWhere(s -> true, c -> true);
    }

    private void removeWhere(Predicate<Object> subjects, Predicate<Class<?>> classes) {
        List<NetworkConfigEvent> events = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<Object, Map<Class<?>, Config>> e : configs.entrySet()) {
                if (!subjects.test(e.getKey())) {
                    continue;
                }
                e.getValue().entrySet().removeIf(c -> {
                    if (classes.test(c.getKey())) {
                        events.add(new NetworkConfigEvent(CONFIG_REMOVED, e.getKey(), null, c.getValue(),
                                                          c.getKey()));
                        return true;
                    }
                    return false;
                });
            }
            configs.values().removeIf(Map::isEmpty);
        }
        events.forEach(listeners::process);
    }

    @Override
    public void addListener(NetworkConfigListener listener) {
        listeners.addListener(Objects.requireNonNull(listener));
    }

    @Override
    public void removeListener(NetworkConfigListener listener) {
        listeners.removeListener(listener);
    }
}
