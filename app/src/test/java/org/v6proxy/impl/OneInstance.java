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
import org.onosproject.core.ApplicationId;
import org.onosproject.TestApplicationId;
import org.onosproject.net.HostLocation;

import static org.v6proxy.impl.ProxyManagerTest.H1_MAC;
import static org.v6proxy.impl.ProxyManagerTest.H2_MAC;
import static org.v6proxy.impl.ProxyManagerTest.P1;
import static org.v6proxy.impl.ProxyManagerTest.P2;

/**
 * One v6proxy instance for a test, as a JUnit rule: the manager and its
 * store wired over fakes (ManagerWiring), the given network config applied
 * and the two backends of the topology contract located (2001:db8::1 at P1,
 * 2001:db8::2 at P2); deactivated after the test.
 */
final class OneInstance extends ExternalResource {
    final ApplicationId appId = new TestApplicationId(ProxyManager.APP_NAME);
    final RecordingPacketService pkt = new RecordingPacketService();
    final TestConfigRegistry cfg = new TestConfigRegistry();
    final TestHostService hosts = new TestHostService();
    final ProxyManager mgr = new ProxyManager();
    final DistributedConnectionStore store = new DistributedConnectionStore();
    final SharedStorageService storage = new SharedStorageService();
    private final String config;

    /**
     * An instance that will run with this network config.
     *
     * @param config the app's config JSON (the v6proxy key's value)
     */
    OneInstance(String config) {
        this.config = config;
    }

    @Override
    protected void before() {
        ManagerWiring.wire(mgr, store, storage, pkt, cfg, hosts, new TestMastership(), appId);
        cfg.apply(appId, V6ProxyConfig.class, config);
        hosts.add(IpAddress.valueOf("2001:db8::1"), MacAddress.valueOf(H1_MAC), new HostLocation(P1, 0));
        hosts.add(IpAddress.valueOf("2001:db8::2"), MacAddress.valueOf(H2_MAC), new HostLocation(P2, 0));
    }

    @Override
    protected void after() {
        mgr.deactivate();
        store.deactivate();
    }
}
