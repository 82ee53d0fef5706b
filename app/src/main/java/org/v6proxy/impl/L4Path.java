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
import org.onosproject.net.DeviceId;
import org.onosproject.net.host.HostService;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionLimits;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.Direction;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.api.VirtualService;
import org.v6proxy.neighbor.BackendResolver;
import org.v6proxy.neighbor.NeighborProbe;
import org.v6proxy.packet.Bytes;
import org.v6proxy.packet.Checksum;
import org.v6proxy.packet.Eth;
import org.v6proxy.packet.Ip4;
import org.v6proxy.packet.Ip4Split;
import org.v6proxy.packet.Ip6;
import org.v6proxy.packet.Ip6Ext;
import org.v6proxy.packet.Tcp;
import org.v6proxy.tcp.SeqMath;
import org.v6proxy.tcp.SpliceAdjust;
import org.v6proxy.tcp.SpliceParams;
import org.v6proxy.tcp.SynCookies;
import org.v6proxy.tcp.SynOptions;
import org.v6proxy.xlate.Rfc6052;
import org.v6proxy.xlate.XlatResult;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The translation paths of established (and l4-opened) connections: client
 * segments to the backend (4 to 6) and backend segments to the client (6 to
 * 4), with the connection's address and port mapping, TCP phase tracking,
 * resets, and idle expiry. One output frame is allocated per packet (by the
 * translator); lookups, mapping and counters allocate nothing.
 */
final class L4Path {
    private static final int TCP_PROTO = 6;
    private static final int UDP_PROTO = 17;
    private static final int ICMP6_PROTO = 58;
    private static final int TCP_MIN = 20;
    private static final int UDP_LEN = 8;
    private static final int UDP_CSUM = 6;
    private static final int EXT_HOP_BY_HOP = 0;
    private static final int EXT_ROUTING = 43;
    private static final int EXT_FRAGMENT = 44;
    private static final int EXT_DEST_OPTS = 60;
    private static final int EXT_UNIT = 8;
    private static final int MAX_EXT_HEADERS = 8;
    private static final int V6_LEN = 16;
    /** Time a closed connection lingers so the last ACK or a retransmitted FIN still crosses. */
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(4);
    private static final int MAX_HELD_PER_BACKEND = 256;
    private static final int MAX_HELD_TOTAL = 8192;
    private static final long RESOLVE_TIMEOUT_MS = 3000;
    private static final long CLOCK_TICK_MS = 10;
    /** Bounds of the client fragments held (RFC 791 reassembly resources): datagrams and bytes. */
    private static final int MAX_HELD_DATAGRAMS = 256;
    private static final int MAX_HELD_FRAGMENT_BYTES = 1 << 20;
    /**
     * How long after a datagram's first fragment its later fragments are still forwarded, and
     * how long held fragments wait for the rest of their datagram.
     */
    private static final long FRAGMENT_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Supplier<ServiceTable> tables;
    private final ConnectionStore store;
    private final ProxyCounterSet counters;
    private final FrameSender sender;
    private final BackendResolver resolver;
    private final DelayedBinding delayed;
    private final QuicBinding quic;
    private final ScheduledExecutorService timer;
    private final CoarseClock clock = new CoarseClock();
    /** Whether this instance expires the connections of clients attached to a device (its master does). */
    private final Predicate<DeviceId> reapsHere;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    /** Connections of fragmented datagrams, by client and IPv4 identification (client to backend). */
    private final FragmentOwners clientFragments = new FragmentOwners(FRAGMENT_LIFETIME_NANOS);
    /** Connections of fragmented datagrams, by client and IPv6 fragment identification (backend to client). */
    private final FragmentOwners backendFragments = new FragmentOwners(FRAGMENT_LIFETIME_NANOS);
    /** Client fragments waiting for their first one, or for the rest of a datagram to reassemble. */
    private final FragmentQueue heldClientFragments;
    /** Backend fragments waiting for their first one, or for the rest of a datagram to a spliced connection. */
    private final FragmentQueue heldBackendFragments;
    /** Node-local half-open l4 TCP connections, oldest first. */
    private final HalfOpenTable halfOpen = new HalfOpenTable();
    /** The operators' connection limits (netcfg maxConnections, maxConnectionsPerClient). */
    private final ConnectionLimiter limiter = new ConnectionLimiter();

    /** Per-thread reusable state of the translation path. */
    private static final class Scratch {
        final XlatResult result = new XlatResult();
        final ConnMapper mapper = new ConnMapper();
    }

    L4Path(Supplier<ServiceTable> tables, ConnectionStore store, ProxyCounterSet counters, FrameSender sender,
           HostService hostService, ScheduledExecutorService timer, SynCookies cookies,
           Predicate<DeviceId> reapsHere) {
        this.tables = tables;
        this.store = store;
        this.counters = counters;
        this.sender = sender;
        this.timer = timer;
        this.reapsHere = reapsHere;
        this.resolver = new BackendResolver(hostService, timer, new ResolverListener(), MAX_HELD_PER_BACKEND,
                                            MAX_HELD_TOTAL, RESOLVE_TIMEOUT_MS);
        this.delayed = new DelayedBinding(tables, store, counters, sender, timer, cookies, this);
        this.heldClientFragments = new FragmentQueue(MAX_HELD_DATAGRAMS, MAX_HELD_FRAGMENT_BYTES,
                                                     FRAGMENT_LIFETIME_NANOS, counters::drop);
        this.heldBackendFragments = new FragmentQueue(MAX_HELD_DATAGRAMS, MAX_HELD_FRAGMENT_BYTES,
                                                      FRAGMENT_LIFETIME_NANOS, counters::drop);
        this.quic = new QuicBinding(tables, counters, timer, System::nanoTime, new QuicBinder());
    }

    void activate() {
        resolver.activate();
        clock.start(timer, CLOCK_TICK_MS);
    }

    void deactivate() {
        clock.stop();
        delayed.clear();
        quic.clear();
        clientFragments.clear();
        backendFragments.clear();
        heldClientFragments.clear();
        heldBackendFragments.clear();
        halfOpen.clear();
        limiter.clear();
        resolver.deactivate();
    }

    /**
     * Returns how many delayed-binding connections are still choosing a backend here.
     *
     * @return count
     */
    int bindingCount() {
        return delayed.bindingCount();
    }

    /**
     * Returns how many half-open l4 connections are held here.
     *
     * @return count
     */
    int halfOpenCount() {
        return halfOpen.size();
    }

    /**
     * Takes a neighbour advertisement that may answer a backend move verification.
     *
     * @param b buffer
     * @param off frame offset
     * @param len frame length
     * @param ingress where the frame entered
     * @return true when it answered one (the move is refused)
     */
    boolean advertisement(byte[] b, int off, int len, ConnectPoint ingress) {
        Ip6Address target = NeighborProbe.advertisedTarget(b, off, len);
        return target != null && resolver.advertised(target, NeighborProbe.ethSource(b, off), ingress);
    }

    /**
     * Pins backend locations (network config); see {@link BackendResolver#pin}.
     *
     * @param pins locations by backend address
     */
    void pinBackends(Map<Ip6Address, BackendResolver.Endpoint> pins) {
        resolver.pin(pins);
    }

    // ---- client (IPv4) to backend (IPv6)

    /**
     * Handles an IPv4 TCP/UDP packet addressed to a VIP.
     *
     * @param t configuration in force
     * @param b frame buffer
     * @param off frame offset
     * @param len frame length
     * @param ingress where the frame entered
     */
    void fromClient(ServiceTable t, byte[] b, int off, int len, ConnectPoint ingress) {
        int ip = off + Eth.HEADER_LEN;
        int ihl = Ip4.ihl(b, ip);
        int total = Ip4.totalLength(b, ip);
        if (ihl < Ip4.MIN_HEADER_LEN || total < ihl || total > len - Eth.HEADER_LEN) {
            counters.drop(DropReason.MALFORMED);
            return;
        }
        int proto = Ip4.protocol(b, ip);
        if (proto != TCP_PROTO && proto != UDP_PROTO) {
            counters.drop(DropReason.UNSUPPORTED_PROTOCOL);
            return;
        }
        boolean fragment = Ip4.isFragment(b, ip);
        int mtu6 = t.translator().ipv6Mtu();
        if (Ip6.HEADER_LEN + (fragment ? Ip6Ext.FRAG_HEADER_LEN : 0) + total - ihl > mtu6
                && !Ip4.dontFragment(b, ip)) {
            // RFC 7915 section 4.1: too big for the IPv6 side but allowed to be fragmented: fragment it, then
            // translate each fragment. (With DF the translator answers Fragmentation Needed instead.)
            List<byte[]> pieces = Ip4Split.split(b, off, ip, mtu6 - Ip6.HEADER_LEN - Ip6Ext.FRAG_HEADER_LEN);
            for (byte[] piece : pieces) {
                fromClient(t, piece, 0, piece.length, ingress);
            }
            if (!pieces.isEmpty()) {
                return;
            }
        }
        if (fragment && Ip4.fragmentOffset(b, ip) != 0) {
            laterFragmentFromClient(t, b, off, ip, total, ingress);
            return;
        }
        int l4 = ip + ihl;
        int l4Len = total - ihl;
        if (l4Len < (proto == TCP_PROTO ? TCP_MIN : UDP_LEN)
                || (proto == TCP_PROTO && (Tcp.dataOffset(b, l4) < TCP_MIN || Tcp.dataOffset(b, l4) > l4Len))) {
            counters.drop(DropReason.MALFORMED);
            return;
        }
        int src = Ip4.src(b, ip);
        int dst = Ip4.dst(b, ip);
        int sport = Bytes.getU16(b, l4);
        int dport = Bytes.getU16(b, l4 + 2);
        int flags = proto == TCP_PROTO ? Tcp.flags(b, l4) : 0;
        VirtualService svc = t.find(proto, dst, dport);
        if (svc == null) {
            counters.drop(DropReason.NO_SERVICE);
            refuse(t, b, off, ip, l4, l4Len, ingress);
            return;
        }
        if (fragment && svc.mode().delayedBinding()) {
            // The sniffers and the splice work on whole segments: reassemble (RFC 791 section 3.2).
            holdClientFragment(t, b, off, ip, total, ingress);
            return;
        }
        ConnectionEntry e = store.find4(proto, src, sport, dst, dport);
        if (proto == TCP_PROTO) {
            Binding opening = e == null ? null : e.binding();
            if (opening != null) {
                delayed.fromClientWhileConnecting(t, opening, b, off, total, l4);
                return;
            }
            if (e != null && svc.mode().delayedBinding() && e.bindingLost()) {
                // Failover (issue 12): the instance that held this client's pre-read bytes and was
                // opening the backend leg is gone, and with it the cookie's ISN the splice needs. The
                // client gets a RST at its own ACK (RFC 793 section 3.4, "Reset Generation"), which it
                // accepts as in window, rather than a connection that can never carry its request.
                counters.drop(DropReason.BINDING_LOST);
                forget(e);
                refuse(t, b, off, ip, l4, l4Len, ingress);
                return;
            }
            boolean syn = (flags & (Tcp.SYN | Tcp.ACK | Tcp.RST)) == Tcp.SYN;
            if (e != null && syn && (e.anyFin() || e.record().state() == ConnectionState.CLOSING)) {
                // RFC 793 TIME-WAIT reuse: a new SYN on a closed tuple starts a fresh connection.
                forget(e);
                e = null;
            }
            if (e == null) {
                if (syn && !admitted(t, svc, src, true)) {
                    refuse(t, b, off, ip, l4, l4Len, ingress);
                    return;
                }
                if (svc.mode().delayedBinding()) {
                    delayed.fromClient(t, svc, b, off, ip, total, l4, ingress);
                    return;
                }
                if (!syn) {
                    counters.drop(DropReason.NO_CONNECTION);
                    return;
                }
                e = open(t, svc, svc.defaultBackend().orElse(null), proto, src, sport, dst, dport, ingress,
                         Eth.srcMac(b, off), ConnectionState.SYN_SENT);
                if (e == null) {
                    counters.drop(DropReason.TUPLE_COLLISION);
                    refuse(t, b, off, ip, l4, l4Len, ingress);
                    return;
                }
            }
        } else if (e == null) {
            // A quic flow is counted once it is bound (the reaper's recount), not per Initial read.
            if (!admitted(t, svc, src, svc.mode() != ServiceMode.QUIC)) {
                return;
            }
            if (svc.mode() == ServiceMode.QUIC) {
                if (fragment) {
                    // The Initial is read from whole datagrams (RFC 9000 section 14: QUIC avoids fragmentation).
                    counters.drop(DropReason.FRAGMENT);
                } else {
                    quic.fromClient(t, svc, b, off, Eth.HEADER_LEN + total, ingress);
                }
                return;
            }
            e = open(t, svc, svc.defaultBackend().orElse(null), proto, src, sport, dst, dport, ingress,
                     Eth.srcMac(b, off), ConnectionState.ESTABLISHED);
            if (e == null) {
                counters.drop(DropReason.TUPLE_COLLISION);
                return;
            }
        }
        byte[] out = e.flow == null ? null
                : e.flow.clientToBackend(t.translator(), b, ip, total, Eth.HEADER_LEN);
        int outL4;
        if (out != null) {
            outL4 = Eth.HEADER_LEN + Ip6.HEADER_LEN;
        } else {
            XlatResult r = translate(t, e, true, false, b, off, ip, total, ingress);
            if (r == null) {
                return;
            }
            out = r.packet();
            outL4 = r.l4Offset();
            if (e.backendPort != dport && outL4 >= 0) {
                rewritePort(out, outL4, proto, 2, dport, e.backendPort);
            }
        }
        SpliceParams sp = e.splice();
        if (sp != null && proto == TCP_PROTO && outL4 >= 0) {
            SpliceAdjust.clientToBackend(out, outL4, out.length - outL4, sp);
        }
        if (proto == TCP_PROTO && !track(e, true, b, l4, l4Len, flags)) {
            return;
        }
        e.touch(Direction.CLIENT_TO_BACKEND, total, clock.nanos());
        toBackend(t, e, out);
        if (fragment) {
            int id = Ip4.identification(b, ip);
            clientFragments.put(src, id, e, clock.nanos());
            // Later fragments that overtook this first one follow it now.
            for (FragmentQueue.Piece p : heldClientFragments.take(FragmentQueue.v4Addresses(src, dst),
                                                                  FragmentQueue.v4ProtoId(proto, id), clock.nanos())) {
                laterFragmentFromClient(t, p.frame, 0, p.ip, p.total, ingress);
            }
        }
    }

    /**
     * Applies the connection limits in force for a service (its own, else the global
     * ones) to a new connection of a client; a refusal is counted here.
     */
    private boolean admitted(ServiceTable t, VirtualService svc, int client, boolean count) {
        ConnectionLimits own = svc.limits();
        ConnectionLimits global = t.settings().limits();
        int total = own.maxConnections() > 0 ? own.maxConnections() : global.maxConnections();
        int perClient = own.maxConnectionsPerClient() > 0 ? own.maxConnectionsPerClient()
                : global.maxConnectionsPerClient();
        DropReason refused = limiter.admit(svc.name(), client, total, perClient, count);
        if (refused != null) {
            counters.drop(refused);
            return false;
        }
        return true;
    }

    /**
     * Returns the connections of a service (and client) counted against its limits.
     *
     * @param service service name
     * @param client client address, or null for all
     * @return count
     */
    int limitCount(String service, Integer client) {
        return limiter.counted(service, client);
    }

    /**
     * Holds a client fragment that cannot go yet (a later one before its first, or one of a
     * datagram for a delayed-binding service); when that completes its datagram, the whole
     * packet goes the way of an unfragmented one. A reassembled packet too big for the IPv6
     * side is dropped (FRAGMENT_OVERFLOW): it would only be fragmented again.
     */
    private void holdClientFragment(ServiceTable t, byte[] b, int off, int ip, int total, ConnectPoint ingress) {
        long k1 = FragmentQueue.v4Addresses(Ip4.src(b, ip), Ip4.dst(b, ip));
        long k2 = FragmentQueue.v4ProtoId(Ip4.protocol(b, ip), Ip4.identification(b, ip));
        long now = clock.nanos();
        if (!heldClientFragments.hold(k1, k2, FragmentQueue.ip4Piece(b, off, ip, total), now)) {
            return;
        }
        byte[] whole = heldClientFragments.reassemble(k1, k2, now);
        if (whole == null) {
            return;
        }
        if (Ip6.HEADER_LEN + Ip4.totalLength(whole, Eth.HEADER_LEN) - Ip4.MIN_HEADER_LEN > t.translator().ipv6Mtu()) {
            counters.drop(DropReason.FRAGMENT_OVERFLOW);
            return;
        }
        fromClient(t, whole, 0, whole.length, ingress);
    }

    /**
     * Forwards a later fragment of a client's datagram (RFC 7915 section 4.1:
     * a fragment header carries the IPv4 identification, offset and MF) to
     * the connection its first fragment went to.
     */
    private void laterFragmentFromClient(ServiceTable t, byte[] b, int off, int ip, int total,
                                         ConnectPoint ingress) {
        int src = Ip4.src(b, ip);
        ConnectionEntry e = clientFragments.get(src, Ip4.identification(b, ip), clock.nanos());
        boolean same = e != null && e.clientIp == src && e.vip == Ip4.dst(b, ip) && e.protocol == Ip4.protocol(b, ip);
        if (!same) {
            // It overtook its first fragment, or belongs to a datagram being reassembled: wait (bounded).
            holdClientFragment(t, b, off, ip, total, ingress);
            return;
        }
        forwardLaterFragment(t, e, true, b, off, ip, total, ingress);
    }

    /** Translates a later fragment for the connection its first fragment went to (if any, and alive), sends it. */
    private void forwardLaterFragment(ServiceTable t, ConnectionEntry e, boolean fromClient, byte[] b, int off,
                                      int ip, int total, ConnectPoint ingress) {
        if (e == null || !live(e)) {
            counters.drop(DropReason.FRAGMENT);
            return;
        }
        XlatResult r = translate(t, e, fromClient, false, b, off, ip, total, ingress);
        if (r == null) {
            return;
        }
        e.touch(fromClient ? Direction.CLIENT_TO_BACKEND : Direction.BACKEND_TO_CLIENT, total, clock.nanos());
        if (fromClient) {
            toBackend(t, e, r.packet());
        } else {
            toClient(t, e, r.packet());
        }
    }

    /** Whether an entry remembered elsewhere is still its connection's entry (not removed, not replaced). */
    private boolean live(ConnectionEntry e) {
        return store.find4(e.protocol, e.clientIp, e.clientPort, e.vip, e.vipPort) == e;
    }

    /**
     * Sends a finished IPv6 frame (its Ethernet header is filled here) to a
     * connection's backend, or holds it while the backend is located.
     *
     * @param t configuration in force
     * @param e connection
     * @param frame frame with room for the Ethernet header
     */
    void toBackend(ServiceTable t, ConnectionEntry e, byte[] frame) {
        long epoch = resolver.epoch();
        BackendResolver.Endpoint ep = e.endpoint(epoch);
        if (ep == null) {
            Ip6Address addr = e.record().backend().address();
            ep = resolver.locate(addr);
            if (ep == null) {
                if (!resolver.hold(addr, frame)) {
                    counters.drop(DropReason.BUFFER_FULL);
                }
                return;
            }
            e.endpoint(ep, epoch);
        }
        Eth.writeHeader(frame, 0, ep.macLong(), t.gatewayMacLong(), Eth.ETHERTYPE_IPV6);
        sender.send(ep.location(), frame);
    }

    private ConnectionEntry open(ServiceTable t, VirtualService svc, Backend backend, int proto, int src, int sport,
                                 int dst, int dport, ConnectPoint ingress, long srcMac, ConnectionState state) {
        if (backend == null) {
            return null;
        }
        byte[] v6 = new byte[V6_LEN];
        Rfc6052.embed(t.prefixBytes(), t.prefixLength(), src, v6, 0);
        ConnectionKey key = new ConnectionKey(Protocol.fromNumber(proto), Ip4Address.valueOf(src), sport,
                                              Ip4Address.valueOf(dst), dport);
        Connection c = Connection.direct(key, ingress, MacAddress.valueOf(srcMac), svc.name(), backend,
                                         Ip6Address.valueOf(v6), state, System.currentTimeMillis());
        if (proto != TCP_PROTO) {
            return store.create(c);
        }
        // A SYN costs a local entry only; the record is written when the client completes the handshake.
        ConnectionEntry e = store.createLocal(c);
        if (e != null) {
            for (ConnectionEntry evicted : halfOpen.add(e, t.settings().halfOpenMax())) {
                counters.drop(DropReason.HALF_OPEN_EVICTED);
                store.remove(evicted.record().key());
            }
        }
        return e;
    }

    /** Forgets a connection, locally only if it is half-open. */
    private void forget(ConnectionEntry e) {
        if (e.halfOpen()) {
            halfOpen.remove(e);
        }
        store.remove(e.record().key());
    }

    // ---- backend (IPv6) to client (IPv4)

    /**
     * Handles an IPv6 packet addressed into the client prefix.
     *
     * @param t configuration in force
     * @param b frame buffer
     * @param off frame offset
     * @param len frame length
     * @param ingress where the frame entered
     */
    void fromBackend(ServiceTable t, byte[] b, int off, int len, ConnectPoint ingress) {
        int ip = off + Eth.HEADER_LEN;
        int total = Ip6.HEADER_LEN + Ip6.payloadLength(b, ip);
        int end = ip + total;
        if (Ip6.version(b, ip) != Ip6.VERSION || total > len - Eth.HEADER_LEN) {
            counters.drop(DropReason.MALFORMED);
            return;
        }
        long client = t.clientOf(b, ip + Ip6.DST_OFFSET);
        if (client < 0) {
            counters.drop(DropReason.UNMAPPABLE_ADDRESS);
            return;
        }
        int nh = Ip6.nextHeader(b, ip);
        int p = ip + Ip6.HEADER_LEN;
        for (int i = 0; i < MAX_EXT_HEADERS && isSkippableExt(nh); i++) {
            if (p + 2 > end) {
                counters.drop(DropReason.MALFORMED);
                return;
            }
            nh = b[p] & 0xff;
            p += ((b[p + 1] & 0xff) + 1) * EXT_UNIT;
        }
        int fragmentHeader = -1;
        if (nh == EXT_FRAGMENT) {
            if (p + Ip6Ext.FRAG_HEADER_LEN > end) {
                counters.drop(DropReason.MALFORMED);
                return;
            }
            fragmentHeader = p;
            nh = b[p] & 0xff;
            p += Ip6Ext.FRAG_HEADER_LEN;
            if (nh != TCP_PROTO && nh != UDP_PROTO) {
                // RFC 7915 section 1.2: fragmented ICMP is not translated; other protocols are not either.
                counters.drop(DropReason.FRAGMENT);
                return;
            }
            if (Ip6Ext.fragmentOffset(b, fragmentHeader) != 0) {
                laterFragmentFromBackend(t, b, off, ip, total, (int) client, nh, fragmentHeader, ingress);
                return;
            }
        }
        ConnectionEntry e;
        boolean icmpError = false;
        int flags = 0;
        if (nh == TCP_PROTO || nh == UDP_PROTO) {
            if (p + (nh == TCP_PROTO ? TCP_MIN : UDP_LEN) > end
                    || (nh == TCP_PROTO && (Tcp.dataOffset(b, p) < TCP_MIN || p + Tcp.dataOffset(b, p) > end))) {
                counters.drop(DropReason.MALFORMED);
                return;
            }
            e = store.find6(nh, (int) client, Bytes.getU16(b, p + 2), b, ip + Ip6.SRC_OFFSET, Bytes.getU16(b, p));
            flags = nh == TCP_PROTO ? Tcp.flags(b, p) : 0;
        } else if (nh == ICMP6_PROTO) {
            e = IcmpQuotes.ownerOf6(t, store, b, p, end);
            icmpError = true;
        } else {
            counters.drop(DropReason.UNSUPPORTED_PROTOCOL);
            return;
        }
        if (e == null) {
            counters.drop(icmpError ? DropReason.ICMP_UNTRANSLATABLE : DropReason.NO_CONNECTION);
            return;
        }
        if (nh == TCP_PROTO && !icmpError && e.bindingLost()) {
            // A segment of a binding lost with its instance (see fromClient): the offset to the
            // cookie's ISN died with it, so nothing of the backend's reaches the client.
            counters.drop(DropReason.BINDING_LOST);
            lostBindingEnds(t, e, b, p, flags);
            return;
        }
        Binding opening = e.binding();
        if (fragmentHeader >= 0 && (opening != null || e.splice() != null)) {
            // The splice and the binding work on whole segments: reassemble (RFC 8200 section 4.5).
            holdBackendFragment(t, b, off, ip, total, (int) client, fragmentHeader, ingress);
            return;
        }
        if (opening != null) {
            long quotedSeq = icmpError ? IcmpQuotes.quotedTcpSeq6(b, ip, p, end) : -1;
            if (nh == TCP_PROTO) {
                delayed.fromBackend(t, e, opening, b, p, end - p);
            } else if (quotedSeq >= 0) {
                // About the app's own SYN to the backend.
                delayed.icmpErrorFromBackend(t, opening, b[p] & 0xff, (int) quotedSeq);
            } else {
                counters.drop(DropReason.NO_CONNECTION);
            }
            return;
        }
        byte[] out = e.flow == null || icmpError ? null
                : e.flow.backendToClient(t.translator(), b, ip, total, Eth.HEADER_LEN);
        int outL4;
        if (out != null) {
            outL4 = Eth.HEADER_LEN + Ip4.MIN_HEADER_LEN;
        } else {
            XlatResult r = translate(t, e, false, icmpError, b, off, ip, total, ingress);
            if (r == null) {
                return;
            }
            out = r.packet();
            outL4 = r.l4Offset();
            if (e.backendPort != e.vipPort && outL4 >= 0) {
                if (icmpError) {
                    IcmpQuotes.asClientSaw(out, outL4, e);
                } else {
                    rewritePort(out, outL4, nh, 0, e.backendPort, e.vipPort);
                }
            }
        }
        SpliceParams sp = e.splice();
        if (sp != null && nh == TCP_PROTO && outL4 >= 0) {
            SpliceAdjust.backendToClient(out, outL4, out.length - outL4, sp);
        }
        if (nh == TCP_PROTO && !icmpError && !track(e, false, b, p, end - p, flags)) {
            return;
        }
        e.touch(Direction.BACKEND_TO_CLIENT, total, clock.nanos());
        toClient(t, e, out);
        if (fragmentHeader >= 0) {
            int id = Ip6Ext.fragmentId(b, fragmentHeader);
            backendFragments.put((int) client, id, e, clock.nanos());
            // Later fragments that overtook this first one follow it now.
            for (FragmentQueue.Piece held : heldBackendFragments.take(FragmentQueue.v6ClientId((int) client, id),
                                                                      FragmentQueue.v6Source(b, ip + Ip6.SRC_OFFSET),
                                                                      clock.nanos())) {
                laterFragmentFromBackend(t, held.frame, 0, held.ip, held.total, (int) client, nh,
                                         held.dataOff - Ip6Ext.FRAG_HEADER_LEN, ingress);
            }
        }
    }

    /**
     * Holds a backend fragment that cannot go yet (a later one before its first, or one of a
     * datagram to a spliced or binding connection); when that completes its datagram, the whole
     * packet goes the way of an unfragmented one. A reassembled packet too big for the IPv4
     * side is dropped (FRAGMENT_OVERFLOW): a backend's segment within the announced MSS never is.
     */
    private void holdBackendFragment(ServiceTable t, byte[] b, int off, int ip, int total, int client,
                                     int fragmentHeader, ConnectPoint ingress) {
        long k1 = FragmentQueue.v6ClientId(client, Ip6Ext.fragmentId(b, fragmentHeader));
        long k2 = FragmentQueue.v6Source(b, ip + Ip6.SRC_OFFSET);
        long now = clock.nanos();
        if (!heldBackendFragments.hold(k1, k2, FragmentQueue.ip6Piece(b, off, ip, total, fragmentHeader), now)) {
            return;
        }
        byte[] whole = heldBackendFragments.reassemble6(k1, k2, now);
        if (whole == null) {
            return;
        }
        if (Ip4.MIN_HEADER_LEN + Ip6.payloadLength(whole, Eth.HEADER_LEN) > t.translator().ipv4Mtu()) {
            counters.drop(DropReason.FRAGMENT_OVERFLOW);
            return;
        }
        fromBackend(t, whole, 0, whole.length, ingress);
    }

    private void toClient(ServiceTable t, ConnectionEntry e, byte[] frame) {
        Eth.writeHeader(frame, 0, e.clientMacLong, t.gatewayMacLong(), Eth.ETHERTYPE_IPV4);
        sender.send(e.record().clientLocation(), frame);
    }

    /**
     * Forwards a later fragment of a backend's datagram (RFC 7915 section
     * 5.1.1: an IPv4 fragment with the identification's low 16 bits, the
     * offset and MF) to the client of the connection its first fragment
     * belonged to. A large UDP answer (DNS with EDNS, for one) arrives so.
     */
    private void laterFragmentFromBackend(ServiceTable t, byte[] b, int off, int ip, int total, int client,
                                          int nh, int fragmentHeader, ConnectPoint ingress) {
        ConnectionEntry e = backendFragments.get(client, Ip6Ext.fragmentId(b, fragmentHeader), clock.nanos());
        boolean same = e != null && e.clientIp == client && e.protocol == nh && e.backendIs(b, ip + Ip6.SRC_OFFSET);
        if (!same) {
            // It overtook its first fragment, or belongs to a datagram being reassembled: wait (bounded).
            holdBackendFragment(t, b, off, ip, total, client, fragmentHeader, ingress);
            return;
        }
        forwardLaterFragment(t, e, false, b, off, ip, total, ingress);
    }

    private static boolean isSkippableExt(int nh) {
        return nh == EXT_HOP_BY_HOP || nh == EXT_DEST_OPTS || nh == EXT_ROUTING;
    }

    // ---- ICMP errors from the IPv4 side

    /**
     * Handles an ICMPv4 error addressed to a VIP about a segment the proxy sent
     * to a client: Fragmentation Needed from a router on the client's path,
     * Port Unreachable from the client, Time Exceeded. The connection's backend
     * gets the ICMPv6 error RFC 7915 section 4.2 maps it to (Fragmentation
     * Needed becomes Packet Too Big with the MTU + 20), quoting the segment as
     * the backend sent it, so that path MTU discovery works across the
     * translation: without it, a link narrower than the backend's path MTU
     * anywhere on the client's side is a black hole.
     *
     * @param t configuration in force
     * @param b frame buffer
     * @param off frame offset
     * @param ipLen IPv4 packet length (total length, already checked against the frame)
     * @param ingress where the frame entered
     */
    void icmpErrorFromClient(ServiceTable t, byte[] b, int off, int ipLen, ConnectPoint ingress) {
        int ip = off + Eth.HEADER_LEN;
        ConnectionEntry e = IcmpQuotes.ownerOf4(store, b, ip + Ip4.ihl(b, ip), ip + ipLen);
        if (e == null || e.binding() != null) {
            // Not about a connection (or about the proxy's own handshake with the client): nobody to tell.
            counters.drop(DropReason.ICMP_UNTRANSLATABLE);
            return;
        }
        XlatResult r = translate(t, e, true, false, b, off, ip, ipLen, ingress);
        if (r == null) {
            return;
        }
        byte[] out = r.packet();
        IcmpQuotes.asBackendSent(out, r.l4Offset(), e);
        e.touch(Direction.CLIENT_TO_BACKEND, ipLen, clock.nanos());
        toBackend(t, e, out);
    }

    // ---- shared steps

    /**
     * Translates a packet of a connection with the full RFC 7915 translator:
     * what the connection's template does not cover (handshakes, options,
     * fragments, ICMP errors). An ICMP error the translator answers with goes
     * back to the sender, a drop is counted.
     *
     * @param t configuration in force
     * @param e the connection
     * @param fromClient direction: IPv4 client to backend, or back
     * @param lenient whether unknown IPv6 sources map to the VIP (ICMPv6 errors from routers)
     * @param b frame buffer
     * @param off frame offset
     * @param ip offset of the IP header
     * @param total IP packet length
     * @param ingress where the frame entered
     * @return the result to forward (this thread's, valid until its next call), or null
     */
    private XlatResult translate(ServiceTable t, ConnectionEntry e, boolean fromClient, boolean lenient, byte[] b,
                                 int off, int ip, int total, ConnectPoint ingress) {
        Scratch s = scratch.get();
        XlatResult r = s.result;
        ConnMapper m = s.mapper.set(e, lenient, t.prefixBytes(), t.prefixLength());
        if (fromClient) {
            t.translator().translate4to6(b, ip, total, m, Eth.HEADER_LEN, r);
        } else {
            t.translator().translate6to4(b, ip, total, m, Eth.HEADER_LEN, r);
        }
        return deliverable(t, r, b, off, ingress, fromClient ? Eth.ETHERTYPE_IPV4 : Eth.ETHERTYPE_IPV6) ? r : null;
    }

    /** Sends back an ICMP error the translator produced, counts drops; true if the result is to be forwarded. */
    private boolean deliverable(ServiceTable t, XlatResult r, byte[] b, int off, ConnectPoint ingress,
                                int inputEtherType) {
        switch (r.kind()) {
            case TRANSLATED:
                return true;
            case ICMP_ERROR:
                counters.drop(r.reason());
                Eth.writeHeader(r.packet(), 0, Eth.srcMac(b, off), t.gatewayMacLong(), inputEtherType);
                sender.send(ingress, r.packet());
                return false;
            default:
                counters.drop(r.reason() == null ? DropReason.INTERNAL_ERROR : r.reason());
                return false;
        }
    }

    /** Rewrites a TCP/UDP port with the RFC 1624 checksum update. */
    private static void rewritePort(byte[] f, int l4, int proto, int portOff, int oldPort, int newPort) {
        Bytes.putU16(f, l4 + portOff, newPort);
        if (proto == TCP_PROTO) {
            Checksum.replace16(f, l4 + Tcp.CHECKSUM_OFFSET, oldPort, newPort);
        } else if (Bytes.getU16(f, l4 + UDP_CSUM) != 0) {
            Checksum.replace16(f, l4 + UDP_CSUM, oldPort, newPort);
            if (Bytes.getU16(f, l4 + UDP_CSUM) == 0) {
                // RFC 768: a computed zero is sent as all ones.
                Bytes.putU16(f, l4 + UDP_CSUM, 0xffff);
            }
        }
    }

    /**
     * Follows the TCP phases from a segment about to be forwarded, and says
     * whether to forward it. A RST or FIN moves the phase only when it is
     * in the receiver's window ({@link SegmentRules}: RFC 5961 sections 3
     * and 4, RFC 9293 section 3.10.7.4); an out-of-window RST is dropped and
     * counted (`rst-out-of-window`). A connection is established when the
     * client acknowledges the backend's SYN-ACK (RFC 9293 section 3.5: the
     * three-way handshake is complete only then), not at the SYN-ACK.
     *
     * @return true to forward the segment
     */
    private boolean track(ConnectionEntry e, boolean fromClient, byte[] b, int l4, int l4Len, int flags) {
        if (e.halfOpen() && !halfOpenStep(e, fromClient, b, l4, l4Len, flags)) {
            return false;
        }
        int seq = Tcp.seq(b, l4);
        if ((flags & Tcp.RST) != 0) {
            SegmentRules.Rst verdict = SegmentRules.rst(e, fromClient, seq);
            if (verdict == SegmentRules.Rst.IGNORE) {
                counters.drop(DropReason.RST_OUT_OF_WINDOW);
                return false;
            }
            if (verdict == SegmentRules.Rst.ACCEPT) {
                phase(e, ConnectionState.CLOSING);
            }
            return true;
        }
        int dataLen = l4Len - Tcp.dataOffset(b, l4);
        int syn = (flags & Tcp.SYN) != 0 ? 1 : 0;
        if (syn == 0 && !SegmentRules.acceptable(e, fromClient, seq)) {
            // Forwarded (the receiver judges it) but it teaches the proxy nothing.
            return true;
        }
        int next = seq + dataLen + syn + ((flags & Tcp.FIN) != 0 ? 1 : 0);
        boolean known = e.seqKnown(fromClient);
        int prior = fromClient ? e.clientNextSeq() : e.backendNextSeq();
        e.nextSeq(fromClient, syn != 0 || !known ? next : SeqMath.max(prior, next));
        if ((flags & Tcp.FIN) != 0 && SegmentRules.finAcceptable(e, fromClient, seq + dataLen)) {
            phase(e, e.fin(fromClient) ? ConnectionState.CLOSING : ConnectionState.HALF_CLOSED);
        }
        if ((flags & Tcp.ACK) != 0 && SegmentRules.ackAcceptable(e, fromClient, Tcp.ack(b, l4))) {
            e.ackWindow(fromClient, Tcp.ack(b, l4), Tcp.window(b, l4));
            if (fromClient && syn == 0 && e.record().state() == ConnectionState.SYN_SENT && !e.halfOpen()) {
                phase(e, ConnectionState.ESTABLISHED);
            }
        }
        return true;
    }

    /**
     * The handshake of a half-open l4 connection, which only this instance
     * knows: the client's SYN (and its retransmissions, which reuse the
     * entry), the backend's SYN-ACK acknowledging it, then the client's ACK
     * of that SYN-ACK, which completes the handshake and writes the record
     * to the map as established. A RST is accepted only where its receiver
     * would accept it in this state (RFC 9293 section 3.10.7.3: in SYN-SENT
     * a RST must acknowledge the SYN; RFC 5961 section 3.2 otherwise: exactly
     * at RCV.NXT), everything else is dropped.
     *
     * @return true to go on with the segment
     */
    private boolean halfOpenStep(ConnectionEntry e, boolean fromClient, byte[] b, int l4, int l4Len, int flags) {
        boolean synFlag = (flags & Tcp.SYN) != 0;
        boolean ackFlag = (flags & Tcp.ACK) != 0;
        if ((flags & Tcp.RST) != 0) {
            boolean exact = fromClient ? Tcp.seq(b, l4) == e.clientNextSeq()
                    : ackFlag && Tcp.ack(b, l4) == e.clientNextSeq();
            if (!exact) {
                counters.drop(DropReason.RST_OUT_OF_WINDOW);
                return false;
            }
            forget(e);
            return true;
        }
        if (fromClient && synFlag && !ackFlag) {
            e.wscaleSeen(true, SynOptions.wscale(b, l4, l4Len));
            return true;
        }
        if (!fromClient && synFlag && ackFlag && Tcp.ack(b, l4) == e.clientNextSeq()) {
            e.markSynAcked();
            e.wscaleSeen(false, SynOptions.wscale(b, l4, l4Len));
            e.nextSeq(false, Tcp.seq(b, l4) + 1);
            return true;
        }
        if (fromClient && !synFlag && ackFlag && e.synAcked() && Tcp.ack(b, l4) == e.backendNextSeq()) {
            halfOpen.remove(e);
            store.publish(e, e.record().withState(ConnectionState.ESTABLISHED), this::lostTuple);
            return true;
        }
        counters.drop(DropReason.NO_CONNECTION);
        return false;
    }

    /**
     * Ends an l4 connection whose IPv6 4-tuple another instance's connection
     * claimed first (the two opened at once): the client is reset, the
     * backend is not, since its side of that 4-tuple is the winner's.
     */
    private void lostTuple(ConnectionEntry e) {
        counters.drop(DropReason.TUPLE_COLLISION);
        if (live(e)) {
            resetConnection(e, false);
        }
    }

    /** Moves a connection to a later phase; the local record spares the store call when it is there already. */
    private void phase(ConnectionEntry e, ConnectionState state) {
        Connection c = e.record();
        if (!e.halfOpen() && c.state().compareTo(state) < 0) {
            store.advance(c.key(), state);
        }
    }

    /**
     * Answers an IPv4 TCP segment with a reset, as a closed port would.
     *
     * @param t configuration in force
     * @param b frame buffer
     * @param off frame offset
     * @param ingress where it came from
     */
    void refuseTcp(ServiceTable t, byte[] b, int off, ConnectPoint ingress) {
        int ip = off + Eth.HEADER_LEN;
        int l4 = ip + Ip4.ihl(b, ip);
        refuse(t, b, off, ip, l4, Ip4.totalLength(b, ip) - Ip4.ihl(b, ip), ingress);
    }

    /**
     * Answers a segment to a VIP:port that nobody serves as a closed port
     * would (RFC 793 section 3.4, "Reset Generation", case 1).
     */
    private void refuse(ServiceTable t, byte[] b, int off, int ip, int l4, int l4Len, ConnectPoint ingress) {
        if (Ip4.protocol(b, ip) != TCP_PROTO || l4Len < TCP_MIN) {
            return;
        }
        int flags = Tcp.flags(b, l4);
        if ((flags & Tcp.RST) != 0) {
            return;
        }
        int seq;
        int ack;
        int outFlags;
        if ((flags & Tcp.ACK) != 0) {
            seq = Tcp.ack(b, l4);
            ack = 0;
            outFlags = Tcp.RST;
        } else {
            int segLen = l4Len - Tcp.dataOffset(b, l4) + ((flags & Tcp.SYN) != 0 ? 1 : 0)
                    + ((flags & Tcp.FIN) != 0 ? 1 : 0);
            seq = 0;
            ack = Tcp.seq(b, l4) + segLen;
            outFlags = Tcp.RST | Tcp.ACK;
        }
        sender.send(ingress, ControlFrames.tcp4(Eth.srcMac(b, off), t.gatewayMacLong(), Ip4.dst(b, ip),
                                                Ip4.src(b, ip), Bytes.getU16(b, l4 + 2), Bytes.getU16(b, l4),
                                                seq, ack, outFlags));
    }

    /**
     * Ends both legs of a binding lost with its instance, on a segment of the backend's. The dead
     * instance may have completed the splice before its write of the splice landed: the backend
     * then acknowledged the client's bytes and FIN through it, and a client with nothing left to
     * send waits for the answer and sends no next segment for fromClient to reset. So the backend
     * gets a RST at its own ACK (RFC 9293 section 3.5.2, reset generation: SEG.SEQ = the segment's
     * ACK, which the backend accepts), and the client an ACK it cannot accept, which a TCP answers
     * with an ACK of its own (RFC 9293 section 3.10.7.4; RFC 5961 section 5 for a bad ACK field),
     * and that ACK gets the RST at the client's own ACK in fromClient.
     */
    private void lostBindingEnds(ServiceTable t, ConnectionEntry e, byte[] b, int l4, int flags) {
        if ((flags & Tcp.RST) != 0 || t.settings() == null) {
            return;
        }
        if ((flags & Tcp.ACK) != 0) {
            toBackend(t, e, ControlFrames.tcp6(0, t.gatewayMacLong(), e.clientV6Bytes(), e.backendBytes(),
                                               e.clientPort, e.backendPort, Tcp.ack(b, l4), 0, Tcp.RST));
        }
        // The backend's sequence number is in its own ISN's space, unrelated to the cookie's that
        // the client expects: as good as any guess at a number outside the client's window.
        sender.send(e.record().clientLocation(),
                    ControlFrames.tcp4(e.clientMacLong, t.gatewayMacLong(), e.vip, e.clientIp, e.vipPort,
                                       e.clientPort, Tcp.seq(b, l4), 0, Tcp.ACK));
    }

    // ---- lifecycle: resets and expiry

    /**
     * Resets a connection toward both ends (TCP) and forgets it.
     *
     * @param e entry
     * @param toBackendToo whether the backend is told as well
     */
    private void resetConnection(ConnectionEntry e, boolean toBackendToo) {
        ServiceTable t = tables.get();
        if (e.protocol == TCP_PROTO && t.settings() != null) {
            int rstFlags = Tcp.RST | Tcp.ACK;
            SpliceParams sp = e.splice();
            int toClientSeq = e.backendNextSeq() - (sp == null ? 0 : sp.seqOffset());
            sender.send(e.record().clientLocation(),
                        ControlFrames.tcp4(e.clientMacLong, t.gatewayMacLong(), e.vip, e.clientIp, e.vipPort,
                                           e.clientPort, toClientSeq, e.clientNextSeq(), rstFlags));
            BackendResolver.Endpoint ep = toBackendToo ? resolver.locate(e.record().backend().address()) : null;
            if (ep != null && e.clientSeqKnown()) {
                sender.send(ep.location(),
                            ControlFrames.tcp6(ep.macLong(), t.gatewayMacLong(), e.clientV6Bytes(),
                                               e.backendBytes(), e.clientPort, e.backendPort, e.clientNextSeq(),
                                               e.backendNextSeq(), rstFlags));
            }
        }
        forget(e);
    }

    /**
     * Resets every connection of a service (it left the config).
     *
     * @param name service name
     */
    void resetService(String name) {
        for (ConnectionEntry e : store.entries()) {
            if (e.record().service().equals(name)) {
                resetConnection(e, true);
            }
        }
    }

    /**
     * Resets one connection.
     *
     * @param key connection key
     * @return true if it existed
     */
    boolean reset(ConnectionKey key) {
        ConnectionEntry e = store.entry(key);
        if (e == null) {
            return store.remove(key) != null;
        }
        resetConnection(e, true);
        return true;
    }

    /**
     * Expires idle connections. Exactly one instance expires a connection:
     * the master of the device its client is attached to, which is where the
     * client's packets arrive. A connection becomes this instance's to expire
     * when it gains that mastership (a failed or rebalanced instance's
     * connections included); its idle time counts from then, not from
     * traffic another instance saw. An instance that loses the mastership
     * leaves the connection to the new master even if it carried it.
     *
     * @param nowNanos monotonic time
     */
    void reap(long nowNanos) {
        ProxySettings settings = tables.get().settings();
        if (settings == null) {
            return;
        }
        for (ConnectionEntry e : store.entries()) {
            ConnectPoint client = e.record().clientLocation();
            if (e.halfOpen()) {
                // Node-local: this instance made it and only this instance expires it (transitory timeout).
                if (nowNanos - e.lastSeenNanos() > idleLimit(settings, e)) {
                    forget(e);
                }
            } else if (client != null && !reapsHere.test(client.deviceId())) {
                e.disown();
            } else if (!e.adopt(nowNanos) && nowNanos - e.lastSeenNanos() > idleLimit(settings, e)) {
                forget(e);
            }
        }
        limiter.recount(store.entries());
    }

    private static long idleLimit(ProxySettings s, ConnectionEntry e) {
        if (e.protocol == UDP_PROTO) {
            return TimeUnit.SECONDS.toNanos(s.udpIdleSec());
        }
        ConnectionState state = e.record().state();
        if (state == ConnectionState.CLOSING) {
            return LINGER_NANOS;
        }
        return TimeUnit.SECONDS.toNanos(state.transitory() ? s.tcpTransitoryIdleSec() : s.tcpEstablishedIdleSec());
    }

    /** Hands quic services' chosen backends to the l4 UDP path. */
    private final class QuicBinder implements QuicBinding.Binder {
        @Override
        public boolean open(ServiceTable t, VirtualService svc, Backend backend, int client, int clientPort, int vip,
                            int vipPort, ConnectPoint ingress, long clientMac) {
            return L4Path.this.open(t, svc, backend, UDP_PROTO, client, clientPort, vip, vipPort, ingress, clientMac,
                                    ConnectionState.ESTABLISHED) != null;
        }

        @Override
        public void forward(ServiceTable t, byte[] b, int off, int len, ConnectPoint ingress) {
            fromClient(t, b, off, len, ingress);
        }
    }

    /** Sends frames that waited for a backend's MAC, or gives up on them. */
    private final class ResolverListener implements BackendResolver.Listener {
        @Override
        public void resolved(Ip6Address ip, MacAddress mac, ConnectPoint where, List<byte[]> held) {
            long gw = tables.get().gatewayMacLong();
            for (byte[] frame : held) {
                Eth.writeHeader(frame, 0, mac.toLong(), gw, Eth.ETHERTYPE_IPV6);
                sender.send(where, frame);
            }
        }

        @Override
        public void solicit(Ip6Address ip, BackendResolver.Endpoint at) {
            ServiceTable t = tables.get();
            if (t.settings() == null) {
                return;
            }
            // From the client prefix's first address: the app answers for it, the backend reaches it on-link.
            sender.send(at.location(), NeighborProbe.solicitation(t.settings().gatewayMac(), t.prefixBytes(),
                                                                 at.mac(), ip));
        }

        @Override
        public void moveRefused(Ip6Address ip, BackendResolver.Endpoint kept, boolean pinned) {
            counters.drop(pinned ? DropReason.BACKEND_MOVE_PINNED : DropReason.BACKEND_MOVE_REFUSED);
        }

        @Override
        public void expired(Ip6Address ip, List<byte[]> held) {
            ServiceTable t = tables.get();
            for (byte[] frame : held) {
                counters.drop(DropReason.BACKEND_UNREACHABLE);
                int v6 = Eth.HEADER_LEN;
                if (frame.length < v6 + Ip6.HEADER_LEN + UDP_LEN || t.settings() == null) {
                    continue;
                }
                long client = t.clientOf(frame, v6 + Ip6.SRC_OFFSET);
                int l4 = v6 + Ip6.HEADER_LEN;
                ConnectionEntry e = client < 0 ? null
                        : store.find6(Ip6.nextHeader(frame, v6), (int) client, Bytes.getU16(frame, l4), frame,
                                      v6 + Ip6.DST_OFFSET, Bytes.getU16(frame, l4 + 2));
                if (e != null) {
                    resetConnection(e, false);
                }
            }
        }
    }
}
