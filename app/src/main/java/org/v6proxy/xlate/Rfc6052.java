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
 * IPv4-embedded IPv6 addresses (RFC 6052 section 2.2).
 *
 * <pre>
 * +--+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+
 * |PL| 0-------------32--40--48--56--64--72--80--88--96--104---------|
 * +--+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+
 * |32|     prefix    |v4(32)         | u | suffix                    |
 * |40|     prefix        |v4(24)     | u |(8)| suffix                |
 * |48|     prefix            |v4(16) | u | (16)  | suffix            |
 * |56|     prefix                |(8)| u |  v4(24)   | suffix        |
 * |64|     prefix                    | u |   v4(32)      | suffix    |
 * |96|     prefix                                    |    v4(32)     |
 * +--+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+
 * </pre>
 * Bits 64..71 (the "u" octet, byte 8) are zero; the suffix is written as zero and
 * ignored on extraction (RFC 6052 section 2.2).
 */
public final class Rfc6052 {

    /** Index of the u-octet (bits 64..71). */
    static final int U_OCTET = 8;

    private Rfc6052() {
    }

    /**
     * Tells whether a prefix length is one RFC 6052 allows: 32, 40, 48, 56, 64 or 96.
     *
     * @param prefixLen prefix length in bits
     * @return true if allowed
     */
    public static boolean validLength(int prefixLen) {
        return prefixLen == 32 || prefixLen == 40 || prefixLen == 48 || prefixLen == 56
                || prefixLen == 64 || prefixLen == 96;
    }

    /**
     * Writes the IPv4-embedded IPv6 address of v4 under the prefix.
     *
     * @param prefix    16 bytes whose first prefixLen bits are the prefix
     * @param prefixLen 32, 40, 48, 56, 64 or 96
     * @param v4        IPv4 address
     * @param out       destination
     * @param outOff    offset of the 16 bytes in out
     * @return false (and nothing written) if prefixLen is not allowed
     */
    public static boolean embed(byte[] prefix, int prefixLen, int v4, byte[] out, int outOff) {
        if (!validLength(prefixLen)) {
            return false;
        }
        int p = prefixLen >>> 3;
        System.arraycopy(prefix, 0, out, outOff, p);
        int shift = 24;
        for (int i = p; i < 16; i++) {
            if (i == U_OCTET || shift < 0) {
                out[outOff + i] = 0;                     // u-octet and suffix are zero
            } else {
                out[outOff + i] = (byte) (v4 >>> shift);
                shift -= 8;
            }
        }
        return true;
    }

    /**
     * Extracts the IPv4 address embedded in an IPv6 address.
     *
     * @param prefix    16 bytes whose first prefixLen bits are the prefix
     * @param prefixLen 32, 40, 48, 56, 64 or 96
     * @param in        array holding the IPv6 address
     * @param off       offset of the address
     * @return the IPv4 address (unsigned), or -1 if the address is not under the prefix,
     *         its u-octet is not zero, or prefixLen is not allowed
     */
    public static long extract(byte[] prefix, int prefixLen, byte[] in, int off) {
        if (!validLength(prefixLen)) {
            return -1;
        }
        int p = prefixLen >>> 3;
        for (int i = 0; i < p; i++) {
            if (in[off + i] != prefix[i]) {
                return -1;
            }
        }
        return embedded(prefixLen, in, off);
    }

    /**
     * Extracts the IPv4 address embedded in an IPv6 address known to lie under
     * a prefix of the given length (the caller has compared the prefix).
     *
     * @param prefixLen 32, 40, 48, 56, 64 or 96
     * @param in        array holding the IPv6 address
     * @param off       offset of the address
     * @return the IPv4 address (unsigned), or -1 if the u-octet is not zero or prefixLen is not allowed
     */
    public static long embedded(int prefixLen, byte[] in, int off) {
        if (!validLength(prefixLen) || in[off + U_OCTET] != 0) {
            return -1;
        }
        int p = prefixLen >>> 3;
        long v4 = 0;
        int n = 0;
        for (int i = p; n < 4; i++) {
            if (i != U_OCTET) {
                v4 = v4 << 8 | (in[off + i] & 0xff);
                n++;
            }
        }
        return v4;
    }
}
