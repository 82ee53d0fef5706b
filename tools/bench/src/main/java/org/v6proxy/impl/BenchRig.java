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

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.Ip6Prefix;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.TestApplicationId;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.PortNumber;
import org.onosproject.store.service.TestStorageService;
import org.v6proxy.api.Backend;
import org.v6proxy.bench.OnlabDelayedProxy;
import org.v6proxy.bench.OnlabProxy;

import java.util.Map;


/**
 * One ONOS instance's worth of v6proxy, wired as in the app's manager tests
 * (ProxyManager, DistributedConnectionStore over the in-memory
 * TestStorageService, the app's test config registry, host service, codec
 * registry and synchronous event dispatcher), plus the conventional
 * {@link OnlabProxy} (l4) and {@link OnlabDelayedProxy} (http) configured
 * the same way, all emitting into one
 * {@link LastFramePacketService}.
 *
 * <p>Network: client(s) 10.x.y.z behind port 3, l4 service 10.0.0.43:80
 * served by [2001:db8::1]:8080 behind port 1, client prefix 2001:db8:46::/96;
 * http (delayed-binding) service 10.0.0.44:80 routing host a.example to
 * [2001:db8::2]:8080 behind port 2 (default backend [2001:db8::1]:8080).
 * The IPv6 MTU is 1520 so that a 1460-byte segment from the client (1500
 * bytes of IPv4) still fits once translated.
 */
final class BenchRig implements AutoCloseable {
    static final DeviceId DEV = DeviceId.deviceId("of:0000000000000001");
    static final ConnectPoint BACKEND_AT = new ConnectPoint(DEV, PortNumber.portNumber(1));
    static final ConnectPoint BACKEND2_AT = new ConnectPoint(DEV, PortNumber.portNumber(2));
    static final ConnectPoint CLIENT_AT = new ConnectPoint(DEV, PortNumber.portNumber(3));
    static final long GW_MAC = 0x020000004601L;
    static final long BACKEND_MAC = 0x020000000001L;
    static final long BACKEND2_MAC = 0x020000000002L;
    static final long CLIENT_MAC = 0x020000000003L;
    static final int CLIENT4 = Ip4Address.valueOf("10.0.0.3").toInt();
    static final int VIP4 = Ip4Address.valueOf("10.0.0.43").toInt();
    static final int HTTP_VIP4 = Ip4Address.valueOf("10.0.0.44").toInt();
    static final String HTTP_HOST = "a.example";
    static final int SERVICE_PORT = 80;
    static final int BACKEND_PORT = 8080;
    static final byte[] BACKEND6 = Ip6Address.valueOf("2001:db8::1").toOctets();
    static final byte[] BACKEND2_6 = Ip6Address.valueOf("2001:db8::2").toOctets();
    static final byte[] CLIENT_PREFIX6 = Ip6Address.valueOf("2001:db8:46::").toOctets();
    static final int IPV4_MTU = 1500;
    static final int IPV6_MTU = 1520;

    static final String CONFIG = "{ \"clientPrefix\": \"2001:db8:46::/96\", \"gatewayMac\": \"02:00:00:00:46:01\","
            + " \"ipv4Mtu\": " + IPV4_MTU + ", \"ipv6Mtu\": " + IPV6_MTU + ","
            + " \"services\": ["
            + "  { \"name\": \"web\", \"vip\": \"10.0.0.43\", \"port\": " + SERVICE_PORT + ", \"mode\": \"l4\","
            + "    \"defaultBackend\": \"[2001:db8::1]:" + BACKEND_PORT + "\" },"
            + "  { \"name\": \"site\", \"vip\": \"10.0.0.44\", \"port\": " + SERVICE_PORT + ", \"mode\": \"http\","
            + "    \"routes\": [ { \"match\": \"" + HTTP_HOST + "\", \"backend\": \"[2001:db8::2]:" + BACKEND_PORT
            + "\" } ],"
            + "    \"defaultBackend\": \"[2001:db8::1]:" + BACKEND_PORT + "\" }"
            + " ] }";

    private final ApplicationId appId = new TestApplicationId(ProxyManager.APP_NAME);
    final LastFramePacketService pkt = new LastFramePacketService();
    final TestHostService hosts = new TestHostService();
    final TestConfigRegistry cfg = new TestConfigRegistry();
    final DistributedConnectionStore store = new DistributedConnectionStore();
    final ProxyManager mgr = new ProxyManager();
    final ProxyPacketProcessor processor;
    final OnlabProxy onlab;
    final OnlabDelayedProxy onlabHttp;

    /** Starts both implementations with the benchmark network. */
    BenchRig() {
        ManagerWiring.wire(mgr, store, new TestStorageService(), pkt, cfg, hosts, new TestMastership(), appId);
        cfg.apply(appId, V6ProxyConfig.class, CONFIG);
        hosts.add(IpAddress.valueOf("2001:db8::1"), MacAddress.valueOf(BACKEND_MAC), new HostLocation(BACKEND_AT, 0));
        hosts.add(IpAddress.valueOf("2001:db8::2"), MacAddress.valueOf(BACKEND2_MAC),
                  new HostLocation(BACKEND2_AT, 0));
        processor = (ProxyPacketProcessor) pkt.processors.get(0);
        onlab = new OnlabProxy(Ip6Prefix.valueOf("2001:db8:46::/96"), MacAddress.valueOf(GW_MAC), IPV4_MTU,
                               IPV6_MTU, hosts, pkt, new TestStorageService());
        onlab.addService("web", Ip4Address.valueOf(VIP4), SERVICE_PORT,
                         new Backend(Ip6Address.valueOf(BACKEND6), BACKEND_PORT));
        onlabHttp = new OnlabDelayedProxy(Ip6Prefix.valueOf("2001:db8:46::/96"), MacAddress.valueOf(GW_MAC),
                                          IPV4_MTU, IPV6_MTU, hosts, pkt, new TestStorageService());
        onlabHttp.addHttpService("site", Ip4Address.valueOf(HTTP_VIP4), SERVICE_PORT,
                                 Map.of(HTTP_HOST, new Backend(Ip6Address.valueOf(BACKEND2_6), BACKEND_PORT)),
                                 new Backend(Ip6Address.valueOf(BACKEND6), BACKEND_PORT));
    }

    /**
     * Hands a frame to v6proxy's packet processor, as a packet-in would
     * (without the ONOS packet context around it).
     *
     * @param frame Ethernet frame
     * @param ingress where it entered
     * @return the frame emitted for it, or null
     */
    byte[] v6proxy(byte[] frame, ConnectPoint ingress) {
        pkt.clear();
        processor.handle(frame, 0, frame.length, ingress);
        return pkt.lastFrame();
    }

    /**
     * Hands a frame to the conventional implementation.
     *
     * @param frame Ethernet frame
     * @param ingress where it entered
     * @return the frame emitted for it, or null
     */
    byte[] onlab(byte[] frame, ConnectPoint ingress) {
        pkt.clear();
        onlab.process(frame, ingress);
        return pkt.lastFrame();
    }

    /**
     * Opens one connection through both implementations (SYN, SYN-ACK, ACK)
     * and checks that each forwarded all three.
     *
     * @param clientIp client IPv4
     * @param sport client port
     */
    void establishBoth(int clientIp, int sport) {
        byte[][] handshake = {BenchFrames.clientSyn(clientIp, sport), BenchFrames.backendSynAck(clientIp, sport),
            BenchFrames.clientAck(clientIp, sport)};
        ConnectPoint[] from = {CLIENT_AT, BACKEND_AT, CLIENT_AT};
        for (int i = 0; i < handshake.length; i++) {
            if (v6proxy(handshake[i], from[i]) == null || onlab(handshake[i], from[i]) == null) {
                throw new IllegalStateException("handshake segment " + i + " was not forwarded");
            }
        }
    }

    @Override
    public void close() {
        mgr.deactivate();
        store.deactivate();
    }
}
