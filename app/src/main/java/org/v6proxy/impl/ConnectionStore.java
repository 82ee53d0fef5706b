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

import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionState;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Connection state: the cluster-wide record store and this instance's local
 * mirror used by the per-packet path.
 */
public interface ConnectionStore {

    /**
     * Adds a new connection (or replaces a closed one with the same key).
     * The caller waits for the cluster-wide claim of the connection's IPv6
     * 4-tuple (a conditional write: of two instances opening connections on
     * one 4-tuple at once exactly one wins); the record itself may be written
     * after this returns.
     *
     * @param connection the record
     * @return the new local entry, or null when another connection already
     *         uses the same IPv6 4-tuple (nothing is stored then)
     */
    ConnectionEntry create(Connection connection);

    /**
     * Adds a connection to this instance's local table only, without a
     * distributed write: a half-open l4 connection, which a spoofed SYN can
     * create and which must therefore cost no cluster-wide state. Removing
     * it ({@link #remove}) is local as well.
     *
     * @param connection the record
     * @return the new local entry, or null when another connection already uses the same key or IPv6 4-tuple
     */
    ConnectionEntry createLocal(Connection connection);

    /**
     * Writes the record of a connection created by {@link #createLocal} to
     * the distributed map: from now on it is an ordinary connection. Its IPv6
     * 4-tuple is claimed cluster-wide first; the caller does not wait for
     * that, and if another instance's connection holds the 4-tuple,
     * {@code lost} is called with the entry (from another thread) and
     * nothing is written.
     *
     * @param entry the local entry
     * @param connection its record as it is to be stored
     * @param lost called when the 4-tuple is another connection's
     */
    void publish(ConnectionEntry entry, Connection connection, Consumer<ConnectionEntry> lost);

    /**
     * Writes a changed record (the splice parameters once the backend
     * answered); the local entry keeps its counters and shows the change at
     * once, the map write may complete later. The write is a
     * compare-and-set on the stored record: a connection removed meanwhile
     * stays removed, and its phase never goes back (the later of the stored
     * and the written phase is kept).
     *
     * @param connection the record
     */
    void update(Connection connection);

    /**
     * Moves a connection on to a later phase (shown locally at once, written
     * to the map possibly later). Concurrent callers (each
     * direction of a connection is handled on its own thread) cannot roll
     * each other back: a phase is only ever replaced by a later one, and a
     * removed connection is not written again.
     *
     * @param key connection key
     * @param state the phase reached
     */
    void advance(ConnectionKey key, ConnectionState state);

    /**
     * Removes a connection cluster-wide: from the local mirror at once, from
     * the map (with its 4-tuple claim) possibly later.
     *
     * @param key connection key
     * @return the removed record, or null
     */
    Connection remove(ConnectionKey key);

    /**
     * Finds a connection by its IPv4 side; allocation-free.
     *
     * @param protocol IP protocol number
     * @param clientIp client address
     * @param clientPort client port
     * @param vip VIP
     * @param vipPort service port
     * @return entry or null
     */
    ConnectionEntry find4(int protocol, int clientIp, int clientPort, int vip, int vipPort);

    /**
     * Finds a connection by its IPv6 side; allocation-free.
     *
     * @param protocol IP protocol number
     * @param clientIp client address embedded in the IPv6 destination
     * @param clientPort client port
     * @param buf buffer holding the backend address
     * @param backendOff offset of the backend address in buf
     * @param backendPort backend port
     * @return entry or null
     */
    ConnectionEntry find6(int protocol, int clientIp, int clientPort, byte[] buf, int backendOff, int backendPort);

    /**
     * Returns the local entry of a connection.
     *
     * @param key connection key
     * @return entry or null
     */
    ConnectionEntry entry(ConnectionKey key);

    /**
     * Returns all records (cluster-wide view).
     *
     * @return records
     */
    Collection<Connection> connections();

    /**
     * Returns the SYN cookie secret shared by all instances (created once,
     * cluster-wide), so that any instance validates another's cookies.
     *
     * @return 16 bytes
     */
    byte[] cookieSecret();

    /**
     * Returns a snapshot of the local mirror.
     *
     * @return entries
     */
    List<ConnectionEntry> entries();

    /**
     * Adds up the traffic this instance translated on all connections it has
     * held (present and removed), per direction.
     *
     * @param packets packets per direction ordinal, added to
     * @param bytes IP bytes per direction ordinal, added to
     */
    void addTraffic(long[] packets, long[] bytes);
}
