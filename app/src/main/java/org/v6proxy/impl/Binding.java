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
import org.v6proxy.l7.Sniffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;

/**
 * Node-local state of one delayed-binding connection from the client's
 * validated handshake ACK until the backend has answered: what the cookie
 * said, the client's segments (kept whole for replay, ordered by sequence,
 * de-duplicated) and the contiguous stream prefix the sniffer reads.
 * Guarded by its own monitor.
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

    final ConnectionKey key;
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
    final byte[] stream = new byte[Sniffer.MAX_SNIFF_BYTES];

    Phase phase = Phase.SNIFFING;
    int contiguous;
    int bufferedBytes;
    boolean fin;
    int finAt = -1;
    int clientWindow;
    int synTries;
    ConnectionEntry entry;
    ScheduledFuture<?> timer;
    private final TreeMap<Integer, byte[]> frames = new TreeMap<>();
    private final TreeMap<Integer, Integer> payloadAt = new TreeMap<>();

    @SuppressWarnings("checkstyle:ParameterNumber")
    Binding(ConnectionKey key, VirtualService service, RouteMatcher matcher, ConnectPoint ingress, long clientMac,
            int clientIsn, int appIsn, int clientWscale, boolean sackOk, int mss) {
        this.key = key;
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
     *
     * @param rel sequence of the first payload byte relative to the stream start
     * @param frame a private copy of the whole frame
     * @param payloadOff offset of the payload in frame
     * @param payloadLen payload length
     * @return bytes newly held (0 for a duplicate)
     */
    int add(int rel, byte[] frame, int payloadOff, int payloadLen) {
        byte[] old = frames.get(rel);
        if (old != null && old.length >= frame.length) {
            return 0;
        }
        frames.put(rel, frame);
        payloadAt.put(rel, payloadOff);
        int grown = frame.length - (old == null ? 0 : old.length);
        bufferedBytes += grown;
        extend();
        return grown;
    }

    /** Copies every held payload that continues the contiguous prefix into the stream. */
    private void extend() {
        boolean progress = true;
        while (progress && contiguous < stream.length) {
            progress = false;
            Map.Entry<Integer, byte[]> e = frames.floorEntry(contiguous);
            for (; e != null; e = frames.higherEntry(e.getKey())) {
                int rel = e.getKey();
                if (rel > contiguous) {
                    break;
                }
                int off = payloadAt.get(rel);
                int len = e.getValue().length - off;
                int end = rel + len;
                if (end > contiguous) {
                    int from = contiguous - rel;
                    int n = Math.min(end, stream.length) - contiguous;
                    System.arraycopy(e.getValue(), off + from, stream, contiguous, n);
                    contiguous += n;
                    progress = true;
                }
            }
        }
    }

    /**
     * Returns the held frames in sequence order, for replay.
     *
     * @return frames
     */
    List<byte[]> framesInOrder() {
        return new ArrayList<>(frames.values());
    }

    /**
     * Returns whether the stream can grow no more (FIN reached or buffer full).
     *
     * @return true if final
     */
    boolean streamComplete() {
        return (fin && contiguous >= finAt) || contiguous >= stream.length;
    }
}
