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

/**
 * Address classes the translator must not forward or answer (RFC 1812 sections 4.3.2.7
 * and 5.3.7, RFC 4443 section 2.4 (e), RFC 4291 section 2.5).
 */
final class AddrCheck {

    private static final int V4_FIRST_MULTICAST_OCTET = 224;
    private static final int V6_MULTICAST_OCTET = 0xff;

    private AddrCheck() {
    }

    /**
     * RFC 1812 section 5.3.7: a source that identifies one host: not 0.0.0.0/8, not
     * 127.0.0.0/8, not class D (multicast) or E (including 255.255.255.255).
     *
     * @param a IPv4 address
     * @return true if acceptable as a source
     */
    static boolean unicastSource4(int a) {
        int first = a >>> 24;
        return first != 0 && first != 127 && first < V4_FIRST_MULTICAST_OCTET;
    }

    /**
     * Multicast, class E or limited broadcast destination (no ICMP errors about those).
     *
     * @param a IPv4 address
     * @return true for 224.0.0.0/3
     */
    static boolean multicastOrBroadcast4(int a) {
        return a >>> 24 >= V4_FIRST_MULTICAST_OCTET;
    }

    /**
     * RFC 4291: a source that identifies one interface: not multicast, not :: and not ::1.
     *
     * @param b   array
     * @param off offset of the address
     * @return true if acceptable as a source
     */
    static boolean unicastSource6(byte[] b, int off) {
        if ((b[off] & 0xff) == V6_MULTICAST_OCTET) {
            return false;
        }
        for (int i = 0; i < 15; i++) {
            if (b[off + i] != 0) {
                return true;
            }
        }
        return b[off + 15] != 0 && b[off + 15] != 1;
    }

    /**
     * IPv6 multicast (ff00::/8).
     *
     * @param b   array
     * @param off offset of the address
     * @return true if multicast
     */
    static boolean multicast6(byte[] b, int off) {
        return (b[off] & 0xff) == V6_MULTICAST_OCTET;
    }
}
