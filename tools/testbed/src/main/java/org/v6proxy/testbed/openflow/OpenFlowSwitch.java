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
package org.v6proxy.testbed.openflow;

import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFRoleReply;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.v6proxy.testbed.fabric.Datapath;
import org.v6proxy.testbed.fabric.FrameObserver;
import org.v6proxy.testbed.fabric.PacketInHandler;
import org.v6proxy.testbed.fabric.RateLimitedLog;
import org.v6proxy.testbed.services.ProbeFrames;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A switch connected over OpenFlow 1.3 (what ONOS's OpenFlow controller and its device,
 * packet and flow-rule providers make of one): the handshake (features, port descriptions,
 * switch config, role), device {@code of:<datapath id>} with the switch's own port numbers,
 * packet-ins with the ingress port from their match, packet-outs, and intercepts as flow
 * rules whose cookie is the requesting application's id. Traffic nobody intercepts is
 * forwarded by the switch itself: the one table-miss rule a master installs is NORMAL.
 * <p>The intercepts asked for are kept (as ONOS keeps packet requests in its store) and sent only
 * while this connection is not SLAVE: a slave's flow mods are refused by the switch
 * (OFPBRC_IS_SLAVE), and a connection that becomes MASTER ({@link #claim}) sends them all again.
 */
public final class OpenFlowSwitch implements Datapath {

    /** Priority of the rule that forwards everything nobody intercepts (a table-miss rule, OpenFlow 1.3.5 5.4). */
    public static final int FORWARDING_PRIORITY = 0;
    /** Destination MAC whose frames are answers to the testbed's own probes: never forwarded. */
    public static final long PROBE_MAC = ProbeFrames.PROBE_MAC.toLong();

    private static final int ETH_HEADER = 14;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final RateLimitedLog sendErrors = new RateLimitedLog(log);
    private final RateLimitedLog badOutput = new RateLimitedLog(log);
    private final OpenFlowChannel channel;
    private final OFFactory factory;
    private final FlowModBuilder builder;
    private final Map<Integer, OFPortDesc> ports = new ConcurrentSkipListMap<>();
    private final List<FrameObserver> observers = new CopyOnWriteArrayList<>();
    private final AtomicLong packetIns = new AtomicLong();
    private final AtomicLong packetOuts = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong slaveOuts = new AtomicLong();
    private volatile PacketInHandler packetInHandler;
    private volatile long datapathId;
    private volatile DeviceId deviceId;
    private volatile OFControllerRole role = OFControllerRole.ROLE_EQUAL;
    /** The intercepts asked for, whatever the role: what a new master installs. */
    private final Set<Intercept> intercepts = ConcurrentHashMap.newKeySet();

    /** One intercept as asked for: selector, priority, application. */
    private static final class Intercept {
        private final TrafficSelector selector;
        private final int priority;
        private final short appId;

        Intercept(TrafficSelector selector, int priority, short appId) {
            this.selector = selector;
            this.priority = priority;
            this.appId = appId;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Intercept)) {
                return false;
            }
            Intercept i = (Intercept) o;
            return selector.equals(i.selector) && priority == i.priority && appId == i.appId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(selector, priority, appId);
        }
    }

    /**
     * Wraps a channel on which the handshake has not begun.
     *
     * @param channel the connection
     */
    OpenFlowSwitch(OpenFlowChannel channel) {
        this.channel = checkNotNull(channel, "channel");
        this.factory = channel.factory();
        this.builder = new FlowModBuilder(factory);
        channel.setListener(this::message);
    }

    /**
     * Runs the controller's side of the handshake (OpenFlow 1.3.5 section 6.3): HELLO, features,
     * port descriptions, switch config (whole frames in packet-ins), then the role; a master
     * (or an equal, the role of a single controller) clears the flow table and installs the
     * forwarding rule, and a barrier confirms it.
     *
     * @param wanted role to claim (MASTER, SLAVE or EQUAL)
     * @param generationId generation id for MASTER / SLAVE (OpenFlow 1.3.5 section 6.3.7)
     * @param timeoutMillis how long each step may take
     * @throws IOException when the switch does not complete a step
     */
    void handshake(OFControllerRole wanted, long generationId, long timeoutMillis) throws IOException {
        channel.send(factory.buildHello().setXid(channel.nextXid()).build());
        OFFeaturesReply features = (OFFeaturesReply) await(
                channel.request(factory.buildFeaturesRequest().setXid(channel.nextXid()).build()), timeoutMillis,
                "features").get(0);
        datapathId = features.getDatapathId().getLong();
        deviceId = DeviceId.deviceId(String.format("of:%016x", datapathId));
        for (OFMessage m : await(channel.request(factory.buildPortDescStatsRequest().setXid(channel.nextXid())
                                                         .build()), timeoutMillis, "port descriptions")) {
            for (OFPortDesc p : ((OFPortDescStatsReply) m).getEntries()) {
                putPort(p);
            }
        }
        channel.send(factory.buildSetConfig().setXid(channel.nextXid()).setMissSendLen(FlowModBuilder.NO_BUFFER)
                             .build());
        if (wanted != OFControllerRole.ROLE_EQUAL) {
            OFRoleReply reply = requestRole(wanted, generationId).get(timeoutMillis, TimeUnit.MILLISECONDS,
                                                                         "role request");
            log.info("{}: role {} (generation {})", deviceId, reply.getRole(), reply.getGenerationId().getValue());
        }
        if (role != OFControllerRole.ROLE_SLAVE) {
            installForwarding();
            await(channel.request(factory.buildBarrierRequest().setXid(channel.nextXid()).build()), timeoutMillis,
                  "barrier");
        }
        log.info("switch {} connected: {} ports {}", deviceId, channel, ports.keySet());
    }

    private static List<OFMessage> await(CompletableFuture<List<OFMessage>> f, long timeoutMillis, String step)
            throws IOException {
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("OpenFlow " + step + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("OpenFlow " + step + ": no answer within " + timeoutMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during OpenFlow " + step, e);
        }
    }

    /**
     * Asks the switch for a role (OFPT_ROLE_REQUEST, OpenFlow 1.3.5 section 6.3.7): a master
     * gets packet-ins and may change the switch; a slave gets neither; the switch refuses a
     * MASTER or SLAVE request whose generation id is older than the newest it has seen.
     *
     * @param wanted ROLE_MASTER, ROLE_SLAVE, ROLE_EQUAL or ROLE_NOCHANGE
     * @param generationId generation id (ignored by the switch for EQUAL and NOCHANGE)
     * @return the switch's reply, or fails with {@link OpenFlowErrorException} when refused
     */
    public RoleFuture requestRole(OFControllerRole wanted, long generationId) {
        CompletableFuture<List<OFMessage>> f = channel.request(
                factory.buildRoleRequest().setXid(channel.nextXid()).setRole(wanted)
                        .setGenerationId(U64.of(generationId)).build());
        return new RoleFuture(f.thenApply(list -> {
            OFRoleReply reply = (OFRoleReply) list.get(0);
            role = reply.getRole();
            return reply;
        }));
    }

    /**
     * A pending role request.
     */
    public static final class RoleFuture {
        private final CompletableFuture<OFRoleReply> future;

        RoleFuture(CompletableFuture<OFRoleReply> future) {
            this.future = future;
        }

        /**
         * Waits for the reply.
         *
         * @param timeout how long
         * @param unit unit of timeout
         * @param step what to name in an error
         * @return the reply
         * @throws IOException when refused, lost or late
         */
        public OFRoleReply get(long timeout, TimeUnit unit, String step) throws IOException {
            try {
                return future.get(timeout, unit);
            } catch (ExecutionException e) {
                throw new IOException("OpenFlow " + step + " failed: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("OpenFlow " + step + ": no answer in time", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during OpenFlow " + step, e);
            }
        }
    }

    /**
     * Returns the role the switch last confirmed.
     *
     * @return role (EQUAL until a role request is answered)
     */
    public OFControllerRole role() {
        return role;
    }

    private void installForwarding() throws IOException {
        channel.send(factory.buildFlowDelete().setXid(channel.nextXid()).setTableId(TableId.ALL)
                             .setOutPort(OFPort.ANY).setOutGroup(OFGroup.ANY).setMatch(factory.matchWildcardAll())
                             .build());
        channel.send(forwardingRule());
    }

    private OFFlowMod forwardingRule() {
        return factory.buildFlowAdd().setXid(channel.nextXid()).setTableId(TableId.of(0))
                .setPriority(FORWARDING_PRIORITY).setMatch(factory.matchWildcardAll())
                .setInstructions(List.of(factory.instructions().applyActions(List.of(builder.output(OFPort.NORMAL)))))
                .build();
    }

    private void putPort(OFPortDesc p) {
        int n = p.getPortNo().getPortNumber();
        // Reserved ports (LOCAL, CONTROLLER, ...) are 0xffffff00 and above (OpenFlow 1.3.5 7.2.1).
        if (n > 0 && Integer.compareUnsigned(n, OFPort.MAX.getPortNumber()) <= 0) {
            ports.put(n, p);
        }
    }

    private void message(OFMessage m) {
        switch (m.getType()) {
            case PACKET_IN:
                packetIn((OFPacketIn) m);
                break;
            case PORT_STATUS:
                OFPortStatus status = (OFPortStatus) m;
                switch (status.getReason()) {
                    case DELETE:
                        ports.remove(status.getDesc().getPortNo().getPortNumber());
                        break;
                    default:
                        putPort(status.getDesc());
                }
                log.info("{}: port {} {}", deviceId, status.getDesc().getPortNo(), status.getReason());
                break;
            case ERROR:
                log.warn("{}: switch error {}", deviceId, m);
                break;
            default:
                log.debug("{}: {} ignored", deviceId, m.getType());
        }
    }

    private void packetIn(OFPacketIn pi) {
        packetIns.incrementAndGet();
        OFPort inPort = pi.getMatch().get(MatchField.IN_PORT);
        byte[] frame = pi.getData();
        if (inPort == null || frame.length < ETH_HEADER) {
            return;
        }
        int port = inPort.getPortNumber();
        for (FrameObserver o : observers) {
            o.observe(port, frame);
        }
        PacketInHandler handler = packetInHandler;
        boolean handled;
        try {
            handled = handler != null && handler.packetIn(port, frame);
        } catch (RuntimeException e) {
            badOutput.warn("packet-in from port {} not processed", port, e);
            handled = true;
        }
        if (!handled && macAt(frame, 0) != PROBE_MAC) {
            // Nobody took it: the switch forwards it as it forwards what nobody intercepts.
            forwarded.incrementAndGet();
            packetOut(List.of(builder.output(OFPort.NORMAL)), frame, port);
        }
    }

    private static long macAt(byte[] f, int off) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | (f[off + i] & 0xff);
        }
        return v;
    }

    private void packetOut(List<OFAction> actions, byte[] frame, int inPort) {
        if (role == OFControllerRole.ROLE_SLAVE) {
            // The switch refuses a slave's packet-outs (OFPBRC_IS_SLAVE): the master sends them.
            slaveOuts.incrementAndGet();
            return;
        }
        try {
            channel.send(factory.buildPacketOut().setBufferId(OFBufferId.NO_BUFFER)
                                 .setInPort(inPort > 0 ? OFPort.of(inPort) : OFPort.CONTROLLER)
                                 .setActions(actions).setData(frame).build());
            packetOuts.incrementAndGet();
        } catch (IOException e) {
            sendErrors.warn("{}: packet-out lost: {}", deviceId, e.getMessage());
        }
    }

    @Override
    public DeviceId deviceId() {
        return deviceId;
    }

    /**
     * Returns the datapath id.
     *
     * @return datapath id
     */
    public long datapathId() {
        return datapathId;
    }

    @Override
    public List<Integer> portNumbers() {
        return List.copyOf(ports.keySet());
    }

    /**
     * Returns a port's name as the switch describes it.
     *
     * @param number port number
     * @return name, or null for no such port
     */
    public String portName(int number) {
        OFPortDesc p = ports.get(number);
        return p == null ? null : p.getName();
    }

    @Override
    public void setPacketInHandler(PacketInHandler handler) {
        this.packetInHandler = handler;
    }

    @Override
    public void addObserver(FrameObserver observer) {
        observers.add(checkNotNull(observer, "observer"));
    }

    @Override
    public void apply(TrafficTreatment treatment, byte[] frame, int inPort) {
        List<OFAction> actions;
        try {
            actions = builder.actions(treatment, inPort);
        } catch (IllegalArgumentException e) {
            badOutput.warn("{}: packet-out dropped: {}", deviceId, e.getMessage());
            return;
        }
        packetOut(actions, frame, inPort);
    }

    @Override
    public void flood(int exceptPort, byte[] frame) {
        // ALL is every port but the packet-out's in_port (OpenFlow 1.3.5 7.2.1).
        packetOut(List.of(builder.output(OFPort.ALL)), frame, exceptPort);
    }

    @Override
    public synchronized void intercept(TrafficSelector selector, int priority, short appId, boolean on) {
        Intercept i = new Intercept(selector, priority, appId);
        if (on) {
            intercepts.add(i);
        } else {
            intercepts.remove(i);
        }
        if (role != OFControllerRole.ROLE_SLAVE) {
            sendIntercept(i, on);
        }
    }

    private void sendIntercept(Intercept i, boolean on) {
        Match match;
        try {
            match = builder.match(i.selector);
        } catch (IllegalArgumentException e) {
            log.error("{}: intercept {} not installed: {}", deviceId, i.selector, e.getMessage());
            return;
        }
        OFFlowMod mod = on
                ? factory.buildFlowAdd().setXid(channel.nextXid()).setTableId(TableId.of(0)).setPriority(i.priority)
                        .setCookie(U64.of(i.appId & 0xffff)).setMatch(match)
                        .setInstructions(List.of(factory.instructions().applyActions(
                                List.of(builder.output(OFPort.CONTROLLER)))))
                        .build()
                : factory.buildFlowDeleteStrict().setXid(channel.nextXid()).setTableId(TableId.of(0))
                        .setPriority(i.priority).setCookie(U64.of(i.appId & 0xffff)).setCookieMask(U64.NO_MASK)
                        .setOutPort(OFPort.ANY).setOutGroup(OFGroup.ANY).setMatch(match).build();
        try {
            channel.send(mod);
            log.info("{}: intercept {} for app {} at priority {}: {}", deviceId, on ? "added" : "removed", i.appId,
                     i.priority, match);
        } catch (IOException e) {
            log.error("{}: intercept {} not sent: {}", deviceId, i.selector, e.getMessage());
        }
    }

    /**
     * Claims a role on this connection (a cluster instance following the device's election).
     * Becoming MASTER, it installs the forwarding rule and every intercept asked for, as adds over
     * what the previous master left (never a table flush: the switch keeps forwarding and
     * intercepting throughout a failover), and waits for a barrier: when this returns, the switch
     * sends this connection the packet-ins.
     *
     * @param wanted ROLE_MASTER or ROLE_SLAVE
     * @param generationId generation id (the election's term: it grows with every new master)
     * @param timeoutMillis how long the role request and the barrier may take
     * @throws IOException when the switch refuses (an older generation) or does not answer
     */
    public synchronized void claim(OFControllerRole wanted, long generationId, long timeoutMillis)
            throws IOException {
        OFRoleReply reply = requestRole(wanted, generationId).get(timeoutMillis, TimeUnit.MILLISECONDS,
                                                                     "role request");
        log.info("{}: role {} (generation {})", deviceId, reply.getRole(), reply.getGenerationId().getValue());
        if (role != OFControllerRole.ROLE_MASTER) {
            return;
        }
        channel.send(forwardingRule());
        for (Intercept i : intercepts) {
            sendIntercept(i, true);
        }
        await(channel.request(factory.buildBarrierRequest().setXid(channel.nextXid()).build()), timeoutMillis,
              "barrier");
    }

    /**
     * Returns the channel's counters: packet-ins received, packet-outs sent, packet-ins nobody
     * handled (sent back to the switch's forwarding).
     *
     * @return {packet-ins, packet-outs, forwarded}
     */
    public long[] counters() {
        return new long[]{packetIns.get(), packetOuts.get(), forwarded.get()};
    }

    /**
     * Returns the connection.
     *
     * @return channel
     */
    public OpenFlowChannel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "switch " + deviceId + " over " + channel;
    }
}
