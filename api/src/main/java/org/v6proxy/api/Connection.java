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

import com.google.common.base.MoreObjects;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;

import java.util.Objects;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The shared record of one proxied connection: what the IPv4 side is, which
 * backend serves it, from which IPv6 address, and the splice parameters that
 * let any cluster instance continue translating it. Immutable; changed copies
 * come from the {@code with...} methods. Written to the store when a
 * connection is bound, changes phase, or ends — never per data packet.
 */
public final class Connection {
    /** Marks the absence of a window scale option. */
    public static final int NO_WSCALE = -1;

    private final ConnectionKey key;
    private final ConnectPoint clientLocation;
    private final MacAddress clientMac;
    private final String service;
    private final Backend backend;
    private final Ip6Address clientV6;
    private final ConnectionState state;
    private final long createdMillis;
    private final int seqOffset;
    private final int clientWscale;
    private final int backendWscale;
    private final int mss;
    private final boolean sackOk;

    /**
     * Creates a record.
     *
     * @param key IPv4-side identity
     * @param clientLocation where the client's frames enter the fabric
     * @param clientMac source MAC of the client's frames (the client or its router)
     * @param service name of the virtual service
     * @param backend chosen backend
     * @param clientV6 the client's IPv6 address (RFC 6052 mapped)
     * @param state phase
     * @param createdMillis wall-clock creation time
     * @param seqOffset added to backend sequence numbers toward the client and
     *                  subtracted from the client's acks toward the backend (0 for l4)
     * @param clientWscale window scale the client announced in its SYN
     * @param backendWscale window scale the backend announced
     * @param mss MSS in force toward the backend; positive only for spliced (delayed-binding) connections
     * @param sackOk whether SACK is in use on both legs
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public Connection(ConnectionKey key, ConnectPoint clientLocation, MacAddress clientMac, String service,
                      Backend backend, Ip6Address clientV6,
                      ConnectionState state, long createdMillis, int seqOffset,
                      int clientWscale, int backendWscale, int mss, boolean sackOk) {
        this.key = checkNotNull(key, "key");
        this.clientLocation = checkNotNull(clientLocation, "clientLocation");
        this.clientMac = checkNotNull(clientMac, "clientMac");
        this.service = checkNotNull(service, "service");
        this.backend = checkNotNull(backend, "backend");
        this.clientV6 = checkNotNull(clientV6, "clientV6");
        this.state = checkNotNull(state, "state");
        this.createdMillis = createdMillis;
        this.seqOffset = seqOffset;
        this.clientWscale = clientWscale;
        this.backendWscale = backendWscale;
        this.mss = mss;
        this.sackOk = sackOk;
    }

    /**
     * Creates the record of a connection whose sequence numbers pass unchanged (l4, UDP).
     *
     * @param key IPv4-side identity
     * @param clientLocation where the client's frames enter
     * @param clientMac source MAC of the client's frames
     * @param service service name
     * @param backend backend
     * @param clientV6 client's IPv6 address
     * @param state phase
     * @param createdMillis creation time
     * @return record
     */
    public static Connection direct(ConnectionKey key, ConnectPoint clientLocation, MacAddress clientMac,
                                    String service, Backend backend, Ip6Address clientV6,
                                    ConnectionState state, long createdMillis) {
        return new Connection(key, clientLocation, clientMac, service, backend, clientV6, state, createdMillis,
                              0, NO_WSCALE, NO_WSCALE, 0, false);
    }

    /**
     * Returns a copy in another phase.
     *
     * @param newState phase
     * @return record
     */
    public Connection withState(ConnectionState newState) {
        return new Connection(key, clientLocation, clientMac, service, backend, clientV6, newState, createdMillis,
                              seqOffset, clientWscale, backendWscale, mss, sackOk);
    }

    /**
     * Returns a copy that records the completed splice: the backend's
     * answer fixed the sequence offset and its window scale.
     *
     * @param newState phase
     * @param newSeqOffset backend ISN minus the app's ISN (mod 2^32)
     * @param newBackendWscale the backend's window scale or {@link #NO_WSCALE}
     * @param newSackOk whether SACK is in use on both legs
     * @return record
     */
    public Connection withSplice(ConnectionState newState, int newSeqOffset, int newBackendWscale,
                                 boolean newSackOk) {
        return new Connection(key, clientLocation, clientMac, service, backend, clientV6, newState, createdMillis,
                              newSeqOffset, clientWscale, newBackendWscale, mss, newSackOk);
    }

    /**
     * Returns whether this connection is spliced (delayed binding): its
     * sequence numbers and windows are adjusted between the two legs.
     *
     * @return true for prefix/http/tls connections
     */
    public boolean spliced() {
        return mss > 0;
    }

    /**
     * Returns whether SACK is in use on both legs.
     *
     * @return true if so
     */
    public boolean sackOk() {
        return sackOk;
    }

    /**
     * Returns the IPv4-side identity.
     *
     * @return key
     */
    public ConnectionKey key() {
        return key;
    }

    /**
     * Returns where the client's frames enter the fabric.
     *
     * @return connect point
     */
    public ConnectPoint clientLocation() {
        return clientLocation;
    }

    /**
     * Returns the client-side next-hop MAC.
     *
     * @return MAC
     */
    public MacAddress clientMac() {
        return clientMac;
    }

    /**
     * Returns the service name.
     *
     * @return name
     */
    public String service() {
        return service;
    }

    /**
     * Returns the backend.
     *
     * @return backend
     */
    public Backend backend() {
        return backend;
    }

    /**
     * Returns the client's IPv6 address (clientPrefix + client IPv4).
     *
     * @return address
     */
    public Ip6Address clientV6() {
        return clientV6;
    }

    /**
     * Returns the phase.
     *
     * @return state
     */
    public ConnectionState state() {
        return state;
    }

    /**
     * Returns the creation time.
     *
     * @return epoch milliseconds
     */
    public long createdMillis() {
        return createdMillis;
    }

    /**
     * Returns the sequence offset (backend ISN − app ISN toward the client, mod 2^32).
     *
     * @return offset
     */
    public int seqOffset() {
        return seqOffset;
    }

    /**
     * Returns the window scale the client announced.
     *
     * @return shift count or {@link #NO_WSCALE}
     */
    public int clientWscale() {
        return clientWscale;
    }

    /**
     * Returns the window scale the backend announced.
     *
     * @return shift count or {@link #NO_WSCALE}
     */
    public int backendWscale() {
        return backendWscale;
    }

    /**
     * Returns the MSS in force toward the backend (0 if not tracked).
     *
     * @return bytes
     */
    public int mss() {
        return mss;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Connection)) {
            return false;
        }
        Connection c = (Connection) o;
        return createdMillis == c.createdMillis && seqOffset == c.seqOffset && clientWscale == c.clientWscale
                && backendWscale == c.backendWscale && mss == c.mss && sackOk == c.sackOk && key.equals(c.key)
                && clientLocation.equals(c.clientLocation) && clientMac.equals(c.clientMac)
                && service.equals(c.service) && backend.equals(c.backend) && clientV6.equals(c.clientV6)
                && state == c.state;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, clientLocation, clientMac, service, backend, clientV6, state, createdMillis, seqOffset,
                            clientWscale, backendWscale, mss, sackOk);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("key", key).add("clientLocation", clientLocation)
                .add("clientMac", clientMac).add("service", service).add("backend", backend)
                .add("clientV6", clientV6).add("state", state).add("createdMillis", createdMillis)
                .add("seqOffset", seqOffset).add("clientWscale", clientWscale)
                .add("backendWscale", backendWscale).add("mss", mss).add("sackOk", sackOk).toString();
    }
}
