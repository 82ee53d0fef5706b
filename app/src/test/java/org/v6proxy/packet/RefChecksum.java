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
package org.v6proxy.packet;

import java.io.ByteArrayOutputStream;

/**
 * Test-only reference Internet checksum, written independently of {@link Checksum}: it
 * concatenates the covered bytes and reduces the plain integer total modulo 0xffff
 * (one's complement addition is addition modulo 2^16 - 1, with 0xffff standing for a
 * non-zero multiple).
 */
public final class RefChecksum {

    private RefChecksum() {
    }

    /**
     * Checksum over the concatenation of the given parts.
     *
     * @param parts byte arrays, concatenated in order
     * @return checksum field value
     */
    public static int of(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.write(p, 0, p.length);
        }
        byte[] d = all.toByteArray();
        long total = 0;
        for (int i = 0; i < d.length; i += 2) {
            int hi = d[i] & 0xff;
            int lo = i + 1 < d.length ? d[i + 1] & 0xff : 0;
            total += hi * 256 + lo;
        }
        long s = total % 0xffff;
        if (s == 0 && total != 0) {
            s = 0xffff;
        }
        return (int) (~s & 0xffff);
    }

    /**
     * Checksum over a slice, with the 16-bit field at csumOff (relative to off) taken as zero.
     *
     * @param b       data
     * @param off     start
     * @param len     length
     * @param csumOff offset of the checksum field relative to off, or -1
     * @param prefix  bytes covered before the slice (a pseudo-header), may be empty
     * @return checksum field value
     */
    public static int slice(byte[] b, int off, int len, int csumOff, byte[] prefix) {
        byte[] s = java.util.Arrays.copyOfRange(b, off, off + len);
        if (csumOff >= 0) {
            s[csumOff] = 0;
            s[csumOff + 1] = 0;
        }
        return of(prefix, s);
    }

    /**
     * IPv4 pseudo-header bytes.
     *
     * @param b     array holding source then destination (8 bytes)
     * @param off   offset of the source address
     * @param proto protocol
     * @param len   upper-layer length
     * @return 12 bytes
     */
    public static byte[] pseudo4(byte[] b, int off, int proto, int len) {
        byte[] p = new byte[12];
        System.arraycopy(b, off, p, 0, 8);
        p[9] = (byte) proto;
        p[10] = (byte) (len >> 8);
        p[11] = (byte) len;
        return p;
    }

    /**
     * IPv6 pseudo-header bytes.
     *
     * @param b     array holding source then destination (32 bytes)
     * @param off   offset of the source address
     * @param nh    next header
     * @param len   upper-layer length
     * @return 40 bytes
     */
    public static byte[] pseudo6(byte[] b, int off, int nh, int len) {
        byte[] p = new byte[40];
        System.arraycopy(b, off, p, 0, 32);
        p[34] = (byte) (len >> 8);
        p[35] = (byte) len;
        p[39] = (byte) nh;
        return p;
    }

    /**
     * Parses hex (whitespace and comments after '#' up to end of line ignored).
     *
     * @param s hex text
     * @return bytes
     */
    public static byte[] hex(String s) {
        StringBuilder clean = new StringBuilder();
        for (String line : s.split("\n")) {
            int hash = line.indexOf('#');
            clean.append(hash >= 0 ? line.substring(0, hash) : line);
        }
        String h = clean.toString().replaceAll("[^0-9a-fA-F]", "");
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
