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
package org.v6proxy.impl;

import org.v6proxy.api.Direction;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.ProxyCounters;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * This instance's live counters; increments never allocate. Translated
 * packets and bytes are not counted here on the per-packet path: each
 * connection entry counts its own (see {@link ConnectionEntry#touch}) and a
 * snapshot adds them up, which saves two atomic increments per packet.
 */
final class ProxyCounterSet {
    private static final int DIRECTIONS = Direction.values().length;

    private final TrafficSource traffic;
    private final LongAdder[] drops = adders(DropReason.values().length);
    /** Traffic totals at the last reset (guarded by this). */
    private final long[] packetsAtReset = new long[DIRECTIONS];
    private final long[] bytesAtReset = new long[DIRECTIONS];

    /** Where the translated traffic is counted. */
    interface TrafficSource {
        /**
         * Adds packets and IP bytes translated so far, per direction ordinal.
         *
         * @param packets added to
         * @param bytes added to
         */
        void addTraffic(long[] packets, long[] bytes);
    }

    /**
     * Creates the counters.
     *
     * @param traffic where translated traffic is counted
     */
    ProxyCounterSet(TrafficSource traffic) {
        this.traffic = traffic;
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    void drop(DropReason r) {
        drops[r.ordinal()].increment();
    }

    long drops(DropReason r) {
        return drops[r.ordinal()].sum();
    }

    synchronized ProxyCounters snapshot() {
        long[] p = new long[DIRECTIONS];
        long[] b = new long[DIRECTIONS];
        traffic.addTraffic(p, b);
        for (int i = 0; i < DIRECTIONS; i++) {
            p[i] = Math.max(0, p[i] - packetsAtReset[i]);
            b[i] = Math.max(0, b[i] - bytesAtReset[i]);
        }
        Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            d.put(r, drops[r.ordinal()].sum());
        }
        return new ProxyCounters(p, b, d);
    }

    synchronized void reset() {
        Arrays.fill(packetsAtReset, 0);
        Arrays.fill(bytesAtReset, 0);
        traffic.addTraffic(packetsAtReset, bytesAtReset);
        for (LongAdder a : drops) {
            a.reset();
        }
    }
}
