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
package org.v6proxy.api;

import java.util.Locale;

/**
 * Why a packet was dropped. Every drop has one and increments its counter.
 */
public enum DropReason {
    /** Truncated frame, bad header length, bad option layout. */
    MALFORMED,
    /** IPv4 header checksum does not verify. */
    BAD_IP_CHECKSUM,
    /** No virtual service at the packet's VIP:port. */
    NO_SERVICE,
    /** A non-SYN segment (or reply) for which no connection exists. */
    NO_CONNECTION,
    /** Address cannot be mapped (not in clientPrefix, not a configured backend, ...). */
    UNMAPPABLE_ADDRESS,
    /** TTL or hop limit reached zero; an ICMP time exceeded goes back. */
    TTL_EXPIRED,
    /** Too big for the other side's MTU with DF set; an ICMP error goes back. */
    PACKET_TOO_BIG,
    /** A fragment that this translator does not handle. */
    FRAGMENT,
    /**
     * A fragment that waited for the rest of its datagram (its first fragment, or all of it
     * for reassembly) longer than the wait allows (RFC 791's reassembly timer).
     */
    FRAGMENT_TIMEOUT,
    /** A fragment that did not fit the bounds of fragments waiting or being reassembled. */
    FRAGMENT_OVERFLOW,
    /** IPv6 extension header that cannot be translated (RFC 7915 section 5.1). */
    EXTENSION_HEADER,
    /** ICMP type that RFC 7915 says to drop, or that cannot be translated. */
    ICMP_UNTRANSLATABLE,
    /** IP protocol other than TCP, UDP and ICMP. */
    UNSUPPORTED_PROTOCOL,
    /** IPv4 source route options present (RFC 7915 section 4.1). */
    SOURCE_ROUTE,
    /** Segments waiting for a backend MAC or a binding hit a bound. */
    BUFFER_FULL,
    /** The backend's MAC could not be resolved, or it did not answer. */
    BACKEND_UNREACHABLE,
    /** A delayed-binding connection matched no route and the service has no default. */
    NO_ROUTE,
    /** A datagram to a quic service from a 4-tuple not yet bound holds no valid QUIC Initial packet. */
    QUIC_NOT_INITIAL,
    /** A datagram to a quic service from a 4-tuple not yet bound is a QUIC version other than 1 and 2. */
    QUIC_VERSION,
    /** An ACK did not carry a valid SYN cookie. */
    BAD_COOKIE,
    /** Two IPv4 connections would share one IPv6 4-tuple. */
    TUPLE_COLLISION,
    /**
     * A delayed-binding connection whose backend leg another instance was opening when it failed: its
     * held bytes and cookie ISN are gone, so the client is reset.
     */
    BINDING_LOST,
    /**
     * A client segment during pre-read disagreed with bytes already held for the same sequence range; the
     * first copy is kept (what the sniffer read is what the backend gets), the differing bytes are not.
     */
    OVERLAP_CONFLICT,
    /** A RST outside the receiver's window (RFC 5961 section 3): dropped, the connection is untouched. */
    RST_OUT_OF_WINDOW,
    /** The oldest half-open l4 connection of this instance gave way to a new SYN (the local table was full). */
    HALF_OPEN_EVICTED,
    /**
     * Not a packet: a host event moved a located backend, but the backend still answered a neighbour
     * solicitation at its old location, so the move was refused (host location hijacking).
     */
    BACKEND_MOVE_REFUSED,
    /** Not a packet: a host event moved a backend whose location is pinned in network config; ignored. */
    BACKEND_MOVE_PINNED,
    /** A new connection would exceed the service's maxConnections: refused (RST for TCP, dropped for UDP). */
    CONNECTION_LIMIT,
    /** A new connection would exceed maxConnectionsPerClient for its client address: refused (RST / dropped). */
    CLIENT_CONNECTION_LIMIT,
    /** The packet-out could not be emitted (no ingress port known). */
    NO_EGRESS,
    /** An unexpected internal error; logged once per occurrence class. */
    INTERNAL_ERROR;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
