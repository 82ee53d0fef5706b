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

import org.junit.Test;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapAdapter;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.ConsistentMapException;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.TestConsistentMap;
import org.onosproject.store.service.TestStorageService;
import org.onosproject.store.service.Versioned;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;

/**
 * Map events arrive asynchronously in a cluster: a late event must never roll
 * the local mirror back to an older record, nor bring back a connection this
 * instance already removed.
 */
public class StaleEventsTest {

    /** A consistent map whose events are held until the test releases them. */
    static final class DeferredMap extends ConsistentMapAdapter<ConnectionKey, Connection> {
        private final ConsistentMap<ConnectionKey, Connection> inner;
        final List<MapEvent<ConnectionKey, Connection>> held = new ArrayList<>();
        private final List<MapEventListener<ConnectionKey, Connection>> listeners = new ArrayList<>();

        DeferredMap(ConsistentMap<ConnectionKey, Connection> inner) {
            this.inner = inner;
            inner.addListener(held::add);
        }

        void release(int i) {
            MapEvent<ConnectionKey, Connection> e = held.get(i);
            listeners.forEach(l -> l.event(e));
        }

        void releaseAll() {
            for (int i = 0; i < held.size(); i++) {
                release(i);
            }
        }

        @Override
        public Versioned<Connection> putAndGet(ConnectionKey key, Connection value) {
            return inner.putAndGet(key, value);
        }

        @Override
        public Versioned<Connection> put(ConnectionKey key, Connection value) {
            return inner.put(key, value);
        }

        @Override
        public Versioned<Connection> remove(ConnectionKey key) {
            return inner.remove(key);
        }

        @Override
        public Versioned<Connection> get(ConnectionKey key) {
            return inner.get(key);
        }

        /** How many of the next compare-and-set writes fail as if another writer had just won. */
        int conflicts;

        @Override
        public boolean replace(ConnectionKey key, long oldVersion, Connection newValue) {
            if (conflicts > 0) {
                conflicts--;
                return false;
            }
            return inner.replace(key, oldVersion, newValue);
        }

        @Override
        public Versioned<Connection> computeIf(ConnectionKey key, Predicate<? super Connection> condition,
                                               BiFunction<? super ConnectionKey, ? super Connection,
                                                       ? extends Connection> fn) {
            if (conflicts > 0) {
                conflicts--;
                throw new ConsistentMapException.ConcurrentModification();
            }
            return inner.computeIf(key, condition, fn);
        }

        @Override
        public Collection<Versioned<Connection>> values() {
            return inner.values();
        }

        @Override
        public void addListener(MapEventListener<ConnectionKey, Connection> listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(MapEventListener<ConnectionKey, Connection> listener) {
            listeners.remove(listener);
        }
    }

    private static final Connection C =
            ConnectionTableTest.entry("10.0.0.3", 40000, "10.0.0.42", 80, "2001:db8::1", 80).record();

    private DeferredMap deferred;

    private DistributedConnectionStore store() {
        DistributedConnectionStore s = new DistributedConnectionStore();
        s.storageService = new TestStorageService() {
            @Override
            public <K, V> ConsistentMapBuilder<K, V> consistentMapBuilder() {
                return new TestConsistentMap.Builder<K, V>() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public ConsistentMap<K, V> build() {
                        ConsistentMap<K, V> m = super.build();
                        if (!DistributedConnectionStore.MAP_NAME.equals(name())) {
                            return m;
                        }
                        deferred = new DeferredMap((ConsistentMap<ConnectionKey, Connection>) m);
                        return (ConsistentMap<K, V>) deferred;
                    }
                };
            }
        };
        s.writeBehind = false;
        s.activate();
        return s;
    }

    @Test
    public void lateInsertDoesNotRollBackAnUpdate() {
        DistributedConnectionStore s = store();
        s.create(C);
        s.update(C.withSplice(ConnectionState.ESTABLISHED, 77, 7, true));
        deferred.release(0);
        ConnectionEntry e = s.entry(C.key());
        assertThat(e.record().state(), is(ConnectionState.ESTABLISHED));
        assertThat("the update's sequence offset is kept", e.record().seqOffset(), is(77));
        deferred.release(1);
        assertThat(s.entry(C.key()).record().seqOffset(), is(77));
    }

    @Test
    public void lateInsertDoesNotResurrectARemovedConnection() {
        DistributedConnectionStore s = store();
        s.create(C);
        s.remove(C.key());
        deferred.release(0);
        assertNull(s.entry(C.key()));
        deferred.release(1);
        assertNull(s.entry(C.key()));
    }

    @Test
    public void lateRemoveOfAnOldConnectionKeepsTheNewOne() {
        DistributedConnectionStore s = store();
        s.create(C);
        s.remove(C.key());
        s.create(C.withState(ConnectionState.SYN_SENT));
        deferred.releaseAll();
        assertNotNull("the new connection on the same key stays", s.entry(C.key()));
    }

    @Test
    public void writtenBehindAReusedKeyIgnoresTheOldConnectionsLateEvents() {
        DistributedConnectionStore s = store();
        s.writeBehind = true;
        s.create(C);
        s.advance(C.key(), ConnectionState.CLOSING);
        assertTrue(s.awaitWrites(10_000));
        s.remove(C.key());
        // TIME-WAIT reuse: a new connection on the key while the old one's removal may still be on its way.
        ConnectionEntry fresh = s.create(C.withState(ConnectionState.SYN_SENT));
        assertNotNull(fresh);
        deferred.releaseAll();
        assertThat("the old connection's late events leave the new entry alone", s.entry(C.key()), is(fresh));
        assertThat(fresh.record().state(), is(ConnectionState.SYN_SENT));
        assertTrue(s.awaitWrites(10_000));
        deferred.releaseAll();
        assertThat(s.entry(C.key()), is(fresh));
        assertThat(fresh.record().state(), is(ConnectionState.SYN_SENT));
        assertThat(s.connections().size(), is(1));
        s.deactivate();
    }

    @Test
    public void aPhaseIsNeverRolledBack() {
        DistributedConnectionStore s = store();
        s.create(C);
        // The two directions race: the backend's FIN completes the close while the client's older view is
        // still on its way to the store.
        s.advance(C.key(), ConnectionState.CLOSING);
        s.advance(C.key(), ConnectionState.HALF_CLOSED);
        s.update(C.withSplice(ConnectionState.ESTABLISHED, 5, 7, false));
        assertThat(deferred.get(C.key()).value().state(), is(ConnectionState.CLOSING));
        assertThat("the splice parameters are written", deferred.get(C.key()).value().seqOffset(), is(5));
        assertThat(s.entry(C.key()).record().state(), is(ConnectionState.CLOSING));
        deferred.releaseAll();
        assertThat(s.entry(C.key()).record().state(), is(ConnectionState.CLOSING));
    }

    @Test
    public void aWriteAfterRemovalDoesNotBringTheConnectionBack() {
        DistributedConnectionStore s = store();
        s.create(C);
        s.remove(C.key());
        // A late segment of the removed connection, handled on the other direction's thread.
        s.advance(C.key(), ConnectionState.CLOSING);
        s.update(C.withSplice(ConnectionState.ESTABLISHED, 5, 7, false));
        deferred.releaseAll();
        assertNull(deferred.get(C.key()));
        assertNull(s.entry(C.key()));
        assertThat(s.connections().size(), is(0));
    }

    @Test
    public void aLostCompareAndSetIsRetried() {
        DistributedConnectionStore s = store();
        s.create(C);
        deferred.conflicts = 3;
        s.advance(C.key(), ConnectionState.ESTABLISHED);
        assertThat(deferred.get(C.key()).value().state(), is(ConnectionState.ESTABLISHED));
        assertThat(s.entry(C.key()).record().state(), is(ConnectionState.ESTABLISHED));
    }

    @Test
    public void endlessConflictsLeaveTheRecordAsItWas() {
        DistributedConnectionStore s = store();
        s.create(C);
        deferred.conflicts = Integer.MAX_VALUE;
        s.advance(C.key(), ConnectionState.ESTABLISHED);
        assertThat(deferred.get(C.key()).value().state(), is(ConnectionState.SYN_SENT));
        assertThat(s.entry(C.key()).record().state(), is(ConnectionState.SYN_SENT));
    }
}
