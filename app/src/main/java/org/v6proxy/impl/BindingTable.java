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
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The bindings of one instance, found by the client's IPv4 4-tuple as ints:
 * every client segment before binding looks here, so a lookup builds no
 * {@link org.v6proxy.api.ConnectionKey} (two address objects and a boxing
 * hash) and allocates nothing. Fixed size, because the number of bindings is
 * bounded; chained through {@link Binding#next}. Reads take no lock (a
 * removed binding keeps its link, so a reader standing on it goes on);
 * writes lock one of a few stripes.
 */
final class BindingTable {
    private static final int STRIPES = 64;
    private static final int MIX = 0x9E3779B9;
    private static final int SHIFT_PORT = 16;
    private static final int SHIFT_MIX = 16;

    private final AtomicReferenceArray<Binding> slots;
    private final int mask;
    private final Object[] locks = new Object[STRIPES];
    private final AtomicInteger size = new AtomicInteger();

    /**
     * Creates a table sized for a number of bindings.
     *
     * @param capacity bindings expected at most (more work, with longer chains)
     */
    BindingTable(int capacity) {
        int n = Integer.highestOneBit(Math.max(STRIPES, capacity) - 1) << 2;
        slots = new AtomicReferenceArray<>(n);
        mask = n - 1;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    private int slot(int client, int clientPort, int vip, int vipPort) {
        int h = (client * MIX + vip) * MIX + ((clientPort << SHIFT_PORT) | vipPort);
        return (h ^ (h >>> SHIFT_MIX)) & mask;
    }

    /**
     * Finds the binding of a client's connection.
     *
     * @param client client IPv4 address
     * @param clientPort client port
     * @param vip virtual IPv4 address
     * @param vipPort service port
     * @return the binding or null
     */
    Binding find(int client, int clientPort, int vip, int vipPort) {
        for (Binding b = slots.get(slot(client, clientPort, vip, vipPort)); b != null; b = b.next) {
            if (b.client == client && b.clientPort == clientPort && b.vip == vip && b.vipPort == vipPort) {
                return b;
            }
        }
        return null;
    }

    /**
     * Adds a binding unless one for its 4-tuple is there.
     *
     * @param bd the new binding
     * @return the binding already there, or null if bd was added
     */
    Binding putIfAbsent(Binding bd) {
        int i = slot(bd.client, bd.clientPort, bd.vip, bd.vipPort);
        synchronized (locks[i & (STRIPES - 1)]) {
            Binding head = slots.get(i);
            for (Binding b = head; b != null; b = b.next) {
                if (b.client == bd.client && b.clientPort == bd.clientPort && b.vip == bd.vip
                        && b.vipPort == bd.vipPort) {
                    return b;
                }
            }
            bd.next = head;
            slots.set(i, bd);
            size.incrementAndGet();
            return null;
        }
    }

    /**
     * Removes this very binding (not another one on the same 4-tuple).
     *
     * @param bd the binding
     * @return whether it was there
     */
    boolean remove(Binding bd) {
        int i = slot(bd.client, bd.clientPort, bd.vip, bd.vipPort);
        synchronized (locks[i & (STRIPES - 1)]) {
            Binding prev = null;
            for (Binding b = slots.get(i); b != null; prev = b, b = b.next) {
                if (b == bd) {
                    if (prev == null) {
                        slots.set(i, b.next);
                    } else {
                        prev.next = b.next;
                    }
                    size.decrementAndGet();
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Returns how many bindings there are.
     *
     * @return count
     */
    int size() {
        return size.get();
    }

    /**
     * Returns the bindings there are now (for timers and deactivation, not per packet).
     *
     * @return a new list, empty without walking the table when there are none
     */
    List<Binding> all() {
        List<Binding> out = new ArrayList<>(size.get());
        if (size.get() == 0) {
            return out;
        }
        for (int i = 0; i <= mask; i++) {
            for (Binding b = slots.get(i); b != null; b = b.next) {
                out.add(b);
            }
        }
        return out;
    }
}
