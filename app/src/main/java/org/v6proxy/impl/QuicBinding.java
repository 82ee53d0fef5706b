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

import org.onosproject.net.ConnectPoint;
import org.slf4j.Logger;
import org.v6proxy.api.Backend;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.VirtualService;
import org.v6proxy.l7.RouteMatcher;
import org.v6proxy.l7.SniffStatus;
import org.v6proxy.packet.Bytes;
import org.v6proxy.packet.Eth;
import org.v6proxy.packet.Ip4;
import org.v6proxy.quic.QuicSniffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * Binding of quic services: the client 4-tuples that are still choosing their backend by the server_name of their
 * QUIC ClientHello ({@link QuicSniffer}).
 * <p>
 * A datagram from a 4-tuple that has no connection and nothing pending must hold a valid Initial packet, else it
 * is dropped and counted ({@code quic-not-initial}, {@code quic-version}) and nothing is stored: spoofed or
 * garbage UDP cannot fill the table. A valid Initial whose ClientHello is not complete yet is held, and so is every
 * later datagram of the 4-tuple (Initials carrying the rest of the ClientHello, 0-RTT), within bounds per client
 * and in all ({@code buffer-full} beyond). When the ClientHello is complete its name is routed like tls (exact,
 * {@code *.} wildcard, else the default backend; no default: {@code no-route}); when it is not complete within the
 * service's {@code prereadTimeoutMs}, the default backend. Then the 4-tuple becomes an ordinary l4 UDP connection
 * to that backend and the held datagrams are translated in arrival order, before any later one.
 * <p>
 * Pending state is node-local, like delayed binding's pre-read: a client whose instance fails retransmits its
 * Initial. Timeouts are run out by one periodic sweep, started with the first pending 4-tuple.
 */
final class QuicBinding {
    /**
     * 4-tuples choosing a backend at once. A client's ClientHello arrives within one round trip, so this bounds
     * what Initial floods (which anyone can encrypt) may hold, not what real clients need.
     */
    static final int MAX_PENDING = 4096;
    /**
     * Datagrams held per client: a ClientHello of up to 16 KiB in 1200-byte Initials is 14, plus 0-RTT
     * (RFC 9000 section 8.1 lets a client send up to three times what it received before validation: nothing).
     */
    static final int MAX_HELD_DATAGRAMS = 24;
    /** Bytes held per client: 24 datagrams of a 1500-byte MTU. */
    static final int MAX_HELD_BYTES = 24 * 1500;
    /** Bytes held in all, like delayed binding's 64 MiB but for datagrams. */
    static final long MAX_HELD_TOTAL = 16L * 1024 * 1024;
    /** Period of the sweep that runs out timeouts, in milliseconds (as delayed binding's). */
    static final long SWEEP_MS = DelayedBinding.SWEEP_MS;
    private static final int UDP_HEADER = 8;
    private static final int IP_PROTO_UDP = 17;

    private final Logger log = getLogger(getClass());

    /** What a chosen backend is handed to: the l4 UDP path. */
    interface Binder {
        /**
         * Creates the l4 UDP connection of a 4-tuple to a backend.
         *
         * @param t configuration in force
         * @param svc the service
         * @param backend the chosen backend
         * @param client client IPv4
         * @param clientPort client port
         * @param vip VIP
         * @param vipPort service port
         * @param ingress where the client is
         * @param clientMac client's MAC
         * @return false if it cannot be created (its IPv6 4-tuple is in use)
         */
        boolean open(ServiceTable t, VirtualService svc, Backend backend, int client, int clientPort, int vip,
                     int vipPort, ConnectPoint ingress, long clientMac);

        /**
         * Translates a client datagram of a connection that exists.
         *
         * @param t configuration in force
         * @param b frame buffer
         * @param off frame offset
         * @param len frame length
         * @param ingress where the frame entered
         */
        void forward(ServiceTable t, byte[] b, int off, int len, ConnectPoint ingress);
    }

    /** One 4-tuple choosing its backend. Guarded by its own monitor. */
    private static final class Pending {
        final Key key;
        final VirtualService service;
        final QuicSniffer sniffer;
        final ConnectPoint ingress;
        final long clientMac;
        final long deadline;
        final List<byte[]> held = new ArrayList<>();
        int heldBytes;
        boolean done;

        Pending(Key key, VirtualService service, QuicSniffer sniffer, ConnectPoint ingress, long clientMac,
                long deadline) {
            this.key = key;
            this.service = service;
            this.sniffer = sniffer;
            this.ingress = ingress;
            this.clientMac = clientMac;
            this.deadline = deadline;
        }
    }

    /** A client 4-tuple. */
    private static final class Key {
        final int client;
        final int clientPort;
        final int vip;
        final int vipPort;

        Key(int client, int clientPort, int vip, int vipPort) {
            this.client = client;
            this.clientPort = clientPort;
            this.vip = vip;
            this.vipPort = vipPort;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return k.client == client && k.clientPort == clientPort && k.vip == vip && k.vipPort == vipPort;
        }

        @Override
        public int hashCode() {
            return ((client * 31 + vip) * 31 + clientPort) * 31 + vipPort;
        }
    }

    private final Supplier<ServiceTable> tables;
    private final ProxyCounterSet counters;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanos;
    private final Binder binder;
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong heldTotal = new AtomicLong();
    private ScheduledFuture<?> sweepTask;

    QuicBinding(Supplier<ServiceTable> tables, ProxyCounterSet counters, ScheduledExecutorService timer,
                LongSupplier nanos, Binder binder) {
        this.tables = tables;
        this.counters = counters;
        this.timer = timer;
        this.nanos = nanos;
        this.binder = binder;
    }

    /**
     * Handles a client datagram to a quic service from a 4-tuple that has no connection.
     *
     * @param t configuration in force
     * @param svc the service
     * @param b frame buffer
     * @param off frame offset
     * @param len frame length
     * @param ingress where it entered
     */
    void fromClient(ServiceTable t, VirtualService svc, byte[] b, int off, int len, ConnectPoint ingress) {
        int ip = off + Eth.HEADER_LEN;
        int l4 = ip + Ip4.ihl(b, ip);
        int udpLen = Math.min(Bytes.getU16(b, l4 + 4), ip + Ip4.totalLength(b, ip) - l4);
        int payloadLen = udpLen - UDP_HEADER;
        if (payloadLen < 0) {
            counters.drop(DropReason.MALFORMED);
            return;
        }
        Key key = new Key(Ip4.src(b, ip), Bytes.getU16(b, l4), Ip4.dst(b, ip), Bytes.getU16(b, l4 + 2));
        Pending p = pending.get(key);
        if (p == null) {
            QuicSniffer s = new QuicSniffer();
            QuicSniffer.Verdict v = s.offer(b, l4 + UDP_HEADER, payloadLen);
            if (v != QuicSniffer.Verdict.ACCEPTED) {
                counters.drop(v == QuicSniffer.Verdict.UNKNOWN_VERSION ? DropReason.QUIC_VERSION
                                      : DropReason.QUIC_NOT_INITIAL);
                return;
            }
            if (s.status() != SniffStatus.NEED_MORE) {
                // The whole ClientHello in the first datagram (the common case today): nothing is held.
                if (bind(t, svc, s, key, ingress, Eth.srcMac(b, off), 1)) {
                    binder.forward(t, b, off, len, ingress);
                }
                return;
            }
            if (pending.size() >= MAX_PENDING || !reserve(len)) {
                counters.drop(DropReason.BUFFER_FULL);
                return;
            }
            p = new Pending(key, svc, s, ingress, Eth.srcMac(b, off),
                            nanos.getAsLong() + TimeUnit.MILLISECONDS.toNanos(svc.prereadTimeoutMs()));
            p.held.add(copy(b, off, len));
            p.heldBytes = len;
            Pending raced = pending.putIfAbsent(key, p);
            if (raced == null) {
                startSweep();
                return;
            }
            heldTotal.addAndGet(-len);
            p = raced;
            // Another thread created it meanwhile: this datagram joins it below (its Initial read again).
        }
        synchronized (p) {
            if (p.done) {
                // Bound (or dropped) meanwhile: what exists now decides.
                binder.forward(t, b, off, len, ingress);
                return;
            }
            // Every datagram of a pending 4-tuple is held (more Initials, 0-RTT); only Initials are read.
            p.sniffer.offer(b, l4 + UDP_HEADER, payloadLen);
            if (p.held.size() >= MAX_HELD_DATAGRAMS || p.heldBytes + len > MAX_HELD_BYTES || !reserve(len)) {
                counters.drop(DropReason.BUFFER_FULL);
            } else {
                p.held.add(copy(b, off, len));
                p.heldBytes += len;
            }
            if (p.sniffer.status() != SniffStatus.NEED_MORE) {
                finish(p);
            }
        }
    }

    /**
     * Runs out the timeouts that have passed: those clients go to the default backend (or are dropped).
     * Never throws: an exception would end the periodic task.
     *
     * @param now monotonic time, nanoseconds
     */
    void expire(long now) {
        for (Pending p : pending.values()) {
            if (now - p.deadline < 0) {
                continue;
            }
            try {
                synchronized (p) {
                    if (!p.done) {
                        finish(p);
                    }
                }
            } catch (RuntimeException ex) {
                log.warn("QUIC binding timeout failed", ex);
            }
        }
    }

    /** Binds a decided (or timed-out) 4-tuple and replays what it held. Caller holds p's monitor. */
    private void finish(Pending p) {
        p.done = true;
        pending.remove(p.key, p);
        heldTotal.addAndGet(-p.heldBytes);
        ServiceTable t = tables.get();
        if (t.settings() == null) {
            return;
        }
        VirtualService svc = t.find(IP_PROTO_UDP, p.key.vip, p.key.vipPort);
        if (svc == null || !svc.name().equals(p.service.name())) {
            // The service changed or left while the client was choosing.
            counters.drop(DropReason.NO_SERVICE);
            return;
        }
        if (bind(t, svc, p.sniffer, p.key, p.ingress, p.clientMac, p.held.size())) {
            for (byte[] f : p.held) {
                binder.forward(t, f, 0, f.length, p.ingress);
            }
        }
        p.held.clear();
    }

    /**
     * Chooses the backend and opens the connection.
     *
     * @param datagrams how many datagrams are dropped if it cannot be bound
     * @return true if the connection exists now
     */
    private boolean bind(ServiceTable t, VirtualService svc, QuicSniffer s, Key key, ConnectPoint ingress,
                         long clientMac, int datagrams) {
        RouteMatcher m = t.matcher(svc);
        Backend backend = s.status() == SniffStatus.MATCHED && m != null ? m.backendForName(s.serverName()) : null;
        if (backend == null) {
            backend = svc.defaultBackend().orElse(null);
        }
        DropReason why = null;
        if (backend == null) {
            why = DropReason.NO_ROUTE;
        } else if (!binder.open(t, svc, backend, key.client, key.clientPort, key.vip, key.vipPort, ingress,
                                clientMac)) {
            why = DropReason.TUPLE_COLLISION;
        }
        if (why != null) {
            for (int i = 0; i < datagrams; i++) {
                counters.drop(why);
            }
            return false;
        }
        return true;
    }

    private boolean reserve(int len) {
        if (heldTotal.addAndGet(len) > MAX_HELD_TOTAL) {
            heldTotal.addAndGet(-len);
            return false;
        }
        return true;
    }

    private static byte[] copy(byte[] b, int off, int len) {
        byte[] c = new byte[len];
        System.arraycopy(b, off, c, 0, len);
        return c;
    }

    /**
     * Returns how many 4-tuples are choosing a backend.
     *
     * @return count
     */
    int pendingCount() {
        return pending.size();
    }

    /**
     * Returns the bytes held in all.
     *
     * @return bytes
     */
    long heldBytes() {
        return heldTotal.get();
    }

    /** Forgets everything held (deactivation). */
    synchronized void clear() {
        if (sweepTask != null) {
            sweepTask.cancel(false);
            sweepTask = null;
        }
        pending.clear();
        heldTotal.set(0);
    }

    private synchronized void startSweep() {
        if (sweepTask != null) {
            return;
        }
        try {
            sweepTask = timer.scheduleWithFixedDelay(() -> expire(nanos.getAsLong()), SWEEP_MS, SWEEP_MS,
                                                     TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ex) {
            log.debug("Timer refused the QUIC binding sweep (shutting down)");
        }
    }
}
