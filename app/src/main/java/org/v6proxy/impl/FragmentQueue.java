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
import org.v6proxy.packet.Bytes;
import org.v6proxy.packet.Eth;
import org.v6proxy.packet.Ip4;
import org.v6proxy.packet.Ip6;
import org.v6proxy.packet.Ip6Ext;

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
 * <li>the fragments of a datagram between a client and a delayed-binding
 *     service, whose sniffers and splice work on whole segments, are
 *     reassembled here (RFC 791 section 3.2 / RFC 815 for a client's IPv4
 *     datagram, RFC 8200 section 4.5 for a backend's IPv6 one) into one packet.</li>
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
    private static final long FOLD = 0x9E3779B97F4A7C15L;
    /** Largest 16-bit length field: IPv4's total length, IPv6's payload length. */
    private static final int MAX_LENGTH = 0xffff;

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
     * First key word of an IPv6 datagram toward a client (RFC 8200 section 4.5: source,
     * destination and identification name it; the destination is the client's RFC 6052 address).
     *
     * @param client the client's IPv4 address (the destination within the client prefix)
     * @param id fragment identification (32 bits)
     * @return key word
     */
    static long v6ClientId(int client, int id) {
        return (long) client << Integer.SIZE | (id & 0xffffffffL);
    }

    /**
     * Second key word of an IPv6 datagram: its source address folded into 64 bits. Two
     * backends whose addresses fold alike could share a datagram slot; the caller checks a
     * taken fragment's source against its connection, so such a fragment is dropped, never
     * delivered to the wrong client.
     *
     * @param b packet
     * @param srcOff offset of the IPv6 source address
     * @return key word
     */
    static long v6Source(byte[] b, int srcOff) {
        return Bytes.getLong(b, srcOff) * FOLD ^ Bytes.getLong(b, srcOff + Long.BYTES);
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
        byte[] whole = join(new Key(k1, k2), Ip4.MIN_HEADER_LEN);
        if (whole == null) {
            return null;
        }
        int ipOut = Eth.HEADER_LEN;
        Ip4.setVersionIhl(whole, ipOut, Ip4.MIN_HEADER_LEN);
        Ip4.setTotalLength(whole, ipOut, whole.length - ipOut);
        Ip4.setFlagsFragment(whole, ipOut, 0);
        Ip4.updateHeaderChecksum(whole, ipOut);
        return whole;
    }

    /**
     * Reassembles a backend's IPv6 datagram if all of it is held (RFC 8200 section 4.5): the
     * first fragment's Ethernet and IPv6 header, the fragment header's next header, and the
     * data in order. Extension headers before the fragment header are left out (RFC 7915
     * section 5.1 does not translate them; the fragment header's next header follows the
     * IPv6 header directly). A datagram whose fragments overlap is dropped whole (RFC 5722).
     *
     * @param k1 first key word
     * @param k2 second key word
     * @param now monotonic time
     * @return the whole packet as a frame (IPv6 header at {@link Eth#HEADER_LEN}), or null
     */
    synchronized byte[] reassemble6(long k1, long k2, long now) {
        expire(now);
        Key k = new Key(k1, k2);
        Datagram d = held.get(k);
        Piece first = d == null ? null : d.pieces.stream().filter(p -> p.offset == 0).findFirst().orElse(null);
        byte[] whole = join(k, Ip6.HEADER_LEN);
        if (whole == null) {
            return null;
        }
        int ipOut = Eth.HEADER_LEN;
        Ip6.setPayloadLength(whole, ipOut, whole.length - ipOut - Ip6.HEADER_LEN);
        Ip6.setNextHeader(whole, ipOut, Ip6Ext.nextHeader(first.frame, first.dataOff - Ip6Ext.FRAG_HEADER_LEN));
        return whole;
    }

    /**
     * Returns a datagram's fragments sorted by offset and takes it out of the queue if they
     * cover it from 0 to the last fragment without a hole; null if some are missing (they stay)
     * or overlap or end past maxEnd (all are dropped, MALFORMED).
     */
    private List<Piece> complete(Key k, int maxEnd) {
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
        if (!last) {
            return null;
        }
        if (end > maxEnd) {
            // RFC 791 / RFC 8200: the reassembled length field is 16 bits; past it the length
            // would wrap and the rest be parsed as a short packet. Found by fuzzing
            // (FragmentQueueFuzzTest).
            forget(k, d, DropReason.MALFORMED);
            return null;
        }
        held.remove(k);
        bytes -= d.bytes;
        return sorted;
    }

    /**
     * Joins a complete datagram: the first fragment's Ethernet header and its first headerLen
     * bytes of IP header, then the data in order; null if it is not complete.
     */
    private byte[] join(Key k, int headerLen) {
        // IPv4's total length counts its header, IPv6's payload length does not.
        List<Piece> sorted = complete(k, headerLen == Ip6.HEADER_LEN ? MAX_LENGTH : MAX_LENGTH - headerLen);
        if (sorted == null) {
            return null;
        }
        Piece first = sorted.get(0);
        Piece last = sorted.get(sorted.size() - 1);
        int at = Eth.HEADER_LEN + headerLen;
        byte[] whole = new byte[at + last.offset + last.dataLen];
        System.arraycopy(first.frame, first.ip - Eth.HEADER_LEN, whole, 0, at);
        for (Piece p : sorted) {
            System.arraycopy(p.frame, p.dataOff, whole, at + p.offset, p.dataLen);
        }
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
     * Builds the piece of an IPv6 fragment (copying its frame).
     *
     * @param b frame buffer
     * @param off frame offset
     * @param ip offset of the IPv6 header
     * @param total IPv6 packet length (header and payload)
     * @param fragmentHeader offset of the fragment header
     * @return the piece
     */
    static Piece ip6Piece(byte[] b, int off, int ip, int total, int fragmentHeader) {
        int len = ip - off + total;
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        int shift = off;
        int data = fragmentHeader - shift + Ip6Ext.FRAG_HEADER_LEN;
        return new Piece(copy, ip - shift, total, Ip6Ext.fragmentOffset(b, fragmentHeader) * UNIT, data,
                         ip - shift + total - data, Ip6Ext.moreFragments(b, fragmentHeader));
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
