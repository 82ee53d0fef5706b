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
package org.v6proxy.cluster;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Maps;
import io.atomix.core.map.AsyncAtomicMap;
import io.atomix.core.map.AtomicMapEvent;
import io.atomix.core.map.AtomicMapEventListener;
import io.atomix.primitive.PrimitiveException;
import org.onosproject.store.primitives.MapUpdate;
import org.onosproject.store.primitives.TransactionId;
import org.onosproject.store.service.AsyncConsistentMap;
import org.onosproject.store.service.AsyncIterator;
import org.onosproject.store.service.ConsistentMapException;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.StorageException;
import org.onosproject.store.service.TransactionLog;
import org.onosproject.store.service.Version;
import org.onosproject.store.service.Versioned;

import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * ONOS's AsyncConsistentMap over an Atomix AtomicMap: every operation is the Atomix one
 * (a Raft command or query), versions are Atomix's (the Raft log index of the write), and
 * events are Atomix's, delivered on the executor a listener names. Atomix's errors become
 * ONOS's: a lost compare-and-set race in a compute is
 * {@link ConsistentMapException.ConcurrentModification}, a timeout
 * {@link ConsistentMapException.Timeout}.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class AtomixConsistentMap<K, V> implements AsyncConsistentMap<K, V> {

    private final AsyncAtomicMap<K, V> map;
    private final Map<MapEventListener<K, V>, AtomicMapEventListener<K, V>> listeners = new ConcurrentHashMap<>();

    AtomixConsistentMap(AsyncAtomicMap<K, V> map) {
        this.map = map;
    }

    @Override
    public String name() {
        return map.name();
    }

    private static <T> org.onosproject.store.service.Versioned<T> onos(io.atomix.utils.time.Versioned<T> v) {
        return v == null ? null : new Versioned<>(v.value(), v.version(), v.creationTime());
    }

    /** Completes with ONOS's exception for an Atomix failure. */
    private static <T> CompletableFuture<T> adapt(CompletableFuture<T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((r, e) -> {
            if (e == null) {
                out.complete(r);
            } else {
                out.completeExceptionally(onosError(e));
            }
        });
        return out;
    }

    private static Throwable onosError(Throwable e) {
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (c instanceof PrimitiveException.ConcurrentModification || c instanceof ConcurrentModificationException) {
            return new ConsistentMapException.ConcurrentModification();
        }
        if (c instanceof PrimitiveException.Timeout) {
            return new ConsistentMapException.Timeout();
        }
        if (c instanceof PrimitiveException.Unavailable || c instanceof PrimitiveException.ClosedSession
                || c instanceof PrimitiveException.UnknownSession) {
            return new StorageException.Unavailable();
        }
        if (c instanceof PrimitiveException) {
            return new StorageException(c);
        }
        return c;
    }

    private CompletableFuture<Versioned<V>> versioned(CompletableFuture<io.atomix.utils.time.Versioned<V>> f) {
        return adapt(f).thenApply(AtomixConsistentMap::onos);
    }

    @Override
    public CompletableFuture<Integer> size() {
        return adapt(map.size());
    }

    @Override
    public CompletableFuture<Boolean> containsKey(K key) {
        return adapt(map.containsKey(key));
    }

    @Override
    public CompletableFuture<Boolean> containsValue(V value) {
        return adapt(map.containsValue(value));
    }

    @Override
    public CompletableFuture<Versioned<V>> get(K key) {
        return versioned(map.get(key));
    }

    @Override
    public CompletableFuture<Versioned<V>> getOrDefault(K key, V defaultValue) {
        return versioned(map.getOrDefault(key, defaultValue));
    }

    @Override
    public CompletableFuture<Versioned<V>> computeIf(K key, Predicate<? super V> condition,
                                                     BiFunction<? super K, ? super V, ? extends V> fn) {
        return versioned(map.computeIf(key, condition, fn));
    }

    @Override
    public CompletableFuture<Versioned<V>> put(K key, V value) {
        return versioned(map.put(key, value));
    }

    @Override
    public CompletableFuture<Versioned<V>> putAndGet(K key, V value) {
        return versioned(map.putAndGet(key, value));
    }

    @Override
    public CompletableFuture<Versioned<V>> remove(K key) {
        return versioned(map.remove(key));
    }

    @Override
    public CompletableFuture<Void> clear() {
        return adapt(map.clear());
    }

    @Override
    public CompletableFuture<Set<K>> keySet() {
        return entrySet().thenApply(s -> s.stream().map(Map.Entry::getKey).collect(Collectors.toSet()));
    }

    @Override
    public CompletableFuture<Collection<Versioned<V>>> values() {
        return entrySet().thenApply(s -> s.stream().map(Map.Entry::getValue).collect(Collectors.toList()));
    }

    @Override
    public CompletableFuture<Set<Map.Entry<K, Versioned<V>>>> entrySet() {
        // Atomix streams the entries partition by partition; ONOS hands out a snapshot.
        return CompletableFuture.supplyAsync(() -> {
            ImmutableSet.Builder<Map.Entry<K, Versioned<V>>> b = ImmutableSet.builder();
            map.entrySet().sync().forEach(e -> b.add(Maps.immutableEntry(e.getKey(), onos(e.getValue()))));
            return (Set<Map.Entry<K, Versioned<V>>>) b.build();
        }).handle((r, e) -> {
            if (e != null) {
                throw new CompletionException(onosError(e));
            }
            return r;
        });
    }

    @Override
    public CompletableFuture<Versioned<V>> putIfAbsent(K key, V value) {
        return versioned(map.putIfAbsent(key, value));
    }

    @Override
    public CompletableFuture<Boolean> remove(K key, V value) {
        return adapt(map.remove(key, value));
    }

    @Override
    public CompletableFuture<Boolean> remove(K key, long version) {
        return adapt(map.remove(key, version));
    }

    @Override
    public CompletableFuture<Versioned<V>> replace(K key, V value) {
        return versioned(map.replace(key, value));
    }

    @Override
    public CompletableFuture<Boolean> replace(K key, V oldValue, V newValue) {
        return adapt(map.replace(key, oldValue, newValue));
    }

    @Override
    public CompletableFuture<Boolean> replace(K key, long oldVersion, V newValue) {
        return adapt(map.replace(key, oldVersion, newValue));
    }

    @Override
    public CompletableFuture<Void> addListener(MapEventListener<K, V> listener, Executor executor) {
        AtomicMapEventListener<K, V> adapter = event -> listener.event(onosEvent(event));
        if (listeners.putIfAbsent(listener, adapter) != null) {
            return CompletableFuture.completedFuture(null);
        }
        return adapt(map.addListener(adapter, executor));
    }

    private MapEvent<K, V> onosEvent(AtomicMapEvent<K, V> e) {
        MapEvent.Type type;
        switch (e.type()) {
            case INSERT:
                type = MapEvent.Type.INSERT;
                break;
            case REMOVE:
                type = MapEvent.Type.REMOVE;
                break;
            default:
                type = MapEvent.Type.UPDATE;
                break;
        }
        return new MapEvent<>(type, name(), e.key(), onos(e.newValue()), onos(e.oldValue()));
    }

    @Override
    public CompletableFuture<Void> removeListener(MapEventListener<K, V> listener) {
        AtomicMapEventListener<K, V> adapter = listeners.remove(listener);
        return adapter == null ? CompletableFuture.completedFuture(null) : adapt(map.removeListener(adapter));
    }

    @Override
    public CompletableFuture<AsyncIterator<Map.Entry<K, Versioned<V>>>> iterator() {
        return entrySet().thenApply(s -> {
            Iterator<Map.Entry<K, Versioned<V>>> it = List.copyOf(s).iterator();
            return new AsyncIterator<Map.Entry<K, Versioned<V>>>() {
                @Override
                public CompletableFuture<Boolean> hasNext() {
                    return CompletableFuture.completedFuture(it.hasNext());
                }

                @Override
                public CompletableFuture<Map.Entry<K, Versioned<V>>> next() {
                    return CompletableFuture.completedFuture(it.next());
                }
            };
        });
    }

    @Override
    public CompletableFuture<Void> destroy() {
        return adapt(map.delete());
    }

    private static <T> CompletableFuture<T> noTransactions() {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "v6proxy-cluster: transactions on a ConsistentMap are not provided (v6proxy uses none)"));
    }

    @Override
    public CompletableFuture<Version> begin(TransactionId transactionId) {
        return noTransactions();
    }

    @Override
    public CompletableFuture<Boolean> prepare(TransactionLog<MapUpdate<K, V>> transactionLog) {
        return noTransactions();
    }

    @Override
    public CompletableFuture<Boolean> prepareAndCommit(TransactionLog<MapUpdate<K, V>> transactionLog) {
        return noTransactions();
    }

    @Override
    public CompletableFuture<Void> commit(TransactionId transactionId) {
        return noTransactions();
    }

    @Override
    public CompletableFuture<Void> rollback(TransactionId transactionId) {
        return noTransactions();
    }

    /**
     * Closes this member's sessions of the map (the map stays for the others).
     *
     * @return future completed when closed
     */
    CompletableFuture<Void> close() {
        return adapt(map.close());
    }
}
