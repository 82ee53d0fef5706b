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

import org.onlab.util.KryoNamespace;
import org.onosproject.net.ConnectPoint;
import org.onosproject.store.serializers.KryoNamespaces;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapException;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageException;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Versioned;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.Protocol;
import org.v6proxy.tcp.SynCookies;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.onlab.util.Tools.groupedThreads;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * Connection records in the ConsistentMap {@value #MAP_NAME}, mirrored
 * locally from map events so the per-packet lookup is a local hash lookup.
 * The map is written when a connection opens, changes phase or ends — never
 * per data packet. Changes to a stored record are compare-and-set writes:
 * the two directions of a connection are handled concurrently, and a blind
 * write could roll a phase back or bring a removed connection back to life.
 * <p>
 * On a cluster each map write is a Raft round trip (milliseconds). The
 * caller waits only where a cluster-wide decision must come first: the
 * claim of a new connection's IPv6 4-tuple in {@value #TUPLES_MAP} (a
 * {@code putIfAbsent}: two clients that would share one 4-tuple, opened on
 * two instances at once, cannot both win). Everything else is written
 * behind: the local entry shows the change at once, and the writes of one
 * connection run in order on the store's writer threads, each starting when
 * the previous one completed.
 */
@Component(immediate = true, service = ConnectionStore.class)
public class DistributedConnectionStore implements ConnectionStore {
    /** Name of the distributed map. */
    public static final String MAP_NAME = "v6proxy-connections";
    /** Name of the map holding cluster-wide secrets. */
    public static final String SECRETS_MAP = "v6proxy-secrets";
    /** Name of the map of IPv6 4-tuple claims: tuple to the record of the connection holding it. */
    public static final String TUPLES_MAP = "v6proxy-tuples";
    private static final String COOKIE_KEY = "syn-cookie";
    /**
     * A claim whose connection has no record this long after it was created
     * was left by an instance that died between the claim and the record
     * write (or between removing the record and the claim): far longer than
     * any write-behind delay.
     */
    static final long STALE_CLAIM_MILLIS = TimeUnit.SECONDS.toMillis(30);
    /** Writer threads: map writes of different connections in flight at once. */
    private static final int WRITERS = 8;
    /** Attempts of a 4-tuple claim (each failure is a stale claim taken away by someone). */
    private static final int CLAIM_ATTEMPTS = 3;
    /** Compare-and-set attempts of one record write; each failure means another writer just succeeded. */
    private static final int CAS_ATTEMPTS = 8;

    /** Serializer of the map: ONOS API types plus the v6proxy model. */
    public static final Serializer SERIALIZER = Serializer.using(KryoNamespace.newBuilder()
            .register(KryoNamespaces.API)
            .register(Connection.class, ConnectionKey.class, ConnectionState.class, Protocol.class, Backend.class)
            .build("v6proxy"));

    private final Logger log = getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected StorageService storageService;

    private ConsistentMap<ConnectionKey, Connection> map;
    private ConsistentMap<String, Connection> tuples;
    /**
     * Whether writes other than the 4-tuple claim complete after the call
     * returns (on the writer threads); false writes everything in the
     * caller's thread (unit tests over the in-memory map, which want to see
     * the map at once).
     */
    volatile boolean writeBehind = true;
    private ExecutorService writers;
    /** The last write in flight of each connection: the next one starts when it completed. */
    private final Map<ConnectionKey, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();
    private final AtomicLong failedWrites = new AtomicLong();
    private final ConnectionTable table = new ConnectionTable();
    /** Map versions of records this instance removed, until their REMOVE event comes back. */
    private final Map<ConnectionKey, Long> tombstones = new ConcurrentHashMap<>();
    private final MapEventListener<ConnectionKey, Connection> listener = this::mapChanged;

    @Activate
    protected void activate() {
        map = storageService.<ConnectionKey, Connection>consistentMapBuilder()
                .withName(MAP_NAME)
                .withSerializer(SERIALIZER)
                .withRelaxedReadConsistency()
                .build();
        tuples = storageService.<String, Connection>consistentMapBuilder()
                .withName(TUPLES_MAP)
                .withSerializer(SERIALIZER)
                .build();
        writers = Executors.newFixedThreadPool(WRITERS, groupedThreads("onos/v6proxy", "store-writer-%d", log));
        map.addListener(listener);
        // Continue what other instances already track.
        for (Versioned<Connection> v : map.values()) {
            mirror(v.value(), v.version());
        }
        log.info("Started with {} connections", table.size());
    }

    @Deactivate
    protected void deactivate() {
        map.removeListener(listener);
        awaitWrites(TimeUnit.SECONDS.toMillis(5));
        writers.shutdownNow();
        log.info("Stopped");
    }

    @Override
    public byte[] cookieSecret() {
        ConsistentMap<String, byte[]> secrets = storageService.<String, byte[]>consistentMapBuilder()
                .withName(SECRETS_MAP)
                .withSerializer(Serializer.using(KryoNamespaces.BASIC))
                .build();
        byte[] fresh = new byte[SynCookies.SECRET_LEN];
        new SecureRandom().nextBytes(fresh);
        Versioned<byte[]> prior = secrets.putIfAbsent(COOKIE_KEY, fresh);
        return prior == null ? fresh : prior.value();
    }

    @Override
    public ConnectionEntry create(Connection connection) {
        ConnectionEntry entry = new ConnectionEntry(connection, System.nanoTime());
        ConnectionEntry holder = table.put(entry);
        if (holder != null) {
            return null;
        }
        // The caller waits for this one: whether the packet that opens the connection may go out.
        if (!claim(connection)) {
            table.remove(entry);
            mirrorHolder(connection);
            return null;
        }
        writeRecord(entry, connection);
        return entry;
    }

    @Override
    public ConnectionEntry createLocal(Connection connection) {
        ConnectionEntry entry = new ConnectionEntry(connection, System.nanoTime());
        entry.halfOpen(true);
        return table.put(entry) == null ? entry : null;
    }

    @Override
    public void publish(ConnectionEntry entry, Connection connection, Consumer<ConnectionEntry> lost) {
        if (!entry.halfOpen() || entry(connection.key()) != entry) {
            return;
        }
        entry.halfOpen(false);
        entry.ahead(connection);
        // The l4 SYN already went out before any cluster-wide write (a spoofed SYN must cost none), so the
        // claim is no reason to hold the client's ACK: a loser is reset when its claim fails.
        behind(connection.key(), () -> {
            if (entry(connection.key()) != entry) {
                return;
            }
            if (!claim(connection)) {
                lost.accept(entry);
                mirrorHolder(connection);
                return;
            }
            putRecord(entry, connection);
        });
    }

    /**
     * Writes a new record behind the caller; the entry takes the map's version. A tombstone of an
     * earlier connection on the key stays until then (its removal runs first on the key's chain), so
     * that connection's late events cannot land on the new entry.
     */
    private void writeRecord(ConnectionEntry entry, Connection connection) {
        behind(connection.key(), () -> putRecord(entry, connection));
    }

    private void putRecord(ConnectionEntry entry, Connection connection) {
        // Tombstones live only until the REMOVE event is back, so this is usually empty: skip hashing the key.
        if (!tombstones.isEmpty()) {
            tombstones.remove(connection.key());
        }
        Versioned<Connection> v = map.putAndGet(connection.key(), connection);
        if (v != null) {
            entry.applyIfNewer(connection, v.version());
        }
    }

    /**
     * Names the IPv6 4-tuple of a connection as the backend sees it.
     *
     * @param c connection
     * @return protocol, client and backend address:port
     */
    static String tupleOf(Connection c) {
        return c.key().protocol().number() + " [" + c.clientV6() + "]:" + c.key().clientPort() + " "
                + c.backend();
    }

    /**
     * Claims a connection's IPv6 4-tuple cluster-wide by a conditional write.
     * A claim of the same key is the connection's own (a reopened key); a
     * stale claim (see {@link #STALE_CLAIM_MILLIS}) is taken over by a
     * write conditional on its version.
     *
     * @return true if the 4-tuple is this connection's now
     */
    private boolean claim(Connection c) {
        String tuple = tupleOf(c);
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Versioned<Connection> prior = tuples.putIfAbsent(tuple, c);
            if (prior == null) {
                return true;
            }
            if (prior.value().key().equals(c.key())) {
                // An earlier connection on the same key (reused after TIME-WAIT): the claim passes to this one.
                if (tuples.replace(tuple, prior.version(), c)) {
                    return true;
                }
                continue;
            }
            if (!stale(tuple, prior, System.currentTimeMillis())) {
                return false;
            }
            log.info("Taking over the stale claim of {} by {}", tuple, prior.value().key());
            tuples.remove(tuple, prior.version());
        }
        return false;
    }

    /** Whether a claim is left over: its connection has had no record (with this 4-tuple) for long. */
    private boolean stale(String tuple, Versioned<Connection> claim, long nowMillis) {
        if (nowMillis - claim.value().createdMillis() < STALE_CLAIM_MILLIS) {
            return false;
        }
        Versioned<Connection> rec = map.get(claim.value().key());
        return rec == null || !tuple.equals(tupleOf(rec.value()));
    }

    /**
     * Mirrors the record of the connection that won a 4-tuple this instance lost: its map event may
     * have come while the losing entry still held the 4-tuple in the local table, and mirror() then
     * refused it as a collision. Called once the losing entry is gone; a record not written yet
     * arrives by its own event.
     */
    private void mirrorHolder(Connection lost) {
        Versioned<Connection> holder = tuples.get(tupleOf(lost));
        if (holder == null || holder.value().key().equals(lost.key())) {
            return;
        }
        Versioned<Connection> rec = map.get(holder.value().key());
        if (rec != null) {
            mirror(rec.value(), rec.version());
        }
    }

    /** Drops the claim of a connection's 4-tuple if that connection (not a later one on its key) holds it. */
    private void release(Connection c) {
        String tuple = tupleOf(c);
        Versioned<Connection> v = tuples.get(tuple);
        if (v != null && v.value().key().equals(c.key()) && v.value().createdMillis() == c.createdMillis()) {
            tuples.remove(tuple, v.version());
        }
    }

    /**
     * Removes the 4-tuple claims whose connection has no record any more and
     * that are older than {@link #STALE_CLAIM_MILLIS}: left by an instance
     * that died between two writes. Only claims whose client location the
     * caller is responsible for (the instance that expires those connections)
     * are looked at, so one instance sweeps each claim.
     *
     * @param nowMillis wall-clock time
     * @param mine whether this instance expires connections of clients at a location
     * @return claims removed
     */
    public int sweepClaims(long nowMillis, Predicate<ConnectPoint> mine) {
        int removed = 0;
        for (Map.Entry<String, Versioned<Connection>> e : tuples.entrySet()) {
            Versioned<Connection> claim = e.getValue();
            if (mine.test(claim.value().clientLocation()) && stale(e.getKey(), claim, nowMillis)
                    && tuples.remove(e.getKey(), claim.version())) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * Runs a map write of one connection after that connection's earlier
     * ones (or at once in the caller's thread when writes are not behind).
     * The entry shows its own changes until the last write completed.
     */
    private void behind(ConnectionKey key, Runnable write) {
        if (!writeBehind) {
            write.run();
            return;
        }
        CompletableFuture<Void> tail = chains.compute(key, (k, prev) ->
                (prev == null ? CompletableFuture.<Void>completedFuture(null) : prev)
                        .thenRunAsync(() -> guarded(k, write), writers));
        tail.thenRun(() -> chains.computeIfPresent(key, (k, cur) -> {
            if (cur != tail) {
                return cur;
            }
            ConnectionEntry e = entry(k);
            if (e != null) {
                e.settle();
            }
            return null;
        }));
    }

    private void guarded(ConnectionKey key, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            // The map is unreachable past its own retries (e.g. no Raft quorum): the local entry keeps its view.
            failedWrites.incrementAndGet();
            log.warn("Write of connection {} failed: {}", key, e.toString());
        }
    }

    /**
     * Waits until every write started so far completed (benchmarks, tests,
     * deactivation).
     *
     * @param timeoutMillis longest wait
     * @return true if none is left
     */
    public boolean awaitWrites(long timeoutMillis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!chains.isEmpty()) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                CompletableFuture.allOf(chains.values().toArray(new CompletableFuture[0]))
                        .get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Returns how many map writes failed past the map's own retries.
     *
     * @return count
     */
    public long failedWrites() {
        return failedWrites.get();
    }

    @Override
    public void update(Connection connection) {
        ConnectionEntry e = writeBehind ? entry(connection.key()) : null;
        if (e != null) {
            e.ahead(connection);
        }
        behind(connection.key(), () -> change(connection.key(), stored -> true,
                stored -> stored.state().compareTo(connection.state()) > 0
                        ? connection.withState(stored.state()) : connection));
    }

    @Override
    public void advance(ConnectionKey key, ConnectionState state) {
        ConnectionEntry e = writeBehind ? entry(key) : null;
        if (e != null) {
            e.ahead(e.record().withState(state));
        }
        behind(key, () -> change(key, stored -> stored.state().compareTo(state) < 0,
                                 stored -> stored.withState(state)));
    }

    /**
     * Rewrites a stored record by compare-and-set, so that two writers (the
     * two directions of a connection, or two instances) cannot undo each
     * other, and a record removed meanwhile is not brought back; the local
     * entry takes the outcome unless it already holds something newer. First
     * against the version the local mirror holds (one round trip); when that
     * is stale, against the map's current record (read, then write).
     */
    private void change(ConnectionKey key, Predicate<Connection> needed, UnaryOperator<Connection> next) {
        ConnectionEntry local = entry(key);
        long known = local == null ? 0 : local.version();
        Connection base = known == 0 ? null : local.recordAt(known);
        if (base != null) {
            // Usually the mirror holds the latest version: one conditional write, no read. (A phase the
            // mirror already shows, the map has too: the mirror only ever shows versions the map had.)
            if (!needed.test(base)) {
                return;
            }
            Connection written = next.apply(base);
            if (map.replace(key, known, written)) {
                // Its real version is above known; our own UPDATE event brings it (and wins if newer).
                local.applyIfNewer(written, known + 1);
                return;
            }
        }
        for (int attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
            Versioned<Connection> v;
            try {
                v = map.computeIf(key, stored -> stored != null && needed.test(stored),
                                  (k, stored) -> next.apply(stored));
            } catch (ConsistentMapException.ConcurrentModification | StorageException.ConcurrentModification e) {
                // Another writer got there first: recompute from what it wrote.
                continue;
            }
            ConnectionEntry e = v == null ? null : entry(key);
            if (e != null) {
                e.applyIfNewer(v.value(), v.version());
            }
            return;
        }
        log.warn("Connection {} not updated: {} concurrent writers in a row", key, CAS_ATTEMPTS);
    }

    @Override
    public Connection remove(ConnectionKey key) {
        ConnectionEntry e = entry(key);
        if (e != null) {
            table.remove(e);
            if (e.halfOpen()) {
                // Never written to the map: nothing to remove there.
                return e.record();
            }
            if (writeBehind) {
                // Until the removal is in the map, no late event of the connection may bring it back here.
                tombstones.put(key, Long.MAX_VALUE);
                Connection last = e.record();
                behind(key, () -> removeRecord(key, last));
                return last;
            }
        }
        Connection old = removeRecord(key, e == null ? null : e.record());
        return old == null ? (e == null ? null : e.record()) : old;
    }

    /** Removes a record from the map, then its 4-tuple claim (so no claim outlives a live record). */
    private Connection removeRecord(ConnectionKey key, Connection known) {
        Versioned<Connection> old = map.remove(key);
        if (old != null) {
            tombstones.put(key, old.version());
        } else {
            tombstones.remove(key, Long.MAX_VALUE);
        }
        Connection gone = old != null ? old.value() : known;
        if (gone != null) {
            release(gone);
        }
        return old == null ? null : old.value();
    }

    @Override
    public ConnectionEntry find4(int protocol, int clientIp, int clientPort, int vip, int vipPort) {
        return table.find4(protocol, clientIp, clientPort, vip, vipPort);
    }

    @Override
    public ConnectionEntry find6(int protocol, int clientIp, int clientPort, byte[] buf, int backendOff,
                                 int backendPort) {
        return table.find6(protocol, clientIp, clientPort, buf, backendOff, backendPort);
    }

    @Override
    public ConnectionEntry entry(ConnectionKey key) {
        return table.find4(key.protocol().number(), key.client().toInt(), key.clientPort(),
                           key.vip().toInt(), key.vipPort());
    }

    @Override
    public Collection<Connection> connections() {
        try {
            return map.values().stream().map(Versioned::value).collect(Collectors.toList());
        } catch (StorageException e) {
            // The store does not answer (a storage node failing over, this instance's session
            // being recovered): the operator still gets the records this instance mirrors from
            // the map's events, which are the map as of the last event, rather than an error.
            log.warn("Connection store unavailable ({}); listing this instance's mirror", e.toString());
            return table.entries().stream().filter(e2 -> !e2.halfOpen()).map(ConnectionEntry::record)
                    .collect(Collectors.toList());
        }
    }

    @Override
    public List<ConnectionEntry> entries() {
        return table.entries();
    }

    @Override
    public void addTraffic(long[] packets, long[] bytes) {
        table.addTraffic(packets, bytes);
    }

    private void mapChanged(MapEvent<ConnectionKey, Connection> event) {
        switch (event.type()) {
            case INSERT:
            case UPDATE:
                Versioned<Connection> nv = event.newValue();
                Long removedAt = tombstones.isEmpty() ? null : tombstones.get(event.key());
                if (nv != null && (removedAt == null || nv.version() > removedAt)) {
                    mirror(nv.value(), nv.version());
                }
                break;
            case REMOVE:
                long ov = event.oldValue() == null ? Long.MAX_VALUE : event.oldValue().version();
                if (!tombstones.isEmpty()) {
                    tombstones.remove(event.key(), ov);
                }
                ConnectionEntry e = entry(event.key());
                // An entry still unversioned, or newer, is a later connection on the same key: keep it.
                if (e != null && e.version() != 0 && e.version() <= ov) {
                    table.remove(e);
                }
                break;
            default:
                break;
        }
    }

    /** Brings the mirror in line with a record written by any instance, never rolling back a newer one. */
    private void mirror(Connection c, long version) {
        ConnectionEntry e = entry(c.key());
        if (e != null) {
            if (e.version() == 0) {
                // This instance's create still being written (or half-open): its own write sets the version.
                return;
            }
            if (e.record().backend().equals(c.backend()) && e.record().clientV6().equals(c.clientV6())) {
                e.applyIfNewer(c, version);
                return;
            }
            if (e.version() == 0 || e.version() >= version) {
                return;
            }
        }
        ConnectionEntry fresh = new ConnectionEntry(c, System.nanoTime());
        fresh.markMirrored();
        fresh.applyIfNewer(c, version);
        if (table.put(fresh) != null) {
            log.warn("Record {} collides with a local connection on its IPv6 4-tuple; not mirrored", c.key());
        }
    }
}
