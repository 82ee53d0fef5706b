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
 * said, the client's segments (kept for replay, ordered by sequence, the
 * first copy of every byte only) and the contiguous stream prefix the
 * sniffer reads.
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

    /**
     * Held pieces, disjoint, sorted by rel; n are used. Piece i is the bytes
     * frames[i][pieceAt[i], pieceAt[i] + lens[i]) at stream position rels[i];
     * the frame's own payload starts at payloadStart0[i] (a piece is less than
     * its frame when the frame overlapped bytes held before it).
     */
    private int n;
    private int[] rels = NO_INTS;
    private int[] payloadStart0 = NO_INTS;
    private int[] pieceAt = NO_INTS;
    private int[] lens = NO_INTS;
    private byte[][] frames = NO_FRAMES;
    private int[] gapFrom = new int[2];
    private int[] gapTo = new int[2];
    /** Whether the last {@link #add} met held bytes it disagreed with (an overlap conflict). */
    boolean conflict;
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
     * Keeps a client segment for replay and extends the contiguous prefix,
     * keeping the first copy of every byte, as the Linux receive queue does
     * (tcp_data_queue / tcp_ofo_queue: a retransmitted or overlapping segment
     * only fills holes; bytes already queued stay as first received). Only
     * the parts of the segment that no held segment covers yet are kept, so
     * the held pieces are disjoint and what the sniffer reads is exactly what
     * {@link #framesInOrder} replays: a later segment with other bytes for a
     * sequence range already held cannot change the routing decision nor the
     * bytes the backend gets. Such a segment is flagged in {@link #conflict}.
     * A FIN is kept once (the first one); a FIN elsewhere, or bytes past it,
     * are conflicts and not kept.
     *
     * @param rel sequence of the first payload byte relative to the stream start (>= 0)
     * @param frame a private copy of the whole frame, not changed while held
     * @param payloadOff offset of the payload in frame
     * @param payloadLen payload length
     * @param withFin whether the segment carries FIN
     * @return bytes newly held (0 for a duplicate)
     */
    int add(int rel, byte[] frame, int payloadOff, int payloadLen, boolean withFin) {
        conflict = false;
        int len = payloadLen;
        boolean finHere = withFin;
        int end = rel + len;
        if (fin && end > finAt) {
            // RFC 9293 section 3.10.7.4: nothing is accepted past the FIN; the part before it still counts.
            conflict = true;
            len = Math.max(0, finAt - rel);
            end = rel + len;
            finHere = false;
        }
        if (finHere && fin && end != finAt) {
            conflict = true;
        }
        int gaps = uncovered(rel, frame, payloadOff, end);
        boolean finPiece = finHere && !fin;
        if (finPiece && n > 0 && pieceEnd(n - 1) > end) {
            // A FIN before bytes already held: the first copy (those bytes) wins.
            conflict = true;
            finPiece = false;
        }
        if (gaps == 0 && !finPiece) {
            return 0;
        }
        if (gaps == 1 && gapFrom[0] == rel && gapTo[0] == end) {
            // The usual case: nothing held overlaps, the frame is held whole.
            insert(rel, frame, payloadOff, payloadOff, len);
            finPiece = false;
        } else {
            for (int g = 0; g < gaps; g++) {
                int from = gapFrom[g];
                insert(from, frame, payloadOff, payloadOff + from - rel, gapTo[g] - from);
            }
        }
        if (finPiece) {
            int at = Arrays.binarySearch(rels, 0, n, end);
            if (at < 0) {
                insert(end, frame, payloadOff, payloadOff + len, 0);
            }
        }
        if (finHere && !fin) {
            fin = true;
            finAt = end;
        }
        bufferedBytes += frame.length;
        extend();
        return frame.length;
    }

    /**
     * Same as {@link #add(int, byte[], int, int, boolean)} for a segment without FIN.
     *
     * @param rel sequence of the first payload byte relative to the stream start (>= 0)
     * @param frame a private copy of the whole frame, not changed while held
     * @param payloadOff offset of the payload in frame
     * @param payloadLen payload length
     * @return bytes newly held (0 for a duplicate)
     */
    int add(int rel, byte[] frame, int payloadOff, int payloadLen) {
        return add(rel, frame, payloadOff, payloadLen, false);
    }

    /**
     * Finds the parts of [rel, end) that no held piece covers, into
     * gapFrom/gapTo, and compares the covered parts with what is held.
     *
     * @return number of gaps
     */
    private int uncovered(int rel, byte[] frame, int payloadOff, int end) {
        int gaps = 0;
        int pos = rel;
        int i = Math.max(0, floor(rel));
        while (pos < end) {
            if (i < n && rels[i] <= pos) {
                int coverEnd = Math.min(end, pieceEnd(i));
                if (coverEnd > pos) {
                    int heldAt = pieceAt[i] + pos - rels[i];
                    int newAt = payloadOff + pos - rel;
                    if (!Arrays.equals(frames[i], heldAt, heldAt + coverEnd - pos,
                                       frame, newAt, newAt + coverEnd - pos)) {
                        conflict = true;
                    }
                    pos = coverEnd;
                }
                i++;
            } else {
                int gapEnd = i < n ? Math.min(end, rels[i]) : end;
                if (gaps == gapFrom.length) {
                    gapFrom = Arrays.copyOf(gapFrom, gaps * 2);
                    gapTo = Arrays.copyOf(gapTo, gaps * 2);
                }
                gapFrom[gaps] = pos;
                gapTo[gaps] = gapEnd;
                gaps++;
                pos = gapEnd;
            }
        }
        return gaps;
    }

    private int pieceEnd(int i) {
        return rels[i] + lens[i];
    }

    private void insert(int rel, byte[] frame, int payloadStart, int at, int len) {
        int pos = Arrays.binarySearch(rels, 0, n, rel);
        pos = pos >= 0 ? pos + 1 : -pos - 1;
        if (n == rels.length) {
            int cap = Math.max(MIN_SEGMENTS, n * 2);
            rels = Arrays.copyOf(rels, cap);
            payloadStart0 = Arrays.copyOf(payloadStart0, cap);
            pieceAt = Arrays.copyOf(pieceAt, cap);
            lens = Arrays.copyOf(lens, cap);
            frames = Arrays.copyOf(frames, cap);
        }
        int tail = n - pos;
        if (tail > 0) {
            System.arraycopy(rels, pos, rels, pos + 1, tail);
            System.arraycopy(payloadStart0, pos, payloadStart0, pos + 1, tail);
            System.arraycopy(pieceAt, pos, pieceAt, pos + 1, tail);
            System.arraycopy(lens, pos, lens, pos + 1, tail);
            System.arraycopy(frames, pos, frames, pos + 1, tail);
        }
        rels[pos] = rel;
        payloadStart0[pos] = payloadStart;
        pieceAt[pos] = at;
        lens[pos] = len;
        frames[pos] = frame;
        n++;
    }

    /** Index of the last held segment starting at or before rel, or -1. */
    private int floor(int rel) {
        int i = Arrays.binarySearch(rels, 0, n, rel);
        if (i < 0) {
            return -i - 2;
        }
        while (i > 0 && rels[i - 1] == rel) {
            i--;
        }
        return i;
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
                int off = pieceAt[i];
                int end = rel + lens[i];
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
     * Returns the held pieces as frames in sequence order, for replay: a
     * frame held whole as it came, a piece of a frame (the part of an
     * overlapping segment that was new) as a frame of its own built by
     * {@link HeldSegments#piece}.
     *
     * @return a new array of the frames
     */
    byte[][] framesInOrder() {
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            byte[] f = frames[i];
            boolean whole = pieceAt[i] == payloadStart0[i] && pieceAt[i] + lens[i] == f.length;
            out[i] = whole ? f : HeldSegments.piece(f, payloadStart0[i], pieceAt[i] - payloadStart0[i], lens[i]);
        }
        return out;
    }

    /**
     * Returns the bytes the held pieces hold, in sequence order (holes left out), for tests.
     *
     * @return the bytes
     */
    byte[] heldBytes() {
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += lens[i];
        }
        byte[] out = new byte[total];
        int p = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(frames[i], pieceAt[i], out, p, lens[i]);
            p += lens[i];
        }
        return out;
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
