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

import com.google.common.collect.ImmutableSet;
import org.onlab.packet.Ethernet;
import org.onlab.packet.ICMP6;
import org.onlab.packet.IPv6;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.core.ApplicationId;
import org.onosproject.event.ListenerRegistry;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultHost;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.host.HostListener;
import org.onosproject.net.host.HostServiceAdapter;
import org.onosproject.net.packet.PacketPriority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.v6proxy.testbed.fabric.Datapath;
import org.v6proxy.testbed.fabric.FrameObserver;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Hosts learned from the frames the switch receives, as ONOS's host location provider
 * learns them: the Ethernet source MAC (VLAN none) at the ingress port, with
 * <ul>
 *   <li>IPv4: the sender address of ARP packets and the source of IPv4 packets;</li>
 *   <li>IPv6: the source of IPv6 packets and the target of neighbour advertisements
 *       (the unspecified address and link-local addresses are not recorded: they do not
 *       identify a host beyond its link).</li>
 * </ul>
 * A host seen on another port is MOVED; a new address makes it UPDATED; an address seen
 * at another MAC is taken away from the host that had it. Events go through the event
 * dispatcher. Per port, the last (MAC, address) pair is cached so that a steady stream
 * costs a few comparisons and no allocation. {@link #requestMac} sends the probes that
 * {@link ProbeFrames} describes out of every port.
 */
public final class TestbedHostService extends HostServiceAdapter implements FrameObserver {

    private static final int ETH_HEADER = 14;
    private static final int ARP_END = ETH_HEADER + 28;
    private static final int IPV6_HEADER = 40;
    private static final int ICMPV6 = 58;
    private static final int TYPE_NEIGHBOR_ADVERTISEMENT = 136;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final ListenerRegistry<HostEvent, HostListener> listeners = new ListenerRegistry<>();
    private final TestbedEventDispatcher dispatcher;
    private final Datapath fabric;
    private final Map<HostId, Host> hosts = new ConcurrentHashMap<>();
    private final Set<IpAddress> monitored = ConcurrentHashMap.newKeySet();
    private final Seen[] seen;

    /** Last learned (MAC, IPv4, IPv6) of one port; touched only by that port's reader thread. */
    private static final class Seen {
        long mac = -1;
        int ip4;
        long ip6hi;
        long ip6lo;
        boolean has4;
        boolean has6;
    }

    /**
     * Creates the service and registers it as an observer of the switch's frames.
     *
     * @param fabric the switch
     * @param dispatcher delivers host events
     */
    public TestbedHostService(Datapath fabric, TestbedEventDispatcher dispatcher) {
        this.fabric = checkNotNull(fabric, "fabric");
        this.dispatcher = checkNotNull(dispatcher, "dispatcher");
        seen = new Seen[fabric.portNumbers().stream().mapToInt(Integer::intValue).max().orElse(0) + 1];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = new Seen();
        }
        dispatcher.addSink(HostEvent.class, listeners);
        fabric.addObserver(this);
    }

    /**
     * Asks the switch for the neighbour advertisements, as ONOS's host location provider does
     * with IPv6 neighbour discovery on: the answers to {@link #requestMac}'s solicitations are
     * addressed to the testbed and would otherwise never reach it. (ARP and solicitations are
     * what v6proxy itself intercepts; every packet-in is observed.)
     *
     * @param provider the host provider's application id (the rule's cookie)
     */
    public void requestIntercepts(ApplicationId provider) {
        fabric.intercept(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV6)
                                 .matchIPProtocol(IPv6.PROTOCOL_ICMP6)
                                 .matchIcmpv6Type(ICMP6.NEIGHBOR_ADVERTISEMENT).build(),
                         PacketPriority.CONTROL.priorityValue(), provider.id(), true);
    }

    @Override
    public void observe(int port, byte[] f) {
        if (f.length < ETH_HEADER || (f[6] & 1) != 0 || port <= 0 || port >= seen.length) {
            return;
        }
        long mac = mac(f, 6);
        int type = u16(f, 12);
        if (type == 0x0806) {
            if (f.length >= ARP_END && u16(f, 14) == 1 && u16(f, 16) == 0x0800 && f[18] == 6 && f[19] == 4) {
                learn4(port, mac, s32(f, 28));
            }
        } else if (type == 0x0800) {
            if (f.length >= ETH_HEADER + 20 && (f[ETH_HEADER] >> 4 & 0xf) == 4) {
                learn4(port, mac, s32(f, 26));
            }
        } else if (type == 0x86dd && f.length >= ETH_HEADER + IPV6_HEADER) {
            learn6(port, mac, f, 22);
            int icmp = ETH_HEADER + IPV6_HEADER;
            if ((f[20] & 0xff) == ICMPV6 && f.length >= icmp + 24 && (f[icmp] & 0xff) == TYPE_NEIGHBOR_ADVERTISEMENT) {
                learn6(port, mac, f, icmp + 8);
            }
        }
    }

    private void learn4(int port, long mac, int ip) {
        if (ip == 0) {
            return;
        }
        Seen s = seen[port];
        if (s.mac == mac && s.has4 && s.ip4 == ip) {
            return;
        }
        update(port, mac, IpAddress.valueOf(ip));
        if (s.mac != mac) {
            s.mac = mac;
            s.has6 = false;
        }
        s.ip4 = ip;
        s.has4 = true;
    }

    private void learn6(int port, long mac, byte[] f, int off) {
        long hi = s64(f, off);
        long lo = s64(f, off + 8);
        // Unspecified (::, used by DAD) and link-local fe80::/10 are not recorded.
        if ((hi == 0 && lo == 0) || (hi >>> 54) == (0xfe80L >>> 6)) {
            return;
        }
        Seen s = seen[port];
        if (s.mac == mac && s.has6 && s.ip6hi == hi && s.ip6lo == lo) {
            return;
        }
        byte[] a = new byte[16];
        System.arraycopy(f, off, a, 0, 16);
        update(port, mac, IpAddress.valueOf(IpAddress.Version.INET6, a));
        if (s.mac != mac) {
            s.mac = mac;
            s.has4 = false;
        }
        s.ip6hi = hi;
        s.ip6lo = lo;
        s.has6 = true;
    }

    private synchronized void update(int port, long macBits, IpAddress ip) {
        MacAddress mac = MacAddress.valueOf(macBits);
        HostId id = HostId.hostId(mac, VlanId.NONE);
        DeviceId deviceId = fabric.deviceId();
        PortNumber portNumber = PortNumber.portNumber(port);
        for (Host other : hosts.values()) {
            if (!other.id().equals(id) && other.ipAddresses().contains(ip)) {
                Set<IpAddress> rest = new HashSet<>(other.ipAddresses());
                rest.remove(ip);
                Host changed = host(other.id(), other.mac(), other.location(), rest);
                hosts.put(other.id(), changed);
                post(new HostEvent(HostEvent.Type.HOST_UPDATED, changed, other));
            }
        }
        Host prev = hosts.get(id);
        HostLocation here = new HostLocation(deviceId, portNumber, System.currentTimeMillis());
        if (prev == null) {
            Host added = host(id, mac, here, Set.of(ip));
            hosts.put(id, added);
            log.info("host added: {} at {} with {}", mac, here, ip);
            post(new HostEvent(HostEvent.Type.HOST_ADDED, added));
            return;
        }
        boolean moved = !prev.location().deviceId().equals(deviceId) || !prev.location().port().equals(portNumber);
        boolean newAddress = !prev.ipAddresses().contains(ip);
        if (!moved && !newAddress) {
            return;
        }
        Set<IpAddress> ips = new HashSet<>(prev.ipAddresses());
        ips.add(ip);
        Host host = host(id, mac, moved ? here : prev.location(), ips);
        hosts.put(id, host);
        log.info("host {}: {} at {} with {}", moved ? "moved" : "updated", mac, host.location(), ips);
        post(new HostEvent(moved ? HostEvent.Type.HOST_MOVED : HostEvent.Type.HOST_UPDATED, host, prev));
    }

    private static Host host(HostId id, MacAddress mac, HostLocation location, Set<IpAddress> ips) {
        return new DefaultHost(TestbedDeviceService.PROVIDER, id, mac, VlanId.NONE, location, ImmutableSet.copyOf(ips));
    }

    private void post(HostEvent event) {
        dispatcher.post(event);
    }

    @Override
    public void addListener(HostListener listener) {
        listeners.addListener(listener);
    }

    @Override
    public void removeListener(HostListener listener) {
        listeners.removeListener(listener);
    }

    @Override
    public int getHostCount() {
        return hosts.size();
    }

    @Override
    public Iterable<Host> getHosts() {
        return ImmutableSet.copyOf(hosts.values());
    }

    @Override
    public Host getHost(HostId hostId) {
        return hostId == null ? null : hosts.get(hostId);
    }

    private Set<Host> select(Predicate<Host> predicate) {
        ImmutableSet.Builder<Host> builder = ImmutableSet.builder();
        for (Host h : hosts.values()) {
            if (predicate.test(h)) {
                builder.add(h);
            }
        }
        return builder.build();
    }

    @Override
    public Set<Host> getHostsByVlan(VlanId vlanId) {
        return select(h -> h.vlan().equals(vlanId));
    }

    @Override
    public Set<Host> getHostsByMac(MacAddress mac) {
        return select(h -> h.mac().equals(mac));
    }

    @Override
    public Set<Host> getHostsByIp(IpAddress ip) {
        return select(h -> h.ipAddresses().contains(ip));
    }

    @Override
    public Set<Host> getConnectedHosts(ConnectPoint point) {
        return select(h -> h.location().deviceId().equals(point.deviceId())
                && h.location().port().equals(point.port()));
    }

    @Override
    public Set<Host> getConnectedHosts(DeviceId deviceId) {
        return select(h -> h.location().deviceId().equals(deviceId));
    }

    @Override
    public void startMonitoringIp(IpAddress ip) {
        if (monitored.add(ip)) {
            requestMac(ip);
        }
    }

    @Override
    public void stopMonitoringIp(IpAddress ip) {
        monitored.remove(ip);
    }

    /**
     * Returns the addresses being monitored.
     *
     * @return addresses
     */
    public Set<IpAddress> monitoredIps() {
        return Set.copyOf(monitored);
    }

    @Override
    public void requestMac(IpAddress ip) {
        if (ip == null) {
            return;
        }
        byte[] probe = ip.isIp4()
                ? ProbeFrames.arpRequest(ProbeFrames.PROBE_MAC, ip.getIp4Address())
                : ProbeFrames.neighborSolicitation(ProbeFrames.PROBE_MAC, ip.getIp6Address());
        log.debug("requestMac {}: probe out of every port", ip);
        fabric.flood(0, probe);
    }

    private static int u16(byte[] f, int off) {
        return (f[off] & 0xff) << 8 | (f[off + 1] & 0xff);
    }

    private static int s32(byte[] f, int off) {
        return (f[off] & 0xff) << 24 | (f[off + 1] & 0xff) << 16 | (f[off + 2] & 0xff) << 8 | (f[off + 3] & 0xff);
    }

    private static long s64(byte[] f, int off) {
        return (long) s32(f, off) << 32 | (s32(f, off + 4) & 0xffffffffL);
    }

    private static long mac(byte[] f, int off) {
        return (long) u16(f, off) << 32 | (s32(f, off + 2) & 0xffffffffL);
    }
}
