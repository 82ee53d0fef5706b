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

import org.onlab.packet.Ethernet;
import org.onlab.packet.ICMP6;
import org.onlab.packet.IPv6;
import org.onlab.packet.IpPrefix;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.TrafficSelector;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.api.VirtualService;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The packet-in selectors a configuration needs: ARP, all IPv4 toward each VIP,
 * the IPv6 traffic toward the client prefix, and neighbour solicitations.
 * Selectors are values, so the difference of two plans tells which requests to
 * add and which to cancel.
 * <p>
 * A VIP is intercepted whole, not per service port: a switch matches later
 * fragments of a datagram without their ports (they carry none), and a segment to
 * a port no service owns must reach the app to be answered with a RST; ICMP echo
 * to a VIP is answered too.
 */
final class InterceptPlan {
    private InterceptPlan() {
    }

    /**
     * Computes the selectors of a configuration.
     *
     * @param table configuration in force
     * @return selectors (empty without config)
     */
    static Set<TrafficSelector> of(ServiceTable table) {
        Set<TrafficSelector> out = new LinkedHashSet<>();
        ProxySettings settings = table.settings();
        if (settings == null) {
            return out;
        }
        out.add(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_ARP).build());
        for (VirtualService s : table.all()) {
            out.add(DefaultTrafficSelector.builder()
                            .matchEthType(Ethernet.TYPE_IPV4)
                            .matchIPDst(IpPrefix.valueOf(s.vip(), IpPrefix.MAX_INET_MASK_LENGTH)).build());
        }
        out.add(DefaultTrafficSelector.builder()
                        .matchEthType(Ethernet.TYPE_IPV6)
                        .matchIPv6Dst(settings.clientPrefix()).build());
        out.add(DefaultTrafficSelector.builder()
                        .matchEthType(Ethernet.TYPE_IPV6)
                        .matchIPProtocol(IPv6.PROTOCOL_ICMP6)
                        .matchIcmpv6Type(ICMP6.NEIGHBOR_SOLICITATION).build());
        return out;
    }
}
