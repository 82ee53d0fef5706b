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
    TLS;

    /**
     * Returns the mode named by its config spelling (case-insensitive).
     *
     * @param name "l4", "prefix", "http" or "tls"
     * @return the mode
     * @throws IllegalArgumentException if the name is unknown
     */
    public static ServiceMode fromName(String name) {
        for (ServiceMode m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode \"" + name + "\" (expected l4, prefix, http or tls)");
    }

    /**
     * Returns whether this mode answers the handshake itself and binds later.
     *
     * @return true for prefix, http and tls
     */
    public boolean delayedBinding() {
        return this != L4;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
