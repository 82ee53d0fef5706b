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

import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The translator's Fragment Identification generator (RFC 7915 section 5.1,
 * "Identification: Set according to a Fragment Identification generator at the
 * translator"), used for every IPv4 packet it sends with DF clear that did not
 * come with an IPv6 Fragment Header.
 *
 * <p>RFC 7739 section 5 warns that one global counter leaks the translator's
 * traffic rate and makes identifications predictable to off-path attackers,
 * and that a per-destination counter costs state. This generator is the
 * hashed-counters scheme of RFC 7739 section 5.3: a keyed hash of (source,
 * destination, protocol) picks one of {@value #BUCKETS} counters, each starting at
 * a random value; within a bucket, identifications advance by one, so a pair of
 * hosts does not see a value repeat before 65536 of its own datagrams (RFC 6864
 * section 4.1's rule for non-atomic datagrams within one MSL). Thread-safe and
 * allocation-free.</p>
 */
public final class FragmentIds {

    /** Counters; a power of two (RFC 7739 section 5.3 suggests a table of 2^n counters). */
    public static final int BUCKETS = 4096;

    private static final int LOW16 = 0xffff;
    private static final int GOLDEN = 0x9e3779b9;
    private static final int MIX1 = 0x85ebca6b;
    private static final int MIX2 = 0xc2b2ae35;
    private static final int SHIFT1 = 16;
    private static final int SHIFT2 = 13;

    private final AtomicIntegerArray counters = new AtomicIntegerArray(BUCKETS);
    private final int key;

    /** Creates a generator with a secret key and counter offsets from a {@link SecureRandom}. */
    public FragmentIds() {
        this(new SecureRandom());
    }

    /**
     * Creates a generator whose key and counter offsets come from rnd (a seeded
     * {@link Random} gives reproducible identifications, for tests).
     *
     * @param rnd source of the key and the offsets
     */
    public FragmentIds(Random rnd) {
        this.key = rnd.nextInt();
        for (int i = 0; i < BUCKETS; i++) {
            counters.set(i, rnd.nextInt());
        }
    }

    /**
     * Returns the next identification for a datagram from src to dst.
     *
     * @param src   IPv4 source
     * @param dst   IPv4 destination
     * @param proto IPv4 protocol
     * @return identification, 0..65535
     */
    public int next(int src, int dst, int proto) {
        return counters.getAndIncrement(bucket(src, dst, proto)) & LOW16;
    }

    /** A keyed 32-bit mix (murmur3's finaliser) of the three fields; the key keeps buckets unpredictable. */
    private int bucket(int src, int dst, int proto) {
        int h = key ^ src;
        h = h * GOLDEN ^ dst;
        h = h * GOLDEN ^ proto;
        h ^= h >>> SHIFT1;
        h *= MIX1;
        h ^= h >>> SHIFT2;
        h *= MIX2;
        h ^= h >>> SHIFT1;
        return h & (BUCKETS - 1);
    }
}
