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

import org.onlab.packet.DeserializationException;
import org.onlab.packet.Ethernet;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.packet.InboundPacket;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A packet-in whose {@link #parsed()} form is built only when a processor asks for it: the
 * app's data path reads {@link #unparsed()} only, and parsing every frame into
 * {@code org.onlab.packet} objects would cost more than the translation itself.
 */
final class LazyInboundPacket implements InboundPacket {

    private final ConnectPoint receivedFrom;
    private final byte[] frame;
    private Ethernet parsed;
    private boolean parseTried;

    LazyInboundPacket(ConnectPoint receivedFrom, byte[] frame) {
        this.receivedFrom = receivedFrom;
        this.frame = frame;
    }

    /**
     * Returns the received frame itself.
     *
     * @return frame bytes, not a copy
     */
    byte[] frame() {
        return frame;
    }

    @Override
    public ConnectPoint receivedFrom() {
        return receivedFrom;
    }

    @Override
    public synchronized Ethernet parsed() {
        if (!parseTried) {
            parseTried = true;
            try {
                parsed = Ethernet.deserializer().deserialize(frame, 0, frame.length);
            } catch (DeserializationException | RuntimeException e) {
                // As in ONOS: a frame that does not parse has no parsed form.
                parsed = null;
            }
        }
        return parsed;
    }

    /**
     * Returns a fresh read-only-by-convention wrapper of the frame (position 0, limit =
     * length, backed by the frame array), so one processor's reads cannot move another's
     * position.
     *
     * @return buffer over the frame
     */
    @Override
    public ByteBuffer unparsed() {
        return ByteBuffer.wrap(frame);
    }

    @Override
    public Optional<Long> cookie() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "InboundPacket{receivedFrom=" + receivedFrom + ", length=" + frame.length + "}";
    }
}
