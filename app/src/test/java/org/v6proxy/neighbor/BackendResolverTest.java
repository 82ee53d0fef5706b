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
package org.v6proxy.neighbor;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultHost;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.host.HostListener;
import org.onosproject.net.host.HostServiceAdapter;
import org.onosproject.net.provider.ProviderId;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

/**
 * Tests of {@link BackendResolver} against a recording host service and a manual clock.
 */
public class BackendResolverTest {
    private static final ProviderId PID = new ProviderId("test", "v6proxy");
    private static final Ip6Address B1 = Ip6Address.valueOf("2001:db8::1");
    private static final Ip6Address B2 = Ip6Address.valueOf("2001:db8::2");
    private static final MacAddress MAC1 = MacAddress.valueOf("02:00:00:00:00:b1");
    private static final MacAddress MAC2 = MacAddress.valueOf("02:00:00:00:00:b2");
    private static final ConnectPoint CP1 = ConnectPoint.deviceConnectPoint("of:0000000000000001/3");
    private static final ConnectPoint CP2 = ConnectPoint.deviceConnectPoint("of:0000000000000002/7");
    private static final long TIMEOUT = 1000;
    /** Move verification time: solicitations at 0, 100 and 200 ms, the verdict at 300 ms. */
    private static final long VERIFY = 300;

    private FakeHosts hosts;
    private ManualScheduler timer;
    private Recorder listener;
    private BackendResolver resolver;

    @Before
    public void setUp() {
        hosts = new FakeHosts();
        timer = new ManualScheduler();
        listener = new Recorder();
        resolver = new BackendResolver(hosts, timer, listener, 3, 5, TIMEOUT, VERIFY);
        resolver.activate();
    }

    @After
    public void tearDown() {
        resolver.deactivate();
    }

    private static Host host(MacAddress mac, VlanId vlan, ConnectPoint cp, Ip6Address... ips) {
        Set<IpAddress> set = ImmutableSet.copyOf(ips);
        return new DefaultHost(PID, HostId.hostId(mac, vlan), mac, vlan,
                               new HostLocation(cp, System.currentTimeMillis()), set);
    }

    private static Host host(MacAddress mac, ConnectPoint cp, Ip6Address... ips) {
        return host(mac, VlanId.NONE, cp, ips);
    }

    /** Lets time pass millisecond by millisecond, so that tasks scheduled by tasks run when due. */
    private void elapse(long ms) {
        for (long i = 0; i < ms; i++) {
            timer.advance(1);
        }
    }

    private static byte[] frame(int n) {
        return new byte[]{(byte) n, (byte) (n >> 8)};
    }

    // ---- locate ----

    @Test
    public void locateAsksHostServiceOnceThenUsesTheCache() {
        hosts.put(host(MAC1, CP1, B1));
        BackendResolver.Endpoint e = resolver.locate(B1);
        assertEquals(MAC1, e.mac());
        assertEquals(CP1, e.location());
        assertEquals(1, hosts.queries.get());
        assertSame(e, resolver.locate(Ip6Address.valueOf("2001:db8::1")));
        assertEquals(1, hosts.queries.get());
    }

    @Test
    public void locateUnknownIsNull() {
        assertNull(resolver.locate(B1));
        assertTrue(hosts.requested.isEmpty());
    }

    @Test
    public void locateHitDoesNotAllocate() {
        hosts.put(host(MAC1, CP1, B1));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        Ip6Address other = Ip6Address.valueOf("2001:db8::1");   // equal, not the same instance
        resolver.locate(other);
        mx.getThreadAllocatedBytes(me);
        long before = mx.getThreadAllocatedBytes(me);
        int misses = 0;
        for (int i = 0; i < 100_000; i++) {
            if (resolver.locate(i % 2 == 0 ? B1 : other) == null) {
                misses++;
            }
        }
        long after = mx.getThreadAllocatedBytes(me);
        assertEquals(0, misses);
        // A hashing map would allocate for every IpAddress.hashCode() (Objects.hash): megabytes.
        assertTrue("allocated " + (after - before) + " bytes", after - before < 10_000);
    }

    @Test
    public void prefersUntaggedHost() {
        hosts.put(host(MAC2, VlanId.vlanId((short) 10), CP2, B1));
        hosts.put(host(MAC1, CP1, B1));
        assertEquals(new BackendResolver.Endpoint(MAC1, CP1), resolver.locate(B1));
    }

    @Test
    public void ignoresHostsWithoutLocation() {
        Set<IpAddress> ips = ImmutableSet.of(B1);
        hosts.put(new DefaultHost(PID, HostId.hostId(MAC1), MAC1, VlanId.NONE, HostLocation.NONE, ips));
        assertNull(resolver.locate(B1));
    }

    // ---- host events keep the cache current ----

    @Test
    public void movedHostIsRelocatedOnceItsOldLocationStaysSilent() {
        Host before = host(MAC1, CP1, B1);
        hosts.put(before);
        resolver.locate(B1);
        Host after = host(MAC1, CP2, B1);
        hosts.byIp.put(B1, ImmutableSet.of(after));
        long epoch = resolver.epoch();
        hosts.post(new HostEvent(HostEvent.Type.HOST_MOVED, after, before));
        assertEquals("kept while the move is verified", CP1, resolver.locate(B1).location());
        elapse(VERIFY - 1);
        assertEquals("three solicitations to the old MAC at the old port", 3, listener.solicited.size());
        for (Resolved r : listener.solicited) {
            assertEquals(B1, r.ip);
            assertEquals(MAC1, r.mac);
            assertEquals(CP1, r.where);
        }
        assertEquals(CP1, resolver.locate(B1).location());
        elapse(1);
        assertEquals(CP2, resolver.locate(B1).location());
        assertTrue("the epoch tells cached users to look again", resolver.epoch() != epoch);
        assertTrue(listener.refused.isEmpty());
    }

    @Test
    public void updatedHostLosingAddressIsEvictedOnceItStaysSilent() {
        Host before = host(MAC1, CP1, B1, B2);
        hosts.put(before);
        resolver.locate(B1);
        resolver.locate(B2);
        Host after = host(MAC1, CP1, B2);
        hosts.byIp.remove(B1);
        hosts.post(new HostEvent(HostEvent.Type.HOST_UPDATED, after, before));
        assertEquals(MAC1, resolver.locate(B1).mac());
        elapse(VERIFY);
        assertNull(resolver.locate(B1));
        assertEquals(MAC1, resolver.locate(B2).mac());
    }

    @Test
    public void removedHostIsEvictedOnceItStaysSilent() {
        Host h = host(MAC1, CP1, B1);
        hosts.put(h);
        resolver.locate(B1);
        hosts.byIp.remove(B1);
        hosts.post(new HostEvent(HostEvent.Type.HOST_REMOVED, h));
        elapse(VERIFY);
        assertNull(resolver.locate(B1));
        assertEquals("first locate, the verdict, the locate after it", 3, hosts.queries.get());
    }

    // ---- location hijacking: another host claims a located backend's address ----

    /** What the host service reports when MAC2 at CP2 sends with B1's address: B1 leaves MAC1, joins MAC2. */
    private void hijack() {
        Host victim = host(MAC1, CP1, B1);
        Host victimAfter = host(MAC1, CP1);
        Host attacker = host(MAC2, CP2, B2);
        Host attackerAfter = host(MAC2, CP2, B2, B1);
        hosts.byIp.put(B1, ImmutableSet.of(attackerAfter));
        hosts.post(new HostEvent(HostEvent.Type.HOST_UPDATED, victimAfter, victim));
        hosts.post(new HostEvent(HostEvent.Type.HOST_UPDATED, attackerAfter, attacker));
    }

    @Test
    public void hijackIsRefusedWhenTheBackendAnswersAtItsLocation() {
        hosts.put(host(MAC1, CP1, B1));
        assertEquals(CP1, resolver.locate(B1).location());
        hijack();
        timer.runReady();
        assertEquals("one verification for both events", 1, listener.solicited.size());
        assertFalse("an answer from another port proves nothing", resolver.advertised(B1, MAC1.toLong(), CP2));
        assertFalse("an answer from another MAC proves nothing", resolver.advertised(B1, MAC2.toLong(), CP1));
        assertFalse("an answer about another address proves nothing", resolver.advertised(B2, MAC1.toLong(), CP1));
        assertTrue(resolver.advertised(B1, MAC1.toLong(), CP1));
        timer.runReady();
        assertEquals(1, listener.refused.size());
        assertEquals(B1, listener.refused.get(0).ip);
        assertEquals(CP1, listener.refused.get(0).where);
        assertEquals(Boolean.FALSE, listener.refusedPinned.get(0));
        elapse(10 * VERIFY);
        assertEquals("no more solicitations after the answer", 1, listener.solicited.size());
        assertEquals(CP1, resolver.locate(B1).location());
        assertEquals(MAC1, resolver.locate(B1).mac());
        assertFalse("a late answer refuses nothing more", resolver.advertised(B1, MAC1.toLong(), CP1));
    }

    @Test
    public void eachNewClaimAfterARefusalIsVerifiedAgain() {
        hosts.put(host(MAC1, CP1, B1));
        resolver.locate(B1);
        for (int i = 1; i <= 3; i++) {
            hijack();
            timer.runReady();
            assertEquals(i, listener.solicited.size());
            assertTrue(resolver.advertised(B1, MAC1.toLong(), CP1));
            timer.runReady();
        }
        assertEquals(3, listener.refused.size());
        assertEquals(CP1, resolver.locate(B1).location());
    }

    @Test
    public void aLateAnswerAfterTheVerdictChangesNothing() {
        hosts.put(host(MAC1, CP1, B1));
        resolver.locate(B1);
        hijack();
        elapse(VERIFY);
        assertEquals(CP2, resolver.locate(B1).location());
        assertFalse(resolver.advertised(B1, MAC1.toLong(), CP1));
        assertEquals(CP2, resolver.locate(B1).location());
        assertTrue(listener.refused.isEmpty());
    }

    @Test
    public void eventsForTheKnownLocationStartNoVerification() {
        Host h = host(MAC1, CP1, B1);
        hosts.put(h);
        resolver.locate(B1);
        hosts.post(new HostEvent(HostEvent.Type.HOST_UPDATED, host(MAC1, CP1, B1, B2), h));
        elapse(VERIFY);
        assertTrue(listener.solicited.isEmpty());
        assertEquals(CP1, resolver.locate(B1).location());
    }

    @Test
    public void pinnedBackendIsNeverMovedNorLookedUp() {
        BackendResolver.Endpoint pin = new BackendResolver.Endpoint(MAC1, CP1);
        resolver.pin(ImmutableMap.of(B1, pin));
        assertSame(pin, resolver.locate(B1));
        assertEquals("the host service is not asked", 0, hosts.queries.get());
        hijack();
        elapse(10 * VERIFY);
        assertTrue("a pin is not verified", listener.solicited.isEmpty());
        assertEquals(2, listener.refused.size());
        assertEquals(Boolean.TRUE, listener.refusedPinned.get(0));
        assertSame(pin, resolver.locate(B1));
        resolver.pin(ImmutableMap.of());
        assertEquals("unpinned: the host service's answer", CP2, resolver.locate(B1).location());
    }

    @Test
    public void pinReleasesFramesWaitingForTheBackend() {
        assertTrue(resolver.hold(B1, frame(1)));
        resolver.pin(ImmutableMap.of(B1, new BackendResolver.Endpoint(MAC1, CP1)));
        timer.runReady();
        assertEquals(1, listener.resolved.size());
        assertEquals(CP1, listener.resolved.get(0).where);
    }

    @Test
    public void pinStopsAVerificationInProgress() {
        hosts.put(host(MAC1, CP1, B1));
        resolver.locate(B1);
        hijack();
        resolver.pin(ImmutableMap.of(B1, new BackendResolver.Endpoint(MAC1, CP1)));
        elapse(10 * VERIFY);
        assertEquals(CP1, resolver.locate(B1).location());
    }

    @Test
    public void lookupRacingWithRemovalIsNotCached() {
        Host h = host(MAC1, CP1, B1);
        hosts.put(h);
        hosts.duringLookup = () -> {
            hosts.byIp.remove(B1);
            hosts.post(new HostEvent(HostEvent.Type.HOST_REMOVED, h));
        };
        resolver.locate(B1);                        // may answer from the old snapshot ...
        assertNull(resolver.locate(B1));            // ... but does not keep it
    }

    // ---- holding frames ----

    @Test
    public void probeLooksAgainAfterAnEventDuringItsLookup() {
        assertNull(resolver.locate(B1));
        hosts.put(host(MAC1, CP1, B1));
        hosts.duringLookup = () -> hosts.add(host(MAC2, CP2, B2));   // unrelated event
        assertTrue(resolver.hold(B1, frame(1)));
        timer.runReady();
        assertEquals(1, listener.resolved.size());
        assertEquals(B1, listener.resolved.get(0).ip);
        assertTrue(hosts.requested.isEmpty());
    }

    @Test
    public void firstHoldProbesAndHostArrivalReleasesFramesInOrder() {
        byte[] f1 = frame(1);
        byte[] f2 = frame(2);
        byte[] f3 = frame(3);
        assertTrue(resolver.hold(B1, f1));
        assertTrue(resolver.hold(B1, f2));
        assertTrue(resolver.hold(B1, f3));
        assertEquals(ImmutableList.of(B1), hosts.requested);
        timer.runReady();
        assertTrue(listener.resolved.isEmpty());

        hosts.add(host(MAC1, CP1, B1));
        assertTrue("callbacks run on the timer", listener.resolved.isEmpty());
        timer.runReady();
        assertEquals(1, listener.resolved.size());
        Resolved r = listener.resolved.get(0);
        assertEquals(B1, r.ip);
        assertEquals(MAC1, r.mac);
        assertEquals(CP1, r.where);
        assertEquals(3, r.held.size());
        assertSame(f1, r.held.get(0));
        assertSame(f2, r.held.get(1));
        assertSame(f3, r.held.get(2));

        timer.advance(TIMEOUT * 2);
        assertTrue(listener.expired.isEmpty());
        assertEquals(1, listener.resolved.size());
        int queries = hosts.queries.get();
        assertEquals(CP1, resolver.locate(B1).location());
        assertEquals(queries, hosts.queries.get());
    }

    @Test
    public void timeoutReturnsFramesOnce() {
        byte[] f1 = frame(1);
        byte[] f2 = frame(2);
        resolver.hold(B1, f1);
        timer.advance(TIMEOUT / 2);
        resolver.hold(B1, f2);
        timer.advance(TIMEOUT / 2 - 1);
        assertTrue(listener.expired.isEmpty());
        elapse(1);
        assertEquals(1, listener.expired.size());
        assertEquals(B1, listener.expired.get(0).ip);
        assertEquals(2, listener.expired.get(0).held.size());
        assertSame(f1, listener.expired.get(0).held.get(0));
        assertSame(f2, listener.expired.get(0).held.get(1));

        hosts.add(host(MAC1, CP1, B1));
        timer.advance(TIMEOUT * 2);
        assertTrue(listener.resolved.isEmpty());
        assertEquals(1, listener.expired.size());
    }

    @Test
    public void holdAfterExpiryProbesAgain() {
        resolver.hold(B1, frame(1));
        timer.advance(TIMEOUT);
        resolver.hold(B1, frame(2));
        assertEquals(ImmutableList.of(B1, B1), hosts.requested);
        timer.advance(TIMEOUT);
        assertEquals(2, listener.expired.size());
        assertEquals(1, listener.expired.get(1).held.size());
    }

    @Test
    public void boundsPerBackendAndTotal() {
        // At most 3 per backend, 5 in all.
        assertTrue(resolver.hold(B1, frame(1)));
        assertTrue(resolver.hold(B1, frame(2)));
        assertTrue(resolver.hold(B1, frame(3)));
        assertFalse(resolver.hold(B1, frame(4)));
        assertTrue(resolver.hold(B2, frame(5)));
        assertTrue(resolver.hold(B2, frame(6)));
        Ip6Address b3 = Ip6Address.valueOf("2001:db8::3");
        assertFalse(resolver.hold(b3, frame(7)));
        assertFalse("no probe for a frame that was not held", hosts.requested.contains(b3));

        hosts.add(host(MAC1, CP1, B1));
        timer.runReady();
        assertEquals(3, listener.resolved.get(0).held.size());
        assertTrue("resolution frees room", resolver.hold(b3, frame(8)));
        timer.advance(TIMEOUT);
        assertEquals(2, listener.expired.size());
        assertTrue(resolver.hold(B2, frame(9)));
        assertTrue(resolver.hold(B2, frame(10)));
        assertTrue(resolver.hold(B2, frame(11)));
    }

    @Test
    public void hostAppearingBetweenLocateAndHoldIsNotMissed() {
        assertNull(resolver.locate(B1));
        hosts.put(host(MAC1, CP1, B1));            // known to the service, but no event reached us
        byte[] f = frame(1);
        assertTrue(resolver.hold(B1, f));
        assertTrue(hosts.requested.isEmpty());
        timer.runReady();
        assertEquals(1, listener.resolved.size());
        assertSame(f, listener.resolved.get(0).held.get(0));
        timer.advance(TIMEOUT);
        assertTrue(listener.expired.isEmpty());
    }

    @Test
    public void holdForKnownBackendDeliversAtOnce() {
        hosts.put(host(MAC1, CP1, B1));
        resolver.locate(B1);
        byte[] f = frame(1);
        assertTrue(resolver.hold(B1, f));
        timer.runReady();
        assertEquals(1, listener.resolved.size());
        assertEquals(ImmutableList.of(f), listener.resolved.get(0).held);
        assertTrue(hosts.requested.isEmpty());
    }

    @Test
    public void deactivateDropsHeldFramesSilently() {
        resolver.hold(B1, frame(1));
        hosts.add(host(MAC2, CP2, B2));
        resolver.hold(B2, frame(2));                // queued for delivery, not yet delivered
        resolver.deactivate();
        assertTrue(hosts.listeners.isEmpty());
        timer.advance(TIMEOUT * 2);
        assertTrue(listener.expired.isEmpty());
        assertTrue(listener.resolved.isEmpty());
        assertFalse(resolver.hold(B1, frame(3)));
        hosts.post(new HostEvent(HostEvent.Type.HOST_ADDED, host(MAC1, CP1, B1)));
        timer.runReady();
        assertTrue(listener.resolved.isEmpty());
    }

    @Test
    public void concurrentHoldsAreAllAccountedForInOrder() throws InterruptedException {
        BackendResolver r = new BackendResolver(hosts, timer, listener, 50, 200, TIMEOUT);
        r.activate();
        int threads = 4;
        int perThread = 3000;
        List<Ip6Address> ips = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ips.add(Ip6Address.valueOf("2001:db8:1::" + (i + 1)));
        }
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int n = 0; n < perThread; n++) {
                    Ip6Address ip = ips.get(n % ips.size());
                    if (r.hold(ip, new byte[]{(byte) id, (byte) (n >> 8), (byte) n})) {
                        accepted.incrementAndGet();
                    }
                }
            });
            workers.add(w);
            w.start();
        }
        start.countDown();
        for (int i = 0; i < ips.size(); i += 2) {
            hosts.add(host(MacAddress.valueOf(0x020000000100L + i), CP1, ips.get(i)));
            timer.runReady();
        }
        for (Thread w : workers) {
            w.join();
        }
        timer.advance(TIMEOUT);
        r.deactivate();

        int delivered = 0;
        Map<String, Integer> last = new HashMap<>();
        for (Resolved res : listener.resolved) {
            delivered += res.held.size();
            for (byte[] f : res.held) {
                String key = res.ip + "/" + f[0];
                int seq = (f[1] & 0xff) << 8 | (f[2] & 0xff);
                Integer prev = last.put(key, seq);
                assertTrue(key + ": " + prev + " then " + seq, prev == null || prev < seq);
            }
        }
        for (Resolved res : listener.expired) {
            delivered += res.held.size();
            assertEquals("only backends that never appeared expire", 1, ips.indexOf(res.ip) % 2);
        }
        assertTrue(accepted.get() > 0);
        assertEquals(accepted.get(), delivered);
    }

    // ---- test doubles ----

    /** Host service with a settable host table, recorded probes and postable events. */
    private static final class FakeHosts extends HostServiceAdapter {
        final Map<IpAddress, Set<Host>> byIp = new ConcurrentHashMap<>();
        final List<IpAddress> requested = new CopyOnWriteArrayList<>();
        final List<HostListener> listeners = new CopyOnWriteArrayList<>();
        final AtomicInteger queries = new AtomicInteger();
        /** Runs once inside the next getHostsByIp, after the answer is taken. */
        volatile Runnable duringLookup;

        void put(Host h) {
            for (IpAddress ip : h.ipAddresses()) {
                byIp.merge(ip, ImmutableSet.of(h), (a, b) -> ImmutableSet.<Host>builder().addAll(a).addAll(b).build());
            }
        }

        void add(Host h) {
            put(h);
            post(new HostEvent(HostEvent.Type.HOST_ADDED, h));
        }

        void post(HostEvent e) {
            for (HostListener l : listeners) {
                l.event(e);
            }
        }

        @Override
        public Set<Host> getHostsByIp(IpAddress ip) {
            queries.incrementAndGet();
            Set<Host> answer = byIp.getOrDefault(ip, Collections.emptySet());
            Runnable r = duringLookup;
            duringLookup = null;
            if (r != null) {
                r.run();
            }
            return answer;
        }

        @Override
        public void requestMac(IpAddress ip) {
            requested.add(ip);
        }

        @Override
        public void addListener(HostListener l) {
            listeners.add(l);
        }

        @Override
        public void removeListener(HostListener l) {
            listeners.remove(l);
        }
    }

    private static final class Resolved {
        final Ip6Address ip;
        final MacAddress mac;
        final ConnectPoint where;
        final List<byte[]> held;

        Resolved(Ip6Address ip, MacAddress mac, ConnectPoint where, List<byte[]> held) {
            this.ip = ip;
            this.mac = mac;
            this.where = where;
            this.held = held;
        }
    }

    /** Records callbacks. */
    private static final class Recorder implements BackendResolver.Listener {
        final List<Resolved> resolved = new CopyOnWriteArrayList<>();
        final List<Resolved> expired = new CopyOnWriteArrayList<>();
        final List<Resolved> solicited = new CopyOnWriteArrayList<>();
        final List<Resolved> refused = new CopyOnWriteArrayList<>();
        final List<Boolean> refusedPinned = new CopyOnWriteArrayList<>();

        @Override
        public void solicit(Ip6Address ip, BackendResolver.Endpoint at) {
            solicited.add(new Resolved(ip, at.mac(), at.location(), ImmutableList.of()));
        }

        @Override
        public void moveRefused(Ip6Address ip, BackendResolver.Endpoint kept, boolean pinned) {
            refused.add(new Resolved(ip, kept.mac(), kept.location(), ImmutableList.of()));
            refusedPinned.add(pinned);
        }

        @Override
        public void resolved(Ip6Address ip, MacAddress mac, ConnectPoint where, List<byte[]> held) {
            resolved.add(new Resolved(ip, mac, where, held));
        }

        @Override
        public void expired(Ip6Address ip, List<byte[]> held) {
            expired.add(new Resolved(ip, null, null, held));
        }
    }

    /**
     * A scheduler driven by the test: execute() queues, schedule() waits for
     * advance(); tasks run in the test thread, in order.
     */
    private static final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
        private final Deque<Runnable> ready = new ArrayDeque<>();
        private final List<Timed> timed = new ArrayList<>();
        private long now;
        private long sequence;

        @Override
        public synchronized void execute(Runnable command) {
            ready.add(command);
        }

        @Override
        public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            Timed t = new Timed(command, now + unit.toMillis(delay), sequence++);
            timed.add(t);
            return t;
        }

        /** Runs queued tasks, including those they queue. */
        void runReady() {
            while (true) {
                Runnable r;
                synchronized (this) {
                    r = ready.poll();
                }
                if (r == null) {
                    return;
                }
                r.run();
            }
        }

        /** Moves the clock and runs what is due, in due order, then queued tasks. */
        void advance(long ms) {
            runReady();
            List<Timed> due = new ArrayList<>();
            synchronized (this) {
                now += ms;
                for (Timed t : timed) {
                    if (t.due <= now) {
                        due.add(t);
                    }
                }
                timed.removeAll(due);
            }
            due.sort(Comparator.comparingLong((Timed t) -> t.due).thenComparingLong(t -> t.seq));
            for (Timed t : due) {
                if (!t.cancelled) {
                    t.done = true;
                    t.command.run();
                }
                runReady();
            }
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
                                                      TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                         TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return ImmutableList.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }

        private final class Timed implements ScheduledFuture<Object> {
            final Runnable command;
            final long due;
            final long seq;
            volatile boolean cancelled;
            volatile boolean done;

            Timed(Runnable command, long due, long seq) {
                this.command = command;
                this.due = due;
                this.seq = seq;
            }

            @Override
            public long getDelay(TimeUnit unit) {
                synchronized (ManualScheduler.this) {
                    return unit.convert(due - now, TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public int compareTo(Delayed o) {
                return Long.compare(getDelay(TimeUnit.MILLISECONDS), o.getDelay(TimeUnit.MILLISECONDS));
            }

            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean was = !cancelled && !done;
                cancelled = true;
                return was;
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }

            @Override
            public boolean isDone() {
                return done || cancelled;
            }

            @Override
            public Object get() {
                return null;
            }

            @Override
            public Object get(long timeout, TimeUnit unit) {
                return null;
            }
        }
    }
}
