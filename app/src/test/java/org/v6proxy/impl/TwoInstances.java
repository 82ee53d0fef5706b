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

import org.junit.rules.ExternalResource;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.TestApplicationId;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.HostLocation;

import static org.v6proxy.impl.ProxyManagerTest.H1_MAC;
import static org.v6proxy.impl.ProxyManagerTest.H2_MAC;
import static org.v6proxy.impl.ProxyManagerTest.P1;
import static org.v6proxy.impl.ProxyManagerTest.P2;

/**
 * Two v6proxy instances of one cluster for a test, as a JUnit rule: A and B,
 * each a manager and a store wired over fakes (ManagerWiring) with packet
 * services of their own, sharing one storage (the distributed maps) and the
 * host service; the two backends of the topology contract located
 * (2001:db8::1 at P1, 2001:db8::2 at P2), the given network config applied
 * on both; deactivated after the test.
 */
final class TwoInstances extends ExternalResource {
    final ApplicationId appId = new TestApplicationId(ProxyManager.APP_NAME);
    final SharedStorageService storage = new SharedStorageService();
    final TestHostService hosts = new TestHostService();
    final ProxyManager mgrA = new ProxyManager();
    final ProxyManager mgrB = new ProxyManager();
    final DistributedConnectionStore storeA = new DistributedConnectionStore();
    final DistributedConnectionStore storeB = new DistributedConnectionStore();
    final RecordingPacketService pktA = new RecordingPacketService();
    final RecordingPacketService pktB = new RecordingPacketService();
    private final String config;

    /**
     * Two instances that will run with this network config.
     *
     * @param config the app's config JSON (the v6proxy key's value)
     */
    TwoInstances(String config) {
        this.config = config;
    }

    @Override
    protected void before() {
        hosts.add(IpAddress.valueOf("2001:db8::1"), MacAddress.valueOf(H1_MAC), new HostLocation(P1, 0));
        hosts.add(IpAddress.valueOf("2001:db8::2"), MacAddress.valueOf(H2_MAC), new HostLocation(P2, 0));
        wire(mgrA, storeA, pktA);
        wire(mgrB, storeB, pktB);
    }

    private void wire(ProxyManager mgr, DistributedConnectionStore store, RecordingPacketService pkt) {
        TestConfigRegistry cfg = new TestConfigRegistry();
        ManagerWiring.wire(mgr, store, storage, pkt, cfg, hosts, new TestMastership(), appId);
        cfg.apply(appId, V6ProxyConfig.class, config);
    }

    @Override
    protected void after() {
        mgrA.deactivate();
        mgrB.deactivate();
        storeA.deactivate();
        storeB.deactivate();
    }
}
