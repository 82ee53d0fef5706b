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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The local mirror's two indices, looked up per packet without allocating:
 * by the IPv4 side (client ip:port, VIP:port, protocol) and by the IPv6 side
 * (client ip:port as embedded, backend address:port, protocol).
 * <p>
 * Reads are lock-free over immutable bucket chains; writes are serialised and
 * replace a whole chain, so a reader sees either the old or the new chain.
 * The IPv6 index also enforces that no two connections share one IPv6
 * 4-tuple (they would be indistinguishable to the backend).
 */
final class ConnectionTable {
    private static final int INITIAL_BUCKETS = 1 << 12;
    private static final int SHIFT_IP = 32;
    private static final int SHIFT_PORT = 16;
    private static final long MASK32 = 0xffffffffL;
    private static final int PROTO_SHIFT = 56;
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final int MIX_SHIFT = 29;
    private static final Direction[] DIRECTIONS = Direction.values();

    private static final class Node {
        final long k1;
        final long k2;
        final ConnectionEntry entry;
        final Node next;

        Node(long k1, long k2, ConnectionEntry entry, Node next) {
            this.k1 = k1;
            this.k2 = k2;
            this.entry = entry;
            this.next = next;
        }
    }

    private volatile AtomicReferenceArray<Node> by4 = new AtomicReferenceArray<>(INITIAL_BUCKETS);
    private volatile AtomicReferenceArray<Node> by6 = new AtomicReferenceArray<>(INITIAL_BUCKETS);
    private int size;
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

    private static int index(long k1, long k2, int buckets) {
        long h = (k1 * MIX) ^ k2;
        h ^= h >>> MIX_SHIFT;
        return (int) (h * MIX >>> SHIFT_IP) & (buckets - 1);
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
        long k1 = key4a(clientIp, clientPort, vipPort);
        long k2 = key4b(protocol, vip);
        AtomicReferenceArray<Node> t = by4;
        for (Node n = t.get(index(k1, k2, t.length())); n != null; n = n.next) {
            if (n.k1 == k1 && n.k2 == k2) {
                return n.entry;
            }
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
        long k1 = key6a(clientIp, clientPort, backendPort);
        long k2 = key6b(protocol, ConnectionEntry.high(b, backendOff + Long.BYTES));
        AtomicReferenceArray<Node> t = by6;
        for (Node n = t.get(index(k1, k2, t.length())); n != null; n = n.next) {
            if (n.k1 == k1 && n.k2 == k2 && n.entry.backendIs(b, backendOff)) {
                return n.entry;
            }
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
        long a6 = key6a(e.clientIp, e.clientPort, e.backendPort);
        long b6 = key6b(e.protocol, e.backendLo);
        ConnectionEntry holder = find6(e.protocol, e.clientIp, e.clientPort, e.backend, 0, e.backendPort);
        if (holder != null && !sameKey(holder, e)) {
            return holder;
        }
        long a4 = key4a(e.clientIp, e.clientPort, e.vipPort);
        long b4 = key4b(e.protocol, e.vip);
        ConnectionEntry old = find4(e.protocol, e.clientIp, e.clientPort, e.vip, e.vipPort);
        if (old != null) {
            removeNodes(old);
        }
        if (size + 1 > by4.length() * 3 / 4) {
            by4 = grow(by4);
            by6 = grow(by6);
        }
        insert(by4, a4, b4, e);
        insert(by6, a6, b6, e);
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
        removeNodes(e);
        return true;
    }

    /**
     * Returns a snapshot of all entries.
     *
     * @return entries
     */
    List<ConnectionEntry> entries() {
        AtomicReferenceArray<Node> t = by4;
        List<ConnectionEntry> out = new ArrayList<>();
        for (int i = 0; i < t.length(); i++) {
            for (Node n = t.get(i); n != null; n = n.next) {
                out.add(n.entry);
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

    private void removeNodes(ConnectionEntry e) {
        unlink(by4, key4a(e.clientIp, e.clientPort, e.vipPort), key4b(e.protocol, e.vip), e);
        unlink(by6, key6a(e.clientIp, e.clientPort, e.backendPort), key6b(e.protocol, e.backendLo), e);
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
        AtomicReferenceArray<Node> t = by4;
        for (int i = 0; i < t.length(); i++) {
            for (Node n = t.get(i); n != null; n = n.next) {
                for (Direction d : DIRECTIONS) {
                    packets[d.ordinal()] += n.entry.packets(d);
                    bytes[d.ordinal()] += n.entry.bytes(d);
                }
            }
        }
    }

    private static void insert(AtomicReferenceArray<Node> t, long k1, long k2, ConnectionEntry e) {
        int i = index(k1, k2, t.length());
        t.set(i, new Node(k1, k2, e, t.get(i)));
    }

    private static void unlink(AtomicReferenceArray<Node> t, long k1, long k2, ConnectionEntry e) {
        int i = index(k1, k2, t.length());
        t.set(i, without(t.get(i), e));
    }

    /** Rebuilds a chain without one entry; nodes are immutable so readers never see a half-edited chain. */
    private static Node without(Node n, ConnectionEntry e) {
        if (n == null) {
            return null;
        }
        if (n.entry == e) {
            return n.next;
        }
        Node rest = without(n.next, e);
        return rest == n.next ? n : new Node(n.k1, n.k2, n.entry, rest);
    }

    private static AtomicReferenceArray<Node> grow(AtomicReferenceArray<Node> t) {
        AtomicReferenceArray<Node> g = new AtomicReferenceArray<>(t.length() * 2);
        for (int i = 0; i < t.length(); i++) {
            for (Node n = t.get(i); n != null; n = n.next) {
                int j = index(n.k1, n.k2, g.length());
                g.set(j, new Node(n.k1, n.k2, n.entry, g.get(j)));
            }
        }
        return g;
    }
}
