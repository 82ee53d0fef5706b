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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * Connection records in the ConsistentMap {@value #MAP_NAME}, mirrored
 * locally from map events so the per-packet lookup is a local hash lookup.
 * The map is written when a connection opens, changes phase or ends — never
 * per data packet. Changes to a stored record are compare-and-set writes:
 * the two directions of a connection are handled concurrently, and a blind
 * write could roll a phase back or bring a removed connection back to life.
 */
@Component(immediate = true, service = ConnectionStore.class)
public class DistributedConnectionStore implements ConnectionStore {
    /** Name of the distributed map. */
    public static final String MAP_NAME = "v6proxy-connections";
    /** Name of the map holding cluster-wide secrets. */
    public static final String SECRETS_MAP = "v6proxy-secrets";
    private static final String COOKIE_KEY = "syn-cookie";
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
        // Tombstones live only until the REMOVE event is back, so this is usually empty: skip hashing the key.
        if (!tombstones.isEmpty()) {
            tombstones.remove(connection.key());
        }
        Versioned<Connection> v = map.putAndGet(connection.key(), connection);
        if (v != null) {
            entry.applyIfNewer(connection, v.version());
        }
        return entry;
    }

    @Override
    public ConnectionEntry createLocal(Connection connection) {
        ConnectionEntry entry = new ConnectionEntry(connection, System.nanoTime());
        entry.halfOpen(true);
        return table.put(entry) == null ? entry : null;
    }

    @Override
    public void publish(ConnectionEntry entry, Connection connection) {
        if (!entry.halfOpen() || entry(connection.key()) != entry) {
            return;
        }
        entry.halfOpen(false);
        if (!tombstones.isEmpty()) {
            tombstones.remove(connection.key());
        }
        Versioned<Connection> v = map.putAndGet(connection.key(), connection);
        if (v != null) {
            entry.applyIfNewer(connection, v.version());
        }
    }

    @Override
    public void update(Connection connection) {
        change(connection.key(), stored -> true, stored -> stored.state().compareTo(connection.state()) > 0
                ? connection.withState(stored.state()) : connection);
    }

    @Override
    public void advance(ConnectionKey key, ConnectionState state) {
        change(key, stored -> stored.state().compareTo(state) < 0, stored -> stored.withState(state));
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
        }
        Versioned<Connection> old = map.remove(key);
        if (old != null) {
            tombstones.put(key, old.version());
        }
        return old == null ? (e == null ? null : e.record()) : old.value();
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
        return map.values().stream().map(Versioned::value).collect(Collectors.toList());
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
            if (e.record().backend().equals(c.backend()) && e.record().clientV6().equals(c.clientV6())) {
                e.applyIfNewer(c, version);
                return;
            }
            if (e.version() == 0 || e.version() >= version) {
                return;
            }
        }
        ConnectionEntry fresh = new ConnectionEntry(c, System.nanoTime());
        fresh.applyIfNewer(c, version);
        if (table.put(fresh) != null) {
            log.warn("Record {} collides with a local connection on its IPv6 4-tuple; not mirrored", c.key());
        }
    }
}
