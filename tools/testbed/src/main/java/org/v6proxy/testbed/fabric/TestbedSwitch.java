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

import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions.OutputInstruction;
import org.onosproject.net.flow.instructions.L2ModificationInstruction;
import org.onosproject.net.flow.instructions.L2ModificationInstruction.ModEtherInstruction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.v6proxy.testbed.impair.FrameScheduler;
import org.v6proxy.testbed.impair.ImpairmentSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The testbed's one switch (device {@code of:0000000000000001} by default): port N is host N.
 * Every received frame is observed (host learning), its source MAC learned, and it is handed
 * to the packet-in handler; a frame the handler leaves unhandled is forwarded like a learning
 * switch does (known unicast to its port, anything else flooded; never back out of the
 * ingress port). Frames addressed to {@link #TESTBED_MAC} are the testbed's own (answers to
 * its probes) and are consumed. Packet-outs apply a treatment's instructions.
 */
public final class TestbedSwitch implements Datapath {

    /** Device id of the testbed switch unless configured otherwise. */
    public static final DeviceId DEFAULT_DEVICE = DeviceId.deviceId("of:0000000000000001");
    /** Source MAC of the frames the testbed itself sends (ARP/NDP probes). */
    public static final MacAddress TESTBED_MAC = MacAddress.valueOf("02:00:00:00:00:fe");

    private static final int ETH_HEADER = 14;
    private static final long TESTBED_MAC_BITS = TESTBED_MAC.toLong();

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final RateLimitedLog badOutputLog = new RateLimitedLog(log);

    private final DeviceId deviceId;
    private final SwitchPort[] ports;
    private final MacTable macs = new MacTable();
    private final List<FrameObserver> observers = new CopyOnWriteArrayList<>();
    private volatile PacketInHandler packetInHandler;
    private volatile long runts;
    private volatile long consumed;

    /**
     * Creates a switch; nothing is opened until {@link #start}.
     *
     * @param deviceId the device id
     * @param portSpecs ports 1..N in order
     * @param scheduler runs delayed frames of impaired ports
     */
    public TestbedSwitch(DeviceId deviceId, List<PortSpec> portSpecs, FrameScheduler scheduler) {
        this.deviceId = checkNotNull(deviceId, "deviceId");
        checkArgument(!portSpecs.isEmpty(), "a switch needs at least one port");
        ports = new SwitchPort[portSpecs.size()];
        for (int i = 0; i < ports.length; i++) {
            PortSpec spec = portSpecs.get(i);
            ports[i] = new SwitchPort(i + 1, spec.name(), spec.opener(), this::ingress, scheduler);
        }
    }

    @Override
    public DeviceId deviceId() {
        return deviceId;
    }

    /**
     * Returns the ports, port 1 first.
     *
     * @return ports
     */
    public List<SwitchPort> ports() {
        List<SwitchPort> list = new ArrayList<>(ports.length);
        Collections.addAll(list, ports);
        return list;
    }

    @Override
    public List<Integer> portNumbers() {
        List<Integer> list = new ArrayList<>(ports.length);
        for (SwitchPort p : ports) {
            list.add(p.number());
        }
        return list;
    }

    @Override
    public boolean hasPort(int number) {
        return port(number) != null;
    }

    /**
     * Hands every frame to the packet-in handler whatever is intercepted: the Java switch has
     * no flow table, so requests change nothing here.
     */
    @Override
    public void intercept(TrafficSelector selector, int priority, short appId, boolean on) {
        return;
    }

    /**
     * Returns one port.
     *
     * @param number port number
     * @return the port, or null when there is none with this number
     */
    public SwitchPort port(int number) {
        return number >= 1 && number <= ports.length ? ports[number - 1] : null;
    }

    @Override
    public void setPacketInHandler(PacketInHandler handler) {
        this.packetInHandler = handler;
    }

    @Override
    public void addObserver(FrameObserver observer) {
        observers.add(checkNotNull(observer, "observer"));
    }

    /**
     * Opens every port's link (each on its reader thread) and starts receiving.
     *
     * @param timeoutMillis how long to wait for all links
     * @throws IOException listing every port that could not be opened; no port stays open then
     */
    public void start(long timeoutMillis) throws IOException {
        List<CompletableFuture<Void>> opened = new ArrayList<>();
        for (SwitchPort p : ports) {
            opened.add(p.start());
        }
        StringBuilder errors = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (int i = 0; i < ports.length; i++) {
            try {
                opened.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                errors.append(errors.length() == 0 ? "" : "; ").append("port ").append(i + 1).append(": ")
                        .append(e.getCause().getMessage());
            } catch (TimeoutException e) {
                errors.append(errors.length() == 0 ? "" : "; ").append("port ").append(i + 1)
                        .append(": not open after ").append(timeoutMillis).append(" ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IOException("interrupted while opening ports", e);
            }
        }
        if (errors.length() > 0) {
            stop();
            throw new IOException(errors.toString());
        }
    }

    /**
     * Stops all ports and closes their links.
     */
    public void stop() {
        for (SwitchPort p : ports) {
            p.stop();
        }
    }

    /**
     * Sets the egress impairment of one port or of all ports.
     *
     * @param spec impairment; its {@link ImpairmentSpec#port()} selects the port (0 = all);
     *             null clears every port's impairment
     */
    public void setImpairment(ImpairmentSpec spec) {
        for (SwitchPort p : ports) {
            if (spec == null || spec.port() == ImpairmentSpec.ALL_PORTS || spec.port() == p.number()) {
                p.setImpairment(spec);
            }
        }
    }

    private void ingress(int port, byte[] frame) {
        if (frame.length < ETH_HEADER) {
            runts++;
            return;
        }
        for (FrameObserver o : observers) {
            o.observe(port, frame);
        }
        if ((frame[6] & 1) == 0) {
            macs.learn(MacTable.mac(frame, 6), port);
        }
        PacketInHandler handler = packetInHandler;
        if (handler == null || !handler.packetIn(port, frame)) {
            forward(port, frame);
        }
    }

    /**
     * Forwards a frame as a learning switch: known unicast destination to its port (unless
     * that is the ingress port), multicast, broadcast and unknown destinations to every port
     * but the ingress one; frames for {@link #TESTBED_MAC} are consumed.
     *
     * @param inPort ingress port, or 0 for a frame from the controller
     * @param frame the frame
     */
    public void forward(int inPort, byte[] frame) {
        if (frame.length < ETH_HEADER) {
            runts++;
            return;
        }
        if ((frame[0] & 1) != 0) {
            flood(inPort, frame);
            return;
        }
        long dst = MacTable.mac(frame, 0);
        if (dst == TESTBED_MAC_BITS) {
            consumed++;
            return;
        }
        int out = macs.lookup(dst);
        if (out < 0) {
            flood(inPort, frame);
        } else if (out != inPort) {
            ports[out - 1].output(frame, 0, frame.length);
        }
    }

    @Override
    public void flood(int exceptPort, byte[] frame) {
        for (SwitchPort p : ports) {
            if (p.number() != exceptPort) {
                p.output(frame, 0, frame.length);
            }
        }
    }

    /**
     * Sends a frame out of one port.
     *
     * @param port port number
     * @param frame the frame
     * @return false when there is no such port
     */
    public boolean output(int port, byte[] frame) {
        SwitchPort p = port(port);
        if (p == null) {
            return false;
        }
        p.output(frame, 0, frame.length);
        return true;
    }

    /**
     * Returns the port a MAC was learned on.
     *
     * @param mac MAC address
     * @return port number, or -1 when unknown
     */
    public int portOf(MacAddress mac) {
        return macs.lookup(mac.toLong());
    }

    /**
     * Applies a packet-out treatment to a frame: OUTPUT to a port, FLOOD / ALL (every port
     * but the ingress one), IN_PORT, TABLE / NORMAL (learning-switch forwarding); Ethernet
     * source/destination rewrites apply to the outputs that follow them; NOACTION drops.
     * Other instructions are ignored with a (rate-limited) warning.
     *
     * @param treatment the treatment
     * @param frame the frame; never changed (a rewrite works on a copy)
     * @param inPort ingress port of the packet-in being answered, or 0 for none
     */
    @Override
    public void apply(TrafficTreatment treatment, byte[] frame, int inPort) {
        byte[] data = frame;
        for (Instruction instruction : treatment.allInstructions()) {
            switch (instruction.type()) {
                case OUTPUT:
                    outputTo(((OutputInstruction) instruction).port(), data, inPort);
                    break;
                case L2MODIFICATION:
                    data = rewriteL2((L2ModificationInstruction) instruction, data, frame);
                    break;
                case NOACTION:
                    return;
                default:
                    badOutputLog.warn("packet-out instruction {} not supported by the testbed; ignored",
                                      instruction);
            }
        }
    }

    private void outputTo(PortNumber port, byte[] data, int inPort) {
        if (port.equals(PortNumber.FLOOD) || port.equals(PortNumber.ALL)) {
            flood(inPort, data);
        } else if (port.equals(PortNumber.IN_PORT)) {
            if (inPort > 0) {
                output(inPort, data);
            }
        } else if (port.equals(PortNumber.TABLE) || port.equals(PortNumber.NORMAL)) {
            forward(inPort, data);
        } else if (port.isLogical() || !output((int) port.toLong(), data)) {
            badOutputLog.warn("packet-out to port {} of {}: no such port; frame dropped", port, deviceId);
        }
    }

    private byte[] rewriteL2(L2ModificationInstruction instruction, byte[] data, byte[] original) {
        L2ModificationInstruction.L2SubType sub = instruction.subtype();
        if (sub != L2ModificationInstruction.L2SubType.ETH_DST && sub != L2ModificationInstruction.L2SubType.ETH_SRC) {
            badOutputLog.warn("packet-out instruction {} not supported by the testbed; ignored", instruction);
            return data;
        }
        if (data.length < ETH_HEADER) {
            return data;
        }
        byte[] out = data == original ? data.clone() : data;
        byte[] mac = ((ModEtherInstruction) instruction).mac().toBytes();
        System.arraycopy(mac, 0, out, sub == L2ModificationInstruction.L2SubType.ETH_DST ? 0 : 6, 6);
        return out;
    }

    /**
     * Returns how many received frames were shorter than an Ethernet header.
     *
     * @return count
     */
    public long runts() {
        return runts;
    }

    /**
     * Returns how many frames addressed to {@link #TESTBED_MAC} were consumed.
     *
     * @return count
     */
    public long consumed() {
        return consumed;
    }
}
