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

import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.TestApplicationId;
import org.onosproject.core.ApplicationId;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.HostLocation;
import org.onosproject.store.service.StorageService;
import org.v6proxy.api.Connection;
import org.v6proxy.api.DropReason;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One whole v6proxy instance (manager, packet path, connection store) over the
 * storage and mastership services of a cluster instance, for tests in other
 * packages: the app's own test scaffolding wired as OneInstance does, with
 * the store's writes behind the packet thread as in production.
 */
public final class ClusterApp implements AutoCloseable {
    /** Where clients attach, on the app tests' device. */
    public static final ConnectPoint CLIENT_PORT = ProxyManagerTest.P3;
    /** The backend 2001:db8::1 attaches here. */
    public static final ConnectPoint BACKEND1_PORT = ProxyManagerTest.P1;
    private static final int ETH = 14;
    private static final int IP4 = 20;
    private static final int IP6 = 40;
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int PSH_ACK = 0x18;

    private final ApplicationId appId = new TestApplicationId(ProxyManager.APP_NAME);
    private final RecordingPacketService pkt = new RecordingPacketService();
    private final TestConfigRegistry cfg = new TestConfigRegistry();
    private final TestHostService hosts = new TestHostService();
    private final ProxyManager mgr = new ProxyManager();
    private final DistributedConnectionStore store = new DistributedConnectionStore();

    /**
     * Wires and activates an instance with the delayed-binding config of the app's tests
     * (service "seed", 10.0.0.42:80, prefix mode: "A" to [2001:db8::1]:80).
     *
     * @param storage the cluster instance's storage service
     * @param mastership its mastership service
     */
    public ClusterApp(StorageService storage, MastershipService mastership) {
        ManagerWiring.wire(mgr, store, storage, pkt, cfg, hosts, mastership, appId);
        store.writeBehind = true;
        cfg.apply(appId, V6ProxyConfig.class, DelayedBindingTest.CONFIG);
        hosts.add(IpAddress.valueOf("2001:db8::1"), MacAddress.valueOf(ProxyManagerTest.H1_MAC),
                  new HostLocation(ProxyManagerTest.P1, 0));
        hosts.add(IpAddress.valueOf("2001:db8::2"), MacAddress.valueOf(ProxyManagerTest.H2_MAC),
                  new HostLocation(ProxyManagerTest.P2, 0));
    }

    /**
     * Returns the instance's connection store.
     *
     * @return store
     */
    public DistributedConnectionStore store() {
        return store;
    }

    /**
     * Sends a client's SYN to 10.0.0.42:80 and returns the ISN of the SYN-ACK that
     * the instance answers with (its SYN cookie), or throws if none.
     *
     * @param clientPort the client's port
     * @return cookie
     */
    public int synCookie(int clientPort) {
        pkt.inject(CLIENT_PORT, TestFrames.tcp4(ProxyManagerTest.GW, ProxyManagerTest.H3_MAC, ProxyManagerTest.CLIENT,
                                                DelayedBindingTest.VIP42, clientPort, 80, 1000, 0, SYN,
                                                DelayedBindingTest.CLIENT_SYN_OPTS, ProxyManagerTest.NO_OPTS));
        List<RecordingPacketService.Emitted> out = pkt.drain();
        if (out.size() != 1 || (out.get(0).frame[ETH + IP4 + 13] & 0xff) != (SYN | ACK)) {
            throw new IllegalStateException("no SYN-ACK: " + out.size() + " frames");
        }
        return u32(out.get(0).frame, ETH + IP4 + 4);
    }

    /**
     * Sends the client's handshake-completing ACK carrying "A" (the route to backend
     * 2001:db8::1) and returns where the instance sent frames: a valid cookie opens
     * the backend leg with a SYN toward it.
     *
     * @param clientPort the client's port
     * @param ack the ACK number (cookie + 1)
     * @return one line per emitted frame: "port flags" (TCP flags of the IPv6 or IPv4 segment)
     */
    public List<String> ackWithData(int clientPort, int ack) {
        pkt.inject(CLIENT_PORT, TestFrames.tcp4(ProxyManagerTest.GW, ProxyManagerTest.H3_MAC, ProxyManagerTest.CLIENT,
                                                DelayedBindingTest.VIP42, clientPort, 80, 1001, ack, PSH_ACK,
                                                ProxyManagerTest.NO_OPTS, "A".getBytes()));
        return pkt.drain().stream().map(e -> {
            boolean v6 = (e.frame[12] & 0xff) == 0x86;
            int tcp = ETH + (v6 ? IP6 : IP4);
            return e.out + " " + (v6 ? "v6" : "v4") + " flags=" + (e.frame[tcp + 13] & 0xff);
        }).collect(Collectors.toList());
    }

    /**
     * Returns the connections this instance lists (CLI {@code v6proxy-connections}, REST
     * {@code GET /connections}).
     *
     * @return connections
     */
    public Collection<Connection> listed() {
        return mgr.getConnections();
    }

    /**
     * Returns the live connections this instance counts for a service ({@code v6proxy-services}).
     *
     * @param service service name
     * @return count
     */
    public int listedFor(String service) {
        return mgr.getConnectionCount(service);
    }

    /**
     * Returns this instance's counter of ACKs with an invalid SYN cookie ({@code v6proxy-counters}).
     *
     * @return count
     */
    public long badCookies() {
        return mgr.getCounters().drops(DropReason.BAD_COOKIE);
    }

    /**
     * Runs the connection reaper once at a given monotonic time (the test's clock).
     *
     * @param nowNanos time
     */
    public void reap(long nowNanos) {
        ((ProxyPacketProcessor) pkt.processors.get(0)).reap(nowNanos);
    }

    /**
     * Makes a store over a storage service without a manager (writes behind, as in production).
     *
     * @param storage storage service
     * @return activated store
     */
    public static DistributedConnectionStore store(StorageService storage) {
        DistributedConnectionStore s = new DistributedConnectionStore();
        s.storageService = storage;
        s.activate();
        return s;
    }

    /**
     * Sets whether a store writes behind the caller (production) or in the caller's thread
     * (as before write-behind; for the before/after measurement).
     *
     * @param s store
     * @param behind true for write-behind
     */
    public static void writeBehind(DistributedConnectionStore s, boolean behind) {
        s.writeBehind = behind;
    }

    /**
     * Deactivates a store made by {@link #store}.
     *
     * @param s store
     */
    public static void stop(DistributedConnectionStore s) {
        s.deactivate();
    }

    private static int u32(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    @Override
    public void close() {
        mgr.deactivate();
        store.deactivate();
    }
}
