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

import org.onlab.packet.Ip4Address;
import org.onosproject.net.ConnectPoint;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.Protocol;

/**
 * l4 setup: the client's SYN, the backend's SYN-ACK, the client's ACK and
 * its first data segment (64 bytes), each translated and emitted.
 */
final class L4SetupScenario extends SetupScenario {
    private static final int FIRST_PORT = 20000;
    private static final int REQUEST_BYTES = 64;

    private final BenchRig rig;
    private final boolean v6proxy;
    private final byte[][][] frames;
    private final ConnectionKey[] keys;
    private static final ConnectPoint[] FROM = {BenchRig.CLIENT_AT, BenchRig.BACKEND_AT, BenchRig.CLIENT_AT,
        BenchRig.CLIENT_AT};

    /**
     * Builds the frames of every slot.
     *
     * @param rig the implementations
     * @param v6proxy true for v6proxy, false for the org.onlab.packet implementation
     * @param ring number of client ports used in turn
     */
    L4SetupScenario(BenchRig rig, boolean v6proxy, int ring) {
        super(ring);
        this.rig = rig;
        this.v6proxy = v6proxy;
        frames = new byte[ring][][];
        keys = new ConnectionKey[ring];
        byte[] request = BenchFrames.payload(REQUEST_BYTES, 3);
        int c = BenchRig.CLIENT4;
        for (int i = 0; i < ring; i++) {
            int port = FIRST_PORT + i;
            frames[i] = new byte[][] {BenchFrames.clientSyn(c, port), BenchFrames.backendSynAck(c, port),
                BenchFrames.clientAck(c, port), BenchFrames.clientData(c, port, request)};
            keys[i] = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf(c), port,
                                        Ip4Address.valueOf(BenchRig.VIP4), BenchRig.SERVICE_PORT);
        }
    }

    @Override
    byte[] open(int slot) {
        byte[][] f = frames[slot];
        rig.pkt.clear();
        for (int i = 0; i < f.length; i++) {
            if (v6proxy) {
                rig.processor.handle(f[i], 0, f[i].length, FROM[i]);
            } else {
                rig.onlab.process(f[i], FROM[i]);
            }
        }
        return rig.pkt.lastFrame();
    }

    @Override
    void remove(int slot) {
        if (v6proxy) {
            rig.store.remove(keys[slot]);
        } else {
            rig.onlab.remove(keys[slot]);
        }
    }
}
