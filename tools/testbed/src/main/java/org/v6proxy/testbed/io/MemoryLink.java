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
package org.v6proxy.testbed.io;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory link for tests: frames {@linkplain #inject injected} here reach the switch
 * as if the host had sent them; frames the switch writes are {@linkplain #poll queued}.
 */
public final class MemoryLink implements FrameLink {

    private static final long READ_WAIT_MILLIS = 50;

    private final String name;
    private final BlockingQueue<byte[]> toSwitch = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> fromSwitch = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    /**
     * Creates a link.
     *
     * @param name name for logs
     */
    public MemoryLink(String name) {
        this.name = name;
    }

    /**
     * Returns an opener that hands out this link.
     *
     * @return opener
     */
    public Opener opener() {
        return () -> this;
    }

    /**
     * Queues a frame as sent by the host on this link.
     *
     * @param frame whole Ethernet frame
     */
    public void inject(byte[] frame) {
        toSwitch.add(frame.clone());
    }

    /**
     * Waits for the next frame the switch wrote to this link.
     *
     * @param timeout how long to wait
     * @param unit unit of timeout
     * @return the frame, or null when none arrived in time
     * @throws InterruptedException when interrupted
     */
    public byte[] poll(long timeout, TimeUnit unit) throws InterruptedException {
        return fromSwitch.poll(timeout, unit);
    }

    /**
     * Returns the number of written frames not yet polled.
     *
     * @return count
     */
    public int pending() {
        return fromSwitch.size();
    }

    /**
     * Returns whether the link was closed by the switch.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int read(ByteBuffer dst) {
        try {
            byte[] frame = toSwitch.poll(READ_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (frame == null) {
                return 0;
            }
            dst.clear();
            dst.put(frame);
            return frame.length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void write(ByteBuffer src, int len) {
        byte[] frame = new byte[len];
        ByteBuffer view = src.duplicate();
        view.clear();
        view.get(frame, 0, len);
        fromSwitch.add(frame);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        closed = true;
    }
}
