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
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Maps;
import org.onosproject.store.primitives.ConsistentMapBackedJavaMap;
import org.onosproject.store.service.ConsistentMapAdapter;
import org.onosproject.store.service.DistributedPrimitive;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.Versioned;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * An in-memory ConsistentMap with the semantics of ONOS's Atomix-backed one, which the
 * onos-api test map does not have: a compute function returning null removes the entry,
 * a computed value equal to the current one is not an update, listeners registered with an
 * executor are called on it, no event is posted when nothing changed, and events are
 * delivered asynchronously (on the storage event thread), in update order, as a cluster
 * delivers them. Values are copied through the map's serializer on every write, so a value
 * that ONOS could not store fails here too.
 */
public final class TestbedConsistentMap<K, V> extends ConsistentMapAdapter<K, V> {

    private final String name;
    private final Serializer serializer;
    private final Executor events;
    private final Map<K, Versioned<V>> map = new ConcurrentHashMap<>();
    private final Map<MapEventListener<K, V>, Executor> listeners = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    TestbedConsistentMap(String name, Serializer serializer, Executor events) {
        this.name = checkNotNull(name, "a consistent map needs a name");
        this.serializer = serializer;
        this.events = checkNotNull(events, "events");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DistributedPrimitive.Type primitiveType() {
        return DistributedPrimitive.Type.CONSISTENT_MAP;
    }

    private V copy(V value) {
        if (serializer == null) {
            return value;
        }
        try {
            return serializer.decode(serializer.encode(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("map " + name + ": a value of " + value.getClass().getName()
                    + " does not survive the map's serializer (ONOS would fail too): " + e.getMessage(), e);
        }
    }

    private void checkKey(K key) {
        checkNotNull(key, "map %s: null key", name);
        if (serializer != null) {
            try {
                serializer.encode(key);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("map " + name + ": a key of " + key.getClass().getName()
                        + " does not serialize (ONOS would fail too): " + e.getMessage(), e);
            }
        }
    }

    private Versioned<V> versioned(V value) {
        return new Versioned<>(copy(value), version.incrementAndGet(), System.currentTimeMillis());
    }

    /** Stores a new version of key's value and announces the change; called with the map's lock held. */
    private Versioned<V> write(K key, V value) {
        Versioned<V> next = versioned(value);
        changed(key, next, map.put(key, next));
        return next;
    }

    // Called with the map's lock held, so events are queued in update order.
    private void changed(K key, Versioned<V> newValue, Versioned<V> oldValue) {
        if (listeners.isEmpty()) {
            return;
        }
        MapEvent<K, V> event = new MapEvent<>(name, key, newValue, oldValue);
        for (Map.Entry<MapEventListener<K, V>, Executor> l : listeners.entrySet()) {
            MapEventListener<K, V> listener = l.getKey();
            Executor executor = l.getValue();
            try {
                events.execute(() -> executor.execute(() -> listener.event(event)));
            } catch (RejectedExecutionException e) {
                // Storage stopped (testbed shutting down): nobody is left to tell.
                return;
            }
        }
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public boolean containsKey(K key) {
        return map.containsKey(key);
    }

    @Override
    public boolean containsValue(V value) {
        return map.values().stream().anyMatch(v -> Objects.equals(v.value(), value));
    }

    @Override
    public Versioned<V> get(K key) {
        return map.get(key);
    }

    @Override
    public Versioned<V> getOrDefault(K key, V defaultValue) {
        Versioned<V> v = map.get(key);
        return v != null ? v : new Versioned<>(defaultValue, 0);
    }

    @Override
    public Versioned<V> computeIfAbsent(K key, Function<? super K, ? extends V> fn) {
        return computeIf(key, Objects::isNull, (k, v) -> fn.apply(k));
    }

    @Override
    public Versioned<V> compute(K key, BiFunction<? super K, ? super V, ? extends V> fn) {
        return computeIf(key, v -> true, fn);
    }

    @Override
    public Versioned<V> computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> fn) {
        return computeIf(key, Objects::nonNull, fn);
    }

    @Override
    public synchronized Versioned<V> computeIf(K key, Predicate<? super V> condition,
                                               BiFunction<? super K, ? super V, ? extends V> fn) {
        checkKey(key);
        Versioned<V> existing = map.get(key);
        V current = Versioned.valueOrNull(existing);
        if (!condition.test(current)) {
            return existing;
        }
        V computed = fn.apply(key, current);
        if (computed == null) {
            if (existing != null) {
                map.remove(key);
                changed(key, null, existing);
            }
            return null;
        }
        if (existing != null && Objects.equals(existing.value(), computed)) {
            return existing;
        }
        return write(key, computed);
    }

    @Override
    public synchronized Versioned<V> put(K key, V value) {
        checkKey(key);
        checkNotNull(value, "map %s: null value", name);
        Versioned<V> prev = map.get(key);
        write(key, value);
        return prev;
    }

    @Override
    public synchronized Versioned<V> putAndGet(K key, V value) {
        put(key, value);
        return map.get(key);
    }

    @Override
    public synchronized Versioned<V> putIfAbsent(K key, V value) {
        checkKey(key);
        checkNotNull(value, "map %s: null value", name);
        Versioned<V> existing = map.get(key);
        if (existing != null) {
            return existing;
        }
        write(key, value);
        return null;
    }

    @Override
    public synchronized Versioned<V> remove(K key) {
        Versioned<V> prev = map.remove(key);
        if (prev != null) {
            changed(key, null, prev);
        }
        return prev;
    }

    @Override
    public synchronized boolean remove(K key, V value) {
        Versioned<V> existing = map.get(key);
        if (existing == null || !Objects.equals(existing.value(), value)) {
            return false;
        }
        map.remove(key);
        changed(key, null, existing);
        return true;
    }

    @Override
    public synchronized boolean remove(K key, long expected) {
        Versioned<V> existing = map.get(key);
        if (existing == null || existing.version() != expected) {
            return false;
        }
        map.remove(key);
        changed(key, null, existing);
        return true;
    }

    @Override
    public synchronized Versioned<V> replace(K key, V value) {
        Versioned<V> existing = map.get(key);
        if (existing == null) {
            return null;
        }
        write(key, value);
        return existing;
    }

    @Override
    public synchronized boolean replace(K key, V oldValue, V newValue) {
        Versioned<V> existing = map.get(key);
        if (existing == null || !Objects.equals(existing.value(), oldValue)) {
            return false;
        }
        write(key, newValue);
        return true;
    }

    @Override
    public synchronized boolean replace(K key, long oldVersion, V newValue) {
        Versioned<V> existing = map.get(key);
        if (existing == null || existing.version() != oldVersion) {
            return false;
        }
        write(key, newValue);
        return true;
    }

    @Override
    public synchronized void clear() {
        for (K key : ImmutableList.copyOf(map.keySet())) {
            remove(key);
        }
    }

    @Override
    public Set<K> keySet() {
        return ImmutableSet.copyOf(map.keySet());
    }

    @Override
    public Collection<Versioned<V>> values() {
        return ImmutableList.copyOf(map.values());
    }

    @Override
    public Set<Map.Entry<K, Versioned<V>>> entrySet() {
        ImmutableSet.Builder<Map.Entry<K, Versioned<V>>> b = ImmutableSet.builder();
        map.forEach((k, v) -> b.add(Maps.immutableEntry(k, v)));
        return b.build();
    }

    @Override
    public Iterator<Map.Entry<K, Versioned<V>>> iterator() {
        return entrySet().iterator();
    }

    @Override
    public void addListener(MapEventListener<K, V> listener, Executor executor) {
        listeners.put(checkNotNull(listener, "listener"), checkNotNull(executor, "executor"));
    }

    @Override
    public void removeListener(MapEventListener<K, V> listener) {
        listeners.remove(listener);
    }

    @Override
    public Map<K, V> asJavaMap() {
        return new ConsistentMapBackedJavaMap<>(this);
    }

    @Override
    public String toString() {
        return "TestbedConsistentMap{" + name + ", size=" + map.size() + "}";
    }
}
