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

import org.v6proxy.packet.Bytes;

/**
 * One explicit address mapping (RFC 7757 section 3): an IPv4 prefix and an IPv6 prefix
 * with suffixes of equal length. An address under one prefix maps to the address under
 * the other with the same suffix bits. Immutable.
 *
 * <p>Because the suffixes are equally long, the IPv6 prefix is at least /96: the mapped
 * suffix always sits in the last 32 bits of the IPv6 address.</p>
 */
public final class Eam {

    private static final int V6_SUFFIX_OFFSET = 12;

    private final int v4Prefix;
    private final int v4Len;
    private final int hostMask;
    private final byte[] v6Prefix;
    private final int v6Len;
    private final String text;

    private Eam(Prefix v4, Prefix v6, String text) {
        this.v4Prefix = v4.v4();
        this.v4Len = v4.length();
        this.hostMask = v4Len == 0 ? -1 : (int) ((1L << (32 - v4Len)) - 1);
        this.v6Prefix = v6.bytes();
        this.v6Len = v6.length();
        this.text = v4 + "=" + v6;
    }

    /**
     * Parses "V4PREFIX=V6PREFIX", for example "198.51.100.0/24=2001:db8:6::/120".
     *
     * @param text mapping text
     * @return the mapping
     * @throws IllegalArgumentException naming the text if either prefix is invalid or the
     *                                  suffix lengths differ
     */
    public static Eam parse(String text) {
        if (text == null || text.indexOf('=') < 0) {
            throw new IllegalArgumentException("EAM must be V4PREFIX=V6PREFIX: '" + text + "'");
        }
        int eq = text.indexOf('=');
        Prefix v4 = Prefix.parse(text.substring(0, eq), false);
        Prefix v6 = Prefix.parse(text.substring(eq + 1), true);
        if (32 - v4.length() != 128 - v6.length()) {
            throw new IllegalArgumentException("EAM '" + text + "': suffix lengths differ ("
                    + (32 - v4.length()) + " vs " + (128 - v6.length()) + " bits)");
        }
        return new Eam(v4, v6, text);
    }

    /**
     * Returns the IPv4 prefix length.
     *
     * @return length in bits
     */
    public int v4Length() {
        return v4Len;
    }

    /**
     * Returns the IPv6 prefix length.
     *
     * @return length in bits
     */
    public int v6Length() {
        return v6Len;
    }

    /**
     * Tells whether an IPv4 address is under this mapping's IPv4 prefix.
     *
     * @param v4 address
     * @return true if it matches
     */
    public boolean matches4(int v4) {
        return (v4 & ~hostMask) == v4Prefix;
    }

    /**
     * Tells whether the IPv6 address at in[off..off+16) is under this mapping's IPv6 prefix.
     *
     * @param in  array
     * @param off offset of the address
     * @return true if it matches
     */
    public boolean matches6(byte[] in, int off) {
        for (int i = 0; i < V6_SUFFIX_OFFSET; i++) {
            if (in[off + i] != v6Prefix[i]) {
                return false;
            }
        }
        int low = Bytes.getInt(in, off + V6_SUFFIX_OFFSET);
        return (low & ~hostMask) == Bytes.getInt(v6Prefix, V6_SUFFIX_OFFSET);
    }

    /**
     * Writes the IPv6 address for v4; the caller checked {@link #matches4}.
     *
     * @param v4     address
     * @param out    destination
     * @param outOff offset of the 16 bytes
     */
    public void write6(int v4, byte[] out, int outOff) {
        System.arraycopy(v6Prefix, 0, out, outOff, V6_SUFFIX_OFFSET);
        Bytes.putInt(out, outOff + V6_SUFFIX_OFFSET,
                     Bytes.getInt(v6Prefix, V6_SUFFIX_OFFSET) | (v4 & hostMask));
    }

    /**
     * Returns the IPv4 address for an IPv6 address; the caller checked {@link #matches6}.
     *
     * @param in  array
     * @param off offset of the address
     * @return IPv4 address (unsigned)
     */
    public long read4(byte[] in, int off) {
        return (v4Prefix | (Bytes.getInt(in, off + V6_SUFFIX_OFFSET) & hostMask)) & 0xffffffffL;
    }

    @Override
    public String toString() {
        return text;
    }
}
