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

import org.v6proxy.api.Direction;
import org.v6proxy.packet.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The local mirror's two indices, looked up per packet without allocating:
 * by the IPv4 side (client ip:port, VIP:port, protocol) and by the IPv6 side
 * (client ip:port as embedded, backend address:port, protocol).
 * <p>
 * Open addressing with linear probing over arrays of entry references (the
 * entries hold their own keys): no node objects, one array slot per index
 * and entry. Reads are lock-free; writes are serialised. A removed entry
 * leaves a tombstone, never moves another entry, so a reader probing while
 * a writer works never skips a live entry; tombstones are swept when the
 * arrays are rebuilt, which happens into fresh arrays published at once.
 * The IPv6 index also enforces that no two connections share one IPv6
 * 4-tuple (they would be indistinguishable to the backend).
 */
final class ConnectionTable {
    private static final int INITIAL_SLOTS = 1 << 12;
    private static final int SHIFT_IP = 32;
    private static final int SHIFT_PORT = 16;
    private static final long MASK32 = 0xffffffffL;
    private static final int PROTO_SHIFT = 56;
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final int MIX_SHIFT = 29;
    private static final Direction[] DIRECTIONS = Direction.values();
    /** Marks a slot whose entry was removed: probes continue past it. */
    private static final Object TOMBSTONE = new Object();

    /** Both indices, replaced together when rebuilt. */
    private static final class Slots {
        final AtomicReferenceArray<Object> by4;
        final AtomicReferenceArray<Object> by6;
        final int mask;

        Slots(int capacity) {
            by4 = new AtomicReferenceArray<>(capacity);
            by6 = new AtomicReferenceArray<>(capacity);
            mask = capacity - 1;
        }
    }

    private volatile Slots slots = new Slots(INITIAL_SLOTS);
    /** Live entries (guarded by this). */
    private int size;
    /** Slots not null in each index: live entries plus tombstones (guarded by this). */
    private int used;
    /** Traffic of the entries removed so far: packets and bytes per direction (guarded by this). */
    private final long[] retiredPackets = new long[DIRECTIONS.length];
    private final long[] retiredBytes = new long[DIRECTIONS.length];

    static long key4a(int clientIp, int clientPort, int vipPort) {
        return ((clientIp & MASK32) << SHIFT_IP) | ((long) clientPort << SHIFT_PORT) | vipPort;
    }

    static long key4b(int protocol, int vip) {
        return ((long) protocol << PROTO_SHIFT) | (vip & MASK32);
    }

    static long key6a(int clientIp, int clientPort, int backendPort) {
        return key4a(clientIp, clientPort, backendPort);
    }

    static long key6b(int protocol, long backendLo) {
        return backendLo ^ ((long) protocol << PROTO_SHIFT);
    }

    private static int index(long k1, long k2, int mask) {
        long h = (k1 * MIX) ^ k2;
        h ^= h >>> MIX_SHIFT;
        return (int) (h * MIX >>> SHIFT_IP) & mask;
    }

    private static int home4(ConnectionEntry e, int mask) {
        return index(key4a(e.clientIp, e.clientPort, e.vipPort), key4b(e.protocol, e.vip), mask);
    }

    private static int home6(ConnectionEntry e, int mask) {
        return index(key6a(e.clientIp, e.clientPort, e.backendPort), key6b(e.protocol, e.backendLo), mask);
    }

    /**
     * Finds a connection by its IPv4 side.
     *
     * @param protocol IP protocol number
     * @param clientIp client address
     * @param clientPort client port
     * @param vip VIP
     * @param vipPort service port
     * @return entry or null
     */
    ConnectionEntry find4(int protocol, int clientIp, int clientPort, int vip, int vipPort) {
        Slots s = slots;
        AtomicReferenceArray<Object> t = s.by4;
        int i = index(key4a(clientIp, clientPort, vipPort), key4b(protocol, vip), s.mask);
        // At most every slot once; a rebuild keeps at least half of them null.
        for (int n = 0; n <= s.mask; n++) {
            Object o = t.get(i);
            if (o == null) {
                return null;
            }
            if (o != TOMBSTONE) {
                ConnectionEntry e = (ConnectionEntry) o;
                if (e.clientIp == clientIp && e.clientPort == clientPort && e.vipPort == vipPort && e.vip == vip
                        && e.protocol == protocol) {
                    return e;
                }
            }
            i = (i + 1) & s.mask;
        }
        return null;
    }

    /**
     * Finds a connection by its IPv6 side.
     *
     * @param protocol IP protocol number
     * @param clientIp client address (extracted from the IPv6 destination)
     * @param clientPort client port
     * @param b buffer holding the backend address
     * @param backendOff offset of the backend address
     * @param backendPort backend port
     * @return entry or null
     */
    ConnectionEntry find6(int protocol, int clientIp, int clientPort, byte[] b, int backendOff, int backendPort) {
        long lo = Bytes.getLong(b, backendOff + Long.BYTES);
        Slots s = slots;
        AtomicReferenceArray<Object> t = s.by6;
        int i = index(key6a(clientIp, clientPort, backendPort), key6b(protocol, lo), s.mask);
        for (int n = 0; n <= s.mask; n++) {
            Object o = t.get(i);
            if (o == null) {
                return null;
            }
            if (o != TOMBSTONE) {
                ConnectionEntry e = (ConnectionEntry) o;
                if (e.clientIp == clientIp && e.clientPort == clientPort && e.backendPort == backendPort
                        && e.backendLo == lo && e.protocol == protocol && e.backendIs(b, backendOff)) {
                    return e;
                }
            }
            i = (i + 1) & s.mask;
        }
        return null;
    }

    /**
     * Inserts or replaces the entry for a connection.
     *
     * @param e entry
     * @return the entry of ANOTHER connection already holding the same IPv6
     *         4-tuple (nothing is changed then), or null on success
     */
    synchronized ConnectionEntry put(ConnectionEntry e) {
        ConnectionEntry holder = find6(e.protocol, e.clientIp, e.clientPort, e.backendBytes(), 0, e.backendPort);
        if (holder != null && !sameKey(holder, e)) {
            return holder;
        }
        ConnectionEntry old = find4(e.protocol, e.clientIp, e.clientPort, e.vip, e.vipPort);
        if (old != null) {
            removeSlots(old);
        }
        if ((used + 1) * 2 > slots.mask + 1) {
            rebuild();
        }
        Slots s = slots;
        boolean fresh4 = insert(s.by4, home4(e, s.mask), s.mask, e);
        boolean fresh6 = insert(s.by6, home6(e, s.mask), s.mask, e);
        // Both indices hold the same entries, so their null counts only differ by tombstone reuse.
        if (fresh4 || fresh6) {
            used++;
        }
        size++;
        return null;
    }

    /**
     * Removes an entry (by identity).
     *
     * @param e entry
     * @return true if it was present
     */
    synchronized boolean remove(ConnectionEntry e) {
        ConnectionEntry cur = find4(e.protocol, e.clientIp, e.clientPort, e.vip, e.vipPort);
        if (cur != e) {
            return false;
        }
        removeSlots(e);
        return true;
    }

    /**
     * Returns a snapshot of all entries.
     *
     * @return entries
     */
    List<ConnectionEntry> entries() {
        AtomicReferenceArray<Object> t = slots.by4;
        List<ConnectionEntry> out = new ArrayList<>();
        for (int i = 0; i < t.length(); i++) {
            Object o = t.get(i);
            if (o != null && o != TOMBSTONE) {
                out.add((ConnectionEntry) o);
            }
        }
        return out;
    }

    synchronized int size() {
        return size;
    }

    private static boolean sameKey(ConnectionEntry a, ConnectionEntry b) {
        return a.protocol == b.protocol && a.clientIp == b.clientIp && a.clientPort == b.clientPort
                && a.vip == b.vip && a.vipPort == b.vipPort;
    }

    private void removeSlots(ConnectionEntry e) {
        Slots s = slots;
        unlink(s.by4, home4(e, s.mask), s.mask, e);
        unlink(s.by6, home6(e, s.mask), s.mask, e);
        size--;
        for (Direction d : DIRECTIONS) {
            retiredPackets[d.ordinal()] += e.packets(d);
            retiredBytes[d.ordinal()] += e.bytes(d);
        }
    }

    /**
     * Adds the traffic this instance translated on every connection it has
     * held, present and removed, per direction: the per-packet path counts
     * only in the entries, and this sums them up when asked.
     *
     * @param packets packets per direction ordinal, added to
     * @param bytes IP bytes per direction ordinal, added to
     */
    synchronized void addTraffic(long[] packets, long[] bytes) {
        for (Direction d : DIRECTIONS) {
            packets[d.ordinal()] += retiredPackets[d.ordinal()];
            bytes[d.ordinal()] += retiredBytes[d.ordinal()];
        }
        AtomicReferenceArray<Object> t = slots.by4;
        for (int i = 0; i < t.length(); i++) {
            Object o = t.get(i);
            if (o != null && o != TOMBSTONE) {
                ConnectionEntry e = (ConnectionEntry) o;
                for (Direction d : DIRECTIONS) {
                    packets[d.ordinal()] += e.packets(d);
                    bytes[d.ordinal()] += e.bytes(d);
                }
            }
        }
    }

    /** Puts e in the first free slot (null or tombstone) of its probe sequence; true if that slot was null. */
    private static boolean insert(AtomicReferenceArray<Object> t, int home, int mask, ConnectionEntry e) {
        int i = home;
        while (true) {
            Object o = t.get(i);
            if (o == null || o == TOMBSTONE) {
                t.set(i, e);
                return o == null;
            }
            i = (i + 1) & mask;
        }
    }

    private static void unlink(AtomicReferenceArray<Object> t, int home, int mask, ConnectionEntry e) {
        int i = home;
        for (int n = 0; n <= mask; n++) {
            Object o = t.get(i);
            if (o == null) {
                return;
            }
            if (o == e) {
                t.set(i, TOMBSTONE);
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Rebuilds both indices without tombstones, twice as large if the live
     * entries alone would fill more than a quarter: readers keep the old
     * arrays, which stay valid, until they read the new ones.
     */
    private void rebuild() {
        Slots old = slots;
        int capacity = old.mask + 1;
        while ((size + 1) * 4 > capacity) {
            capacity *= 2;
        }
        Slots s = new Slots(capacity);
        for (int i = 0; i <= old.mask; i++) {
            Object o = old.by4.get(i);
            if (o != null && o != TOMBSTONE) {
                ConnectionEntry e = (ConnectionEntry) o;
                insert(s.by4, home4(e, s.mask), s.mask, e);
                insert(s.by6, home6(e, s.mask), s.mask, e);
            }
        }
        used = size;
        slots = s;
    }
}
