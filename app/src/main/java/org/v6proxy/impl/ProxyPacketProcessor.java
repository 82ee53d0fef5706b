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

import org.onlab.packet.Ip6Address;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.host.HostService;
import org.onosproject.net.packet.InboundPacket;
import org.onosproject.net.packet.PacketContext;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketService;
import org.slf4j.Logger;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.neighbor.ArpResponder;
import org.v6proxy.neighbor.BackendResolver;
import org.v6proxy.neighbor.NdpResponder;
import org.v6proxy.packet.Eth;
import org.v6proxy.packet.Icmp;
import org.v6proxy.packet.Ip4;
import org.v6proxy.packet.Ip6;
import org.v6proxy.packet.IpProto;
import org.v6proxy.tcp.SynCookies;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * The packet-in entry point: sorts each frame into neighbour discovery,
 * ICMP echo to a VIP, or the translation paths, and guarantees that no
 * exception escapes (an unexpected one is a counted INTERNAL_ERROR drop).
 * Frames that are not v6proxy's are left unhandled for other processors.
 */
final class ProxyPacketProcessor implements PacketProcessor {
    private final Logger log = getLogger(getClass());

    private final Supplier<ServiceTable> tables;
    private final ProxyCounterSet counters;
    private final FrameSender sender;
    private final L4Path l4;

    ProxyPacketProcessor(Supplier<ServiceTable> tables, ConnectionStore store, ProxyCounterSet counters,
                         PacketService packetService, HostService hostService, ScheduledExecutorService timer,
                         SynCookies cookies, Predicate<DeviceId> reapsHere) {
        this.tables = tables;
        this.counters = counters;
        this.sender = new FrameSender(packetService);
        this.l4 = new L4Path(tables, store, counters, sender, hostService, timer, cookies, reapsHere);
    }

    void activate() {
        l4.activate();
    }

    void deactivate() {
        l4.deactivate();
    }

    int bindingCount() {
        return l4.bindingCount();
    }

    int halfOpenCount() {
        return l4.halfOpenCount();
    }

    void pinBackends(Map<Ip6Address, BackendResolver.Endpoint> pins) {
        l4.pinBackends(pins);
    }

    int limitCount(String service, Integer client) {
        return l4.limitCount(service, client);
    }

    void reap(long nowNanos) {
        l4.reap(nowNanos);
    }

    void resetService(String name) {
        l4.resetService(name);
    }

    boolean reset(ConnectionKey key) {
        return l4.reset(key);
    }

    @Override
    public void process(PacketContext context) {
        if (context.isHandled()) {
            return;
        }
        try {
            InboundPacket in = context.inPacket();
            ByteBuffer bb = in.unparsed();
            if (bb == null) {
                return;
            }
            byte[] b;
            int off;
            int len = bb.remaining();
            if (bb.hasArray()) {
                b = bb.array();
                off = bb.arrayOffset() + bb.position();
            } else {
                b = new byte[len];
                bb.duplicate().get(b);
                off = 0;
            }
            if (handle(b, off, len, in.receivedFrom())) {
                context.block();
            }
        } catch (RuntimeException e) {
            counters.drop(DropReason.INTERNAL_ERROR);
            log.warn("Unexpected error on a packet-in; frame dropped", e);
            context.block();
        }
    }

    /**
     * Handles one frame.
     *
     * @param b buffer
     * @param off frame offset
     * @param len frame length
     * @param ingress where the frame entered
     * @return true if the frame was v6proxy's (consumed, forwarded or dropped)
     */
    boolean handle(byte[] b, int off, int len, ConnectPoint ingress) {
        ServiceTable t = tables.get();
        ProxySettings settings = t.settings();
        if (settings == null || len < Eth.HEADER_LEN) {
            return false;
        }
        int type = Eth.outerEtherType(b, off);
        switch (type) {
            case Eth.ETHERTYPE_ARP:
                return arp(t, b, off, len, ingress);
            case Eth.ETHERTYPE_IPV4:
                return ipv4(t, b, off, len, ingress);
            case Eth.ETHERTYPE_IPV6:
                return ipv6(t, b, off, len, ingress);
            default:
                return false;
        }
    }

    private boolean arp(ServiceTable t, byte[] b, int off, int len, ConnectPoint ingress) {
        byte[] frame = off == 0 ? b : copy(b, off, len);
        byte[] reply = ArpResponder.reply(frame, len, t::isVip, t.settings().gatewayMac());
        if (reply == null) {
            return false;
        }
        sender.send(ingress, reply);
        return true;
    }

    private boolean ipv4(ServiceTable t, byte[] b, int off, int len, ConnectPoint ingress) {
        int ip = off + Eth.HEADER_LEN;
        if (len < Eth.HEADER_LEN + Ip4.MIN_HEADER_LEN || Ip4.version(b, ip) != Ip4.VERSION
                || !t.isVip(Ip4.dst(b, ip))) {
            return false;
        }
        if (Ip4.protocol(b, ip) == IpProto.ICMP) {
            int ipLen = Math.min(Ip4.totalLength(b, ip), len - Eth.HEADER_LEN);
            if (Ip4.ihl(b, ip) < Ip4.MIN_HEADER_LEN || ipLen < Ip4.ihl(b, ip) || Ip4.isFragment(b, ip)) {
                counters.drop(DropReason.MALFORMED);
                return true;
            }
            int icmp = ip + Ip4.ihl(b, ip);
            if (ipLen - Ip4.ihl(b, ip) >= Icmp.HEADER_LEN && Icmp.isTranslatableV4Error(b[icmp] & 0xff)) {
                l4.icmpErrorFromClient(t, b, off, ipLen, ingress);
                return true;
            }
            byte[] reply = ControlFrames.echoReply4(b, off, ip, ipLen, t.gatewayMacLong());
            if (reply != null) {
                sender.send(ingress, reply);
            } else {
                counters.drop(DropReason.ICMP_UNTRANSLATABLE);
            }
            return true;
        }
        l4.fromClient(t, b, off, len, ingress);
        return true;
    }

    private boolean ipv6(ServiceTable t, byte[] b, int off, int len, ConnectPoint ingress) {
        byte[] frame = off == 0 ? b : copy(b, off, len);
        byte[] reply = NdpResponder.reply(frame, len, t.settings().clientPrefix(), t.settings().gatewayMac());
        if (reply != null) {
            sender.send(ingress, reply);
            return true;
        }
        if (l4.advertisement(b, off, len, ingress)) {
            return true;
        }
        int ip = off + Eth.HEADER_LEN;
        if (len < Eth.HEADER_LEN + Ip6.HEADER_LEN || !t.inClientPrefix(b, ip + Ip6.DST_OFFSET)) {
            return false;
        }
        l4.fromBackend(t, b, off, len, ingress);
        return true;
    }

    private static byte[] copy(byte[] b, int off, int len) {
        byte[] c = new byte[len];
        System.arraycopy(b, off, c, 0, len);
        return c;
    }
}
