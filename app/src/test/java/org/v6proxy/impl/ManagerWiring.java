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

import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.config.NetworkConfigRegistry;
import org.onosproject.net.host.HostService;
import org.onosproject.net.packet.PacketService;
import org.onosproject.store.service.StorageService;

import static org.onosproject.net.NetTestTools.injectEventDispatcher;

/**
 * Wires a ProxyManager and its connection store over fakes the way an ONOS
 * instance would, and activates both (shared by the app's tests and the
 * benchmarks' rig).
 */
final class ManagerWiring {
    private ManagerWiring() {
    }

    /**
     * Wires and activates one instance.
     *
     * @param mgr manager
     * @param store its connection store
     * @param storage storage (shared between instances of one cluster)
     * @param packets packet service
     * @param cfg network config registry
     * @param hosts host service
     * @param mastership mastership service
     * @param appId application id the core service hands out
     */
    static void wire(ProxyManager mgr, DistributedConnectionStore store, StorageService storage,
                     PacketService packets, NetworkConfigRegistry cfg, HostService hosts,
                     MastershipService mastership, ApplicationId appId) {
        store.storageService = storage;
        store.writeBehind = false;
        store.activate();
        mgr.coreService = new CoreServiceAdapter() {
            @Override
            public ApplicationId registerApplication(String name) {
                return appId;
            }
        };
        mgr.packetService = packets;
        mgr.cfgService = cfg;
        mgr.hostService = hosts;
        mgr.mastershipService = mastership;
        mgr.store = store;
        mgr.codecService = new MapCodecService();
        injectEventDispatcher(mgr, new SyncEventDispatcher());
        mgr.activate();
    }
}
