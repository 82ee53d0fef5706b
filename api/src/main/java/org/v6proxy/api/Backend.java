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

import org.onlab.packet.Ip6Address;

import java.util.Objects;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * An IPv6 backend endpoint, written "[2001:db8::1]:80".
 */
public final class Backend {
    private static final int MAX_PORT = 65535;

    private final Ip6Address address;
    private final int port;

    /**
     * Creates a backend.
     *
     * @param address IPv6 address
     * @param port TCP/UDP port, 1..65535
     */
    public Backend(Ip6Address address, int port) {
        this.address = checkNotNull(address, "backend address");
        checkArgument(port > 0 && port <= MAX_PORT, "backend port %s out of range 1..65535", port);
        this.port = port;
    }

    /**
     * Parses "[v6addr]:port".
     *
     * @param text the backend as written in config
     * @return the backend
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Backend parse(String text) {
        checkArgument(text != null, "backend is missing");
        String t = text.trim();
        int close = t.lastIndexOf(']');
        checkArgument(t.startsWith("[") && close > 1 && t.length() > close + 2 && t.charAt(close + 1) == ':',
                      "backend \"%s\" is not of the form [IPv6]:port", text);
        String addr = t.substring(1, close);
        String portText = t.substring(close + 2);
        Ip6Address ip;
        try {
            checkArgument(addr.indexOf(':') >= 0, "not IPv6");
            ip = Ip6Address.valueOf(addr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("backend \"" + text + "\": \"" + addr + "\" is not an IPv6 address", e);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "backend \"" + text + "\": port \"" + portText + "\" is not a number", e);
        }
        checkArgument(port > 0 && port <= MAX_PORT, "backend \"%s\": port %s out of range 1..65535", text, port);
        return new Backend(ip, port);
    }

    /**
     * Returns the IPv6 address.
     *
     * @return address
     */
    public Ip6Address address() {
        return address;
    }

    /**
     * Returns the port.
     *
     * @return port
     */
    public int port() {
        return port;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Backend)) {
            return false;
        }
        Backend b = (Backend) o;
        return port == b.port && address.equals(b.address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, port);
    }

    @Override
    public String toString() {
        return "[" + address + "]:" + port;
    }
}
