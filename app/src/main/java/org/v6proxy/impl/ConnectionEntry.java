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

import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.Direction;

import org.v6proxy.neighbor.BackendResolver;
import org.v6proxy.packet.Bytes;
import org.v6proxy.tcp.SpliceParams;
import org.v6proxy.xlate.FlowTemplate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One connection in this instance's local mirror: the shared record plus
 * what the per-packet path needs as primitives (so that a lookup and a
 * translation never allocate) and node-local liveness and counters, which
 * are never written to the distributed store.
 *
 * <p>The per-packet fields (liveness, next sequence numbers, traffic) are
 * written with opaque accesses, not volatile ones: a volatile store is a full
 * fence on x86, and four of them per packet cost more than the translation.
 * Opaque writes are atomic and become visible to the reaper and the CLI
 * without ordering guarantees, which none of their readers needs. The
 * traffic counters are read-modify-write without a lock: ONOS hands the
 * packets of one direction of a connection (one ingress device) to one
 * thread, so each counter has a single writer; if two threads ever raced on
 * one, an increment could be lost, never a counter corrupted.
 */
public final class ConnectionEntry {
    private static final VarHandle LAST_SEEN = handle("lastSeenNanos", long.class);
    private static final VarHandle CLIENT_NEXT = handle("clientNextSeq", int.class);
    private static final VarHandle BACKEND_NEXT = handle("backendNextSeq", int.class);
    private static final VarHandle CLIENT_ACK_WIN = handle("clientAckWin", long.class);
    private static final VarHandle BACKEND_ACK_WIN = handle("backendAckWin", long.class);
    private static final VarHandle C2B_PACKETS = handle("c2bPackets", long.class);
    private static final VarHandle C2B_BYTES = handle("c2bBytes", long.class);
    private static final VarHandle B2C_PACKETS = handle("b2cPackets", long.class);
    private static final VarHandle B2C_BYTES = handle("b2cBytes", long.class);
    private static final int V6_LEN = 16;
    private static final int TCP = 6;
    /** Largest window shift, RFC 7323 section 2.3. */
    private static final int MAX_WSCALE = 14;

    private volatile Connection record;
    /** Version of the map entry the record came from; 0 while a local create is not yet written. */
    private long version;
    /** The record at {@link #version} as the map holds it: the base of compare-and-set writes. */
    private Connection committed;
    /** A change made here whose map write is still under way (write-behind), or null. */
    private Connection ahead;
    private volatile SpliceParams splice;
    private volatile Binding binding;
    /** Whether the entry came from another instance's write (a map event), not from a create here. */
    private volatile boolean mirrored;

    final int protocol;
    final int clientIp;
    final int clientPort;
    final int vip;
    final int vipPort;
    final int backendPort;
    final long backendHi;
    final long backendLo;
    /** The client's IPv6 address (RFC 6052) as two 64-bit halves: no arrays to keep per connection. */
    final long clientV6Hi;
    final long clientV6Lo;
    final long clientMacLong;
    /** Precomputed translation of ordinary segments (TCP only, else null). */
    final FlowTemplate flow;

    /** The backend's location as last looked up, and the resolver epoch it is valid for. */
    private volatile BackendResolver.Endpoint endpoint;
    private volatile long endpointEpoch = -1;

    @SuppressWarnings("unused") // through LAST_SEEN
    private long lastSeenNanos;
    private volatile boolean seenLocally;
    /** Whether this instance's reaper is responsible for the connection (see L4Path.reap). */
    private volatile boolean owned;
    /** Whether the responsibility was ever elsewhere: this instance's traffic view may be incomplete. */
    private volatile boolean disowned;
    @SuppressWarnings("unused") // through CLIENT_NEXT
    private int clientNextSeq;
    @SuppressWarnings("unused") // through BACKEND_NEXT
    private int backendNextSeq;
    private volatile boolean clientFin;
    private volatile boolean backendFin;
    private volatile boolean clientSeqKnown;
    /** The ack number (high 32 bits) and raw window (low 16) a side last sent; 0 with no ACK seen. */
    @SuppressWarnings("unused") // through CLIENT_ACK_WIN
    private long clientAckWin;
    @SuppressWarnings("unused") // through BACKEND_ACK_WIN
    private long backendAckWin;
    private volatile boolean clientAckKnown;
    private volatile boolean backendAckKnown;
    /** Window scale a side announced in its SYN (RFC 7323 section 2.2), -1 unknown. */
    private volatile int clientWscaleSeen = -1;
    private volatile int backendWscaleSeen = -1;
    /** Node-local half-open l4 connection (not in the map yet). */
    private volatile boolean halfOpen;
    /** Whether the backend's SYN-ACK was seen (half-open entries only). */
    private volatile boolean synAcked;
    private volatile boolean backendSeqKnown;
    @SuppressWarnings("unused") // through C2B_PACKETS
    private long c2bPackets;
    @SuppressWarnings("unused") // through C2B_BYTES
    private long c2bBytes;
    @SuppressWarnings("unused") // through B2C_PACKETS
    private long b2cPackets;
    @SuppressWarnings("unused") // through B2C_BYTES
    private long b2cBytes;

    private static VarHandle handle(String field, Class<?> type) {
        try {
            return MethodHandles.lookup().findVarHandle(ConnectionEntry.class, field, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    ConnectionEntry(Connection record, long nowNanos) {
        this.record = record;
        this.committed = record;
        this.protocol = record.key().protocol().number();
        this.clientIp = record.key().client().toInt();
        this.clientPort = record.key().clientPort();
        this.vip = record.key().vip().toInt();
        this.vipPort = record.key().vipPort();
        this.backendPort = record.backend().port();
        byte[] backend = record.backend().address().toOctets();
        byte[] clientV6 = record.clientV6().toOctets();
        if (backend.length != V6_LEN || clientV6.length != V6_LEN) {
            throw new IllegalArgumentException("bad address length in " + record);
        }
        this.clientMacLong = record.clientMac().toLong();
        this.backendHi = Bytes.getLong(backend, 0);
        this.backendLo = Bytes.getLong(backend, Long.BYTES);
        this.clientV6Hi = Bytes.getLong(clientV6, 0);
        this.clientV6Lo = Bytes.getLong(clientV6, Long.BYTES);
        LAST_SEEN.setOpaque(this, nowNanos);
        this.splice = spliceOf(record);
        this.flow = protocol == TCP ? new FlowTemplate(clientIp, vip, clientV6, backend, vipPort, backendPort) : null;
    }

    /**
     * Returns the shared record as last seen by this instance.
     *
     * @return record
     */
    public Connection record() {
        return record;
    }

    private void record(Connection newRecord) {
        this.splice = spliceOf(newRecord);
        this.record = newRecord;
    }

    /**
     * Takes a record from the store unless this entry already holds a newer
     * one: map events arrive asynchronously and may be overtaken by a later
     * local write, which must not be rolled back.
     *
     * @param newRecord record
     * @param newVersion its map version
     * @return true if applied
     */
    synchronized boolean applyIfNewer(Connection newRecord, long newVersion) {
        if (newVersion <= version) {
            return false;
        }
        version = newVersion;
        committed = newRecord;
        record(ahead == null ? newRecord : merge(newRecord, ahead));
        return true;
    }

    /**
     * Shows a change on this instance at once while its map write is still
     * under way: records from the map (other instances' writes) are merged
     * with it until {@link #settle} (the later phase, and the splice
     * parameters of whichever has them).
     *
     * @param local the changed record
     */
    synchronized void ahead(Connection local) {
        ahead = ahead == null ? local : merge(local, ahead);
        record(merge(committed, ahead));
    }

    /** This instance's writes of the connection are all in the map: show the map's record. */
    synchronized void settle() {
        if (ahead != null) {
            ahead = null;
            record(committed);
        }
    }

    /**
     * Merges two views of one connection: the later phase, and the splice
     * parameters of a record whose backend has answered (a record of the
     * same connection never loses them again).
     *
     * @param stored record from the map
     * @param local record changed here
     * @return merged record
     */
    static Connection merge(Connection stored, Connection local) {
        Connection base = spliceOf(stored) == null && spliceOf(local) != null ? local : stored;
        ConnectionState later = stored.state().compareTo(local.state()) >= 0 ? stored.state() : local.state();
        return base.state() == later ? base : base.withState(later);
    }

    /**
     * Returns the map version of the record held.
     *
     * @return version, 0 while a local create is in flight
     */
    synchronized long version() {
        return version;
    }

    /**
     * Returns the record held if it is still the given version's (the two
     * change together, under this entry's lock).
     *
     * @param expected map version
     * @return record, or null if another version arrived meanwhile
     */
    synchronized Connection recordAt(long expected) {
        return version == expected ? committed : null;
    }

    /**
     * Derives the splice adjustment of a record: none for l4 connections and
     * for spliced ones whose backend has not answered yet.
     */
    private static SpliceParams spliceOf(Connection c) {
        if (!c.spliced() || c.state() == ConnectionState.SYN_SENT) {
            return null;
        }
        return SpliceParams.ofOffset(c.seqOffset(), c.clientWscale(), DelayedBinding.appWscale(c.clientWscale()),
                                     c.backendWscale(), c.mss(), c.sackOk());
    }

    /**
     * Returns the sequence/window adjustment of a spliced connection.
     *
     * @return parameters, or null when segments pass unadjusted
     */
    SpliceParams splice() {
        return splice;
    }

    /**
     * Returns the delayed-binding state while the backend leg is being opened.
     *
     * @return binding or null
     */
    Binding binding() {
        return binding;
    }

    void binding(Binding b) {
        this.binding = b;
    }

    /** Notes that the record was written by another instance and only mirrored here. */
    void markMirrored() {
        mirrored = true;
    }

    /**
     * Returns whether this is a delayed-binding connection whose backend leg another instance was
     * opening when this one found it: the record says the SYN went to the backend but carries no
     * splice, and the binding (the client's held bytes, the cookie's ISN) lived only on the
     * instance that wrote it. After a failover nothing here can finish it.
     *
     * @return true if its binding is lost
     */
    boolean bindingLost() {
        return mirrored && binding == null && splice == null && protocol == TCP
                && record.state() == ConnectionState.SYN_SENT;
    }

    /**
     * Returns whether the 16 bytes at b[off] are this connection's backend address.
     *
     * @param b buffer
     * @param off offset
     * @return true if equal
     */
    boolean backendIs(byte[] b, int off) {
        return Bytes.getLong(b, off) == backendHi && Bytes.getLong(b, off + Long.BYTES) == backendLo;
    }

    /**
     * Returns whether the 16 bytes at b[off] are the client's IPv6 address.
     *
     * @param b buffer
     * @param off offset
     * @return true if equal
     */
    boolean clientV6Is(byte[] b, int off) {
        return Bytes.getLong(b, off) == clientV6Hi && Bytes.getLong(b, off + Long.BYTES) == clientV6Lo;
    }

    /**
     * Writes the backend's address at out[off].
     *
     * @param out buffer
     * @param off offset
     */
    void writeBackend(byte[] out, int off) {
        Bytes.putLong(out, off, backendHi);
        Bytes.putLong(out, off + Long.BYTES, backendLo);
    }

    /**
     * Writes the client's IPv6 address at out[off].
     *
     * @param out buffer
     * @param off offset
     */
    void writeClientV6(byte[] out, int off) {
        Bytes.putLong(out, off, clientV6Hi);
        Bytes.putLong(out, off + Long.BYTES, clientV6Lo);
    }

    /**
     * Returns a new copy of the backend's address (not for the per-packet path).
     *
     * @return 16 bytes
     */
    byte[] backendBytes() {
        byte[] b = new byte[V6_LEN];
        writeBackend(b, 0);
        return b;
    }

    /**
     * Returns a new copy of the client's IPv6 address (not for the per-packet path).
     *
     * @return 16 bytes
     */
    byte[] clientV6Bytes() {
        byte[] b = new byte[V6_LEN];
        writeClientV6(b, 0);
        return b;
    }

    /**
     * Notes a packet of this connection seen here.
     *
     * @param direction direction
     * @param ipBytes IP packet length
     * @param nowNanos monotonic time
     */
    void touch(Direction direction, int ipBytes, long nowNanos) {
        LAST_SEEN.setOpaque(this, nowNanos);
        if (!seenLocally) {
            seenLocally = true;
        }
        if (direction == Direction.CLIENT_TO_BACKEND) {
            C2B_PACKETS.setOpaque(this, (long) C2B_PACKETS.getOpaque(this) + 1);
            C2B_BYTES.setOpaque(this, (long) C2B_BYTES.getOpaque(this) + ipBytes);
        } else {
            B2C_PACKETS.setOpaque(this, (long) B2C_PACKETS.getOpaque(this) + 1);
            B2C_BYTES.setOpaque(this, (long) B2C_BYTES.getOpaque(this) + ipBytes);
        }
    }

    /**
     * Makes this instance responsible for expiring the connection. If it did
     * not carry the connection from the start (a record mirrored from another
     * instance, or one whose responsibility it lost meanwhile), the idle clock
     * restarts now: until now the traffic may have gone through another
     * instance.
     *
     * @param nowNanos monotonic time
     * @return true if the idle clock was restarted
     */
    boolean adopt(long nowNanos) {
        if (owned) {
            return false;
        }
        owned = true;
        if (seenLocally && !disowned) {
            return false;
        }
        LAST_SEEN.setOpaque(this, Math.max(nowNanos, (long) LAST_SEEN.getOpaque(this)));
        return true;
    }

    /**
     * Leaves the expiry of the connection to another instance.
     */
    void disown() {
        if (owned || !disowned) {
            owned = false;
            disowned = true;
        }
    }

    long lastSeenNanos() {
        return (long) LAST_SEEN.getOpaque(this);
    }

    /**
     * Returns the backend's location cached here if the resolver has seen no
     * host event since it was looked up.
     *
     * @param epoch the resolver's current epoch
     * @return endpoint or null
     */
    BackendResolver.Endpoint endpoint(long epoch) {
        return endpointEpoch == epoch ? endpoint : null;
    }

    /**
     * Caches the backend's location.
     *
     * @param ep endpoint
     * @param epoch the resolver epoch read before the lookup
     */
    void endpoint(BackendResolver.Endpoint ep, long epoch) {
        // Invalidate first so that a reader never pairs the new epoch with the old endpoint.
        endpointEpoch = -1;
        endpoint = ep;
        endpointEpoch = epoch;
    }

    boolean seenLocally() {
        return seenLocally;
    }

    /**
     * Returns packets seen here in one direction.
     *
     * @param direction direction
     * @return count
     */
    public long packets(Direction direction) {
        return (long) (direction == Direction.CLIENT_TO_BACKEND ? C2B_PACKETS : B2C_PACKETS).getOpaque(this);
    }

    /**
     * Returns IP bytes seen here in one direction.
     *
     * @param direction direction
     * @return count
     */
    public long bytes(Direction direction) {
        return (long) (direction == Direction.CLIENT_TO_BACKEND ? C2B_BYTES : B2C_BYTES).getOpaque(this);
    }

    /**
     * Records the next sequence number a side will send (for RSTs we build).
     *
     * @param fromClient true for the client's side
     * @param nextSeq sequence number after this segment
     */
    void nextSeq(boolean fromClient, int nextSeq) {
        if (fromClient) {
            CLIENT_NEXT.setOpaque(this, nextSeq);
            if (!clientSeqKnown) {
                clientSeqKnown = true;
            }
        } else {
            BACKEND_NEXT.setOpaque(this, nextSeq);
            if (!backendSeqKnown) {
                backendSeqKnown = true;
            }
        }
    }

    int clientNextSeq() {
        return (int) CLIENT_NEXT.getOpaque(this);
    }

    int backendNextSeq() {
        return (int) BACKEND_NEXT.getOpaque(this);
    }

    boolean clientSeqKnown() {
        return clientSeqKnown;
    }

    boolean backendSeqKnown() {
        return backendSeqKnown;
    }

    /**
     * Notes a FIN; returns whether both sides have now sent one.
     *
     * @param fromClient which side sent it
     * @return true when both FINs were seen
     */
    boolean fin(boolean fromClient) {
        if (fromClient) {
            clientFin = true;
        } else {
            backendFin = true;
        }
        return clientFin && backendFin;
    }

    boolean anyFin() {
        return clientFin || backendFin;
    }

    /**
     * Marks the entry node-local: an l4 SYN not yet answered by the client's
     * handshake ACK, not in the distributed map (see {@link HalfOpenTable}).
     *
     * @param local true while half-open
     */
    void halfOpen(boolean local) {
        halfOpen = local;
    }

    /**
     * Returns whether the entry is a node-local half-open connection.
     *
     * @return true if half-open
     */
    boolean halfOpen() {
        return halfOpen;
    }

    /** Notes that the backend answered the SYN (its SYN-ACK acknowledged the client's SYN). */
    void markSynAcked() {
        synAcked = true;
    }

    /**
     * Returns whether the backend's SYN-ACK was seen.
     *
     * @return true once seen
     */
    boolean synAcked() {
        return synAcked;
    }

    /**
     * Records the acknowledgment and window a side sent: the other side's
     * receive state as far as this side has told it (RFC 9293 RCV.NXT and
     * RCV.WND of the sender of the ACK).
     *
     * @param fromClient true for the client's side
     * @param ack acknowledgment number
     * @param window raw window field
     */
    void ackWindow(boolean fromClient, int ack, int window) {
        long v = ((long) ack << 32) | (window & 0xffff);
        if (fromClient) {
            CLIENT_ACK_WIN.setOpaque(this, v);
            if (!clientAckKnown) {
                clientAckKnown = true;
            }
        } else {
            BACKEND_ACK_WIN.setOpaque(this, v);
            if (!backendAckKnown) {
                backendAckKnown = true;
            }
        }
    }

    /**
     * Returns whether a side has sent an ACK seen here.
     *
     * @param client true for the client's side
     * @return true if known
     */
    boolean ackKnown(boolean client) {
        return client ? clientAckKnown : backendAckKnown;
    }

    /**
     * Returns the ack number a side last sent: the sequence number it expects next.
     *
     * @param client true for the client's side
     * @return ack number
     */
    int lastAck(boolean client) {
        return (int) ((long) (client ? CLIENT_ACK_WIN : BACKEND_ACK_WIN).getOpaque(this) >>> 32);
    }

    /**
     * Returns the receive window a side last announced, scaled (RFC 7323
     * section 2.3) by the shift it announced, or by the largest shift (14)
     * when that is unknown, so that the window is never underestimated.
     *
     * @param client true for the client's side
     * @return window in bytes
     */
    long receiveWindow(boolean client) {
        long raw = (long) (client ? CLIENT_ACK_WIN : BACKEND_ACK_WIN).getOpaque(this) & 0xffff;
        int shift = client ? clientWscaleSeen : backendWscaleSeen;
        if (shift < 0) {
            Connection c = record;
            shift = !c.spliced() ? MAX_WSCALE
                    : client ? Math.max(0, c.clientWscale()) : Math.max(0, c.backendWscale());
        }
        return raw << Math.min(shift, MAX_WSCALE);
    }

    /**
     * Records the window scale a side announced in its SYN (none: 0).
     *
     * @param client true for the client's side
     * @param wscale shift, or negative for none
     */
    void wscaleSeen(boolean client, int wscale) {
        if (client) {
            clientWscaleSeen = Math.max(0, wscale);
        } else {
            backendWscaleSeen = Math.max(0, wscale);
        }
    }

    /**
     * Returns whether the next sequence number of a side is known.
     *
     * @param client true for the client's side
     * @return true if known
     */
    boolean seqKnown(boolean client) {
        return client ? clientSeqKnown : backendSeqKnown;
    }
}
