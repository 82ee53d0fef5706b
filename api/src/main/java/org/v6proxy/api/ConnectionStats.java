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

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Traffic of one connection as seen by the answering instance: translated
 * packets and bytes per direction, and when the last packet passed.
 * Node-local (never written to the distributed store). Immutable.
 */
public final class ConnectionStats {
    private final long[] packets;
    private final long[] bytes;
    private final long idleMillis;

    /**
     * Creates stats.
     *
     * @param packets packets indexed by {@link Direction#ordinal()}
     * @param bytes IP bytes indexed likewise
     * @param idleMillis time since the last packet on this instance, or -1 if none passed here
     */
    public ConnectionStats(long[] packets, long[] bytes, long idleMillis) {
        checkArgument(packets.length == Direction.values().length && bytes.length == packets.length,
                      "one counter per direction");
        this.packets = packets.clone();
        this.bytes = bytes.clone();
        this.idleMillis = idleMillis;
    }

    /**
     * Returns packets in one direction.
     *
     * @param d direction
     * @return count
     */
    public long packets(Direction d) {
        return packets[d.ordinal()];
    }

    /**
     * Returns IP bytes in one direction.
     *
     * @param d direction
     * @return count
     */
    public long bytes(Direction d) {
        return bytes[d.ordinal()];
    }

    /**
     * Returns the time since the last packet passed this instance.
     *
     * @return milliseconds, or -1 if none did
     */
    public long idleMillis() {
        return idleMillis;
    }

    @Override
    public String toString() {
        return "ConnectionStats{c2b=" + packets[0] + "p/" + bytes[0] + "B, b2c=" + packets[1] + "p/" + bytes[1]
                + "B, idleMillis=" + idleMillis + "}";
    }
}
