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
 * Phase of a proxied connection, as far as the proxy tracks it.
 */
public enum ConnectionState {
    /** Delayed binding: the app answered the SYN and reads the first bytes. */
    BINDING,
    /** The SYN went to the backend; the handshake is not complete yet. */
    SYN_SENT,
    /** Both handshakes done (or, for UDP, a mapping exists). */
    ESTABLISHED,
    /** One side sent FIN. */
    HALF_CLOSED,
    /** Both sides sent FIN, or a RST was seen: waiting out the last ACKs. */
    CLOSING;

    /**
     * Returns whether the connection is opening or closing (short idle timeout).
     *
     * @return true unless established
     */
    public boolean transitory() {
        return this != ESTABLISHED;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
