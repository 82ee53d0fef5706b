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

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The half-open l4 connections of this instance, oldest first, at most a
 * bound. A SYN to an l4 service costs only a local entry (the distributed
 * record is written when the client completes the handshake, as a SYN
 * cookie costs delayed binding nothing): a spoofed SYN flood fills this
 * table, not the cluster's map, and under pressure the oldest half-open
 * entry gives way to the newest (RFC 4987 section 3.4, "Recycling the
 * oldest half-open TCB"): a legitimate client's SYN is answered within a
 * round trip, so it is rarely the oldest. Guarded by its own monitor; used
 * only on handshakes, never per data packet.
 */
final class HalfOpenTable {
    private final LinkedHashSet<ConnectionEntry> order = new LinkedHashSet<>();

    /**
     * Adds a new half-open entry, evicting the oldest ones while the table is at its bound.
     *
     * @param e the entry
     * @param bound most half-open entries held (the bound in force, {@code halfOpenMax})
     * @return the entries evicted to make room, oldest first (usually none)
     */
    synchronized List<ConnectionEntry> add(ConnectionEntry e, int bound) {
        List<ConnectionEntry> evicted = Collections.emptyList();
        Iterator<ConnectionEntry> it = order.iterator();
        while (order.size() >= Math.max(1, bound)) {
            if (evicted.isEmpty()) {
                evicted = new ArrayList<>(1);
            }
            evicted.add(it.next());
            it.remove();
        }
        order.add(e);
        return evicted;
    }

    /**
     * Forgets an entry (established, reset or expired).
     *
     * @param e the entry
     * @return true if it was held
     */
    synchronized boolean remove(ConnectionEntry e) {
        return order.remove(e);
    }

    /**
     * Returns how many half-open entries are held.
     *
     * @return count
     */
    synchronized int size() {
        return order.size();
    }

    /** Forgets everything (deactivation). */
    synchronized void clear() {
        order.clear();
    }
}
