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

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Host;
import org.onosproject.net.HostLocation;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.host.HostListener;
import org.onosproject.net.host.HostService;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * Locates IPv6 backends through the ONOS {@link HostService} and holds the
 * frames that wait for a backend that is not located yet.
 * <p>
 * The cache is filled from {@link HostService#getHostsByIp} on the first
 * {@link #locate} of an address and then kept current by host events. A frame
 * for an unknown backend is {@link #hold held}: the first one probes the backend
 * with {@link HostService#requestMac} and arms a timeout. When the host appears
 * the listener gets all held frames in order ({@link Listener#resolved}); when
 * the timeout fires first it gets them back to answer the clients with an error
 * ({@link Listener#expired}). Each outcome is reported once.
 * <p>
 * <p>
 * A located backend keeps its location until a move is verified. The host
 * service believes any source address it sees, so a host that sends frames with
 * a backend's address would otherwise take its traffic over (host location
 * hijacking, TopoGuard, NDSS 2015). When a host event says a located backend is
 * elsewhere or gone, the old location is probed with a unicast neighbour
 * solicitation ({@link Listener#solicit}, RFC 4861 section 7.3.3), up to
 * {@value #VERIFY_PROBES} times within the verification time. An advertisement
 * from the old MAC at the old connect point ({@link #advertised}) refuses the move
 * ({@link Listener#moveRefused}); silence accepts it: the host service's answer of
 * that moment becomes the location. Pinned backends ({@link #pin}) never move.
 * <p>
 * Thread-safe. Listener callbacks always run on the timer executor, never in
 * the caller of {@link #hold} or in the host event thread, and never under a
 * lock; with a single-threaded executor they come in the order they happened.
 */
public class BackendResolver {
    /**
     * Solicitations sent to the old location before a move is accepted: RFC 4861
     * section 10's MAX_UNICAST_SOLICIT, so that one lost frame does not hand a
     * backend's traffic to another host.
     */
    public static final int VERIFY_PROBES = 3;
    /** Default verification time: the solicitations go out every 500 ms. */
    public static final long DEFAULT_VERIFY_MS = 1500;
    /** Least time between two log lines about refused moves of one backend. */
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger log = getLogger(getClass());

    /**
     * Receives the outcome for backends that had frames held.
     */
    public interface Listener {
        /**
         * A backend was located; its held frames can now be sent.
         *
         * @param ip backend address
         * @param mac backend MAC
         * @param where backend attachment point
         * @param held frames held for it, oldest first
         */
        void resolved(Ip6Address ip, MacAddress mac, ConnectPoint where, List<byte[]> held);

        /**
         * A backend was not located within the timeout.
         *
         * @param ip backend address
         * @param held frames held for it, oldest first
         */
        void expired(Ip6Address ip, List<byte[]> held);

        /**
         * Asks for a neighbour solicitation to a located backend at its known location,
         * to verify a move that the host service reports.
         *
         * @param ip backend address
         * @param at where the backend was located (MAC and connect point)
         */
        void solicit(Ip6Address ip, Endpoint at);

        /**
         * A reported move of a located backend was refused: the backend still answered
         * at its location, or its location is pinned.
         *
         * @param ip backend address
         * @param kept the location kept
         * @param pinned true when refused because of a pin, false when the old location answered
         */
        void moveRefused(Ip6Address ip, Endpoint kept, boolean pinned);
    }

    /**
     * Where a backend is: its MAC and the connect point it is attached to. Immutable.
     */
    public static final class Endpoint {
        private final MacAddress mac;
        private final long macLong;
        private final ConnectPoint location;

        /**
         * Creates an endpoint.
         *
         * @param mac MAC address
         * @param location attachment point
         */
        public Endpoint(MacAddress mac, ConnectPoint location) {
            this.mac = checkNotNull(mac, "mac");
            this.macLong = mac.toLong();
            this.location = checkNotNull(location, "location");
        }

        /**
         * Returns the MAC address.
         *
         * @return MAC
         */
        public MacAddress mac() {
            return mac;
        }

        /**
         * Returns the MAC address as a long (what frame headers are written from).
         *
         * @return MAC in the low 48 bits
         */
        public long macLong() {
            return macLong;
        }

        /**
         * Returns the attachment point.
         *
         * @return connect point
         */
        public ConnectPoint location() {
            return location;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Endpoint)) {
                return false;
            }
            Endpoint e = (Endpoint) o;
            return mac.equals(e.mac) && location.equals(e.location);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mac, location);
        }

        @Override
        public String toString() {
            return MoreObjects.toStringHelper(this).add("mac", mac).add("location", location).toString();
        }
    }

    /** A reported move being verified: the location probed, the probes sent, the next step. */
    private static final class Verification {
        private final Endpoint old;
        private int sent;
        private ScheduledFuture<?> next;

        Verification(Endpoint old) {
            this.old = old;
        }
    }

    /** Frames waiting for one backend, and its timeout. Guarded by the resolver's lock. */
    private static final class Waiting {
        private final List<byte[]> frames = new ArrayList<>();
        private ScheduledFuture<?> timeout;
    }

    private final HostService hosts;
    private final ScheduledExecutorService timer;
    private final Listener listener;
    private final int maxHeldPerBackend;
    private final int maxHeldTotal;
    private final long timeoutMs;
    private final long probeIntervalMs;
    private final HostListener hostListener = this::event;

    // A skip list because its get() compares with IpAddress.compareTo, which does not
    // allocate, while IpAddress.hashCode (Objects.hash) does: locate() is per packet.
    private final Map<Ip6Address, Endpoint> cache = new ConcurrentSkipListMap<>();
    // Guarded by this; a concurrent map so that locate() can peek without the lock.
    private final Map<Ip6Address, Waiting> waiting = new ConcurrentHashMap<>();
    /** Moves being verified, by backend address. Guarded by this. */
    private final Map<Ip6Address, Verification> verifying = new HashMap<>();
    /** Pinned locations (netcfg); also in the cache. Guarded by this. */
    private Map<Ip6Address, Endpoint> pins = ImmutableMap.of();
    private int heldTotal;
    /** When a refused move of each backend was last logged (System.nanoTime). Guarded by this. */
    private final Map<Ip6Address, Long> lastLogged = new HashMap<>();
    /** Number of host events seen; a lookup made before an event may be stale. */
    private volatile long events;
    /** Bumped by deactivate so that callbacks queued before it are dropped. */
    private volatile long generation;
    private volatile boolean active;

    /**
     * Creates a resolver.
     *
     * @param hosts ONOS host service
     * @param timer executor for timeouts and listener callbacks
     * @param listener receives resolved and expired backends
     * @param maxHeldPerBackend most frames held for one backend
     * @param maxHeldTotal most frames held for all backends together
     * @param timeoutMs how long frames wait for their backend
     */
    public BackendResolver(HostService hosts, ScheduledExecutorService timer, Listener listener,
                           int maxHeldPerBackend, int maxHeldTotal, long timeoutMs) {
        this(hosts, timer, listener, maxHeldPerBackend, maxHeldTotal, timeoutMs, DEFAULT_VERIFY_MS);
    }

    /**
     * Creates a resolver with a given move verification time.
     *
     * @param hosts ONOS host service
     * @param timer executor for timeouts and listener callbacks
     * @param listener receives resolved and expired backends, probes and refused moves
     * @param maxHeldPerBackend most frames held for one backend
     * @param maxHeldTotal most frames held for all backends together
     * @param timeoutMs how long frames wait for their backend
     * @param verifyMs how long a located backend has to answer at its old location
     *                 before a reported move is accepted
     */
    public BackendResolver(HostService hosts, ScheduledExecutorService timer, Listener listener,
                           int maxHeldPerBackend, int maxHeldTotal, long timeoutMs, long verifyMs) {
        this.hosts = checkNotNull(hosts, "hosts");
        this.timer = checkNotNull(timer, "timer");
        this.listener = checkNotNull(listener, "listener");
        checkArgument(maxHeldPerBackend > 0, "maxHeldPerBackend %s must be positive", maxHeldPerBackend);
        checkArgument(maxHeldTotal > 0, "maxHeldTotal %s must be positive", maxHeldTotal);
        checkArgument(timeoutMs > 0, "timeoutMs %s must be positive", timeoutMs);
        this.maxHeldPerBackend = maxHeldPerBackend;
        this.maxHeldTotal = maxHeldTotal;
        this.timeoutMs = timeoutMs;
        checkArgument(verifyMs >= VERIFY_PROBES, "verifyMs %s must be at least %s", verifyMs, VERIFY_PROBES);
        this.probeIntervalMs = verifyMs / VERIFY_PROBES;
    }

    /**
     * Starts following host events.
     */
    public void activate() {
        synchronized (this) {
            active = true;
            cache.putAll(pins);
        }
        hosts.addListener(hostListener);
    }

    /**
     * Stops following host events and drops every held frame without calling the listener.
     */
    public void deactivate() {
        hosts.removeListener(hostListener);
        synchronized (this) {
            active = false;
            generation++;
            events++;
            for (Waiting w : waiting.values()) {
                w.timeout.cancel(false);
            }
            waiting.clear();
            heldTotal = 0;
            for (Verification v : verifying.values()) {
                if (v.next != null) {
                    v.next.cancel(false);
                }
            }
            verifying.clear();
            lastLogged.clear();
        }
        cache.clear();
    }

    /**
     * Returns a number that changes whenever a located backend may have moved
     * (any host event, deactivation): a caller may keep what {@link #locate}
     * returned for as long as the epoch read before that call is current.
     *
     * @return epoch
     */
    public long epoch() {
        return events;
    }

    /**
     * Cached location of a backend, or null when unknown (no allocation on a hit).
     *
     * @param ip backend address
     * @return endpoint or null
     */
    public Endpoint locate(Ip6Address ip) {
        Endpoint e = cache.get(ip);
        if (e != null || waiting.containsKey(ip)) {
            // While frames wait, the host is known to be absent: host events resolve it.
            return e;
        }
        long seen = events;
        e = lookup(ip);
        if (e != null) {
            synchronized (this) {
                // A host event during the lookup may have made the answer stale.
                if (active && seen == events) {
                    cache.put(ip, e);
                }
            }
        }
        return e;
    }

    /**
     * Holds a frame for an unknown backend; the first hold probes it with
     * {@link HostService#requestMac} and arms the timeout.
     *
     * @param ip backend address
     * @param frame frame to send once the backend is located (kept, not copied)
     * @return false (frame not held) when a bound is hit or the resolver is inactive
     */
    public boolean hold(Ip6Address ip, byte[] frame) {
        checkNotNull(ip, "ip");
        checkNotNull(frame, "frame");
        boolean first;
        synchronized (this) {
            if (!active) {
                return false;
            }
            Endpoint known = cache.get(ip);
            if (known != null) {
                // Located between the caller's locate() and now: deliver right away.
                return dispatchResolved(ip, known, ImmutableList.of(frame));
            }
            Waiting w = waiting.get(ip);
            if (heldTotal >= maxHeldTotal || (w != null && w.frames.size() >= maxHeldPerBackend)) {
                return false;
            }
            first = w == null;
            if (first) {
                Waiting fresh = new Waiting();
                long gen = generation;
                try {
                    fresh.timeout = timer.schedule(() -> expire(ip, fresh, gen), timeoutMs, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    log.warn("Timer refused a backend timeout; frame for {} not held", ip);
                    return false;
                }
                waiting.put(ip, fresh);
                w = fresh;
            }
            w.frames.add(frame);
            heldTotal++;
        }
        if (first) {
            probe(ip);
        }
        return true;
    }

    /**
     * Looks the backend up once more before probing it: a host event may have passed
     * between the caller's locate() and the registration of its first held frame.
     */
    private void probe(Ip6Address ip) {
        while (waiting.containsKey(ip)) {
            long seen = events;
            Endpoint e = lookup(ip);
            if (e == null) {
                hosts.requestMac(ip);
                return;
            }
            if (found(ip, e, seen)) {
                return;
            }
            // A host event came during the lookup: look again, unless it resolved the backend.
        }
    }

    // Under the lock, so that the cache, the waiting frames and the verifications change together.
    private synchronized void event(HostEvent event) {
        if (!active) {
            return;
        }
        events++;
        Host host = event.subject();
        switch (event.type()) {
            case HOST_ADDED:
            case HOST_UPDATED:
            case HOST_MOVED:
                Host prev = event.prevSubject();
                if (prev != null) {
                    // Addresses the host no longer has.
                    for (IpAddress ip : prev.ipAddresses()) {
                        if (ip.isIp6() && !host.ipAddresses().contains(ip)) {
                            claimed(ip.getIp6Address(), null);
                        }
                    }
                }
                Endpoint e = endpoint(host);
                for (IpAddress ip : host.ipAddresses()) {
                    if (ip.isIp6()) {
                        claimed(ip.getIp6Address(), e);
                    }
                }
                break;
            case HOST_REMOVED:
                for (IpAddress ip : host.ipAddresses()) {
                    if (ip.isIp6()) {
                        claimed(ip.getIp6Address(), null);
                    }
                }
                break;
            default:
                break;
        }
    }

    /**
     * A host event says where a backend address is now ({@code e}), or that the
     * host it was seen at no longer has it ({@code e} null). A backend not located
     * yet takes the first location offered; a located one is verified first.
     */
    private void claimed(Ip6Address ip, Endpoint e) {
        Endpoint known = cache.get(ip);
        if (known == null) {
            if (e != null && waiting.containsKey(ip)) {
                found(ip, e, events);
            }
            return;
        }
        if (known.equals(e)) {
            return;
        }
        Endpoint pin = pins.get(ip);
        if (pin != null) {
            refused(ip, pin, true);
            return;
        }
        if (!verifying.containsKey(ip)) {
            Verification v = new Verification(known);
            verifying.put(ip, v);
            verifyStep(ip, v, generation);
        }
    }

    /** Sends the next solicitation to the old location, or, after the last one, accepts the move. */
    private synchronized void verifyStep(Ip6Address ip, Verification v, long gen) {
        if (gen != generation || verifying.get(ip) != v) {
            return;
        }
        if (v.sent == VERIFY_PROBES) {
            verifying.remove(ip);
            accept(ip, v.old);
            return;
        }
        v.sent++;
        try {
            timer.execute(() -> {
                if (gen == generation) {
                    listener.solicit(ip, v.old);
                }
            });
            v.next = timer.schedule(() -> verifyStep(ip, v, gen), probeIntervalMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException x) {
            // No timer: keep the known location rather than hand the address over unverified.
            verifying.remove(ip);
            log.warn("Timer refused to verify a move of backend {}; location kept", ip);
        }
    }

    /** The old location stayed silent: the host service's current answer becomes the location. */
    private void accept(Ip6Address ip, Endpoint old) {
        Endpoint now = lookup(ip);
        events++;
        if (now == null) {
            // The next locate() asks the host service, which may know another host by then.
            cache.remove(ip);
            log.info("Backend {} did not answer at {}: location forgotten", ip, old);
        } else {
            cache.put(ip, now);
            if (!now.equals(old)) {
                log.info("Backend {} did not answer at {}: moved to {}", ip, old, now);
            }
        }
        lastLogged.remove(ip);
    }

    /**
     * Takes a neighbour advertisement: if it answers a verification, that is from
     * the old MAC at the old connect point, the move is refused.
     *
     * @param target the advertisement's target address
     * @param srcMac the frame's Ethernet source (low 48 bits)
     * @param ingress where the frame entered
     * @return true when the advertisement refused a move
     */
    public synchronized boolean advertised(Ip6Address target, long srcMac, ConnectPoint ingress) {
        Verification v = verifying.get(target);
        if (v == null || v.old.macLong() != srcMac || !v.old.location().equals(ingress)) {
            return false;
        }
        verifying.remove(target);
        if (v.next != null) {
            v.next.cancel(false);
        }
        refused(target, v.old, false);
        return true;
    }

    /**
     * Pins backend locations that no host event can move; the previous pins are
     * replaced (an address no longer pinned is looked up again).
     *
     * @param pinned locations by backend address
     */
    public synchronized void pin(Map<Ip6Address, Endpoint> pinned) {
        checkNotNull(pinned, "pinned");
        if (pinned.equals(pins)) {
            return;
        }
        events++;
        for (Ip6Address ip : pins.keySet()) {
            if (!pinned.containsKey(ip)) {
                cache.remove(ip);
            }
        }
        pins = ImmutableMap.copyOf(pinned);
        for (Map.Entry<Ip6Address, Endpoint> p : pins.entrySet()) {
            Verification v = verifying.remove(p.getKey());
            if (v != null && v.next != null) {
                v.next.cancel(false);
            }
            if (waiting.containsKey(p.getKey())) {
                found(p.getKey(), p.getValue(), events);
            } else {
                cache.put(p.getKey(), p.getValue());
            }
        }
    }

    /** Reports a refused move, and logs it once per backend and minute at most. */
    private void refused(Ip6Address ip, Endpoint kept, boolean pinned) {
        long now = System.nanoTime();
        Long last = lastLogged.get(ip);
        if (last == null || now - last >= LOG_INTERVAL_NANOS) {
            lastLogged.put(ip, now);
            log.warn("Refused a move of backend {} away from {}: {} (further refusals are counted, "
                             + "not logged, for a minute)", ip, kept,
                     pinned ? "its location is pinned" : "it still answers there");
        }
        long gen = generation;
        try {
            timer.execute(() -> {
                if (gen == generation) {
                    listener.moveRefused(ip, kept, pinned);
                }
            });
        } catch (RejectedExecutionException x) {
            log.warn("Timer refused to report a refused move of backend {}", ip);
        }
    }

    /**
     * Records a located backend and releases its held frames, if any; unless a
     * host event came after {@code seen}, which may have made {@code e} stale.
     */
    private synchronized boolean found(Ip6Address ip, Endpoint e, long seen) {
        if (!active || seen != events) {
            return false;
        }
        cache.put(ip, e);
        Waiting w = waiting.remove(ip);
        if (w != null) {
            w.timeout.cancel(false);
            heldTotal -= w.frames.size();
            dispatchResolved(ip, e, ImmutableList.copyOf(w.frames));
        }
        return true;
    }

    // Called with the lock held, so that callbacks are queued in the order of events.
    private boolean dispatchResolved(Ip6Address ip, Endpoint e, List<byte[]> frames) {
        long gen = generation;
        try {
            timer.execute(() -> {
                if (gen == generation) {
                    listener.resolved(ip, e.mac(), e.location(), frames);
                }
            });
            return true;
        } catch (RejectedExecutionException x) {
            log.warn("Timer refused to deliver {} frames for backend {}", frames.size(), ip);
            return false;
        }
    }

    private void expire(Ip6Address ip, Waiting w, long gen) {
        List<byte[]> frames;
        synchronized (this) {
            if (gen != generation || !waiting.remove(ip, w)) {
                return;
            }
            heldTotal -= w.frames.size();
            frames = ImmutableList.copyOf(w.frames);
        }
        log.debug("Backend {} not located within {} ms; {} frames dropped", ip, timeoutMs, frames.size());
        listener.expired(ip, frames);
    }

    private Endpoint lookup(Ip6Address ip) {
        Set<Host> found = hosts.getHostsByIp(ip);
        Endpoint tagged = null;
        if (found != null) {
            for (Host h : found) {
                Endpoint e = endpoint(h);
                if (e != null && VlanId.NONE.equals(h.vlan())) {
                    return e;
                }
                tagged = tagged == null ? e : tagged;
            }
        }
        // Endpoint carries no VLAN, so an untagged host is preferred; a host known
        // only on a VLAN is still better than none.
        return tagged;
    }

    private static Endpoint endpoint(Host h) {
        HostLocation loc = h.location();
        // A suspended host (location flapping) keeps its last location: still the best guess.
        if (loc == null || loc.elementId().equals(HostLocation.NONE.elementId()) || h.mac() == null) {
            return null;
        }
        return new Endpoint(h.mac(), new ConnectPoint(loc.elementId(), loc.port()));
    }
}
