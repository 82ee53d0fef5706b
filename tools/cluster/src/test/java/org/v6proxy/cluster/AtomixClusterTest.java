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
package org.v6proxy.cluster;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.MacAddress;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.NodeId;
import org.onosproject.mastership.MastershipEvent;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;
import org.onosproject.store.serializers.KryoNamespaces;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.TestStorageService;
import org.onosproject.store.service.Versioned;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.Protocol;
import org.v6proxy.impl.ClusterApp;
import org.v6proxy.impl.ConnectionEntry;
import org.v6proxy.impl.DistributedConnectionStore;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Three Raft members as separate processes (each a candidate for mastership of one device)
 * and two application instances in this JVM as Atomix client members, each with its own
 * storage, cluster, leadership and mastership services: ConsistentMap semantics across
 * instances, the app's DistributedConnectionStore on two instances, measurements, and last
 * the SIGKILL of the master. Results go to target/cluster-bench.txt.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class AtomixClusterTest {
    private static final DeviceId DEVICE = DeviceId.deviceId("of:0000000000000001");
    /** A device that an application instance process masters (y1). */
    private static final DeviceId DEVICE2 = DeviceId.deviceId("of:0000000000000002");
    /** Generous: three JVMs joining on a shared two-core machine. */
    private static final long JOIN_MILLIS = 240_000;
    private static final long EVENT_MILLIS = 20_000;
    private static final Serializer STRINGS = Serializer.using(KryoNamespaces.BASIC);
    private static final File OUT = new File("target/cluster-bench.txt");

    private static MemberProcesses members;
    private static Instance a;
    private static Instance b;

    /** An application instance: a client member and the services the app would get. */
    private static final class Instance {
        final ClusterMember member;
        final AtomixStorageService storage;
        final AtomixClusterService cluster;
        final AtomixLeadershipService leadership;
        final AtomixMastershipService mastership;

        Instance(String id) throws IOException {
            ClusterMember.Builder builder = ClusterMember.builder(id).client();
            members.ports().forEach(builder::member);
            member = builder.start(freePort());
            storage = new AtomixStorageService(member);
            cluster = new AtomixClusterService(member);
            leadership = new AtomixLeadershipService(member);
            mastership = new AtomixMastershipService(leadership);
        }

        void close() {
            mastership.close();
            leadership.close();
            cluster.close();
            member.close();
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeClass
    public static void startCluster() throws Exception {
        Files.deleteIfExists(OUT.toPath());
        members = new MemberProcesses(3, DEVICE.toString(), new File("target/cluster-logs"));
        try {
            for (String id : members.ports().keySet()) {
                assertNotNull("member " + id + " did not join (see target/cluster-logs/" + id + ".log)",
                              members.await(id, "READY", JOIN_MILLIS));
            }
            a = new Instance("app-a");
            b = new Instance("app-b");
        } catch (Exception | AssertionError e) {
            stopCluster();
            throw e;
        }
    }

    @AfterClass
    public static void stopCluster() {
        for (Instance i : new Instance[] {a, b}) {
            if (i != null) {
                i.close();
            }
        }
        if (members != null) {
            members.close();
        }
    }

    private static void record(String line) throws IOException {
        System.out.println(line);
        Files.write(OUT.toPath(), (line + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EVENT_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail(what + " within " + EVENT_MILLIS + " ms");
            }
            Thread.sleep(10);
        }
    }

    private static <K, V> ConsistentMap<K, V> map(Instance i, String name) {
        return i.storage.<K, V>consistentMapBuilder().withName(name).withSerializer(STRINGS).build();
    }

    @Test
    public void a1VersionedConditionalWrites() {
        ConsistentMap<String, String> ma = map(a, "t-versions");
        ConsistentMap<String, String> mb = map(b, "t-versions");
        Versioned<String> v1 = ma.putAndGet("k", "a");
        assertEquals("a", v1.value());
        assertEquals("the other instance reads the same version", v1.version(), mb.get("k").version());
        assertFalse("a wrong version does not replace", mb.replace("k", v1.version() + 1000, "x"));
        assertTrue(mb.replace("k", v1.version(), "b"));
        Versioned<String> v2 = ma.get("k");
        assertEquals("b", v2.value());
        assertTrue("versions grow", v2.version() > v1.version());
        assertFalse("a stale version does not replace", ma.replace("k", v1.version(), "c"));
        assertFalse("a stale value does not replace", ma.replace("k", "a", "c"));
        assertTrue(ma.replace("k", "b", "c"));
        assertFalse("a stale value does not remove", mb.remove("k", "b"));
        assertFalse("a stale version does not remove", mb.remove("k", v2.version()));
        assertEquals("c", mb.get("k").value());
        assertTrue(mb.remove("k", ma.get("k").version()));
        assertNull(ma.get("k"));
        assertNull(ma.putIfAbsent("p", "1"));
        assertEquals("1", mb.putIfAbsent("p", "2").value());
        assertEquals("1", mb.remove("p").value());
        assertNull(ma.remove("p"));
    }

    @Test
    public void a2Compute() {
        ConsistentMap<String, String> ma = map(a, "t-compute");
        ConsistentMap<String, String> mb = map(b, "t-compute");
        assertNull("computeIfPresent on an absent key", ma.computeIfPresent("k", (k, v) -> "x"));
        assertNull(ma.get("k"));
        Versioned<String> v1 = ma.computeIfAbsent("k", k -> "a");
        assertEquals("a", v1.value());
        Versioned<String> same = mb.computeIf("k", v -> v.equals("zzz"), (k, v) -> "never");
        assertEquals("a false condition leaves the value", v1.version(), same.version());
        assertEquals("a", mb.get("k").value());
        Versioned<String> v2 = mb.compute("k", (k, v) -> v + "b");
        assertEquals("ab", v2.value());
        assertTrue(v2.version() > v1.version());
        assertNull("compute to null removes", ma.compute("k", (k, v) -> null));
        assertNull(mb.get("k"));
        // A write by the other instance between compute's read and its conditional write: Atomix fails
        // the write (ConcurrentModification) and ONOS's synchronous map runs computeIf again, so the
        // function sees the winner's value and no update is lost.
        ma.put("race", "0");
        List<String> seenByFn = new ArrayList<>();
        Versioned<String> r = ma.computeIf("race", v -> true, (k, v) -> {
            seenByFn.add(v);
            if ("0".equals(v)) {
                mb.put("race", "other");
            }
            return "mine";
        });
        assertEquals("the function ran again on the winner's value", List.of("0", "other"), seenByFn);
        assertEquals("mine", r.value());
        assertEquals(r.version(), mb.get("race").version());
        assertEquals("mine", mb.get("race").value());
    }

    @Test
    public void a3EventsOnTheOtherInstance() throws InterruptedException {
        ConsistentMap<String, String> ma = map(a, "t-events");
        ConsistentMap<String, String> mb = map(b, "t-events");
        BlockingQueue<MapEvent<String, String>> seen = new LinkedBlockingQueue<>();
        mb.addListener(seen::add);
        Versioned<String> put = ma.putAndGet("k", "a");
        assertTrue(ma.replace("k", put.version(), "b"));
        Versioned<String> replaced = ma.get("k");
        assertEquals("b", ma.remove("k").value());
        MapEvent<String, String> e1 = seen.poll(EVENT_MILLIS, TimeUnit.MILLISECONDS);
        MapEvent<String, String> e2 = seen.poll(EVENT_MILLIS, TimeUnit.MILLISECONDS);
        MapEvent<String, String> e3 = seen.poll(EVENT_MILLIS, TimeUnit.MILLISECONDS);
        assertNotNull("three events reach the other instance", e3);
        assertEquals(MapEvent.Type.INSERT, e1.type());
        assertEquals(put.version(), e1.newValue().version());
        assertEquals(MapEvent.Type.UPDATE, e2.type());
        assertEquals("b", e2.newValue().value());
        assertEquals(replaced.version(), e2.newValue().version());
        assertEquals("a", e2.oldValue().value());
        assertEquals(MapEvent.Type.REMOVE, e3.type());
        assertEquals("b", e3.oldValue().value());
        assertNull(e3.newValue());
    }

    private static DistributedConnectionStore store(StorageService storage) throws Exception {
        DistributedConnectionStore s = new DistributedConnectionStore();
        Field f = DistributedConnectionStore.class.getDeclaredField("storageService");
        f.setAccessible(true);
        f.set(s, storage);
        Method activate = DistributedConnectionStore.class.getDeclaredMethod("activate");
        activate.setAccessible(true);
        activate.invoke(s);
        return s;
    }

    private static void deactivate(DistributedConnectionStore s) throws Exception {
        Method m = DistributedConnectionStore.class.getDeclaredMethod("deactivate");
        m.setAccessible(true);
        m.invoke(s);
    }

    private static Connection connection(int i) {
        ConnectionKey key = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf(0x0a000000 | (i >>> 16 & 0xff) << 8
                | 3), 1024 + (i & 0xffff) % 60000, Ip4Address.valueOf("10.0.0.42"), 80);
        return Connection.direct(key, ConnectPoint.deviceConnectPoint(DEVICE + "/3"),
                                 MacAddress.valueOf("02:00:00:00:00:03"), "web",
                                 Backend.parse("[2001:db8::1]:80"),
                                 // RFC 6052 within 2001:db8:46::/96: one IPv6 4-tuple per key, as the app makes them.
                                 Ip6Address.valueOf(String.format("2001:db8:46::%x:%x", key.client().toInt() >>> 16,
                                                                  key.client().toInt() & 0xffff)),
                                 ConnectionState.ESTABLISHED,
                                 System.currentTimeMillis());
    }

    @Test
    public void b1ConnectionStoreAcrossInstances() throws Exception {
        DistributedConnectionStore sa = store(a.storage);
        DistributedConnectionStore sb = store(b.storage);
        try {
            assertTrue("both instances share one SYN cookie secret",
                       Arrays.equals(sa.cookieSecret(), sb.cookieSecret()));
            Connection c = connection(1).withState(ConnectionState.SYN_SENT);
            assertNotNull(sa.create(c));
            eventually("the record written on A reaches B's mirror", () -> sb.entry(c.key()) != null);
            assertEquals(c.backend(), sb.entry(c.key()).record().backend());
            sb.advance(c.key(), ConnectionState.ESTABLISHED);
            eventually("B's phase change reaches A", () -> sa.entry(c.key()).record().state()
                    == ConnectionState.ESTABLISHED);
            sa.advance(c.key(), ConnectionState.SYN_SENT);
            assertEquals("a phase never goes back", ConnectionState.ESTABLISHED,
                         sb.connections().iterator().next().state());
            assertEquals(1, sa.connections().size());
            assertNotNull(sb.remove(c.key()));
            eventually("B's removal reaches A's mirror", () -> sa.entry(c.key()) == null);
            assertTrue(sa.connections().isEmpty());
            sa.advance(c.key(), ConnectionState.CLOSING);
            assertTrue("a removed connection is not written again", sb.connections().isEmpty());
        } finally {
            deactivate(sa);
            deactivate(sb);
        }
    }

    /** Two connections from one client ip:port to two VIPs that share one backend: one IPv6 4-tuple. */
    private static Connection[] tuplePair(int round) {
        ConnectionKey k1 = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf("10.0.9.3"), 20000 + round,
                                             Ip4Address.valueOf("10.0.0.42"), 80);
        ConnectionKey k2 = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf("10.0.9.3"), 20000 + round,
                                             Ip4Address.valueOf("10.0.0.43"), 80);
        Connection[] pair = new Connection[2];
        int i = 0;
        for (ConnectionKey k : new ConnectionKey[] {k1, k2}) {
            pair[i++] = Connection.direct(k, ConnectPoint.deviceConnectPoint(DEVICE + "/3"),
                                          MacAddress.valueOf("02:00:00:00:00:03"), "web",
                                          Backend.parse("[2001:db8::1]:80"), Ip6Address.valueOf("2001:db8:46::a00:903"),
                                          ConnectionState.SYN_SENT, System.currentTimeMillis());
        }
        return pair;
    }

    @Test
    public void b2TupleCollisionCheckIsAtomicAcrossInstances() throws Exception {
        DistributedConnectionStore sa = ClusterApp.store(a.storage);
        DistributedConnectionStore sb = ClusterApp.store(b.storage);
        ExecutorService two = Executors.newFixedThreadPool(2);
        int rounds = 20;
        int winsA = 0;
        try {
            for (int r = 0; r < rounds; r++) {
                Connection[] pair = tuplePair(r);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<ConnectionEntry> fa = two.submit(() -> {
                    start.await();
                    return sa.create(pair[0]);
                });
                Future<ConnectionEntry> fb = two.submit(() -> {
                    start.await();
                    return sb.create(pair[1]);
                });
                ConnectionEntry ea = fa.get();
                ConnectionEntry eb = fb.get();
                assertTrue("round " + r + ": exactly one instance opens the 4-tuple", (ea == null) != (eb == null));
                winsA += ea != null ? 1 : 0;
                Connection winner = ea != null ? pair[0] : pair[1];
                Connection loser = ea != null ? pair[1] : pair[0];
                assertTrue(sa.awaitWrites(EVENT_MILLIS) && sb.awaitWrites(EVENT_MILLIS));
                eventually("the winner's record on both instances", () -> sa.entry(winner.key()) != null
                        && sb.entry(winner.key()) != null);
                assertTrue("no record of the loser", sa.connections().stream()
                        .noneMatch(c -> c.key().equals(loser.key())));
                assertNull(sa.entry(loser.key()));
                assertNull(sb.entry(loser.key()));
            }
            // A closed connection gives its 4-tuple back: the other instance can open it now.
            Connection[] pair = tuplePair(0);
            Connection held = sa.entry(pair[0].key()) != null ? pair[0] : pair[1];
            Connection other = held == pair[0] ? pair[1] : pair[0];
            DistributedConnectionStore holder = held == pair[0] ? sa : sb;
            DistributedConnectionStore taker = held == pair[0] ? sb : sa;
            assertNull("still taken", taker.create(other));
            assertNotNull(holder.remove(held.key()));
            assertTrue(holder.awaitWrites(EVENT_MILLIS));
            assertNotNull("free after the holder closed", taker.create(other));
            record(String.format("4-tuple race: %d rounds, exactly one winner each (A won %d, B %d)", rounds, winsA,
                                 rounds - winsA));
            for (int r = 0; r < rounds; r++) {
                for (Connection c : tuplePair(r)) {
                    sa.remove(c.key());
                }
            }
            assertTrue(sa.awaitWrites(EVENT_MILLIS));
        } finally {
            two.shutdownNow();
            ClusterApp.stop(sa);
            ClusterApp.stop(sb);
        }
    }

    @Test
    public void b3SynCookieOfOneInstanceOpensOnAnother() throws Exception {
        try (ClusterApp appA = new ClusterApp(a.storage, a.mastership);
             ClusterApp appB = new ClusterApp(b.storage, b.mastership)) {
            // A cookie that B did not mint and that matches no secret: no backend leg (checked first, so the
            // valid case below is not passing for a cookie check that lets everything through).
            int cookie = appA.synCookie(41000);
            List<String> forged = appB.ackWithData(41000, cookie + 1 + 0x01000000);
            assertTrue("a forged cookie opens nothing: " + forged, forged.stream().noneMatch(l -> l.contains("v6")));
            assertEquals("counters are per instance: B counted the forged cookie", 1, appB.badCookies());
            assertEquals(0, appA.badCookies());
            // The real one, minted by A's packet path, validated by B's.
            int cookie2 = appA.synCookie(41001);
            List<String> out = appB.ackWithData(41001, cookie2 + 1);
            assertEquals("B opens the backend leg with a SYN: " + out,
                         List.of(ClusterApp.BACKEND1_PORT + " v6 flags=2"), out);
            ConnectionKey key = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf("10.0.0.3"), 41001,
                                                  Ip4Address.valueOf("10.0.0.42"), 80);
            assertTrue(appB.store().awaitWrites(EVENT_MILLIS));
            eventually("the connection B opened is in A's mirror", () -> appA.store().entry(key) != null);
            assertEquals(ConnectionState.SYN_SENT, appA.store().entry(key).record().state());
            eventually("listings are cluster-wide: A lists the connection B opened", () -> appA.listed().stream()
                    .anyMatch(c -> c.key().equals(key)) && appA.listedFor("seed") == 1);
            appB.store().remove(key);
            assertTrue(appB.store().awaitWrites(EVENT_MILLIS));
        }
    }

    @Test
    public void y1ExpiryOfAKilledInstancePassesToSurvivor() throws Exception {
        int n = 50;
        members.start("app-c", StoreInstanceMain.class.getName(),
                      List.of("app-c", members.members(), DEVICE2.toString(), Integer.toString(n)));
        assertNotNull("app-c is a candidate for " + DEVICE2, members.await("app-c", "CANDIDATE", JOIN_MILLIS));
        assertNotNull("app-c opened its connections (see target/cluster-logs/app-c.log)",
                      members.await("app-c", "READY", JOIN_MILLIS));
        assertEquals(NodeId.nodeId("app-c"), a.mastership.getMasterFor(DEVICE2));
        a.mastership.requestRoleFor(DEVICE2).join();
        try (ClusterApp survivor = new ClusterApp(a.storage, a.mastership);
             ClusterApp bystander = new ClusterApp(b.storage, b.mastership)) {
            List<ConnectionKey> keys = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                keys.add(StoreInstanceMain.connection(DEVICE2, i).key());
            }
            eventually("app-c's connections in both mirrors", () -> keys.stream().allMatch(
                    k -> survivor.store().entry(k) != null && bystander.store().entry(k) != null));
            // The test's clock: far past every idle timeout. While app-c masters the clients' device,
            // nobody else expires its connections.
            long later = System.nanoTime() + TimeUnit.HOURS.toNanos(10);
            survivor.reap(later);
            bystander.reap(later);
            assertTrue(survivor.store().awaitWrites(EVENT_MILLIS) && bystander.store().awaitWrites(EVENT_MILLIS));
            assertEquals("all still there while their owner lives", n,
                         countOn(survivor.store(), DEVICE2));
            long killed = members.kill("app-c");
            eventually("the survivor masters " + DEVICE2, () -> a.mastership.isLocalMaster(DEVICE2));
            double movedMs = (System.nanoTime() - killed) / 1e6;
            // The survivor adopts them now (their idle time counts from here) ...
            long adopted = System.nanoTime();
            survivor.reap(adopted);
            bystander.reap(adopted + TimeUnit.HOURS.toNanos(10));
            assertTrue(survivor.store().awaitWrites(EVENT_MILLIS) && bystander.store().awaitWrites(EVENT_MILLIS));
            assertEquals("adopted, not yet idle; the bystander (no master) leaves them", n,
                         countOn(bystander.store(), DEVICE2));
            // ... and expires them once idle past the established timeout.
            survivor.reap(adopted + TimeUnit.HOURS.toNanos(10));
            assertTrue(survivor.store().awaitWrites(EVENT_MILLIS));
            assertEquals("the survivor expired every connection of the dead instance", 0,
                         countOn(survivor.store(), DEVICE2));
            eventually("gone from the bystander's mirror too", () -> keys.stream()
                    .noneMatch(k -> bystander.store().entry(k) != null));
            ConsistentMap<String, Connection> tuples = b.storage.<String, Connection>consistentMapBuilder()
                    .withName(DistributedConnectionStore.TUPLES_MAP)
                    .withSerializer(DistributedConnectionStore.SERIALIZER).build();
            assertTrue("their 4-tuple claims are released", tuples.values().stream()
                    .noneMatch(v -> v.value().clientLocation().deviceId().equals(DEVICE2)));
            record(String.format("expiry of a SIGKILLed instance's %d connections: survivor master of %s after"
                                         + " %.0f ms, all expired by it at its test clock", n, DEVICE2, movedMs));
        } finally {
            a.mastership.relinquishMastership(DEVICE2).join();
        }
    }

    private static long countOn(DistributedConnectionStore s, DeviceId device) {
        return s.connections().stream().filter(c -> c.clientLocation().deviceId().equals(device)).count();
    }

    /** Latencies in microseconds, sorted: "p50/p99". */
    private static String percentiles(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("%.0f/%.0f", s[s.length / 2] / 1e3, s[(int) (s.length * 0.99)] / 1e3);
    }

    /** put, replace-by-version and remove of fresh keys: p50/p99 in microseconds each. */
    private static String writeLatencies(ConsistentMap<String, String> m, int n) {
        long[] put = new long[n];
        long[] replace = new long[n];
        long[] remove = new long[n];
        for (int i = 0; i < n; i++) {
            String k = "k" + i;
            long t0 = System.nanoTime();
            Versioned<String> v = m.putAndGet(k, "v");
            long t1 = System.nanoTime();
            assertTrue(m.replace(k, v.version(), "w"));
            long t2 = System.nanoTime();
            assertEquals("w", m.remove(k).value());
            long t3 = System.nanoTime();
            put[i] = t1 - t0;
            replace[i] = t2 - t1;
            remove[i] = t3 - t2;
        }
        return "put " + percentiles(put) + ", replace-by-version " + percentiles(replace)
                + ", remove " + percentiles(remove);
    }

    /** A connection's store writes as the packet path makes them: open, phase change, close. */
    private static String setupCost(DistributedConnectionStore s, int first, int n) {
        long[] create = new long[n];
        long[] advance = new long[n];
        long[] remove = new long[n];
        for (int i = 0; i < n; i++) {
            Connection c = connection(first + i).withState(ConnectionState.SYN_SENT);
            long t0 = System.nanoTime();
            assertNotNull(s.create(c));
            long t1 = System.nanoTime();
            s.advance(c.key(), ConnectionState.ESTABLISHED);
            long t2 = System.nanoTime();
            assertNotNull(s.remove(c.key()));
            long t3 = System.nanoTime();
            create[i] = t1 - t0;
            advance[i] = t2 - t1;
            remove[i] = t3 - t2;
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += create[i] + advance[i] + remove[i];
        }
        return String.format("create %s, advance %s, remove %s us (p50/p99); mean lifecycle %.0f us",
                             percentiles(create), percentiles(advance), percentiles(remove), total / 1e3 / n);
    }

    /**
     * The caller's wait per connection lifecycle (open, phase change, close) and the setup rate of
     * 16 threads opening connections until every write is in the map, in one write mode.
     */
    private static String modeFigures(DistributedConnectionStore s, boolean behind, int first, int n)
            throws Exception {
        ClusterApp.writeBehind(s, behind);
        String waits = setupCost(s, first, n);
        long t0 = System.nanoTime();
        assertTrue(s.awaitWrites(60_000));
        double drainMs = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        createAll(s, first + n, n);
        assertTrue(s.awaitWrites(60_000));
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        for (int i = 0; i < n; i++) {
            s.remove(connection(first + n + i).key());
        }
        assertTrue(s.awaitWrites(60_000));
        return String.format("%s: caller waits %s; writes left after the loop drained in %.0f ms;"
                                     + " setup rate (16 threads, until in the map) %.0f connections/s",
                             behind ? "write-behind" : "synchronous", waits, drainMs, rate);
    }

    /** The per-packet lookup (find4 in the local mirror) over n connections, ns per lookup. */
    private static double lookupNanos(DistributedConnectionStore s, int first, int n) {
        int[] ips = new int[n];
        int[] ports = new int[n];
        for (int i = 0; i < n; i++) {
            ConnectionKey k = connection(first + i).key();
            ips[i] = k.client().toInt();
            ports[i] = k.clientPort();
        }
        int vip = Ip4Address.valueOf("10.0.0.42").toInt();
        int found = 0;
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 20; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                found += s.find4(6, ips[i], ports[i], vip, 80) != null ? 1 : 0;
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        assertEquals(20 * n, found);
        return (double) best / n;
    }

    /** Opens n connections from many threads at once, as many packet threads would. */
    private static void createAll(DistributedConnectionStore s, int first, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<ConnectionEntry>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Connection c = connection(first + i);
                done.add(pool.submit(() -> s.create(c)));
            }
            for (Future<ConnectionEntry> f : done) {
                assertNotNull(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Bytes per connection that a store and its map add to this JVM, for n open connections. */
    private static long bytesPerConnection(DistributedConnectionStore s, int first, int n,
                                           BooleanSupplier settled) throws Exception {
        long before = usedHeap();
        createAll(s, first, n);
        eventually("every record mirrored", settled);
        long after = usedHeap();
        for (int i = 0; i < n; i++) {
            s.remove(connection(first + i).key());
        }
        return (after - before) / n;
    }

    @Test
    public void c1Measure() throws Exception {
        int n = Integer.getInteger("v6proxy.cluster.benchOps", 300);
        record("load average at start " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        StorageService memory = new TestStorageService();
        ConsistentMap<String, String> mem = memory.<String, String>consistentMapBuilder().withName("bench")
                .withSerializer(STRINGS).build();
        writeLatencies(mem, n);
        record("in-memory map (onos-api TestConsistentMap), us p50/p99: " + writeLatencies(mem, n));
        ConsistentMap<String, String> atomix = map(a, "bench");
        writeLatencies(atomix, n / 3);
        record("Atomix map, 3 Raft members, client instance, us p50/p99: " + writeLatencies(atomix, n));

        DistributedConnectionStore inMem = store(memory);
        modeFigures(inMem, false, 100_000, n);
        record("connection store in memory, " + modeFigures(inMem, false, 200_000, n));
        record("connection store in memory, " + modeFigures(inMem, true, 200_000, n));
        DistributedConnectionStore sa = store(a.storage);
        DistributedConnectionStore sb = store(b.storage);
        try {
            modeFigures(sa, true, 300_000, n / 3);
            record("connection store on Atomix, " + modeFigures(sa, false, 400_000, n));
            record("connection store on Atomix, " + modeFigures(sa, true, 400_000, n));

            int conns = Integer.getInteger("v6proxy.cluster.benchConnections", 5000);
            long memPer = bytesPerConnection(inMem, 500_000, conns, () -> true);
            record(String.format("memory per connection, in-memory store (record + mirror): %d bytes", memPer));
            long[] memberBefore = new long[3];
            String[] ids = members.ports().keySet().toArray(new String[0]);
            for (int i = 0; i < 3; i++) {
                memberBefore[i] = members.heap(ids[i]);
            }
            long before = usedHeap();
            createAll(sa, 600_000, conns);
            assertTrue(sa.awaitWrites(60_000));
            eventually("every record mirrored on B", () -> sb.entries().size() == conns);
            long after = usedHeap();
            createAll(inMem, 700_000, conns);
            record(String.format("per-packet lookup (find4 in the local mirror, %d connections): in memory %.0f ns,"
                                         + " Atomix instance A %.0f ns, instance B (mirrored from events) %.0f ns",
                                 conns, lookupNanos(inMem, 700_000, conns), lookupNanos(sa, 600_000, conns),
                                 lookupNanos(sb, 600_000, conns)));
            for (int i = 0; i < conns; i++) {
                inMem.remove(connection(700_000 + i).key());
            }
            StringBuilder raft = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                raft.append(i == 0 ? "" : ", ").append((members.heap(ids[i]) - memberBefore[i]) / conns);
            }
            Connection sample = connection(600_000);
            int recordBytes = DistributedConnectionStore.SERIALIZER.encode(sample).length
                    + DistributedConnectionStore.SERIALIZER.encode(sample.key()).length;
            record(String.format("memory per connection on Atomix: %d bytes per app instance (mirror + Atomix"
                                         + " client cache, mean of 2 instances); serialized key + record %d bytes,"
                                         + " held by each Raft member; Raft member heap deltas %s bytes (GC and"
                                         + " log-compaction noise)", (after - before) / 2 / conns, recordBytes, raft));
            for (int i = 0; i < conns; i++) {
                sa.remove(connection(600_000 + i).key());
            }
        } finally {
            deactivate(sa);
            deactivate(sb);
            deactivate(inMem);
        }
    }

    @Test
    public void d1ClusterMembership() throws InterruptedException {
        Set<ControllerNode> nodes = a.cluster.getNodes();
        assertEquals("three members and two instances (and the dead app-c)", 5,
                     nodes.stream().filter(n -> !n.id().id().equals("app-c")).count());
        for (String id : members.ports().keySet()) {
            assertEquals(ControllerNode.State.ACTIVE, a.cluster.getState(NodeId.nodeId(id)));
        }
        assertEquals(NodeId.nodeId("app-b"), b.cluster.getLocalNode().id());
        NodeId master = a.mastership.getMasterFor(DEVICE);
        assertTrue("a member is master: " + master, members.ports().containsKey(master.id()));
        assertEquals("the same master seen from both instances", master, b.mastership.getMasterFor(DEVICE));
        // A member starved of CPU past the session timeout drops out and runs again: wait for all three.
        eventually("two standbys", () -> a.mastership.getNodesFor(DEVICE).backups().size() == 2);
        assertEquals(MastershipRole.NONE, a.mastership.getLocalRole(DEVICE));
        assertEquals(Set.of(DEVICE), a.mastership.getDevicesOf(master));
    }

    @Test
    public void z1MasterKilledMastershipMovesToSurvivor() throws Exception {
        NodeId old = a.mastership.getMasterFor(DEVICE);
        assertNotNull(old);
        BlockingQueue<Map.Entry<MastershipEvent, Long>> events = new LinkedBlockingQueue<>();
        a.mastership.addListener(e -> events.add(Map.entry(e, System.nanoTime())));
        long killed = members.kill(old.id());
        assertFalse(members.alive(old.id()));
        MastershipEvent moved = null;
        long movedAt = 0;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EVENT_MILLIS);
        while (moved == null && System.nanoTime() < end) {
            Map.Entry<MastershipEvent, Long> e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && e.getKey().type() == MastershipEvent.Type.MASTER_CHANGED
                    && e.getKey().mastershipInfo().master().filter(n -> !n.equals(old)).isPresent()) {
                moved = e.getKey();
                movedAt = e.getValue();
            }
        }
        assertNotNull("mastership left the killed member " + old, moved);
        NodeId now = moved.mastershipInfo().master().get();
        assertNotEquals(old, now);
        assertTrue("a survivor is master: " + now, members.ports().containsKey(now.id()) && members.alive(now.id()));
        double failoverMs = (movedAt - killed) / 1e6;
        for (String id : members.ports().keySet()) {
            if (!id.equals(old.id())) {
                assertNotNull("survivor " + id + " sees the new master",
                              members.await(id, "MASTER " + DEVICE + " " + now.id(), EVENT_MILLIS));
            }
        }
        // On a starved machine a survivor's own session may expire too and mastership move between
        // the survivors for a while; it never goes back to the dead member.
        eventually("a live survivor is master and the dead member no candidate", () -> {
            NodeId m = a.mastership.getMasterFor(DEVICE);
            return m != null && !m.equals(old) && members.alive(m.id())
                    && !a.mastership.getNodesFor(DEVICE).backups().contains(old);
        });
        // Two of three Raft members keep a quorum: the map still takes writes.
        ConsistentMap<String, String> m = map(a, "t-after-kill");
        long t0 = System.nanoTime();
        m.put("k", "v");
        double firstWriteMs = (System.nanoTime() - t0) / 1e6;
        assertEquals("v", map(b, "t-after-kill").get("k").value());
        eventually("the killed member is reported INACTIVE",
                   () -> a.cluster.getState(old) == ControllerNode.State.INACTIVE);
        double inactiveMs = (System.nanoTime() - killed) / 1e6;
        record(String.format("failover: SIGKILL of master %s -> %s master after %.0f ms (session timeout %d ms);"
                                     + " first map write after the kill %.0f ms; INACTIVE after %.0f ms; load %.1f",
                             old, now, failoverMs, ClusterMember.SESSION_TIMEOUT.toMillis(), firstWriteMs,
                             inactiveMs, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }
}
