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
 * Transport protocol of a virtual service.
 */
public enum Protocol {
    /** TCP, IP protocol number 6. */
    TCP(6),
    /** UDP, IP protocol number 17; only with {@link ServiceMode#L4}. */
    UDP(17);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    /**
     * Returns the IP protocol number.
     *
     * @return 6 or 17
     */
    public int number() {
        return number;
    }

    /**
     * Returns the protocol named by its config spelling (case-insensitive).
     *
     * @param name "tcp" or "udp"
     * @return the protocol
     * @throws IllegalArgumentException if the name is unknown
     */
    public static Protocol fromName(String name) {
        for (Protocol p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol \"" + name + "\" (expected tcp or udp)");
    }

    /**
     * Returns the protocol with the given IP protocol number, or null.
     *
     * @param number IP protocol number
     * @return the protocol or null
     */
    public static Protocol fromNumber(int number) {
        return number == 6 ? TCP : number == 17 ? UDP : null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
