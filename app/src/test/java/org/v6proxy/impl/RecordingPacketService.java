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
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.packet.DefaultInboundPacket;
import org.onosproject.net.packet.DefaultPacketContext;
import org.onosproject.net.packet.OutboundPacket;
import org.onosproject.net.packet.PacketPriority;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.packet.PacketServiceAdapter;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A packet service that records processors, intercept requests and emitted
 * frames, and injects frames as packet-ins.
 */
class RecordingPacketService extends PacketServiceAdapter {
    /** A frame the app emitted and the port it went out of. */
    static final class Emitted {
        final ConnectPoint out;
        final byte[] frame;

        Emitted(ConnectPoint out, byte[] frame) {
            this.out = out;
            this.frame = frame;
        }
    }

    final List<PacketProcessor> processors = new CopyOnWriteArrayList<>();
    final Set<TrafficSelector> requests = new LinkedHashSet<>();
    final List<TrafficSelector> cancelled = new ArrayList<>();
    final List<Emitted> emitted = new CopyOnWriteArrayList<>();

    @Override
    public void addProcessor(PacketProcessor processor, int priority) {
        processors.add(processor);
    }

    @Override
    public void removeProcessor(PacketProcessor processor) {
        processors.remove(processor);
    }

    @Override
    public synchronized void requestPackets(TrafficSelector selector, PacketPriority priority, ApplicationId appId) {
        requests.add(selector);
    }

    @Override
    public synchronized void cancelPackets(TrafficSelector selector, PacketPriority priority, ApplicationId appId) {
        requests.remove(selector);
        cancelled.add(selector);
    }

    @Override
    public void emit(OutboundPacket packet) {
        PortNumber port = null;
        for (Instruction i : packet.treatment().allInstructions()) {
            if (i instanceof Instructions.OutputInstruction) {
                port = ((Instructions.OutputInstruction) i).port();
            }
        }
        ByteBuffer data = packet.data().duplicate();
        byte[] frame = new byte[data.remaining()];
        data.get(frame);
        emitted.add(new Emitted(new ConnectPoint(packet.sendThrough(), port), frame));
    }

    /**
     * Delivers a frame to the processors as a packet-in.
     *
     * @param from ingress point
     * @param frame Ethernet frame
     * @return whether a processor handled it
     */
    boolean inject(ConnectPoint from, byte[] frame) {
        DefaultInboundPacket in = new DefaultInboundPacket(from, null, ByteBuffer.wrap(frame));
        DefaultPacketContext ctx = new DefaultPacketContext(System.currentTimeMillis(), in, null, false) {
            @Override
            public void send() {
            }
        };
        for (PacketProcessor p : processors) {
            p.process(ctx);
        }
        return ctx.isHandled();
    }

    /**
     * Takes and forgets what was emitted so far.
     *
     * @return frames
     */
    List<Emitted> drain() {
        List<Emitted> out = new ArrayList<>(emitted);
        emitted.clear();
        return out;
    }
}
