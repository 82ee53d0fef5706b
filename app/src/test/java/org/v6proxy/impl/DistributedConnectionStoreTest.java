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

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onosproject.store.service.ConsistentMap;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.assertThat;

/**
 * The ConsistentMap-backed store: records reach the map, a second instance
 * over the same storage mirrors them from map events, and records survive
 * the map's Kryo serializer.
 */
public class DistributedConnectionStoreTest {
    private final SharedStorageService storage = new SharedStorageService();
    private DistributedConnectionStore a;
    private DistributedConnectionStore b;

    private DistributedConnectionStore start() {
        DistributedConnectionStore s = new DistributedConnectionStore();
        s.storageService = storage;
        s.writeBehind = false;
        s.activate();
        return s;
    }

    @Before
    public void setUp() {
        a = start();
        b = start();
    }

    @After
    public void tearDown() {
        a.deactivate();
        b.deactivate();
    }

    @Test
    public void createdOnOneMirroredOnOther() {
        ConnectionEntry e = ConnectionTableTest.entry("10.0.0.3", 40000, "10.0.0.42", 80, "2001:db8::1", 80);
        assertNotNull(a.create(e.record()));
        ConnectionEntry seen = b.find6(6, e.clientIp, 40000, e.backendBytes(), 0, 80);
        assertNotNull(seen);
        assertEquals(e.record(), seen.record());
        a.update(e.record().withState(ConnectionState.ESTABLISHED));
        assertThat(b.entry(e.record().key()).record().state(), is(ConnectionState.ESTABLISHED));
        b.remove(e.record().key());
        assertNull(a.entry(e.record().key()));
        assertThat(a.connections().size(), is(0));
    }

    @Test
    public void lateInstanceLoadsExistingRecords() {
        ConnectionEntry e = ConnectionTableTest.entry("10.0.0.4", 40001, "10.0.0.42", 80, "2001:db8::2", 80);
        a.create(e.record());
        DistributedConnectionStore c = start();
        try {
            assertNotNull(c.find4(6, e.clientIp, 40001, e.vip, 80));
        } finally {
            c.deactivate();
        }
    }

    /** A connection of the same client ip:port to another VIP, on the same backend: the same IPv6 4-tuple. */
    private static Connection sameTupleOtherVip(Connection c, long createdMillis) {
        ConnectionKey k = new ConnectionKey(c.key().protocol(), c.key().client(), c.key().clientPort(),
                                            Ip4Address.valueOf("10.0.0.43"), c.key().vipPort());
        return new Connection(k, c.clientLocation(), c.clientMac(), c.service(), c.backend(), c.clientV6(),
                              c.state(), createdMillis, 0, Connection.NO_WSCALE, Connection.NO_WSCALE, 0, false);
    }

    @Test
    public void oneIpv6TupleOpensOnOneInstanceOnly() {
        Connection c1 = ConnectionTableTest.entry("10.0.0.5", 40000, "10.0.0.42", 80, "2001:db8::1", 80).record();
        Connection c2 = sameTupleOtherVip(c1, System.currentTimeMillis());
        assertNotNull(a.create(c1));
        assertNull("the 4-tuple is A's connection's", b.create(c2));
        assertNull(b.entry(c2.key()));
        assertThat(a.connections().size(), is(1));
        a.remove(c1.key());
        assertNotNull("free once A's connection closed", b.create(c2));
        assertNull("and now B's", a.create(c1));
    }

    @Test
    public void publishLosingTheTupleCallsBackAndWritesNothing() {
        Connection c1 = ConnectionTableTest.entry("10.0.0.6", 40000, "10.0.0.42", 80, "2001:db8::1", 80).record();
        Connection c2 = sameTupleOtherVip(c1, System.currentTimeMillis());
        ConnectionEntry half = b.createLocal(c2);
        assertNotNull("B's half-open entry is local only: no claim yet", half);
        assertNotNull(a.create(c1));
        List<ConnectionEntry> lost = new ArrayList<>();
        b.publish(half, c2.withState(ConnectionState.ESTABLISHED), lost::add);
        assertThat(lost.size(), is(1));
        assertSame(half, lost.get(0));
        assertThat(a.connections().size(), is(1));
        assertEquals(c1.key(), a.connections().iterator().next().key());
        // The winner publishes normally.
        ConnectionEntry other = b.createLocal(
                ConnectionTableTest.entry("10.0.0.7", 40000, "10.0.0.42", 80, "2001:db8::1", 80).record());
        b.publish(other, other.record().withState(ConnectionState.ESTABLISHED), lost::add);
        assertThat(lost.size(), is(1));
        assertThat(a.connections().size(), is(2));
    }

    @Test
    public void staleClaimsAreTakenOverAndSweptFreshOnesNot() {
        ConsistentMap<String, Connection> tuples = storage.<String, Connection>consistentMapBuilder()
                .withName(DistributedConnectionStore.TUPLES_MAP).withSerializer(DistributedConnectionStore.SERIALIZER)
                .build();
        long now = System.currentTimeMillis();
        Connection c1 = ConnectionTableTest.entry("10.0.0.8", 40000, "10.0.0.42", 80, "2001:db8::1", 80).record();
        // A claim without a record, as an instance that died between the two writes leaves it: fresh first.
        Connection orphan = sameTupleOtherVip(c1, now);
        tuples.put(DistributedConnectionStore.tupleOf(orphan), orphan);
        assertNull("a fresh claim may still get its record: it holds", a.create(c1));
        assertThat(a.sweepClaims(now, cp -> true), is(0));
        long later = now + DistributedConnectionStore.STALE_CLAIM_MILLIS + 1;
        assertThat("not this instance's to sweep", a.sweepClaims(later, cp -> false), is(0));
        assertThat(a.sweepClaims(later, cp -> true), is(1));
        assertNull(tuples.get(DistributedConnectionStore.tupleOf(orphan)));
        // Left over long ago: a new connection on the 4-tuple takes it over.
        Connection old = sameTupleOtherVip(c1, now - TimeUnit.MINUTES.toMillis(5));
        tuples.put(DistributedConnectionStore.tupleOf(old), old);
        assertNotNull(a.create(c1));
        assertEquals(c1.key(), tuples.get(DistributedConnectionStore.tupleOf(c1)).value().key());
        // A claim whose connection has its record is never stale, however old.
        assertThat(a.sweepClaims(later + TimeUnit.HOURS.toMillis(1), cp -> true), is(0));
    }

    @Test
    public void writeBehindShowsChangesAtOnceAndWritesThemInOrder() {
        DistributedConnectionStore w = start();
        w.writeBehind = true;
        try {
            Connection c = ConnectionTableTest.entry("10.0.0.9", 40000, "10.0.0.42", 80, "2001:db8::1", 80).record();
            ConnectionEntry e = w.create(c);
            assertNotNull(e);
            w.advance(c.key(), ConnectionState.ESTABLISHED);
            assertThat("the phase shows at once here", e.record().state(), is(ConnectionState.ESTABLISHED));
            w.advance(c.key(), ConnectionState.HALF_CLOSED);
            assertTrue(w.awaitWrites(10_000));
            assertThat("in the map, in order", a.entry(c.key()).record().state(), is(ConnectionState.HALF_CLOSED));
            assertThat(e.record().state(), is(ConnectionState.HALF_CLOSED));
            assertNotNull(w.remove(c.key()));
            assertNull("gone here at once", w.entry(c.key()));
            assertTrue(w.awaitWrites(10_000));
            assertNull("and from the map and the other mirrors", a.entry(c.key()));
            assertTrue(a.connections().isEmpty());
            ConnectionEntry again = w.create(c);
            assertNotNull("the 4-tuple claim went with it", again);
            assertTrue(w.awaitWrites(10_000));
            assertNotNull(b.entry(c.key()));
        } finally {
            w.deactivate();
        }
    }

    @Test
    public void recordSurvivesSerializer() {
        Connection c = ConnectionTableTest.entry("10.0.0.3", 40000, "10.0.0.42", 80, "2001:db8::1", 80).record();
        byte[] bytes = DistributedConnectionStore.SERIALIZER.encode(c);
        Connection back = DistributedConnectionStore.SERIALIZER.decode(bytes);
        assertEquals(c, back);
        assertEquals(c.key(), DistributedConnectionStore.SERIALIZER.decode(
                DistributedConnectionStore.SERIALIZER.encode(c.key())));
    }

    @Test
    public void listingFallsBackToTheMirrorWhenTheMapDoesNotAnswer() {
        ConnectionEntry e = ConnectionTableTest.entry("10.0.0.3", 40001, "10.0.0.42", 80, "2001:db8::1", 80);
        assertNotNull(a.create(e.record()));
        assertEquals(List.of(e.record()), new ArrayList<>(b.connections()));
        storage.map(DistributedConnectionStore.MAP_NAME).unavailable = true;
        // An operator's listing during a storage failover: the records as mirrored, not an error.
        assertEquals(List.of(e.record()), new ArrayList<>(a.connections()));
        assertEquals(List.of(e.record()), new ArrayList<>(b.connections()));
        storage.map(DistributedConnectionStore.MAP_NAME).unavailable = false;
    }
}
