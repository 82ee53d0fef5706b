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
package org.v6proxy.api;

import com.google.common.collect.ImmutableMap;

import java.util.EnumMap;
import java.util.Map;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A snapshot of the proxy's counters: translated packets and bytes per
 * direction and one counter per drop reason. Immutable.
 */
public final class ProxyCounters {
    private final long[] packets;
    private final long[] bytes;
    private final Map<DropReason, Long> drops;

    /**
     * Creates a snapshot.
     *
     * @param packets translated packets indexed by {@link Direction#ordinal()}
     * @param bytes translated bytes (IP packet lengths as received) indexed likewise
     * @param drops drops per reason; missing reasons count as zero
     */
    public ProxyCounters(long[] packets, long[] bytes, Map<DropReason, Long> drops) {
        checkArgument(packets.length == Direction.values().length && bytes.length == packets.length,
                      "one counter per direction");
        this.packets = packets.clone();
        this.bytes = bytes.clone();
        EnumMap<DropReason, Long> all = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            all.put(r, drops.getOrDefault(r, 0L));
        }
        this.drops = ImmutableMap.copyOf(all);
    }

    /**
     * Returns the translated packets in one direction.
     *
     * @param direction direction
     * @return count
     */
    public long packets(Direction direction) {
        return packets[direction.ordinal()];
    }

    /**
     * Returns the translated bytes in one direction.
     *
     * @param direction direction
     * @return count
     */
    public long bytes(Direction direction) {
        return bytes[direction.ordinal()];
    }

    /**
     * Returns the drops of one reason.
     *
     * @param reason reason
     * @return count
     */
    public long drops(DropReason reason) {
        return drops.get(reason);
    }

    /**
     * Returns every drop reason with its count, in declaration order.
     *
     * @return map
     */
    public Map<DropReason, Long> drops() {
        return drops;
    }

    /**
     * Returns the sum of all drops.
     *
     * @return count
     */
    public long totalDrops() {
        return drops.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        return "ProxyCounters{packets4to6=" + packets[0] + ", packets6to4=" + packets[1]
                + ", drops=" + totalDrops() + "}";
    }
}
