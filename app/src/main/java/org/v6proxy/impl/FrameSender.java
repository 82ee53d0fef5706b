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

import org.onosproject.net.ConnectPoint;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.packet.DefaultOutboundPacket;
import org.onosproject.net.packet.PacketService;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Emits finished frames as packet-outs. One treatment per output port is
 * built once and reused; the usual small port numbers find theirs in an
 * array (a hash map lookup is a measurable part of a 100 ns packet path).
 */
final class FrameSender {
    private static final int SMALL_PORTS = 1024;

    private final PacketService packetService;
    private final ConcurrentMap<PortNumber, TrafficTreatment> treatments = new ConcurrentHashMap<>();
    // Racy by design: treatments are immutable (final fields), a lost store only rebuilds one.
    private final TrafficTreatment[] smallPorts = new TrafficTreatment[SMALL_PORTS];

    FrameSender(PacketService packetService) {
        this.packetService = packetService;
    }

    /**
     * Sends a frame out of a port.
     *
     * @param where device and output port
     * @param frame the whole Ethernet frame
     */
    void send(ConnectPoint where, byte[] frame) {
        TrafficTreatment t = treatment(where.port());
        packetService.emit(new DefaultOutboundPacket(where.deviceId(), t, ByteBuffer.wrap(frame)));
    }

    private TrafficTreatment treatment(PortNumber port) {
        long n = port.toLong();
        if (n >= 0 && n < SMALL_PORTS && !port.hasName()) {
            TrafficTreatment t = smallPorts[(int) n];
            if (t == null) {
                t = DefaultTrafficTreatment.builder().setOutput(port).build();
                smallPorts[(int) n] = t;
            }
            return t;
        }
        TrafficTreatment t = treatments.get(port);
        if (t == null) {
            t = treatments.computeIfAbsent(port, p -> DefaultTrafficTreatment.builder().setOutput(p).build());
        }
        return t;
    }
}
