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
package org.v6proxy.quic;

/**
 * Variable-length integers (RFC 9000 section 16): the two most significant bits of the first byte give the
 * length, 1, 2, 4 or 8 bytes, and the rest is the value in network byte order, up to 2^62 - 1.
 */
final class Varint {
    private static final int LENGTH_SHIFT = 6;
    private static final int VALUE_BITS_FIRST = 0x3f;

    private Varint() {
    }

    /**
     * Returns the encoded length of the varint whose first byte is {@code first}.
     *
     * @param first first byte
     * @return 1, 2, 4 or 8
     */
    static int length(byte first) {
        return 1 << ((first & 0xff) >>> LENGTH_SHIFT);
    }

    /**
     * Reads the varint at {@code b[p]}; the caller has checked that {@link #length} bytes are there.
     *
     * @param b buffer
     * @param p first byte
     * @return value, 0 to 2^62 - 1
     */
    static long value(byte[] b, int p) {
        int n = length(b[p]);
        long v = b[p] & VALUE_BITS_FIRST;
        for (int i = 1; i < n; i++) {
            v = (v << Byte.SIZE) | (b[p + i] & 0xff);
        }
        return v;
    }
}
