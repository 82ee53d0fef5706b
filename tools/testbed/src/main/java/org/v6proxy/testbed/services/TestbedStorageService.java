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

import org.onosproject.store.service.AsyncConsistentMap;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.TestStorageService;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * In-memory storage: consistent maps are {@link TestbedConsistentMap}s (one per name, as
 * a cluster shares one primitive per name); everything else comes from onos-api's
 * TestStorageService.
 */
public final class TestbedStorageService extends TestStorageService {

    private final Map<String, TestbedConsistentMap<?, ?>> maps = new ConcurrentHashMap<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "v6p-tb-store-events");
        t.setDaemon(true);
        return t;
    });

    @Override
    public <K, V> ConsistentMapBuilder<K, V> consistentMapBuilder() {
        return new ConsistentMapBuilder<K, V>() {
            @Override
            public ConsistentMap<K, V> build() {
                return map(name(), serializer());
            }

            @Override
            public AsyncConsistentMap<K, V> buildAsyncMap() {
                throw new UnsupportedOperationException("the testbed provides the synchronous ConsistentMap only");
            }
        };
    }

    @SuppressWarnings("unchecked")
    private <K, V> ConsistentMap<K, V> map(String name, Serializer serializer) {
        if (name == null) {
            throw new IllegalStateException("consistent map without a name (withName(...) is required)");
        }
        return (ConsistentMap<K, V>) maps.computeIfAbsent(
                name, n -> new TestbedConsistentMap<K, V>(n, serializer, events));
    }

    /**
     * Returns a consistent map by name, if one was built.
     *
     * @param name map name
     * @param <K> key type
     * @param <V> value type
     * @return the map, or null
     */
    @SuppressWarnings("unchecked")
    public <K, V> ConsistentMap<K, V> getMap(String name) {
        return (ConsistentMap<K, V>) maps.get(name);
    }

    /**
     * Waits until every map event queued before this call has been delivered.
     *
     * @param timeoutMillis how long to wait
     * @return true when drained in time
     */
    public boolean awaitIdle(long timeoutMillis) {
        try {
            events.submit(() -> { }).get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /**
     * Stops the event thread.
     */
    public void shutdown() {
        events.shutdown();
        try {
            events.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.shutdownNow();
    }
}
