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

import org.v6proxy.l7.TlsSniSniffer;

import java.util.Arrays;

/**
 * The client's Initial CRYPTO stream put back together from CRYPTO frames that may arrive in any order, repeat
 * or overlap (RFC 9000 section 19.6: the stream is ordered by offset, like a TCP stream; RFC 9001 section 4.1.3:
 * it carries the TLS handshake messages without TLS records). Only the first {@link #MAX_CRYPTO_BYTES} bytes are
 * kept, which is where the ClientHello must end. What has arrived is a short sorted list of disjoint ranges; the
 * buffer grows by doubling up to the limit. Not thread-safe.
 */
final class CryptoStream {
    /**
     * Bytes of the CRYPTO stream within which the ClientHello must end: the same bound as the TLS sniffer's
     * ({@link TlsSniSniffer#MAX_CLIENT_HELLO_BYTES}, one TLS record's 2^14), far above the 1.5-2 KB of a ClientHello
     * with a post-quantum key share.
     */
    static final int MAX_CRYPTO_BYTES = TlsSniSniffer.MAX_CLIENT_HELLO_BYTES;
    /**
     * Disjoint ranges kept at most. Each CRYPTO frame adds at most one; a ClientHello split over a few Initial
     * packets makes two or three. More holes than this is not a client's first flight: the stream is refused.
     */
    static final int MAX_RANGES = 32;
    private static final int FIRST_CAPACITY = 2048;

    private byte[] buf;
    /** Range i is [starts[i], ends[i]); sorted, disjoint, not adjacent. */
    private final int[] starts = new int[MAX_RANGES];
    private final int[] ends = new int[MAX_RANGES];
    private int ranges;

    /**
     * Adds the data of one CRYPTO frame. Bytes at or beyond {@link #MAX_CRYPTO_BYTES} are not kept.
     *
     * @param offset stream offset of the first byte (already checked to be below 2^62)
     * @param b buffer
     * @param p first data byte
     * @param len data length
     * @return false if the stream has too many holes to be kept
     */
    boolean add(long offset, byte[] b, int p, int len) {
        if (offset >= MAX_CRYPTO_BYTES || len == 0) {
            return true;
        }
        int from = (int) offset;
        int to = (int) Math.min(offset + len, MAX_CRYPTO_BYTES);
        ensure(to);
        // A retransmission carries the same bytes; the copy that arrives last is kept.
        System.arraycopy(b, p, buf, from, to - from);
        return addRange(from, to);
    }

    private void ensure(int size) {
        if (buf == null) {
            buf = new byte[Math.min(MAX_CRYPTO_BYTES, Math.max(FIRST_CAPACITY, Integer.highestOneBit(size - 1) << 1))];
        } else if (buf.length < size) {
            int cap = buf.length;
            while (cap < size) {
                cap <<= 1;
            }
            buf = Arrays.copyOf(buf, Math.min(cap, MAX_CRYPTO_BYTES));
        }
    }

    /** Merges [from, to) into the sorted range list. */
    private boolean addRange(int from, int to) {
        int i = 0;
        while (i < ranges && ends[i] < from) {
            i++;
        }
        int j = i;
        int lo = from;
        int hi = to;
        while (j < ranges && starts[j] <= to) {
            lo = Math.min(lo, starts[j]);
            hi = Math.max(hi, ends[j]);
            j++;
        }
        int merged = j - i;
        if (merged == 0 && ranges == MAX_RANGES) {
            return false;
        }
        // Replace ranges [i, j) by one.
        int shift = 1 - merged;
        if (shift != 0) {
            System.arraycopy(starts, j, starts, j + shift, ranges - j);
            System.arraycopy(ends, j, ends, j + shift, ranges - j);
            ranges += shift;
        }
        starts[i] = lo;
        ends[i] = hi;
        return true;
    }

    /**
     * Returns how many bytes from offset 0 have arrived without a gap.
     *
     * @return contiguous length
     */
    int contiguous() {
        return ranges > 0 && starts[0] == 0 ? ends[0] : 0;
    }

    /**
     * Returns the buffer holding the stream from offset 0 (valid up to {@link #contiguous()}).
     *
     * @return buffer, or null if nothing arrived
     */
    byte[] bytes() {
        return buf;
    }

    /**
     * Returns how many disjoint ranges have arrived.
     *
     * @return range count
     */
    int ranges() {
        return ranges;
    }
}
