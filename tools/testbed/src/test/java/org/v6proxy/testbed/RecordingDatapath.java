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
package org.v6proxy.testbed;

import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.v6proxy.testbed.fabric.Datapath;
import org.v6proxy.testbed.fabric.FrameObserver;
import org.v6proxy.testbed.fabric.PacketInHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * Stands in for the switch (Open vSwitch behind {@link org.v6proxy.testbed.openflow.OpenFlowSwitch})
 * where a test needs no real forwarding: it injects packet-ins as the switch would send them
 * (observers first, then the handler), records what the testbed asks the switch to do
 * (packet-outs with their treatment, floods, intercepts) and which packet-ins nobody handled
 * (those the switch would forward on its own).
 */
public final class RecordingDatapath implements Datapath {

    /** How long to wait for something that must happen. */
    public static final long ARRIVE_MILLIS = 2000;
    /** How long to wait before concluding that nothing happens. */
    public static final long QUIET_MILLIS = 150;

    private final DeviceId deviceId;
    private final List<Integer> ports = new ArrayList<>();
    private final List<FrameObserver> observers = new CopyOnWriteArrayList<>();
    private final BlockingQueue<PacketOut> packetOuts = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> forwarded = new LinkedBlockingQueue<>();
    private final List<String> intercepts = new CopyOnWriteArrayList<>();
    private volatile PacketInHandler handler;

    /**
     * What the testbed asked the switch to send.
     */
    public static final class PacketOut {
        /** The treatment, or null for a flood. */
        public final TrafficTreatment treatment;
        /** The frame. */
        public final byte[] frame;
        /** The packet-out's in_port: ingress port answered, or the port a flood leaves out; 0 for none. */
        public final int inPort;

        PacketOut(TrafficTreatment treatment, byte[] frame, int inPort) {
            this.treatment = treatment;
            this.frame = frame;
            this.inPort = inPort;
        }
    }

    /**
     * Creates a switch with ports 1..N.
     *
     * @param deviceId device id
     * @param n number of ports
     */
    public RecordingDatapath(DeviceId deviceId, int n) {
        this.deviceId = deviceId;
        for (int i = 1; i <= n; i++) {
            ports.add(i);
        }
    }

    @Override
    public DeviceId deviceId() {
        return deviceId;
    }

    @Override
    public List<Integer> portNumbers() {
        return List.copyOf(ports);
    }

    @Override
    public void setPacketInHandler(PacketInHandler h) {
        handler = h;
    }

    @Override
    public void addObserver(FrameObserver observer) {
        observers.add(observer);
    }

    @Override
    public void apply(TrafficTreatment treatment, byte[] frame, int inPort) {
        packetOuts.add(new PacketOut(treatment, frame.clone(), inPort));
    }

    @Override
    public void flood(int exceptPort, byte[] frame) {
        packetOuts.add(new PacketOut(null, frame.clone(), exceptPort));
    }

    @Override
    public void intercept(TrafficSelector selector, int priority, short appId, boolean on) {
        intercepts.add((on ? "+" : "-") + appId + "@" + priority + " " + selector.criteria());
    }

    /**
     * Sends a packet-in from a port, as the switch does for an intercepted frame.
     *
     * @param port ingress port
     * @param frame the frame
     * @return whether the testbed handled it (false: the switch forwards it)
     */
    public boolean packetIn(int port, byte[] frame) {
        for (FrameObserver o : observers) {
            o.observe(port, frame);
        }
        PacketInHandler h = handler;
        boolean handled = h != null && h.packetIn(port, frame);
        if (!handled) {
            forwarded.add(frame);
        }
        return handled;
    }

    /**
     * Waits for the next packet-out.
     *
     * @return it
     * @throws InterruptedException when interrupted
     */
    public PacketOut expectPacketOut() throws InterruptedException {
        PacketOut p = packetOuts.poll(ARRIVE_MILLIS, TimeUnit.MILLISECONDS);
        assertNotNull("a packet-out", p);
        return p;
    }

    /**
     * Waits for the next packet-in that nobody handled.
     *
     * @return its frame
     * @throws InterruptedException when interrupted
     */
    public byte[] expectForwarded() throws InterruptedException {
        byte[] f = forwarded.poll(ARRIVE_MILLIS, TimeUnit.MILLISECONDS);
        assertNotNull("a frame left to the switch", f);
        return f;
    }

    /**
     * Asserts that no packet-out and no unhandled packet-in comes within {@link #QUIET_MILLIS}.
     *
     * @throws InterruptedException when interrupted
     */
    public void expectNothing() throws InterruptedException {
        Thread.sleep(QUIET_MILLIS);
        assertTrue("packet-outs: " + packetOuts.size(), packetOuts.isEmpty());
        assertTrue("forwarded: " + forwarded.size(), forwarded.isEmpty());
    }

    /**
     * Returns the intercepts asked for, in order: {@code +APP@PRIORITY criteria} to start,
     * {@code -...} to stop.
     *
     * @return intercepts
     */
    public List<String> intercepts() {
        return List.copyOf(intercepts);
    }
}
