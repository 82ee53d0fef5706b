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

import com.google.common.collect.ImmutableList;
import org.onosproject.cluster.NodeId;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.packet.DefaultPacketRequest;
import org.onosproject.net.packet.OutboundPacket;
import org.onosproject.net.packet.PacketPriority;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketProcessorEntry;
import org.onosproject.net.packet.PacketRequest;
import org.onosproject.net.packet.PacketServiceAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.v6proxy.testbed.fabric.PacketInHandler;
import org.v6proxy.testbed.fabric.RateLimitedLog;
import org.v6proxy.testbed.fabric.Datapath;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Packet service over the switch. Every packet-in from port N becomes a context from
 * {@code DEVICE/N} offered to all processors in ascending priority order (advisors, then
 * directors, then observers, as ONOS does; a processor that throws is logged and the others
 * still run). When no processor handled the context, the switch forwards the frame as it
 * forwards what nobody intercepts. Packet requests are recorded (and queryable) and become
 * the switch's intercepts ({@link Datapath#intercept}). {@link #emit} sends a packet-out per
 * its treatment.
 */
public final class TestbedPacketService extends PacketServiceAdapter implements PacketInHandler {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final RateLimitedLog processorErrors = new RateLimitedLog(log);
    private final RateLimitedLog emitErrors = new RateLimitedLog(log);

    private final Datapath fabric;
    private final NodeId localNode;
    private final ConnectPoint[] connectPoints;
    private volatile Entry[] processors = new Entry[0];
    private final CopyOnWriteArrayList<PacketRequest> requests = new CopyOnWriteArrayList<>();

    /**
     * Creates the service and makes it the switch's packet-in handler.
     *
     * @param fabric the switch
     * @param localNode node recorded in packet requests
     */
    public TestbedPacketService(Datapath fabric, NodeId localNode) {
        this.fabric = checkNotNull(fabric, "fabric");
        this.localNode = checkNotNull(localNode, "localNode");
        int n = fabric.portNumbers().stream().mapToInt(Integer::intValue).max().orElse(0);
        connectPoints = new ConnectPoint[n + 1];
        for (int i : fabric.portNumbers()) {
            connectPoints[i] = new ConnectPoint(fabric.deviceId(), PortNumber.portNumber(i));
        }
        fabric.setPacketInHandler(this);
    }

    @Override
    public boolean packetIn(int port, byte[] frame) {
        Entry[] entries = processors;
        if (entries.length == 0) {
            return false;
        }
        ConnectPoint at = port < connectPoints.length ? connectPoints[port] : null;
        LazyInboundPacket in = new LazyInboundPacket(at != null ? at
                : new ConnectPoint(fabric.deviceId(), PortNumber.portNumber(port)), frame);
        TestbedPacketContext context = new TestbedPacketContext(System.currentTimeMillis(), in, fabric, port);
        for (Entry e : entries) {
            long start = System.nanoTime();
            try {
                e.processor.process(context);
            } catch (RuntimeException ex) {
                processorErrors.warn("packet processor {} threw on a frame from port {}", e.processor, port, ex);
            }
            e.record(System.nanoTime() - start);
        }
        return context.isHandled();
    }

    @Override
    public synchronized void addProcessor(PacketProcessor processor, int priority) {
        checkNotNull(processor, "processor");
        checkArgument(priority >= 0, "priority %s is negative", priority);
        List<Entry> list = new ArrayList<>(List.of(processors));
        list.removeIf(e -> e.processor == processor);
        list.add(new Entry(processor, priority));
        // Stable sort: equal priorities keep registration order.
        list.sort(Comparator.comparingInt(e -> e.priority));
        processors = list.toArray(new Entry[0]);
        log.info("packet processor added: {} priority {}", processor.getClass().getName(), priority);
    }

    @Override
    public synchronized void removeProcessor(PacketProcessor processor) {
        List<Entry> list = new ArrayList<>(List.of(processors));
        if (list.removeIf(e -> e.processor == processor)) {
            processors = list.toArray(new Entry[0]);
            log.info("packet processor removed: {}", processor.getClass().getName());
        }
    }

    @Override
    public List<PacketProcessorEntry> getProcessors() {
        return ImmutableList.copyOf(processors);
    }

    @Override
    public void requestPackets(TrafficSelector selector, PacketPriority priority, ApplicationId appId) {
        requestPackets(selector, priority, appId, Optional.empty());
    }

    @Override
    public void requestPackets(TrafficSelector selector, PacketPriority priority, ApplicationId appId,
                               Optional<DeviceId> deviceId) {
        PacketRequest request = new DefaultPacketRequest(selector, priority, appId, localNode, deviceId);
        if (requests.addIfAbsent(request)) {
            fabric.intercept(selector, priority.priorityValue(), appId.id(), true);
        }
    }

    @Override
    public void cancelPackets(TrafficSelector selector, PacketPriority priority, ApplicationId appId) {
        cancelPackets(selector, priority, appId, Optional.empty());
    }

    @Override
    public void cancelPackets(TrafficSelector selector, PacketPriority priority, ApplicationId appId,
                              Optional<DeviceId> deviceId) {
        if (requests.remove(new DefaultPacketRequest(selector, priority, appId, localNode, deviceId))) {
            fabric.intercept(selector, priority.priorityValue(), appId.id(), false);
        }
    }

    @Override
    public List<PacketRequest> getRequests() {
        return ImmutableList.copyOf(requests);
    }

    @Override
    public void emit(OutboundPacket packet) {
        if (packet == null || packet.data() == null || packet.treatment() == null) {
            emitErrors.warn("emit of an incomplete packet ignored: {}", packet);
            return;
        }
        if (!fabric.deviceId().equals(packet.sendThrough())) {
            emitErrors.warn("emit through {} ignored: the testbed has only {}", packet.sendThrough(),
                            fabric.deviceId());
            return;
        }
        PortNumber in = packet.inPort();
        int inPort = in != null && !in.isLogical() ? (int) in.toLong() : 0;
        fabric.apply(packet.treatment(), bytes(packet.data()), inPort);
    }

    /**
     * Returns the bytes between a buffer's position and limit without copying when the
     * buffer wraps exactly one whole array (what {@code ByteBuffer.wrap(frame)} gives).
     *
     * @param data buffer; its position is not changed
     * @return the bytes
     */
    static byte[] bytes(ByteBuffer data) {
        if (data.hasArray() && data.arrayOffset() == 0 && data.position() == 0
                && data.limit() == data.array().length) {
            return data.array();
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return copy;
    }

    /**
     * A registered processor with its priority and timing, as {@code getProcessors()} lists.
     */
    private static final class Entry implements PacketProcessorEntry {
        private final PacketProcessor processor;
        private final int priority;
        private final AtomicLong invocations = new AtomicLong();
        private final AtomicLong nanos = new AtomicLong();

        Entry(PacketProcessor processor, int priority) {
            this.processor = processor;
            this.priority = priority;
        }

        void record(long elapsed) {
            invocations.incrementAndGet();
            nanos.addAndGet(elapsed);
        }

        @Override
        public PacketProcessor processor() {
            return processor;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public long invocations() {
            return invocations.get();
        }

        @Override
        public long totalNanos() {
            return nanos.get();
        }

        @Override
        public long averageNanos() {
            long n = invocations.get();
            return n == 0 ? 0 : nanos.get() / n;
        }
    }
}
