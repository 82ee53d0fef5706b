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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.onosproject.core.CoreService;
import org.onosproject.event.ListenerRegistry;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.ConfigApplyDelegate;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigListener;
import org.onosproject.net.config.NetworkConfigRegistryAdapter;
import org.onosproject.net.config.SubjectFactory;
import org.onosproject.net.config.basics.SubjectFactories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Network configuration from the JSON file that {@code onos-netcfg} would take
 * (<code>{"apps": {"org.v6proxy": {"v6proxy": {...}}}}</code>, any subject class key).
 * A file entry becomes a config when its factory registers (CONFIG_REGISTERED, then
 * CONFIG_ADDED); when the file changes on disk (polled every {@link #POLL_MILLIS} ms) or
 * {@link #reload()} is called, changed entries are re-applied (CONFIG_ADDED / CONFIG_UPDATED)
 * and entries gone from the file are removed (CONFIG_REMOVED). A config whose
 * {@code isValid()} is false or throws is not applied: the reason is logged and the config
 * in force (if any) stays, as ONOS rejects invalid config. Configs applied through the API
 * are validated the same way (invalid ones throw IllegalArgumentException, as in ONOS).
 */
public final class TestbedNetworkConfigService extends NetworkConfigRegistryAdapter {

    /** How often the file's modification time is checked. */
    public static final long POLL_MILLIS = 500;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final ObjectMapper mapper = new ObjectMapper();
    private final ListenerRegistry<NetworkConfigEvent, NetworkConfigListener> listeners = new ListenerRegistry<>();
    private final TestbedEventDispatcher dispatcher;
    private final Path file;
    private final ConfigApplyDelegate delegate = this::onApply;

    private final Map<Class<?>, ConfigFactory<?, ?>> factories = new LinkedHashMap<>();
    private final Map<String, SubjectFactory<?>> subjectFactoriesByKey = new ConcurrentHashMap<>();
    private final Map<Class<?>, SubjectFactory<?>> subjectFactoriesByClass = new ConcurrentHashMap<>();
    private final Map<ConfigKey, Config<?>> configs = new ConcurrentHashMap<>();
    private ObjectNode fileJson;
    private final ObjectNode pendingJson;
    private long fileStamp;
    private ScheduledExecutorService watcher;

    /** A (subject, config class) pair. */
    private static final class ConfigKey {
        final Object subject;
        final Class<?> configClass;

        ConfigKey(Object subject, Class<?> configClass) {
            this.subject = subject;
            this.configClass = configClass;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ConfigKey && ((ConfigKey) o).subject.equals(subject)
                    && ((ConfigKey) o).configClass.equals(configClass);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subject, configClass);
        }
    }

    /**
     * Creates the service.
     *
     * @param file the netcfg JSON file, or null for none
     * @param coreService resolves application subjects (ONOS's app subject factory needs it)
     * @param dispatcher delivers network config events
     * @throws IllegalArgumentException when the file cannot be read or is not a JSON object
     */
    public TestbedNetworkConfigService(Path file, CoreService coreService, TestbedEventDispatcher dispatcher) {
        this.dispatcher = checkNotNull(dispatcher, "dispatcher");
        this.file = file;
        SubjectFactories.setCoreService(checkNotNull(coreService, "coreService"));
        dispatcher.addSink(NetworkConfigEvent.class, listeners);
        pendingJson = mapper.createObjectNode();
        if (file == null) {
            fileJson = mapper.createObjectNode();
        } else {
            try {
                fileStamp = stamp();
                fileJson = readFile();
            } catch (IOException e) {
                throw new IllegalArgumentException("netcfg file " + file + ": " + e.getMessage(), e);
            }
            log.info("netcfg file {} loaded", file);
        }
    }

    private long stamp() throws IOException {
        return Files.getLastModifiedTime(file).toMillis() * 31 + Files.size(file);
    }

    private ObjectNode readFile() throws IOException {
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException("not valid JSON: " + e.getOriginalMessage() + " at line "
                                          + e.getLocation().getLineNr(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("top level is not a JSON object");
        }
        return (ObjectNode) root;
    }

    /**
     * Starts polling the file for changes (no-op without a file).
     */
    public synchronized void startWatching() {
        if (file == null || watcher != null) {
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "v6p-tb-netcfg");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops polling the file.
     */
    public synchronized void stopWatching() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }

    private void poll() {
        try {
            long s = stamp();
            if (s != fileStamp) {
                fileStamp = s;
                reload();
            }
        } catch (IOException | RuntimeException e) {
            log.debug("netcfg file {} not readable now: {}", file, e.toString());
        }
    }

    /**
     * Reads the file again and applies what changed. An unreadable or malformed file is
     * logged and changes nothing.
     */
    public synchronized void reload() {
        if (file == null) {
            return;
        }
        ObjectNode next;
        try {
            next = readFile();
        } catch (IOException e) {
            log.warn("netcfg file {} ignored: {}; the config in force stays", file, e.getMessage());
            return;
        }
        ObjectNode previous = fileJson;
        fileJson = next;
        log.info("netcfg file {} read; applying what changed", file);
        for (ConfigFactory<?, ?> f : factories.values()) {
            Map<String, JsonNode> before = entries(previous, f);
            Map<String, JsonNode> after = entries(next, f);
            for (Map.Entry<String, JsonNode> e : after.entrySet()) {
                if (!e.getValue().equals(before.get(e.getKey()))) {
                    install(f, e.getKey(), e.getValue());
                }
            }
            for (String gone : before.keySet()) {
                if (!after.containsKey(gone)) {
                    try {
                        remove(f, f.subjectFactory().createSubject(gone));
                    } catch (RuntimeException e) {
                        log.warn("netcfg {}: bad subject: {}", gone, e.getMessage());
                    }
                }
            }
        }
    }

    private static Map<String, JsonNode> entries(ObjectNode root, ConfigFactory<?, ?> f) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        JsonNode subjects = root.path(f.subjectFactory().subjectClassKey());
        Iterator<Map.Entry<String, JsonNode>> it = subjects.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode node = e.getValue().get(f.configKey());
            if (node != null) {
                map.put(e.getKey(), node);
            }
        }
        return map;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void install(ConfigFactory f, String subjectKey, JsonNode node) {
        Object subject;
        try {
            subject = f.subjectFactory().createSubject(subjectKey);
        } catch (RuntimeException e) {
            log.warn("netcfg {}/{}: bad subject: {}", f.subjectFactory().subjectClassKey(), subjectKey, e.getMessage());
            return;
        }
        String where = f.subjectFactory().subjectClassKey() + "/" + subjectKey + "/" + f.configKey();
        Config config;
        try {
            config = validated(f, subject, node);
        } catch (IllegalArgumentException e) {
            ConfigKey key = new ConfigKey(subject, f.configClass());
            log.warn("netcfg {} rejected: {}; {}", where, e.getMessage(),
                     configs.containsKey(key) ? "the config in force stays" : "no config in force");
            return;
        }
        store(subject, f.configClass(), config, where);
    }

    private void store(Object subject, Class<?> configClass, Config<?> config, String where) {
        Config<?> prev = configs.put(new ConfigKey(subject, configClass), config);
        log.info("netcfg {} {}", where, prev == null ? "added" : "updated");
        post(new NetworkConfigEvent(prev == null ? NetworkConfigEvent.Type.CONFIG_ADDED
                                            : NetworkConfigEvent.Type.CONFIG_UPDATED,
                                    subject, config, prev, configClass));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Config validated(ConfigFactory f, Object subject, JsonNode node) {
        Config config = f.createConfig();
        config.init(subject, f.configKey(), node.deepCopy(), mapper, delegate);
        boolean valid;
        try {
            valid = config.isValid();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        if (!valid) {
            throw new IllegalArgumentException(config.getClass().getSimpleName() + ".isValid() is false");
        }
        return config;
    }

    private void remove(ConfigFactory<?, ?> f, Object subject) {
        Config<?> prev = configs.remove(new ConfigKey(subject, f.configClass()));
        if (prev != null) {
            log.info("netcfg {}/{}/{} removed", f.subjectFactory().subjectClassKey(), prev.subject(), f.configKey());
            post(new NetworkConfigEvent(NetworkConfigEvent.Type.CONFIG_REMOVED, subject, null, prev,
                                        f.configClass()));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private synchronized void onApply(Config config) {
        ConfigFactory f = factories.get(config.getClass());
        if (f == null) {
            log.warn("netcfg apply of unregistered {} ignored", config.getClass().getName());
            return;
        }
        Config fresh = f.createConfig();
        fresh.init(config.subject(), f.configKey(), config.node().deepCopy(), mapper, delegate);
        store(config.subject(), f.configClass(), fresh, f.subjectFactory().subjectClassKey() + "/"
                + f.subjectFactory().subjectKey(config.subject()) + "/" + f.configKey() + " (apply)");
    }

    private void post(NetworkConfigEvent event) {
        dispatcher.post(event);
    }

    @Override
    public void addListener(NetworkConfigListener listener) {
        listeners.addListener(listener);
    }

    @Override
    public void removeListener(NetworkConfigListener listener) {
        listeners.removeListener(listener);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public synchronized void registerConfigFactory(ConfigFactory configFactory) {
        checkNotNull(configFactory, "configFactory");
        SubjectFactory sf = configFactory.subjectFactory();
        factories.put(configFactory.configClass(), configFactory);
        subjectFactoriesByKey.put(sf.subjectClassKey(), sf);
        subjectFactoriesByClass.put(sf.subjectClass(), sf);
        log.info("config factory registered: {}/{} -> {}", sf.subjectClassKey(), configFactory.configKey(),
                 configFactory.configClass().getName());
        post(new NetworkConfigEvent(NetworkConfigEvent.Type.CONFIG_REGISTERED, configFactory.configKey(),
                                    configFactory.configClass()));
        Map<String, JsonNode> pending = entries(pendingJson, configFactory);
        entries(fileJson, configFactory).forEach(pending::putIfAbsent);
        pending.forEach((subjectKey, node) -> install(configFactory, subjectKey, node));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public synchronized void unregisterConfigFactory(ConfigFactory configFactory) {
        if (factories.remove(configFactory.configClass()) != null) {
            configs.keySet().removeIf(k -> k.configClass.equals(configFactory.configClass()));
            post(new NetworkConfigEvent(NetworkConfigEvent.Type.CONFIG_UNREGISTERED, configFactory.configKey(),
                                        configFactory.configClass()));
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public synchronized Set<ConfigFactory> getConfigFactories() {
        return ImmutableSet.copyOf(factories.values());
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <S, C extends Config<S>> Set<ConfigFactory<S, C>> getConfigFactories(Class<S> subjectClass) {
        ImmutableSet.Builder<ConfigFactory<S, C>> b = ImmutableSet.builder();
        factories.values().stream().filter(f -> f.subjectFactory().subjectClass().equals(subjectClass))
                .forEach(f -> b.add((ConfigFactory<S, C>) f));
        return b.build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <S, C extends Config<S>> ConfigFactory<S, C> getConfigFactory(Class<C> configClass) {
        return (ConfigFactory<S, C>) factories.get(configClass);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Set<Class> getSubjectClasses() {
        return ImmutableSet.copyOf(subjectFactoriesByClass.keySet());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SubjectFactory getSubjectFactory(String subjectClassKey) {
        return subjectFactoriesByKey.get(subjectClassKey);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SubjectFactory getSubjectFactory(Class subjectClass) {
        return subjectFactoriesByClass.get(subjectClass);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public synchronized Class<? extends Config> getConfigClass(String subjectClassKey, String configKey) {
        return factories.values().stream()
                .filter(f -> f.subjectFactory().subjectClassKey().equals(subjectClassKey)
                        && f.configKey().equals(configKey))
                .map(f -> (Class<? extends Config>) f.configClass()).findFirst().orElse(null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> Set<S> getSubjects(Class<S> subjectClass) {
        Set<S> set = new HashSet<>();
        configs.keySet().stream().filter(k -> subjectClass.isInstance(k.subject)).forEach(k -> set.add((S) k.subject));
        return ImmutableSet.copyOf(set);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> Set<S> getSubjects(Class<S> subjectClass, Class<C> configClass) {
        Set<S> set = new HashSet<>();
        configs.keySet().stream()
                .filter(k -> subjectClass.isInstance(k.subject) && k.configClass.equals(configClass))
                .forEach(k -> set.add((S) k.subject));
        return ImmutableSet.copyOf(set);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> Set<? extends Config<S>> getConfigs(S subject) {
        ImmutableSet.Builder<Config<S>> b = ImmutableSet.builder();
        configs.forEach((k, c) -> {
            if (k.subject.equals(subject)) {
                b.add((Config<S>) c);
            }
        });
        return b.build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> C getConfig(S subject, Class<C> configClass) {
        return subject == null ? null : (C) configs.get(new ConfigKey(subject, configClass));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public synchronized <S, C extends Config<S>> C addConfig(S subject, Class<C> configClass) {
        ConfigFactory f = factory(configClass);
        C existing = getConfig(subject, configClass);
        if (existing != null) {
            return existing;
        }
        C config = (C) f.createConfig();
        JsonNode empty = f.isList() ? mapper.createArrayNode() : mapper.createObjectNode();
        config.init(subject, f.configKey(), empty, mapper, delegate);
        store(subject, configClass, config, f.subjectFactory().subjectClassKey() + "/"
                + f.subjectFactory().subjectKey(subject) + "/" + f.configKey() + " (add)");
        return config;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public synchronized <S, C extends Config<S>> C applyConfig(S subject, Class<C> configClass, JsonNode json) {
        ConfigFactory f = factory(configClass);
        C config = (C) validated(f, checkNotNull(subject, "subject"), checkNotNull(json, "json"));
        store(subject, configClass, config, f.subjectFactory().subjectClassKey() + "/"
                + f.subjectFactory().subjectKey(subject) + "/" + f.configKey() + " (API)");
        return config;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public synchronized <S, C extends Config<S>> C applyConfig(String subjectClassKey, S subject, String configKey,
                                                               JsonNode json) {
        Class<? extends Config> configClass = getConfigClass(subjectClassKey, configKey);
        if (configClass == null) {
            // As ONOS: kept as pending JSON until a factory for it registers.
            SubjectFactory sf = subjectFactoriesByKey.get(subjectClassKey);
            String subjectKey = sf != null ? sf.subjectKey(subject) : subject.toString();
            pendingJson.with(subjectClassKey).with(subjectKey).set(configKey, json.deepCopy());
            return null;
        }
        return applyConfig(subject, (Class<C>) configClass, json);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public synchronized <S, C extends Config<S>> void removeConfig(S subject, Class<C> configClass) {
        remove(factory(configClass), subject);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public synchronized <S> void removeConfig(String subjectClassKey, S subject, String configKey) {
        Class<? extends Config> configClass = getConfigClass(subjectClassKey, configKey);
        if (configClass != null) {
            remove(factories.get(configClass), subject);
        }
    }

    @Override
    public synchronized <S> void removeConfig(S subject) {
        for (ConfigFactory<?, ?> f : factories.values()) {
            remove(f, subject);
        }
    }

    @Override
    public synchronized <S> void removeConfig() {
        for (ConfigKey k : ImmutableSet.copyOf(configs.keySet())) {
            ConfigFactory<?, ?> f = factories.get(k.configClass);
            if (f != null) {
                remove(f, k.subject);
            }
        }
    }

    private ConfigFactory<?, ?> factory(Class<?> configClass) {
        ConfigFactory<?, ?> f = factories.get(configClass);
        checkArgument(f != null, "no config factory registered for %s", configClass);
        return f;
    }
}
