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
package org.v6proxy.xlate;

import com.google.common.net.InetAddresses;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 prefix parsed from "address/length" (configuration only, never on the
 * per-packet path). The address bits beyond the length must be zero.
 */
final class Prefix {

    private final byte[] bytes;
    private final int length;

    private Prefix(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /**
     * Parses "address/length"; a bare address is a full-length prefix.
     *
     * @param text   prefix text
     * @param ipv6   true for an IPv6 prefix, false for IPv4
     * @return the prefix
     * @throws IllegalArgumentException with a message naming the text if it is invalid
     */
    static Prefix parse(String text, boolean ipv6) {
        if (text == null) {
            throw new IllegalArgumentException("missing " + (ipv6 ? "IPv6" : "IPv4") + " prefix");
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        InetAddress a;
        try {
            a = InetAddresses.forString(addr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address: '" + addr + "' in '" + text + "'", e);
        }
        if (ipv6 && !(a instanceof Inet6Address) || !ipv6 && !(a instanceof Inet4Address)) {
            throw new IllegalArgumentException("'" + text + "' is not an " + (ipv6 ? "IPv6" : "IPv4") + " prefix");
        }
        int max = ipv6 ? 128 : 32;
        int len = max;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'", e);
            }
        }
        if (len < 0 || len > max) {
            throw new IllegalArgumentException("prefix length out of range 0.." + max + " in '" + text + "'");
        }
        byte[] b = a.getAddress();
        for (int bit = len; bit < max; bit++) {
            if ((b[bit >>> 3] & (0x80 >>> (bit & 7))) != 0) {
                throw new IllegalArgumentException("'" + text + "' has bits set beyond /" + len);
            }
        }
        return new Prefix(b, len);
    }

    /**
     * Returns a copy of the address bytes (4 or 16).
     *
     * @return address bytes
     */
    byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Returns the address as an int (IPv4 only).
     *
     * @return address
     */
    int v4() {
        return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
    }

    /**
     * Returns the prefix length.
     *
     * @return length in bits
     */
    int length() {
        return length;
    }

    @Override
    public String toString() {
        try {
            return InetAddresses.toAddrString(InetAddress.getByAddress(bytes)) + "/" + length;
        } catch (java.net.UnknownHostException e) {
            return Arrays.toString(bytes) + "/" + length;
        }
    }
}
