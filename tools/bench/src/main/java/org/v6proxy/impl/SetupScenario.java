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

/**
 * One way of setting connections up, for one implementation and one
 * service mode: {@link #next()} runs every segment from a client's SYN up to
 * the first data segment delivered toward the backend, on the next of a
 * fixed ring of client ports. Before a port is reused its previous
 * connection is removed the way the app ends one (the store removal the
 * reaper does after teardown), so the table holds a steady population of
 * ring-size connections and each operation pays for one connection's whole
 * life in the tables.
 *
 * <p>Modes: {@code l4} ({@link L4SetupScenario}: SYN, backend's SYN-ACK,
 * ACK, data, each translated) and {@code http} ({@link HttpSetupScenario},
 * delayed binding: SYN answered by the proxy's SYN-ACK, ACK, the client's
 * request sniffed for its Host, SYN to the chosen backend, backend's
 * SYN-ACK, the held request replayed).
 */
abstract class SetupScenario {
    private final boolean[] used;
    private int next;

    /**
     * Creates a scenario over a ring of client ports.
     *
     * @param ring number of client ports used in turn
     */
    SetupScenario(int ring) {
        used = new boolean[ring];
    }

    /**
     * Creates the scenario for a mode.
     *
     * @param mode service mode ("l4" or "http")
     * @param rig the implementations
     * @param v6proxy true for v6proxy, false for the org.onlab.packet implementation
     * @param ring number of client ports used in turn
     * @return scenario
     * @throws IllegalArgumentException for a mode without a scenario
     */
    static SetupScenario create(String mode, BenchRig rig, boolean v6proxy, int ring) {
        if ("l4".equals(mode)) {
            return new L4SetupScenario(rig, v6proxy, ring);
        }
        if ("http".equals(mode)) {
            return new HttpSetupScenario(rig, v6proxy, ring);
        }
        throw new IllegalArgumentException("no setup scenario for mode " + mode);
    }

    /**
     * Sets the next connection up (removing the previous one on its port).
     *
     * @return the first data frame delivered toward the backend, or null if none was
     */
    final byte[] next() {
        int slot = next;
        next = next + 1 == used.length ? 0 : next + 1;
        if (used[slot]) {
            remove(slot);
        }
        used[slot] = true;
        return open(slot);
    }

    /**
     * Runs one connection's setup segments.
     *
     * @param slot client port slot
     * @return the first data frame delivered toward the backend, or null
     */
    abstract byte[] open(int slot);

    /**
     * Removes the connection of a slot.
     *
     * @param slot client port slot
     */
    abstract void remove(int slot);
}
