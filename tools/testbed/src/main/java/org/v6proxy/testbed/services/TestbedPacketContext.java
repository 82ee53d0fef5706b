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
package org.v6proxy.testbed.services;

import org.onosproject.net.packet.DefaultOutboundPacket;
import org.onosproject.net.packet.DefaultPacketContext;
import org.onosproject.net.packet.OutboundPacket;
import org.v6proxy.testbed.fabric.Datapath;

import java.nio.ByteBuffer;

/**
 * The context of one packet-in. {@link #send()} sends the received frame per the context's
 * treatment (as ONOS's OpenFlow packet context does) once, and marks the context handled;
 * {@link #block()} marks it handled without sending.
 */
final class TestbedPacketContext extends DefaultPacketContext {

    private final Datapath fabric;
    private final int inPort;
    private final byte[] frame;
    private OutboundPacket outPacket;

    TestbedPacketContext(long time, LazyInboundPacket inPacket, Datapath fabric, int inPort) {
        super(time, inPacket, null, false);
        this.fabric = fabric;
        this.inPort = inPort;
        this.frame = inPacket.frame();
    }

    /**
     * Returns the frame as a packet-out, built on first use.
     *
     * @return outbound packet with the received frame and the treatment built so far
     */
    @Override
    public synchronized OutboundPacket outPacket() {
        if (outPacket == null) {
            outPacket = new DefaultOutboundPacket(fabric.deviceId(), treatmentBuilder().build(),
                                                  ByteBuffer.wrap(frame));
        }
        return outPacket;
    }

    @Override
    public void send() {
        if (!block()) {
            fabric.apply(treatmentBuilder().build(), frame, inPort);
        }
    }
}
