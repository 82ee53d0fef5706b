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

import io.atomix.core.Atomix;
import org.onosproject.store.service.AsyncAtomicCounter;
import org.onosproject.store.service.AsyncAtomicIdGenerator;
import org.onosproject.store.service.AsyncConsistentMap;
import org.onosproject.store.service.AsyncConsistentMultimap;
import org.onosproject.store.service.AsyncConsistentTreeMap;
import org.onosproject.store.service.AsyncDocumentTree;
import org.onosproject.store.service.AtomicCounter;
import org.onosproject.store.service.AtomicCounterBuilder;
import org.onosproject.store.service.AtomicCounterMapBuilder;
import org.onosproject.store.service.AtomicIdGenerator;
import org.onosproject.store.service.AtomicIdGeneratorBuilder;
import org.onosproject.store.service.AtomicValueBuilder;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.ConsistentMultimapBuilder;
import org.onosproject.store.service.ConsistentTreeMapBuilder;
import org.onosproject.store.service.DistributedLockBuilder;
import org.onosproject.store.service.DistributedSetBuilder;
import org.onosproject.store.service.DocumentTreeBuilder;
import org.onosproject.store.service.EventuallyConsistentMapBuilder;
import org.onosproject.store.service.LeaderElectorBuilder;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Topic;
import org.onosproject.store.service.TopicBuilder;
import org.onosproject.store.service.TransactionContextBuilder;
import org.onosproject.store.service.WorkQueue;
import org.onosproject.store.service.WorkQueueBuilder;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * ONOS's StorageService on Atomix: a ConsistentMap is an Atomix AtomicMap in the Raft data
 * group whose keys and values go through the application's own ONOS serializer, as ONOS 2.7
 * builds it. A map built with relaxed read consistency reads from Atomix's client-side cache
 * (kept current by the map's events), as in ONOS. Only consistent maps are provided: v6proxy
 * uses no other primitive; the rest throw {@link UnsupportedOperationException}.
 */
public final class AtomixStorageService implements StorageService {
    /** How long a synchronous map call waits, as ONOS's DefaultConsistentMap default. */
    public static final long OPERATION_TIMEOUT_MILLIS = 5000;

    private final Atomix atomix;

    /**
     * Creates the service on a running member.
     *
     * @param member the local member
     */
    public AtomixStorageService(ClusterMember member) {
        this.atomix = checkNotNull(member, "member").atomix();
    }

    @Override
    public <K, V> ConsistentMapBuilder<K, V> consistentMapBuilder() {
        return new ConsistentMapBuilder<K, V>() {
            @Override
            public ConsistentMap<K, V> build() {
                return buildAsyncMap().asConsistentMap(OPERATION_TIMEOUT_MILLIS);
            }

            @Override
            public AsyncConsistentMap<K, V> buildAsyncMap() {
                if (name() == null) {
                    throw new IllegalStateException("consistent map without a name (withName(...) is required)");
                }
                Serializer serializer = checkNotNull(serializer(), "map %s needs a serializer", name());
                return new AtomixConsistentMap<>(atomix.<K, V>atomicMapBuilder(name())
                        .withProtocol(ClusterMember.mapProtocol())
                        .withSerializer(new OnosSerializer(serializer))
                        .withReadOnly(readOnly())
                        .withCacheEnabled(relaxedReadConsistency())
                        .withNullValues(nullValues())
                        .build()
                        .async());
            }
        };
    }

    /** Atomix encodes keys and values with this: the application's ONOS serializer. */
    private static final class OnosSerializer implements io.atomix.utils.serializer.Serializer {
        private final Serializer serializer;

        OnosSerializer(Serializer serializer) {
            this.serializer = serializer;
        }

        @Override
        public <T> byte[] encode(T object) {
            return serializer.encode(object);
        }

        @Override
        public <T> T decode(byte[] bytes) {
            return serializer.decode(bytes);
        }
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("v6proxy-cluster provides consistent maps only; "
                + what + " is not used by v6proxy");
    }

    @Override
    public <K, V> EventuallyConsistentMapBuilder<K, V> eventuallyConsistentMapBuilder() {
        throw unsupported("EventuallyConsistentMap");
    }

    @Override
    public <V> DocumentTreeBuilder<V> documentTreeBuilder() {
        throw unsupported("DocumentTree");
    }

    @Override
    public <V> ConsistentTreeMapBuilder<V> consistentTreeMapBuilder() {
        throw unsupported("ConsistentTreeMap");
    }

    @Override
    public <K, V> ConsistentMultimapBuilder<K, V> consistentMultimapBuilder() {
        throw unsupported("ConsistentMultimap");
    }

    @Override
    public <K> AtomicCounterMapBuilder<K> atomicCounterMapBuilder() {
        throw unsupported("AtomicCounterMap");
    }

    @Override
    public <E> DistributedSetBuilder<E> setBuilder() {
        throw unsupported("DistributedSet");
    }

    @Override
    public AtomicCounterBuilder atomicCounterBuilder() {
        throw unsupported("AtomicCounter");
    }

    @Override
    public AtomicIdGeneratorBuilder atomicIdGeneratorBuilder() {
        throw unsupported("AtomicIdGenerator");
    }

    @Override
    public <V> AtomicValueBuilder<V> atomicValueBuilder() {
        throw unsupported("AtomicValue");
    }

    @Override
    public DistributedLockBuilder lockBuilder() {
        throw unsupported("DistributedLock");
    }

    @Override
    public LeaderElectorBuilder leaderElectorBuilder() {
        throw unsupported("LeaderElector (use AtomixLeadershipService)");
    }

    @Override
    public <T> TopicBuilder<T> topicBuilder() {
        throw unsupported("Topic");
    }

    @Override
    public <E> WorkQueueBuilder<E> workQueueBuilder() {
        throw unsupported("WorkQueue");
    }

    @Override
    public TransactionContextBuilder transactionContextBuilder() {
        throw unsupported("TransactionContext");
    }

    @Override
    public AsyncAtomicCounter getAsyncAtomicCounter(String name) {
        throw unsupported("AtomicCounter");
    }

    @Override
    public AsyncAtomicIdGenerator getAsyncAtomicIdGenerator(String name) {
        throw unsupported("AtomicIdGenerator");
    }

    @Override
    public AtomicCounter getAtomicCounter(String name) {
        throw unsupported("AtomicCounter");
    }

    @Override
    public AtomicIdGenerator getAtomicIdGenerator(String name) {
        throw unsupported("AtomicIdGenerator");
    }

    @Override
    public <E> WorkQueue<E> getWorkQueue(String name, Serializer serializer) {
        throw unsupported("WorkQueue");
    }

    @Override
    public <V> AsyncDocumentTree<V> getDocumentTree(String name, Serializer serializer) {
        throw unsupported("DocumentTree");
    }

    @Override
    public <K, V> AsyncConsistentMultimap<K, V> getAsyncSetMultimap(String name, Serializer serializer) {
        throw unsupported("ConsistentMultimap");
    }

    @Override
    public <V> AsyncConsistentTreeMap<V> getAsyncTreeMap(String name, Serializer serializer) {
        throw unsupported("ConsistentTreeMap");
    }

    @Override
    public <T> Topic<T> getTopic(String name, Serializer serializer) {
        throw unsupported("Topic");
    }
}
