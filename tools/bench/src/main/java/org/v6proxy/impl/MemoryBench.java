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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.Ip6Prefix;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.Protocol;
import org.v6proxy.bench.OnlabProxy;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Memory per established connection, from the heap in use (after full
 * collections) before and after many connections are added, over several
 * rounds (the median is reported). Run it in its own JVM with a
 * stop-the-world collector (-XX:+UseSerialGC) so that "used" after
 * System.gc() is exact. Prints one JSON object:
 * <ul>
 * <li>{@code v6proxyTotal} / {@code onlabTotal}: bytes per connection opened
 *     through the packet path (SYN, SYN-ACK, ACK): everything the
 *     implementation keeps: local tables, the record, the in-memory
 *     ConsistentMap entry (TestConsistentMap holds the record object itself;
 *     a real ONOS cluster keeps it serialized in its partitions);</li>
 * <li>{@code v6proxyMirror} / {@code onlabMirror}: bytes per connection of
 *     the local lookup tables alone, for records that already exist (what an
 *     instance adds when it mirrors the shared map);</li>
 * <li>{@code recordHeap}: bytes per Connection record object graph as the
 *     packet path creates it;</li>
 * <li>{@code recordSerialized}: mean bytes of a record encoded with the
 *     store's serializer (what travels to and lives in the cluster).</li>
 * </ul>
 */
public final class MemoryBench {
    private static final int DEFAULT_CONNECTIONS = 100_000;
    private static final int DEFAULT_ROUNDS = 3;
    private static final int PORTS_PER_CLIENT = 50_000;
    private static final int FIRST_PORT = 10_000;
    private static final int FIRST_CLIENT = Ip4Address.valueOf("10.1.0.1").toInt();
    private static final int SETTLE_ROUNDS = 12;
    private static final long SETTLED_BYTES = 4096;
    private static final long PAUSE_MS = 30;
    private static final long QUIET_MS = 500;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private MemoryBench() {
    }

    /**
     * Runs the measurements.
     *
     * @param args [connections [rounds]]
     * @throws InterruptedException if interrupted while letting the heap settle
     */
    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CONNECTIONS;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ROUNDS;
        double[][] r = new double[5][rounds];
        for (int i = 0; i < rounds; i++) {
            r[0][i] = total(n, true);
            r[1][i] = total(n, false);
            r[2][i] = mirror(n, true);
            r[3][i] = mirror(n, false);
            r[4][i] = records(n);
        }
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("connections", n);
        out.put("rounds", rounds);
        out.put("v6proxyTotal", median(r[0]));
        out.put("onlabTotal", median(r[1]));
        out.put("v6proxyMirror", median(r[2]));
        out.put("onlabMirror", median(r[3]));
        out.put("recordHeap", median(r[4]));
        out.put("recordSerialized", serialized(Math.min(n, 1000)));
        System.out.println(out);
    }

    private static int clientIp(int i) {
        return FIRST_CLIENT + i / PORTS_PER_CLIENT;
    }

    private static int clientPort(int i) {
        return FIRST_PORT + i % PORTS_PER_CLIENT;
    }

    /** Opens n connections through the packet path of one implementation. */
    private static double total(int n, boolean v6proxy) throws InterruptedException {
        try (BenchRig rig = new BenchRig()) {
            long before = usedHeapBefore();
            for (int i = 0; i < n; i++) {
                int c = clientIp(i);
                int p = clientPort(i);
                byte[][] handshake = {BenchFrames.clientSyn(c, p), BenchFrames.backendSynAck(c, p),
                    BenchFrames.clientAck(c, p)};
                ConnectPoint[] from = {BenchRig.CLIENT_AT, BenchRig.BACKEND_AT, BenchRig.CLIENT_AT};
                for (int k = 0; k < handshake.length; k++) {
                    byte[] out = v6proxy ? rig.v6proxy(handshake[k], from[k]) : rig.onlab(handshake[k], from[k]);
                    if (out == null) {
                        throw new IllegalStateException("connection " + i + " segment " + k + " not forwarded");
                    }
                }
            }
            rig.pkt.clear();
            long after = usedHeap();
            int kept = v6proxy ? rig.store.entries().size() : rig.onlab.size();
            if (kept != n) {
                throw new IllegalStateException(kept + " connections kept, " + n + " expected");
            }
            return (after - before) / (double) n;
        }
    }

    /** Adds n existing records to the local tables of one implementation. */
    private static double mirror(int n, boolean v6proxy) throws InterruptedException {
        Connection[] recs = build(n);
        try (BenchRig rig = new BenchRig()) {
            ConnectionTable table = new ConnectionTable();
            OnlabProxy onlab = new OnlabProxy(Ip6Prefix.valueOf("2001:db8:46::/96"),
                                              MacAddress.valueOf(BenchRig.GW_MAC), BenchRig.IPV4_MTU,
                                              BenchRig.IPV6_MTU, rig.hosts, rig.pkt, null);
            long before = usedHeapBefore();
            for (Connection c : recs) {
                boolean added = v6proxy ? table.put(new ConnectionEntry(c, 0)) == null : onlab.mirror(c);
                if (!added) {
                    throw new IllegalStateException("record not added: " + c.key());
                }
            }
            long after = usedHeap();
            // Using the tables after the measurement keeps them reachable during it.
            int kept = v6proxy ? table.size() : onlab.size();
            if (kept != recs.length) {
                throw new IllegalStateException(kept + " connections kept, " + n + " expected");
            }
            return (after - before) / (double) n;
        }
    }

    /** The record object graphs alone. */
    private static double records(int n) throws InterruptedException {
        long before = usedHeapBefore();
        Connection[] recs = build(n);
        long after = usedHeap();
        if (recs[n - 1] == null) {
            throw new IllegalStateException("records not built");
        }
        // The array holding them is the measurement's, not the records'.
        return (after - before - arrayBytes(n)) / (double) n;
    }

    private static long arrayBytes(int n) {
        long raw = 16L + 4L * n;
        return (raw + 7) & ~7L;
    }

    private static double serialized(int n) {
        Connection[] recs = build(n);
        long sum = 0;
        for (Connection c : recs) {
            sum += DistributedConnectionStore.SERIALIZER.encode(c).length;
        }
        return sum / (double) n;
    }

    /** Records as L4Path.open() creates them: per-connection key, MAC and IPv6; shared backend, port, name. */
    private static Connection[] build(int n) {
        Backend backend = new Backend(Ip6Address.valueOf(BenchRig.BACKEND6), BenchRig.BACKEND_PORT);
        Ip4Address vip = Ip4Address.valueOf(BenchRig.VIP4);
        IntFunction<Connection> make = i -> {
            int c = clientIp(i);
            ConnectionKey key = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf(c), clientPort(i),
                                                  Ip4Address.valueOf(vip.toInt()), BenchRig.SERVICE_PORT);
            return Connection.direct(key, BenchRig.CLIENT_AT, MacAddress.valueOf(BenchRig.CLIENT_MAC), "web",
                                     backend, Ip6Address.valueOf(BenchFrames.client6(c)),
                                     ConnectionState.ESTABLISHED, System.currentTimeMillis());
        };
        Connection[] recs = new Connection[n];
        for (int i = 0; i < n; i++) {
            recs[i] = make.apply(i);
        }
        return recs;
    }

    /**
     * Heap in use before a measurement: what the previous one left behind
     * (the closed rig's timer thread ends asynchronously and can hold its
     * objects for a moment) is given time to become garbage first.
     */
    private static long usedHeapBefore() throws InterruptedException {
        Thread.sleep(QUIET_MS);
        usedHeap();
        Thread.sleep(QUIET_MS);
        return usedHeap();
    }

    /**
     * Heap in use once full collections no longer change it three times in a
     * row. Finalization runs between collections: a closed rig's executor
     * has a finalizer, and what it still references is only freed after it.
     */
    @SuppressWarnings("deprecation")
    private static long usedHeap() throws InterruptedException {
        long prev = Long.MAX_VALUE;
        int stable = 0;
        for (int i = 0; i < SETTLE_ROUNDS && stable < 2; i++) {
            System.gc();
            System.runFinalization();
            Thread.sleep(PAUSE_MS);
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            stable = Math.abs(prev - used) < SETTLED_BYTES ? stable + 1 : 0;
            prev = used;
        }
        return prev;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
