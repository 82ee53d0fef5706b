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
package org.v6proxy.fuzz;

/**
 * Reference checks the fuzz targets hold the code under test to, written from the RFCs
 * and independent of the app's own helpers (a bug there must not hide a bug here).
 */
final class Ref {

    private Ref() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | b[off + 1] & 0xff;
    }

    /** RFC 1071 one's complement sum of b[off, off+len), folded to 16 bits, starting at init. */
    static int sum(int init, byte[] b, int off, int len) {
        long acc = init;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            acc += u16(b, off + i);
        }
        if (i < len) {
            acc += (b[off + i] & 0xff) << 8;
        }
        while (acc > 0xffff) {
            acc = (acc & 0xffff) + (acc >>> 16);
        }
        return (int) acc;
    }

    /** The IPv4 pseudo-header sum (RFC 793 / 768) for an L4 segment of the packet at ip. */
    static int pseudo4(byte[] b, int ip, int proto, int l4Len) {
        return sum(sum(0, b, ip + 12, 8) + proto + l4Len, new byte[0], 0, 0);
    }

    /** The IPv6 pseudo-header sum (RFC 8200 section 8.1). */
    static int pseudo6(byte[] b, int ip, int proto, int l4Len) {
        return sum(sum(0, b, ip + 8, 32) + proto + (l4Len >>> 16) + (l4Len & 0xffff), new byte[0], 0, 0);
    }

    /** True if the IPv4 header at ip verifies (its sum with the checksum included is 0xffff). */
    static boolean ip4HeaderOk(byte[] b, int ip) {
        int ihl = (b[ip] & 0x0f) * 4;
        return ihl >= 20 && ip + ihl <= b.length && sum(0, b, ip, ihl) == 0xffff;
    }

    /** True if the L4 checksum of an IPv4 packet's L4 part verifies (ICMP: no pseudo-header). */
    static boolean l4Ok4(byte[] b, int ip, int l4, int l4Len, int proto) {
        int init = proto == 1 ? 0 : pseudo4(b, ip, proto, l4Len);
        return sum(init, b, l4, l4Len) == 0xffff;
    }

    /** True if the L4 checksum (TCP, UDP, ICMPv6) of an IPv6 packet verifies. */
    static boolean l4Ok6(byte[] b, int ip, int l4, int l4Len, int proto) {
        return sum(pseudo6(b, ip, proto, l4Len), b, l4, l4Len) == 0xffff;
    }

    /** Throws an AssertionError with the message if the condition is false. */
    static void check(boolean ok, String what, Object... details) {
        if (!ok) {
            StringBuilder sb = new StringBuilder(what);
            for (Object d : details) {
                sb.append(' ').append(d);
            }
            throw new AssertionError(sb.toString());
        }
    }

    static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = off; i < off + len && i < b.length; i++) {
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }
}
