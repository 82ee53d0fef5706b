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
package org.v6proxy.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionStats;
import org.v6proxy.api.Direction;
import org.v6proxy.api.ProxyService;

import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * JSON form of a live connection (encode only):
 * <pre>
 * {"client": "192.0.2.7:40000", "vip": "10.0.0.42:80", "protocol": "tcp", "service": "web",
 *  "backend": "[2001:db8::1]:80", "clientV6": "2001:db8:46::c000:207", "state": "established",
 *  "createdMillis": 1700000000000, "ageMs": 1500, "clientLocation": "of:0000000000000001/3",
 *  "clientMac": "00:00:00:00:00:07", "seqOffset": 4294967295, "clientWscale": 7,
 *  "backendWscale": -1, "mss": 1440, "sackOk": true}
 * </pre>
 * {@code seqOffset} is the unsigned 32-bit offset; a window scale of -1 means the
 * option was absent; an mss of 0 means it is not tracked (l4, UDP).
 */
public final class ConnectionCodec extends JsonCodec<Connection> {
    /** Client IPv4 "address:port". */
    public static final String CLIENT = "client";
    /** VIP "address:port". */
    public static final String VIP = "vip";
    /** "tcp" or "udp". */
    public static final String PROTOCOL = "protocol";
    /** Service name. */
    public static final String SERVICE = "service";
    /** Backend "[IPv6]:port". */
    public static final String BACKEND = "backend";
    /** The client's RFC 6052 IPv6 address. */
    public static final String CLIENT_V6 = "clientV6";
    /** Phase: binding, syn-sent, established, half-closed or closing. */
    public static final String STATE = "state";
    /** Creation time, epoch milliseconds. */
    public static final String CREATED_MILLIS = "createdMillis";
    /** Milliseconds since creation at encoding time. */
    public static final String AGE_MS = "ageMs";
    /** Connect point where the client's frames enter. */
    public static final String CLIENT_LOCATION = "clientLocation";
    /** Client-side next-hop MAC. */
    public static final String CLIENT_MAC = "clientMac";
    /** Backend-to-client sequence offset, unsigned. */
    public static final String SEQ_OFFSET = "seqOffset";
    /** Window scale the client was told, -1 if none. */
    public static final String CLIENT_WSCALE = "clientWscale";
    /** Window scale the backend announced, -1 if none. */
    public static final String BACKEND_WSCALE = "backendWscale";
    /** MSS in force toward the backend, 0 if not tracked. */
    public static final String MSS = "mss";
    /** Whether SACK is in use on both legs of a spliced connection. */
    public static final String SACK = "sackOk";
    /** This instance's packets/bytes per direction (present when the proxy service is reachable). */
    public static final String TRAFFIC = "traffic";

    private final LongSupplier clock;

    /**
     * Creates a codec that computes ages against the wall clock.
     */
    public ConnectionCodec() {
        this(System::currentTimeMillis);
    }

    /**
     * Creates a codec with the given clock.
     *
     * @param clock supplies the current time in epoch milliseconds
     */
    public ConnectionCodec(LongSupplier clock) {
        this.clock = checkNotNull(clock, "clock");
    }

    @Override
    public ObjectNode encode(Connection c, CodecContext context) {
        checkNotNull(c, "connection");
        ConnectionKey key = c.key();
        ObjectNode node = context.mapper().createObjectNode()
                .put(CLIENT, key.client() + ":" + key.clientPort())
                .put(VIP, key.vip() + ":" + key.vipPort())
                .put(PROTOCOL, key.protocol().toString())
                .put(SERVICE, c.service())
                .put(BACKEND, c.backend().toString())
                .put(CLIENT_V6, c.clientV6().toString())
                .put(STATE, c.state().toString())
                .put(CREATED_MILLIS, c.createdMillis())
                .put(AGE_MS, Math.max(0L, clock.getAsLong() - c.createdMillis()))
                .put(CLIENT_LOCATION, c.clientLocation().toString())
                .put(CLIENT_MAC, c.clientMac().toString().toLowerCase(Locale.ROOT))
                .put(SEQ_OFFSET, Integer.toUnsignedLong(c.seqOffset()))
                .put(CLIENT_WSCALE, c.clientWscale())
                .put(BACKEND_WSCALE, c.backendWscale())
                .put(MSS, c.mss())
                .put(SACK, c.sackOk());
        stats(c, context).ifPresent(st -> node.set(TRAFFIC, traffic(st, context)));
        return node;
    }

    /** This instance's traffic counters of the connection, when the context can reach the proxy service. */
    private static Optional<ConnectionStats> stats(Connection c, CodecContext context) {
        try {
            ProxyService proxy = context.getService(ProxyService.class);
            return proxy == null ? Optional.empty() : proxy.getConnectionStats(c.key());
        } catch (RuntimeException e) {
            // A context without services (tests, offline encoding): no traffic block.
            return Optional.empty();
        }
    }

    private static ObjectNode traffic(ConnectionStats st, CodecContext context) {
        ObjectNode t = context.mapper().createObjectNode();
        for (Direction d : Direction.values()) {
            t.putObject(d.toString()).put("packets", st.packets(d)).put("bytes", st.bytes(d));
        }
        t.put("idleMs", st.idleMillis());
        return t;
    }
}
