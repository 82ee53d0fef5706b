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

import com.google.common.collect.ImmutableSet;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DefaultHost;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.host.HostListener;
import org.onosproject.net.host.HostServiceAdapter;
import org.onosproject.net.provider.ProviderId;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hosts known by IP, probes recorded, host events posted on demand.
 */
class TestHostService extends HostServiceAdapter {
    private static final ProviderId PID = new ProviderId("test", "v6proxy");

    final Map<IpAddress, Host> hosts = new ConcurrentHashMap<>();
    final List<IpAddress> probes = new CopyOnWriteArrayList<>();
    final List<HostListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Adds a host and posts HOST_ADDED.
     *
     * @param ip address
     * @param mac MAC
     * @param location attachment point
     * @return the host
     */
    Host add(IpAddress ip, MacAddress mac, HostLocation location) {
        Host h = new DefaultHost(PID, HostId.hostId(mac), mac, VlanId.NONE, location, ImmutableSet.of(ip));
        hosts.put(ip, h);
        HostEvent e = new HostEvent(HostEvent.Type.HOST_ADDED, h);
        for (HostListener l : listeners) {
            l.event(e);
        }
        return h;
    }

    @Override
    public Set<Host> getHostsByIp(IpAddress ip) {
        Host h = hosts.get(ip);
        return h == null ? ImmutableSet.of() : ImmutableSet.of(h);
    }

    @Override
    public void requestMac(IpAddress ip) {
        probes.add(ip);
    }

    @Override
    public void addListener(HostListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(HostListener listener) {
        listeners.remove(listener);
    }
}
