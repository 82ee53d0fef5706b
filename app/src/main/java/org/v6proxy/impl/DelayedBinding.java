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

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.slf4j.Logger;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.api.VirtualService;
import org.v6proxy.l7.RouteMatcher;
import org.v6proxy.l7.SniffStatus;
import org.v6proxy.packet.Eth;
import org.v6proxy.packet.Icmp6;
import org.v6proxy.packet.Ip4;
import org.v6proxy.packet.Tcp;
import org.v6proxy.tcp.SeqMath;
import org.v6proxy.tcp.SpliceAdjust;
import org.v6proxy.tcp.SpliceParams;
import org.v6proxy.tcp.SynCookies;
import org.v6proxy.tcp.SynOptions;
import org.v6proxy.xlate.Rfc6052;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * Delayed binding ("TCP splicing") for prefix, http and tls services.
 * <ol>
 * <li>The client's SYN is answered with a SYN-ACK whose ISN is a SYN cookie
 *     (RFC 4987 section 3.6): nothing is stored until the client's ACK
 *     proves the handshake. The SYN-ACK offers MSS &lt;= ipv6Mtu - 60, no
 *     timestamps and no ECN.</li>
 * <li>The client's first bytes are held (not acknowledged) and fed to the
 *     service's sniffer; retransmissions are de-duplicated.</li>
 * <li>With a backend chosen (route, or default on no match / pre-read
 *     timeout), the app opens the IPv6 connection with the client's own ISN,
 *     window scale and SACK-permitted, MSS clamped, no timestamps.</li>
 * <li>On the backend's SYN-ACK the offset between the two ISNs is fixed,
 *     written to the store, the handshake is completed toward the backend and
 *     every held segment (FIN included) is replayed in order through the
 *     normal, now spliced, translation path.</li>
 * </ol>
 * Failures end with a RST to the client and a counted drop.
 * <p>
 * Timers (pre-read, SYN retransmission) are a deadline per binding, checked
 * by one periodic sweep over the bindings rather than a task scheduled and
 * cancelled per connection: setup is tens of thousands of connections per
 * second, and a cancelled task costs an allocation, a heap operation on the
 * shared timer's queue and, without remove-on-cancel, memory until it would
 * have run. A timer fires at most {@link #SWEEP_MS} late.
 */
final class DelayedBinding {
    /** Window scale the app announces to clients that offer scaling (RFC 7323 section 2.3). */
    static final int APP_WSCALE = 7;
    /** Window the app's SYN-ACK offers: bounds what a client sends before binding. */
    private static final int PREREAD_WINDOW = 32 * 1024;
    /** Bytes of client frames held per connection before binding (window plus headers of retransmissions). */
    private static final int MAX_HELD_PER_CONNECTION = 64 * 1024;
    /** Bytes held for all binding connections together. */
    private static final long MAX_HELD_TOTAL = 64L * 1024 * 1024;
    /** Connections binding at once (a SYN flood creates none: they are cookies). */
    private static final int MAX_BINDINGS = 16384;
    /** SYNs sent to a backend before giving up (initial RTO 1 s, RFC 6298 section 2.1, doubled per try). */
    private static final int SYN_TRIES = 3;
    private static final long SYN_RTO_MS = 1000;
    private static final int TCP_HEADER = 20;
    private static final int V6_LEN = 16;
    private static final int MAX_WINDOW = 0xffff;
    /** Period of the sweep that runs out timers, in milliseconds. */
    static final long SWEEP_MS = 20;

    private final Logger log = getLogger(getClass());
    private final Supplier<ServiceTable> tables;
    private final ConnectionStore store;
    private final ProxyCounterSet counters;
    private final FrameSender sender;
    private final ScheduledExecutorService timer;
    private final SynCookies cookies;
    private final L4Path path;
    private final BindingTable bindings = new BindingTable(MAX_BINDINGS);
    private final AtomicLong held = new AtomicLong();
    /** Whether the sweep is scheduled; started with the first binding. */
    private volatile boolean sweeping;
    private ScheduledFuture<?> sweepTask;

    @SuppressWarnings("checkstyle:ParameterNumber")
    DelayedBinding(Supplier<ServiceTable> tables, ConnectionStore store, ProxyCounterSet counters,
                   FrameSender sender, ScheduledExecutorService timer, SynCookies cookies, L4Path l4) {
        this.tables = tables;
        this.store = store;
        this.counters = counters;
        this.sender = sender;
        this.timer = timer;
        this.cookies = cookies;
        this.path = l4;
    }

    /**
     * Returns the window scale the app announces to a client that offered the given one.
     *
     * @param clientWscale the client's shift count or -1
     * @return the app's shift count or -1
     */
    static int appWscale(int clientWscale) {
        return clientWscale < 0 ? SynOptions.WSCALE_NONE : APP_WSCALE;
    }

    /**
     * Returns how many connections are binding on this instance.
     *
     * @return count
     */
    int bindingCount() {
        return bindings.size();
    }

    // ---- client side

    /**
     * Handles a client segment of a delayed-binding service that has no
     * spliced connection (yet).
     *
     * @param t configuration in force
     * @param svc the service
     * @param b frame buffer
     * @param off frame offset
     * @param ip IPv4 header offset
     * @param total IPv4 total length
     * @param l4 TCP header offset
     * @param ingress where it came from
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    void fromClient(ServiceTable t, VirtualService svc, byte[] b, int off, int ip, int total, int l4,
                    ConnectPoint ingress) {
        int l4Len = total - (l4 - ip);
        int flags = Tcp.flags(b, l4);
        int src = Ip4.src(b, ip);
        int dst = Ip4.dst(b, ip);
        int sport = Tcp.srcPort(b, l4);
        int dport = Tcp.dstPort(b, l4);
        if ((flags & Tcp.RST) != 0) {
            Binding gone = bindings.find(src, sport, dst, dport);
            if (gone == null) {
                counters.drop(DropReason.NO_CONNECTION);
                return;
            }
            synchronized (gone) {
                clientRst(t, gone, Tcp.seq(b, l4));
            }
            return;
        }
        if ((flags & (Tcp.SYN | Tcp.ACK)) == Tcp.SYN) {
            answerSyn(t, b, off, ip, l4, l4Len, ingress);
            return;
        }
        if ((flags & Tcp.ACK) == 0) {
            counters.drop(DropReason.NO_CONNECTION);
            return;
        }
        Binding bd = bindings.find(src, sport, dst, dport);
        if (bd == null) {
            bd = start(t, svc, key(src, sport, dst, dport), b, off, l4, ingress);
            if (bd == null) {
                return;
            }
        }
        synchronized (bd) {
            clientSegment(t, bd, b, off, total, l4, l4Len, flags);
        }
    }

    /**
     * Handles a client segment of a connection whose backend leg is being
     * opened (the entry exists, the splice is not known yet).
     *
     * @param t configuration in force
     * @param bd the binding
     * @param b frame buffer
     * @param off frame offset
     * @param total IPv4 total length
     * @param l4 TCP header offset
     */
    void fromClientWhileConnecting(ServiceTable t, Binding bd, byte[] b, int off, int total, int l4) {
        int l4Len = total - (l4 - off - Eth.HEADER_LEN);
        int flags = Tcp.flags(b, l4);
        synchronized (bd) {
            if ((flags & Tcp.RST) != 0) {
                clientRst(t, bd, Tcp.seq(b, l4));
                return;
            }
            clientSegment(t, bd, b, off, total, l4, l4Len, flags);
        }
    }

    /**
     * A client's RST while the app is the client's peer (RFC 5961 section
     * 3.2): the app acknowledges nothing before binding, so its RCV.NXT is
     * the client's ISN + 1 and its window {@link #PREREAD_WINDOW}. Exactly
     * there, the binding ends; elsewhere in the window the client gets a
     * challenge ACK (a genuine RST is then repeated at the ACK's number);
     * outside it the RST is dropped and counted. Caller holds bd's monitor.
     */
    private void clientRst(ServiceTable t, Binding bd, int seq) {
        int rcvNxt = bd.clientIsn + 1;
        if (seq == rcvNxt) {
            counters.drop(DropReason.NO_CONNECTION);
            abort(bd);
        } else if (SeqMath.inWindow(seq, rcvNxt, PREREAD_WINDOW) && t.settings() != null) {
            sender.send(bd.ingress, ControlFrames.tcp4(bd.clientMac, t.gatewayMacLong(), bd.key.vip().toInt(),
                                                       bd.key.client().toInt(), bd.key.vipPort(),
                                                       bd.key.clientPort(), bd.appIsn + 1, rcvNxt, Tcp.ACK,
                                                       PREREAD_WINDOW >> Math.max(0, appWscale(bd.clientWscale)),
                                                       null));
        } else {
            counters.drop(DropReason.RST_OUT_OF_WINDOW);
        }
    }

    private static ConnectionKey key(int src, int sport, int dst, int dport) {
        return new ConnectionKey(Protocol.TCP, Ip4Address.valueOf(src), sport, Ip4Address.valueOf(dst), dport);
    }

    /** Answers a SYN with a cookie SYN-ACK; nothing is stored (RFC 4987 section 3.6). */
    private void answerSyn(ServiceTable t, byte[] b, int off, int ip, int l4, int l4Len, ConnectPoint ingress) {
        ProxySettings s = t.settings();
        int clientMss = SynOptions.mss(b, l4, l4Len);
        int wscale = SynOptions.wscale(b, l4, l4Len);
        boolean sack = SynOptions.sackPermitted(b, l4, l4Len);
        int ourMss = Math.min(s.ipv6Mtu() - 60, s.ipv4Mtu() - 40);
        int mssIndex = SynCookies.mssIndexFor(Math.min(clientMss, s.ipv6Mtu() - 60));
        int isn = Tcp.seq(b, l4);
        int cookie = cookies.issue(Ip4.src(b, ip), Tcp.srcPort(b, l4), Ip4.dst(b, ip), Tcp.dstPort(b, l4), isn,
                                   mssIndex, wscale, sack, System.currentTimeMillis());
        sender.send(ingress, ControlFrames.tcp4(Eth.srcMac(b, off), t.gatewayMacLong(), Ip4.dst(b, ip),
                                                Ip4.src(b, ip), Tcp.dstPort(b, l4), Tcp.srcPort(b, l4), cookie,
                                                isn + 1, Tcp.SYN | Tcp.ACK, PREREAD_WINDOW,
                                                new ControlFrames.SynOpts(ourMss, appWscale(wscale), sack)));
    }

    /** Validates the cookie of a handshake ACK and starts reading the client's bytes. */
    @SuppressWarnings("checkstyle:ParameterNumber")
    private Binding start(ServiceTable t, VirtualService svc, ConnectionKey key, byte[] b, int off, int l4,
                         ConnectPoint ingress) {
        int seq = Tcp.seq(b, l4);
        int ack = Tcp.ack(b, l4);
        SynCookies.Decoded d = cookies.validate(key.client().toInt(), key.clientPort(), key.vip().toInt(),
                                                key.vipPort(), ack, seq, System.currentTimeMillis());
        if (!d.isValid()) {
            counters.drop(DropReason.BAD_COOKIE);
            path.refuseTcp(t, b, off, ingress);
            return null;
        }
        if (bindings.size() >= MAX_BINDINGS) {
            counters.drop(DropReason.BUFFER_FULL);
            path.refuseTcp(t, b, off, ingress);
            return null;
        }
        RouteMatcher matcher = t.matcher(svc);
        Binding bd = new Binding(key, svc, matcher, ingress, Eth.srcMac(b, off), seq - 1, ack - 1,
                                 d.wscale(), d.sackOk(), d.mss());
        bd.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(svc.prereadTimeoutMs());
        Binding prior = bindings.putIfAbsent(bd);
        if (prior != null) {
            return prior;
        }
        if (!sweeping) {
            startSweep();
        }
        return bd;
    }

    /** Holds one client segment and decides when the sniffer can. Caller holds bd's monitor. */
    @SuppressWarnings("checkstyle:ParameterNumber")
    private void clientSegment(ServiceTable t, Binding bd, byte[] b, int off, int total, int l4, int l4Len,
                               int flags) {
        if (bd.phase == Binding.Phase.DONE) {
            return;
        }
        bd.clientWindow = Tcp.window(b, l4);
        int dataOff = Tcp.dataOffset(b, l4);
        int payload = l4Len - dataOff;
        boolean fin = (flags & Tcp.FIN) != 0;
        boolean stalled = false;
        if (payload > 0 || fin) {
            int rel = Tcp.seq(b, l4) - (bd.clientIsn + 1);
            if (rel < 0 || rel + payload > PREREAD_WINDOW) {
                counters.drop(DropReason.BUFFER_FULL);
                fail(t, bd);
                return;
            }
            int frameLen = Eth.HEADER_LEN + total;
            if (bd.bufferedBytes + frameLen > MAX_HELD_PER_CONNECTION
                    || held.get() + frameLen > MAX_HELD_TOTAL) {
                counters.drop(DropReason.BUFFER_FULL);
                fail(t, bd);
                return;
            }
            byte[] copy = new byte[frameLen];
            System.arraycopy(b, off, copy, 0, frameLen);
            int added = bd.add(rel, copy, l4 - off + dataOff, payload, fin);
            held.addAndGet(added);
            if (bd.conflict) {
                // Bytes that differ from the first copy held for the same sequence range: not kept.
                counters.drop(DropReason.OVERLAP_CONFLICT);
            }
            stalled = added == 0 && payload > 0 && bd.contiguous >= initialWindow(bd.mss);
        }
        if (bd.phase == Binding.Phase.SNIFFING) {
            SniffStatus st = bd.sniff();
            if (st == SniffStatus.NEED_MORE && (bd.streamComplete() || stalled)) {
                st = bd.finish();
            }
            if (st != SniffStatus.NEED_MORE) {
                decide(t, bd, st);
            }
        }
    }

    /**
     * The most a client sends before its first ACK, RFC 6928 section 2:
     * min(10 * MSS, max(2 * MSS, 14600)). The app acknowledges nothing while
     * it reads, so a client that has sent this much and then retransmits
     * (its RTO ran out) will send nothing new: waiting for the pre-read
     * timeout would only delay the same decision.
     *
     * @param mss the client's MSS as the cookie encoded it
     * @return bytes
     */
    static int initialWindow(int mss) {
        return Math.min(10 * mss, Math.max(2 * mss, 14600));
    }

    /** The pre-read time is over: decide with what there is. Caller holds bd's monitor. */
    private void prereadTimeout(Binding bd) {
        decide(tables.get(), bd, bd.finish());
    }

    /** Chooses the backend: the matched route, else the default, else a RST. Caller holds bd's monitor. */
    private void decide(ServiceTable t, Binding bd, SniffStatus st) {
        Backend backend = st == SniffStatus.MATCHED ? bd.matcher.backendFor(bd.sniffer) : null;
        if (backend == null) {
            backend = bd.service.defaultBackend().orElse(null);
        }
        if (backend == null || t.settings() == null) {
            counters.drop(DropReason.NO_ROUTE);
            fail(t, bd);
            return;
        }
        connect(t, bd, backend);
    }

    /** Creates the record and sends the SYN toward the backend. Caller holds bd's monitor. */
    private void connect(ServiceTable t, Binding bd, Backend backend) {
        byte[] v6 = new byte[V6_LEN];
        Rfc6052.embed(t.prefixBytes(), t.prefixLength(), bd.key.client().toInt(), v6, 0);
        int mss = Math.min(bd.mss, t.settings().ipv6Mtu() - 60);
        Connection rec = new Connection(bd.key, bd.ingress, MacAddress.valueOf(bd.clientMac), bd.service.name(),
                                        backend, Ip6Address.valueOf(v6), ConnectionState.SYN_SENT,
                                        System.currentTimeMillis(), 0, bd.clientWscale, Connection.NO_WSCALE,
                                        mss, bd.sackOk);
        ConnectionEntry e = store.create(rec);
        if (e == null) {
            counters.drop(DropReason.TUPLE_COLLISION);
            fail(t, bd);
            return;
        }
        e.binding(bd);
        bd.entry = e;
        bd.phase = Binding.Phase.CONNECTING;
        sendSyn(t, bd);
    }

    private void sendSyn(ServiceTable t, Binding bd) {
        ConnectionEntry e = bd.entry;
        int window = Math.min(MAX_WINDOW, bd.clientWindow << Math.max(0, bd.clientWscale));
        byte[] syn = ControlFrames.tcp6(0, t.gatewayMacLong(), e.clientV6Bytes(), e.backendBytes(), e.clientPort,
                                        e.backendPort, bd.clientIsn, 0, Tcp.SYN, window,
                                        new ControlFrames.SynOpts(e.record().mss(), bd.clientWscale, bd.sackOk));
        bd.synTries++;
        path.toBackend(t, e, syn);
        long rto = SYN_RTO_MS << (bd.synTries - 1);
        bd.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(rto);
    }

    /** The backend did not answer the SYN in time: again, or give up. Caller holds bd's monitor. */
    private void synTimeout(Binding bd) {
        ServiceTable t = tables.get();
        if (bd.synTries >= SYN_TRIES || t.settings() == null) {
            counters.drop(DropReason.BACKEND_UNREACHABLE);
            fail(t, bd);
            return;
        }
        sendSyn(t, bd);
    }

    // ---- backend side

    /**
     * Handles a backend segment of a connection whose backend leg is opening.
     *
     * @param t configuration in force
     * @param e the connection
     * @param bd its binding
     * @param b frame buffer
     * @param l4 TCP header offset
     * @param l4Len TCP length
     */
    void fromBackend(ServiceTable t, ConnectionEntry e, Binding bd, byte[] b, int l4, int l4Len) {
        int flags = Tcp.flags(b, l4);
        byte[][] replay;
        synchronized (bd) {
            if (bd.phase != Binding.Phase.CONNECTING) {
                counters.drop(DropReason.NO_CONNECTION);
                return;
            }
            boolean acksOurSyn = (flags & Tcp.ACK) != 0 && Tcp.ack(b, l4) == bd.clientIsn + 1;
            if ((flags & Tcp.RST) != 0 && acksOurSyn) {
                // RFC 793 section 3.4: a RST acknowledging our SYN refuses the connection.
                counters.drop(DropReason.BACKEND_UNREACHABLE);
                fail(t, bd);
                return;
            }
            if ((flags & (Tcp.SYN | Tcp.ACK)) != (Tcp.SYN | Tcp.ACK) || !acksOurSyn) {
                counters.drop(DropReason.NO_CONNECTION);
                return;
            }
            int backendIsn = Tcp.seq(b, l4);
            int backendWscale = SynOptions.wscale(b, l4, l4Len);
            boolean sack = bd.sackOk && SynOptions.sackPermitted(b, l4, l4Len);
            SpliceParams p = SpliceParams.of(bd.appIsn, backendIsn, bd.clientWscale, appWscale(bd.clientWscale),
                                             backendWscale, e.record().mss(), sack);
            store.update(e.record().withSplice(ConnectionState.ESTABLISHED, p.seqOffset(), backendWscale, sack));
            e.nextSeq(false, backendIsn + 1);
            e.nextSeq(true, bd.clientIsn + 1);
            // What the backend's SYN-ACK says of its receive side, for the RST and FIN window checks.
            e.ackWindow(false, bd.clientIsn + 1, Tcp.window(b, l4));
            int window = SpliceAdjust.rescaleWindow(bd.clientWindow, p.clientSendShift(), p.backendReceiveShift());
            path.toBackend(t, e, ControlFrames.tcp6(0, t.gatewayMacLong(), e.clientV6Bytes(), e.backendBytes(),
                                                  e.clientPort, e.backendPort, bd.clientIsn + 1, backendIsn + 1,
                                                  Tcp.ACK, window, null));
            bd.phase = Binding.Phase.DONE;
            e.binding(null);
            bindings.remove(bd);
            replay = bd.framesInOrder();
            held.addAndGet(-bd.bufferedBytes);
        }
        // Outside the monitor: the normal path now adjusts each held segment like any other.
        for (byte[] frame : replay) {
            path.fromClient(t, frame, 0, frame.length, bd.ingress);
        }
    }

    /**
     * Handles an ICMPv6 error about the app's SYN to the backend. Destination
     * Unreachable (any code: no route, prohibited, address or port
     * unreachable) and Parameter Problem are hard errors for a connection
     * being opened: the client is reset at once, as a stack would fail its
     * own connect() (Linux does for these), instead of after the SYN
     * retries. Other errors leave the retries to it. The error must quote
     * the SYN's own sequence number (RFC 5927 section 4.1: a blind attacker
     * does not know it).
     *
     * @param t configuration in force
     * @param bd the binding
     * @param type ICMPv6 type
     * @param quotedSeq sequence number of the TCP segment the error quotes
     */
    void icmpErrorFromBackend(ServiceTable t, Binding bd, int type, int quotedSeq) {
        synchronized (bd) {
            if (bd.phase != Binding.Phase.CONNECTING || quotedSeq != bd.clientIsn) {
                counters.drop(DropReason.ICMP_UNTRANSLATABLE);
                return;
            }
            if (type == Icmp6.DEST_UNREACH || type == Icmp6.PARAM_PROBLEM) {
                counters.drop(DropReason.BACKEND_UNREACHABLE);
                fail(t, bd);
            } else {
                counters.drop(DropReason.ICMP_UNTRANSLATABLE);
            }
        }
    }

    // ---- endings

    /** Resets the client and forgets the binding. Caller holds bd's monitor. */
    private void fail(ServiceTable t, Binding bd) {
        if (t.settings() != null) {
            int seq = bd.appIsn + 1;
            sender.send(bd.ingress, ControlFrames.tcp4(bd.clientMac, t.gatewayMacLong(), bd.key.vip().toInt(),
                                                       bd.key.client().toInt(), bd.key.vipPort(),
                                                       bd.key.clientPort(), seq, bd.clientIsn + 1,
                                                       Tcp.RST | Tcp.ACK));
        }
        abort(bd);
    }

    /** Forgets a binding and the record it may have created. Caller holds bd's monitor. */
    private void abort(Binding bd) {
        if (bd.phase == Binding.Phase.DONE) {
            return;
        }
        bd.phase = Binding.Phase.DONE;
        bindings.remove(bd);
        held.addAndGet(-bd.bufferedBytes);
        if (bd.entry != null) {
            bd.entry.binding(null);
            store.remove(bd.key);
        }
    }

    /**
     * Forgets every binding and stops the sweep (deactivation).
     */
    void clear() {
        stopSweep();
        for (Binding bd : bindings.all()) {
            synchronized (bd) {
                abort(bd);
            }
        }
    }

    // ---- timers

    private synchronized void startSweep() {
        if (sweeping) {
            return;
        }
        try {
            sweepTask = timer.scheduleWithFixedDelay(this::sweep, SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
            sweeping = true;
        } catch (RejectedExecutionException ex) {
            log.debug("Timer refused the binding sweep (shutting down)");
        }
    }

    private synchronized void stopSweep() {
        if (sweepTask != null) {
            sweepTask.cancel(false);
            sweepTask = null;
        }
        sweeping = false;
    }

    /**
     * Runs out the timers whose deadline has passed. Never throws: an
     * exception would end the periodic task.
     */
    void sweep() {
        long now = System.nanoTime();
        for (Binding bd : bindings.all()) {
            if (now - bd.deadline < 0) {
                continue;
            }
            try {
                synchronized (bd) {
                    expire(bd, now);
                }
            } catch (RuntimeException ex) {
                log.warn("Delayed-binding timer failed for {}", bd.key, ex);
            }
        }
    }

    /** Fires the timer of bd's phase if it is (still) due. Caller holds bd's monitor. */
    private void expire(Binding bd, long now) {
        if (now - bd.deadline < 0) {
            return;
        }
        if (bd.phase == Binding.Phase.SNIFFING) {
            prereadTimeout(bd);
        } else if (bd.phase == Binding.Phase.CONNECTING) {
            synTimeout(bd);
        }
    }
}
