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
package org.v6proxy.testbed.fabric;

import java.util.Arrays;

/**
 * The learning switch's MAC address table: MAC to port. Lookups are lock-free on an
 * immutable snapshot; learning copies the (small) table only when something changes, so a
 * steady flow of frames costs a short scan and no allocation.
 */
final class MacTable {

    /** More hosts than this on a four-port testbed means something floods random MACs. */
    static final int CAPACITY = 1024;

    private static final Snapshot EMPTY = new Snapshot(new long[0], new int[0]);

    private volatile Snapshot snapshot = EMPTY;

    private static final class Snapshot {
        final long[] macs;
        final int[] ports;

        Snapshot(long[] macs, int[] ports) {
            this.macs = macs;
            this.ports = ports;
        }
    }

    /**
     * Returns the port a MAC was last seen on.
     *
     * @param mac MAC as the low 48 bits
     * @return port number, or -1 when unknown
     */
    int lookup(long mac) {
        Snapshot s = snapshot;
        long[] macs = s.macs;
        for (int i = 0; i < macs.length; i++) {
            if (macs[i] == mac) {
                return s.ports[i];
            }
        }
        return -1;
    }

    /**
     * Records that a MAC was seen on a port.
     *
     * @param mac MAC as the low 48 bits
     * @param port port number
     */
    void learn(long mac, int port) {
        if (lookup(mac) == port) {
            return;
        }
        synchronized (this) {
            Snapshot s = snapshot;
            int n = s.macs.length;
            for (int i = 0; i < n; i++) {
                if (s.macs[i] == mac) {
                    int[] ports = s.ports.clone();
                    ports[i] = port;
                    snapshot = new Snapshot(s.macs, ports);
                    return;
                }
            }
            if (n >= CAPACITY) {
                // Start over rather than grow without bound; unknown MACs are flooded meanwhile.
                s = EMPTY;
                n = 0;
            }
            long[] macs = Arrays.copyOf(s.macs, n + 1);
            int[] ports = Arrays.copyOf(s.ports, n + 1);
            macs[n] = mac;
            ports[n] = port;
            snapshot = new Snapshot(macs, ports);
        }
    }

    /**
     * Returns the number of MACs known.
     *
     * @return count
     */
    int size() {
        return snapshot.macs.length;
    }

    /**
     * Reads a MAC from a frame.
     *
     * @param frame frame bytes
     * @param off offset of the MAC's first byte
     * @return the MAC as the low 48 bits of a long
     */
    static long mac(byte[] frame, int off) {
        return (frame[off] & 0xffL) << 40 | (frame[off + 1] & 0xffL) << 32 | (frame[off + 2] & 0xffL) << 24
                | (frame[off + 3] & 0xffL) << 16 | (frame[off + 4] & 0xffL) << 8 | (frame[off + 5] & 0xffL);
    }
}
