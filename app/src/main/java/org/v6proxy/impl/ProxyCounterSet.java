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

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * This instance's live counters; increments never allocate.
 */
final class ProxyCounterSet {
    private final LongAdder[] packets = adders(Direction.values().length);
    private final LongAdder[] bytes = adders(Direction.values().length);
    private final LongAdder[] drops = adders(DropReason.values().length);

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    void translated(Direction d, int ipBytes) {
        packets[d.ordinal()].increment();
        bytes[d.ordinal()].add(ipBytes);
    }

    void drop(DropReason r) {
        drops[r.ordinal()].increment();
    }

    long drops(DropReason r) {
        return drops[r.ordinal()].sum();
    }

    ProxyCounters snapshot() {
        long[] p = new long[packets.length];
        long[] b = new long[bytes.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = packets[i].sum();
            b[i] = bytes[i].sum();
        }
        Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            d.put(r, drops[r.ordinal()].sum());
        }
        return new ProxyCounters(p, b, d);
    }

    void reset() {
        for (LongAdder a : packets) {
            a.reset();
        }
        for (LongAdder a : bytes) {
            a.reset();
        }
        for (LongAdder a : drops) {
            a.reset();
        }
    }
}
