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

import java.util.Arrays;

/**
 * Which connection the later fragments of a datagram belong to. Only a
 * datagram's first fragment carries the ports that find its connection
 * (RFC 791; RFC 8200 section 4.5), so the first one records its connection
 * here under the datagram's identity — the client's IPv4 address and the
 * fragment identification — and the fragments that follow look it up. A
 * fragment that overtakes its first one finds nothing and waits in a
 * {@link FragmentQueue} until its first has been forwarded.
 *
 * <p>Direct-mapped and fixed in size: no allocation per fragment, and a
 * flood of fragments can only evict older datagrams' owners. The caller
 * checks that an owner found matches the fragment's addresses (the key
 * omits them to stay one word).</p>
 */
final class FragmentOwners {
    private static final int SLOTS = 1 << 10;
    private static final int SHIFT_CLIENT = 32;
    private static final long MASK32 = 0xffffffffL;
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final int INDEX_SHIFT = 54;

    private final long lifetimeNanos;
    private final long[] keys = new long[SLOTS];
    private final long[] expiries = new long[SLOTS];
    private final ConnectionEntry[] owners = new ConnectionEntry[SLOTS];

    /**
     * Creates an empty table.
     *
     * @param lifetimeNanos how long after its first fragment a datagram's
     *                      later fragments are still accepted
     */
    FragmentOwners(long lifetimeNanos) {
        this.lifetimeNanos = lifetimeNanos;
    }

    private static long key(int clientIp, int id) {
        return ((clientIp & MASK32) << SHIFT_CLIENT) | (id & MASK32);
    }

    private static int slot(long key) {
        return (int) ((key * MIX) >>> INDEX_SHIFT);
    }

    /**
     * Records the connection of a datagram whose first fragment was just
     * forwarded.
     *
     * @param clientIp the client's IPv4 address
     * @param id fragment identification (IPv4: 16 bits; IPv6: 32 bits)
     * @param owner the connection
     * @param nowNanos monotonic time
     */
    synchronized void put(int clientIp, int id, ConnectionEntry owner, long nowNanos) {
        long k = key(clientIp, id);
        int i = slot(k);
        keys[i] = k;
        owners[i] = owner;
        expiries[i] = nowNanos + lifetimeNanos;
    }

    /**
     * Returns the connection of a datagram's later fragment.
     *
     * @param clientIp the client's IPv4 address
     * @param id fragment identification
     * @param nowNanos monotonic time
     * @return the connection its first fragment went to, or null
     */
    synchronized ConnectionEntry get(int clientIp, int id, long nowNanos) {
        long k = key(clientIp, id);
        int i = slot(k);
        if (owners[i] == null || keys[i] != k || nowNanos - expiries[i] > 0) {
            return null;
        }
        return owners[i];
    }

    /**
     * Forgets every owner (configuration change, shutdown).
     */
    synchronized void clear() {
        Arrays.fill(owners, null);
    }
}
