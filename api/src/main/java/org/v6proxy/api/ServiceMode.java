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
 * How a virtual service chooses the backend of a connection.
 */
public enum ServiceMode {
    /** No bytes needed: the client's SYN goes to the default backend at once. */
    L4,
    /** Delayed binding on an exact byte prefix of the client stream. */
    PREFIX,
    /** Delayed binding on the HTTP/1.x Host header of the first request. */
    HTTP,
    /** Delayed binding on the TLS ClientHello server_name (SNI). */
    TLS,
    /**
     * UDP only: a new client 4-tuple is bound by the server_name of the ClientHello in its QUIC Initial packets
     * (RFC 9000, RFC 9001, RFC 9369), read without terminating QUIC; then its datagrams cross as in l4.
     */
    QUIC;

    /**
     * Returns the mode named by its config spelling (case-insensitive).
     *
     * @param name "l4", "prefix", "http", "tls" or "quic"
     * @return the mode
     * @throws IllegalArgumentException if the name is unknown
     */
    public static ServiceMode fromName(String name) {
        for (ServiceMode m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode \"" + name + "\" (expected l4, prefix, http, tls or quic)");
    }

    /**
     * Returns whether this mode answers the handshake itself and binds later.
     *
     * @return true for prefix, http and tls (TCP splicing)
     */
    public boolean delayedBinding() {
        return this == PREFIX || this == HTTP || this == TLS;
    }

    /**
     * Returns whether this mode chooses a backend from routes (with the default backend as fallback).
     *
     * @return true for every mode but l4
     */
    public boolean routed() {
        return this != L4;
    }

    /**
     * Returns whether this mode routes by a host name (http, tls and quic: exact names and {@code *.} wildcards).
     *
     * @return true for http, tls and quic
     */
    public boolean byHostName() {
        return this == HTTP || this == TLS || this == QUIC;
    }

    /**
     * Returns the transport protocols this mode works on.
     *
     * @param protocol a protocol
     * @return true if a service of this mode may use it: quic only udp, l4 both, the others only tcp
     */
    public boolean allows(Protocol protocol) {
        if (this == L4) {
            return true;
        }
        return (protocol == Protocol.UDP) == (this == QUIC);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
