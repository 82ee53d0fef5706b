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
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.VirtualService;
import org.v6proxy.l7.RouteMatcher;
import org.v6proxy.l7.SniffStatus;
import org.v6proxy.l7.Sniffer;

import java.util.Arrays;

/**
 * Node-local state of one delayed-binding connection from the client's
 * validated handshake ACK until the backend has answered: what the cookie
 * said, the client's segments (kept whole for replay, ordered by sequence,
 * de-duplicated) and the contiguous stream prefix the sniffer reads.
 * Guarded by its own monitor.
 * <p>
 * Cheap to set up, because a connection is one of tens of thousands per
 * second and, before binding, costs memory an attacker can ask for: the
 * segments are parallel arrays sorted by sequence (no boxing; a request is
 * usually one to a few segments), and the stream prefix is not copied while
 * one segment holds all of it (the sniffer reads the held frame in place). A
 * copy is made only when a second segment continues the prefix, into an array
 * sized for what there is and doubled as needed, up to
 * {@link Sniffer#MAX_SNIFF_BYTES}.
 */
final class Binding {
    /** Where a binding is. */
    enum Phase {
        /** Reading the client's first bytes. */
        SNIFFING,
        /** The SYN to the chosen backend is out. */
        CONNECTING,
        /** Spliced, failed or aborted: nothing more to do here. */
        DONE
    }

    /** Bytes of the stream prefix the sniffer is given at most. */
    static final int STREAM_LIMIT = Sniffer.MAX_SNIFF_BYTES;
    /** Smallest copied prefix: a request line and a few headers. */
    static final int MIN_STREAM = 512;
    /** Segment slots allocated with the first segment. */
    private static final int MIN_SEGMENTS = 4;
    private static final byte[] NO_BYTES = new byte[0];
    private static final int[] NO_INTS = new int[0];
    private static final byte[][] NO_FRAMES = new byte[0][];

    final ConnectionKey key;
    /** The key's fields as ints, for {@link BindingTable}. */
    final int client;
    final int clientPort;
    final int vip;
    final int vipPort;
    final VirtualService service;
    final RouteMatcher matcher;
    final ConnectPoint ingress;
    final long clientMac;
    final int clientIsn;
    final int appIsn;
    final int clientWscale;
    final boolean sackOk;
    final int mss;
    final Sniffer sniffer;

    Phase phase = Phase.SNIFFING;
    int contiguous;
    int bufferedBytes;
    boolean fin;
    int finAt = -1;
    int clientWindow;
    int synTries;
    ConnectionEntry entry;
    /**
     * When the timer of the current phase runs out (pre-read while sniffing,
     * SYN retransmission while connecting), in {@link System#nanoTime} terms;
     * read without the monitor by the sweep.
     */
    volatile long deadline;
    /** Next binding in the same {@link BindingTable} chain. */
    volatile Binding next;

    /** Held frames and where their payload starts, sorted by rel; n are used. */
    private int n;
    private int[] rels = NO_INTS;
    private int[] payloadAt = NO_INTS;
    private byte[][] frames = NO_FRAMES;
    /**
     * The stream prefix [0, contiguous): view[viewOff, viewOff + contiguous)
     * while one frame holds it all (view != null), else stream[0, contiguous).
     */
    private byte[] view;
    private int viewOff;
    private byte[] stream = NO_BYTES;

    @SuppressWarnings("checkstyle:ParameterNumber")
    Binding(ConnectionKey key, VirtualService service, RouteMatcher matcher, ConnectPoint ingress, long clientMac,
            int clientIsn, int appIsn, int clientWscale, boolean sackOk, int mss) {
        this.key = key;
        this.client = key.client().toInt();
        this.clientPort = key.clientPort();
        this.vip = key.vip().toInt();
        this.vipPort = key.vipPort();
        this.service = service;
        this.matcher = matcher;
        this.ingress = ingress;
        this.clientMac = clientMac;
        this.clientIsn = clientIsn;
        this.appIsn = appIsn;
        this.clientWscale = clientWscale;
        this.sackOk = sackOk;
        this.mss = mss;
        this.sniffer = matcher.newSniffer();
    }

    /**
     * Keeps a client segment for replay and extends the contiguous prefix.
     * A segment at a sequence already held replaces the held one only if its
     * frame is longer; the prefix keeps the bytes it already has.
     *
     * @param rel sequence of the first payload byte relative to the stream start (>= 0)
     * @param frame a private copy of the whole frame, not changed while held
     * @param payloadOff offset of the payload in frame
     * @param payloadLen payload length
     * @return bytes newly held (0 for a duplicate)
     */
    int add(int rel, byte[] frame, int payloadOff, int payloadLen) {
        int i = Arrays.binarySearch(rels, 0, n, rel);
        int grown;
        if (i >= 0) {
            byte[] old = frames[i];
            if (old.length >= frame.length) {
                return 0;
            }
            // The prefix may be a view of old: old itself stays as it was.
            frames[i] = frame;
            payloadAt[i] = payloadOff;
            grown = frame.length - old.length;
        } else {
            insert(-i - 1, rel, frame, payloadOff);
            grown = frame.length;
        }
        bufferedBytes += grown;
        extend();
        return grown;
    }

    private void insert(int at, int rel, byte[] frame, int payloadOff) {
        if (n == rels.length) {
            int cap = Math.max(MIN_SEGMENTS, n * 2);
            rels = Arrays.copyOf(rels, cap);
            payloadAt = Arrays.copyOf(payloadAt, cap);
            frames = Arrays.copyOf(frames, cap);
        }
        int tail = n - at;
        if (tail > 0) {
            System.arraycopy(rels, at, rels, at + 1, tail);
            System.arraycopy(payloadAt, at, payloadAt, at + 1, tail);
            System.arraycopy(frames, at, frames, at + 1, tail);
        }
        rels[at] = rel;
        payloadAt[at] = payloadOff;
        frames[at] = frame;
        n++;
    }

    /** Index of the last held segment starting at or before rel, or -1. */
    private int floor(int rel) {
        int i = Arrays.binarySearch(rels, 0, n, rel);
        return i >= 0 ? i : -i - 2;
    }

    /** Takes every held payload that continues the contiguous prefix into the stream. */
    private void extend() {
        boolean progress = true;
        while (progress && contiguous < STREAM_LIMIT) {
            progress = false;
            for (int i = Math.max(0, floor(contiguous)); i < n; i++) {
                int rel = rels[i];
                if (rel > contiguous) {
                    break;
                }
                byte[] f = frames[i];
                int off = payloadAt[i];
                int end = rel + f.length - off;
                if (end > contiguous) {
                    int take = Math.min(end, STREAM_LIMIT) - contiguous;
                    if (contiguous == 0) {
                        // rel is 0: the prefix is this payload, read in place.
                        view = f;
                        viewOff = off;
                    } else {
                        ensureStream(contiguous + take);
                        System.arraycopy(f, off + contiguous - rel, stream, contiguous, take);
                    }
                    contiguous += take;
                    progress = true;
                }
            }
        }
    }

    /** Makes the prefix a copy of its own with room for need bytes (geometric growth, bounded). */
    private void ensureStream(int need) {
        if (view == null && need <= stream.length) {
            return;
        }
        int cap = Math.max(MIN_STREAM, stream.length);
        while (cap < need) {
            cap *= 2;
        }
        byte[] grown = new byte[Math.min(cap, STREAM_LIMIT)];
        if (view != null) {
            System.arraycopy(view, viewOff, grown, 0, contiguous);
            view = null;
        } else {
            System.arraycopy(stream, 0, grown, 0, contiguous);
        }
        stream = grown;
    }

    /**
     * Lets the sniffer look at the prefix so far.
     *
     * @return the sniffer's answer
     */
    SniffStatus sniff() {
        return view != null ? sniffer.sniff(view, viewOff, contiguous) : sniffer.sniff(stream, 0, contiguous);
    }

    /**
     * Asks the sniffer for its final decision on the prefix so far.
     *
     * @return MATCHED or NO_MATCH
     */
    SniffStatus finish() {
        return view != null ? sniffer.finish(view, viewOff, contiguous) : sniffer.finish(stream, 0, contiguous);
    }

    /**
     * Returns the number of bytes the copied prefix can hold (0 while none is needed), for tests.
     *
     * @return capacity
     */
    int streamCapacity() {
        return view != null ? 0 : stream.length;
    }

    /**
     * Returns the held frames in sequence order, for replay.
     *
     * @return a new array of the frames
     */
    byte[][] framesInOrder() {
        return Arrays.copyOf(frames, n);
    }

    /**
     * Returns whether the stream can grow no more (FIN reached or buffer full).
     *
     * @return true if final
     */
    boolean streamComplete() {
        return (fin && contiguous >= finAt) || contiguous >= STREAM_LIMIT;
    }
}
