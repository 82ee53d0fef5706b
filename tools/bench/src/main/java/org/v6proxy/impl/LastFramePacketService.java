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

import org.onosproject.net.packet.OutboundPacket;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketServiceAdapter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A packet service whose emit() only keeps the last packet: what a
 * benchmark needs to consume the output without adding work of its own.
 */
final class LastFramePacketService extends PacketServiceAdapter {
    final List<PacketProcessor> processors = new CopyOnWriteArrayList<>();
    private OutboundPacket last;
    private long emitted;

    @Override
    public void addProcessor(PacketProcessor processor, int priority) {
        processors.add(processor);
    }

    @Override
    public void removeProcessor(PacketProcessor processor) {
        processors.remove(processor);
    }

    @Override
    public void emit(OutboundPacket packet) {
        last = packet;
        emitted++;
    }

    /**
     * Returns the frame of the last emitted packet (the array the app
     * wrapped, not a copy), or null.
     *
     * @return frame
     */
    byte[] lastFrame() {
        return last == null ? null : last.data().array();
    }

    /**
     * Returns the last emitted packet.
     *
     * @return packet or null
     */
    OutboundPacket last() {
        return last;
    }

    /**
     * Returns how many packets were emitted.
     *
     * @return count
     */
    long emitted() {
        return emitted;
    }

    /** Forgets the last packet. */
    void clear() {
        last = null;
    }
}
