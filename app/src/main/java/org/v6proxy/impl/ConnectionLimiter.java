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

import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.DropReason;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces the operators' connection limits (maxConnections, maxConnectionsPerClient,
 * per service with a global default), as HAProxy's maxconn and nginx's limit_conn do.
 * <p>
 * A new connection (a client's SYN, a new UDP flow) is admitted and counted at once;
 * the counts are rebuilt from the connections this instance holds on every reaper pass
 * ({@link #recount}), so a connection that ended (reset, closed or expired; a closing
 * one no longer counts) frees its slot within a pass, and a SYN that never completed
 * is not counted for longer. The counts are this instance's: in a cluster each
 * instance enforces the limits on the connections it holds. Used only for new
 * connections, never per data packet.
 */
final class ConnectionLimiter {
    /** Counts of one service. Guarded by itself. */
    private static final class Counts {
        private int total;
        private final Map<Integer, Integer> perClient = new HashMap<>();
    }

    private volatile Map<String, Counts> counts = new ConcurrentHashMap<>();

    /**
     * Admits and counts a new connection, or tells why not.
     *
     * @param service service name
     * @param client client IPv4 address
     * @param maxTotal most connections of the service, 0 for no limit
     * @param maxPerClient most connections of one client to the service, 0 for no limit
     * @param count whether to count an admitted connection now (false: it is counted when it exists)
     * @return null when admitted, else the reason of the refusal
     */
    DropReason admit(String service, int client, int maxTotal, int maxPerClient, boolean count) {
        if (maxTotal <= 0 && maxPerClient <= 0) {
            return null;
        }
        Counts c = counts.computeIfAbsent(service, k -> new Counts());
        synchronized (c) {
            if (maxTotal > 0 && c.total >= maxTotal) {
                return DropReason.CONNECTION_LIMIT;
            }
            int mine = c.perClient.getOrDefault(client, 0);
            if (maxPerClient > 0 && mine >= maxPerClient) {
                return DropReason.CLIENT_CONNECTION_LIMIT;
            }
            if (count) {
                c.total++;
                c.perClient.put(client, mine + 1);
            }
        }
        return null;
    }

    /**
     * Rebuilds the counts from the connections held (closing ones excepted).
     *
     * @param entries the connections this instance holds
     */
    void recount(Iterable<ConnectionEntry> entries) {
        Map<String, Counts> fresh = new ConcurrentHashMap<>();
        for (ConnectionEntry e : entries) {
            if (e.record().state() == ConnectionState.CLOSING) {
                continue;
            }
            Counts c = fresh.computeIfAbsent(e.record().service(), k -> new Counts());
            c.total++;
            c.perClient.merge(e.clientIp, 1, Integer::sum);
        }
        counts = fresh;
    }

    /**
     * Returns the connections counted for a service (and for a client of it).
     *
     * @param service service name
     * @param client client address, or null for the whole service
     * @return count
     */
    int counted(String service, Integer client) {
        Counts c = counts.get(service);
        if (c == null) {
            return 0;
        }
        synchronized (c) {
            return client == null ? c.total : c.perClient.getOrDefault(client, 0);
        }
    }

    /** Forgets every count (deactivation). */
    void clear() {
        counts = new ConcurrentHashMap<>();
    }
}
