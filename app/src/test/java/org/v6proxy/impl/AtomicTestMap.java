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

import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapException;
import org.onosproject.store.service.ConsistentMapAdapter;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Versioned;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * ONOS's TestConsistentMap with the two guarantees of a real ConsistentMap
 * that it lacks under concurrent callers: conditional writes are atomic (its
 * replace-by-version reads, then writes), and listeners see a key's events
 * in the order of its writes. Every call holds one lock; the wrapped map
 * tells its listeners inside the call.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class AtomicTestMap<K, V> extends ConsistentMapAdapter<K, V> {
    private final ConsistentMap<K, V> inner;
    /** Makes a read of all values fail as a map whose partition does not answer does. */
    volatile boolean unavailable;

    AtomicTestMap(ConsistentMap<K, V> inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public synchronized Versioned<V> get(K key) {
        return inner.get(key);
    }

    @Override
    public synchronized Versioned<V> put(K key, V value) {
        return inner.put(key, value);
    }

    @Override
    public synchronized Versioned<V> putAndGet(K key, V value) {
        return inner.putAndGet(key, value);
    }

    @Override
    public synchronized Versioned<V> putIfAbsent(K key, V value) {
        return inner.putIfAbsent(key, value);
    }

    @Override
    public synchronized Versioned<V> remove(K key) {
        return inner.remove(key);
    }

    @Override
    public synchronized boolean remove(K key, long version) {
        return inner.remove(key, version);
    }

    @Override
    public synchronized boolean replace(K key, long oldVersion, V newValue) {
        return inner.replace(key, oldVersion, newValue);
    }

    @Override
    public synchronized Versioned<V> computeIf(K key, Predicate<? super V> condition,
                                               BiFunction<? super K, ? super V, ? extends V> fn) {
        return inner.computeIf(key, condition, fn);
    }

    @Override
    public synchronized Versioned<V> computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> fn) {
        return inner.computeIfPresent(key, fn);
    }

    @Override
    public synchronized int size() {
        return inner.size();
    }

    @Override
    public synchronized Set<K> keySet() {
        return inner.keySet();
    }

    @Override
    public synchronized Collection<Versioned<V>> values() {
        if (unavailable) {
            throw new ConsistentMapException.Timeout(name());
        }
        return inner.values();
    }

    @Override
    public synchronized Set<Map.Entry<K, Versioned<V>>> entrySet() {
        return inner.entrySet();
    }

    @Override
    public synchronized void addListener(MapEventListener<K, V> listener) {
        inner.addListener(listener);
    }

    @Override
    public synchronized void removeListener(MapEventListener<K, V> listener) {
        inner.removeListener(listener);
    }
}
