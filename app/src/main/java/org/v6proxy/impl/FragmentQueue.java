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

import org.v6proxy.api.DropReason;
import org.v6proxy.packet.Eth;
import org.v6proxy.packet.Ip4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Fragments that cannot be forwarded yet, held per datagram under bounds:
 * <ul>
 * <li>a later fragment that overtakes its datagram's first one (only the first
 *     carries the ports that find the connection) waits here until the first
 *     has been forwarded, then follows it;</li>
 * <li>the fragments of a client's datagram to a delayed-binding service, whose
 *     sniffers and splice work on whole segments, are reassembled here
 *     (RFC 791 section 3.2 / RFC 815) into one IPv4 packet.</li>
 * </ul>
 * Bounds: {@code maxDatagrams} datagrams and {@code maxBytes} bytes held in
 * all, {@link #MAX_PIECES} fragments per datagram, and {@code maxWaitNanos}
 * from a datagram's first arrival (RFC 791's reassembly timer); beyond,
 * fragments are dropped and counted (FRAGMENT_OVERFLOW, FRAGMENT_TIMEOUT),
 * and a datagram whose fragments overlap, or add up to more than 65535
 * bytes, is dropped whole (MALFORMED, the rule RFC 5722 gives IPv6 and
 * Linux applies to IPv4 too). Fragments are the
 * exception on these paths, so this is a plain synchronized map with a copy
 * of each frame; expiry is lazy, on each call.
 */
final class FragmentQueue {
    /** Most fragments of one datagram held (a 65535-byte datagram in 1280-byte pieces needs 52). */
    static final int MAX_PIECES = 64;
    private static final int UNIT = 8;
    /** Largest IPv4 datagram (the 16-bit total length). */
    private static final int MAX_DATAGRAM = 0xffff;

    /** A held fragment: a copy of its frame and where its data lies. */
    static final class Piece {
        final byte[] frame;
        final int ip;
        final int total;
        final int offset;
        final int dataOff;
        final int dataLen;
        final boolean more;

        /**
         * Describes a fragment.
         *
         * @param frame frame (owned by the queue from now on)
         * @param ip offset of the IP header in frame
         * @param total IP packet length
         * @param offset fragment offset in bytes
         * @param dataOff offset of the fragment's data in frame
         * @param dataLen its length
         * @param more more fragments follow
         */
        Piece(byte[] frame, int ip, int total, int offset, int dataOff, int dataLen, boolean more) {
            this.frame = frame;
            this.ip = ip;
            this.total = total;
            this.offset = offset;
            this.dataOff = dataOff;
            this.dataLen = dataLen;
            this.more = more;
        }
    }

    private static final class Key {
        final long a;
        final long b;

        Key(long a, long b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).a == a && ((Key) o).b == b;
        }

        @Override
        public int hashCode() {
            return Objects.hash(a, b);
        }
    }

    private static final class Datagram {
        final long born;
        final List<Piece> pieces = new ArrayList<>();
        int bytes;

        Datagram(long born) {
            this.born = born;
        }
    }

    private final int maxDatagrams;
    private final int maxBytes;
    private final long maxWaitNanos;
    private final Consumer<DropReason> drops;
    private final Map<Key, Datagram> held = new LinkedHashMap<>();
    private int bytes;

    /**
     * Creates an empty queue.
     *
     * @param maxDatagrams most datagrams held at once
     * @param maxBytes most bytes held in all
     * @param maxWaitNanos how long a datagram's fragments may wait
     * @param drops where a dropped fragment is counted
     */
    FragmentQueue(int maxDatagrams, int maxBytes, long maxWaitNanos, Consumer<DropReason> drops) {
        this.maxDatagrams = maxDatagrams;
        this.maxBytes = maxBytes;
        this.maxWaitNanos = maxWaitNanos;
        this.drops = drops;
    }

    /**
     * First key word of an IPv4 datagram (RFC 791: source, destination, protocol, identification).
     *
     * @param src source
     * @param dst destination
     * @return key word
     */
    static long v4Addresses(int src, int dst) {
        return (long) src << Integer.SIZE | (dst & 0xffffffffL);
    }

    /**
     * Second key word of an IPv4 datagram.
     *
     * @param proto protocol
     * @param id identification
     * @return key word
     */
    static long v4ProtoId(int proto, int id) {
        return (long) proto << Integer.SIZE | (id & 0xffffffffL);
    }

    /**
     * Holds a fragment. A copy of the frame is kept.
     *
     * @param k1 first key word
     * @param k2 second key word (together they name the datagram exactly)
     * @param p the fragment
     * @param now monotonic time
     * @return true if held; false if dropped and counted
     */
    synchronized boolean hold(long k1, long k2, Piece p, long now) {
        expire(now);
        Key k = new Key(k1, k2);
        Datagram d = held.get(k);
        if (d == null && held.size() >= maxDatagrams || bytes + p.frame.length > maxBytes
                || d != null && d.pieces.size() >= MAX_PIECES) {
            drops.accept(DropReason.FRAGMENT_OVERFLOW);
            return false;
        }
        if (d == null) {
            d = new Datagram(now);
            held.put(k, d);
        }
        d.pieces.add(p);
        d.bytes += p.frame.length;
        bytes += p.frame.length;
        return true;
    }

    /**
     * Takes the fragments held for a datagram (its first fragment has been forwarded).
     *
     * @param k1 first key word
     * @param k2 second key word
     * @param now monotonic time
     * @return the fragments in arrival order, possibly none
     */
    synchronized List<Piece> take(long k1, long k2, long now) {
        expire(now);
        Datagram d = held.remove(new Key(k1, k2));
        if (d == null) {
            return Collections.emptyList();
        }
        bytes -= d.bytes;
        return d.pieces;
    }

    /**
     * Reassembles a client's IPv4 datagram if all of it is held: the first fragment's
     * Ethernet and IPv4 header (options left out, RFC 791: most are copied to the first
     * fragment only and RFC 7915 does not translate them), offset 0, MF and DF clear, and
     * the data in order. A datagram whose fragments overlap is dropped whole.
     *
     * @param k1 first key word
     * @param k2 second key word
     * @param now monotonic time
     * @return the whole packet as a frame (IPv4 header at {@link Eth#HEADER_LEN}), or null
     */
    synchronized byte[] reassemble(long k1, long k2, long now) {
        expire(now);
        Key k = new Key(k1, k2);
        Datagram d = held.get(k);
        if (d == null) {
            return null;
        }
        List<Piece> sorted = new ArrayList<>(d.pieces);
        sorted.sort((x, y) -> Integer.compare(x.offset, y.offset));
        int end = 0;
        boolean last = false;
        for (Piece p : sorted) {
            if (p.offset < end) {
                forget(k, d, DropReason.MALFORMED);
                return null;
            }
            if (p.offset > end || last) {
                return null;                                       // a hole (or data after the last): wait
            }
            end = p.offset + p.dataLen;
            last = !p.more;
        }
        if (!last || sorted.get(0).offset != 0) {
            return null;
        }
        if (Ip4.MIN_HEADER_LEN + end > MAX_DATAGRAM) {
            // RFC 791: a datagram is at most 65535 bytes; larger, its total length would wrap
            // and the rest be parsed as a short packet. Found by fuzzing (FragmentQueueFuzzTest).
            forget(k, d, DropReason.MALFORMED);
            return null;
        }
        Piece first = sorted.get(0);
        int ipOut = Eth.HEADER_LEN;
        byte[] whole = new byte[ipOut + Ip4.MIN_HEADER_LEN + end];
        System.arraycopy(first.frame, first.ip - Eth.HEADER_LEN, whole, 0, Eth.HEADER_LEN + Ip4.MIN_HEADER_LEN);
        int at = ipOut + Ip4.MIN_HEADER_LEN;
        for (Piece p : sorted) {
            System.arraycopy(p.frame, p.dataOff, whole, at + p.offset, p.dataLen);
        }
        Ip4.setVersionIhl(whole, ipOut, Ip4.MIN_HEADER_LEN);
        Ip4.setTotalLength(whole, ipOut, Ip4.MIN_HEADER_LEN + end);
        Ip4.setFlagsFragment(whole, ipOut, 0);
        Ip4.updateHeaderChecksum(whole, ipOut);
        held.remove(k);
        bytes -= d.bytes;
        return whole;
    }

    /**
     * Builds the piece of an IPv4 fragment (copying its frame).
     *
     * @param b frame buffer
     * @param off frame offset
     * @param ip offset of the IPv4 header
     * @param total its total length
     * @return the piece
     */
    static Piece ip4Piece(byte[] b, int off, int ip, int total) {
        int len = ip - off + total;
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        int ipc = ip - off;
        int ihl = Ip4.ihl(copy, ipc);
        return new Piece(copy, ipc, total, Ip4.fragmentOffset(copy, ipc) * UNIT, ipc + ihl, total - ihl,
                         Ip4.moreFragments(copy, ipc));
    }

    /**
     * Returns how many datagrams are held (for tests and diagnostics).
     *
     * @return count
     */
    synchronized int datagrams() {
        return held.size();
    }

    /**
     * Returns how many bytes are held.
     *
     * @return bytes
     */
    synchronized int bytes() {
        return bytes;
    }

    /** Forgets every held fragment (configuration change, shutdown); not counted. */
    synchronized void clear() {
        held.clear();
        bytes = 0;
    }

    private void forget(Key k, Datagram d, DropReason why) {
        held.remove(k);
        bytes -= d.bytes;
        for (int i = 0; i < d.pieces.size(); i++) {
            drops.accept(why);
        }
    }

    private void expire(long now) {
        Iterator<Map.Entry<Key, Datagram>> it = held.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Datagram> e = it.next();
            Datagram d = e.getValue();
            if (now - d.born < maxWaitNanos) {
                return;                                            // insertion order: the rest are younger
            }
            it.remove();
            bytes -= d.bytes;
            for (int i = 0; i < d.pieces.size(); i++) {
                drops.accept(DropReason.FRAGMENT_TIMEOUT);
            }
        }
    }
}
