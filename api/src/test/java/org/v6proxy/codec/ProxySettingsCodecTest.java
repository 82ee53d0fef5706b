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
package org.v6proxy.codec;

import org.junit.Test;
import org.onlab.packet.Ip6Prefix;
import org.onlab.packet.MacAddress;
import org.v6proxy.api.ProxySettings;

import static org.junit.Assert.assertEquals;

/**
 * Tests of the settings JSON form.
 */
public class ProxySettingsCodecTest {
    private final V6ProxyCodecContext context = new V6ProxyCodecContext();

    @Test
    public void encodesAsInNetworkConfig() {
        ProxySettings settings = new ProxySettings(Ip6Prefix.valueOf("2001:db8:46::/96"),
                                                   MacAddress.valueOf("02:00:00:00:46:0A"), 1500, 1480,
                                                   7440, 60, 300);
        assertEquals("{\"clientPrefix\":\"2001:db8:46::/96\",\"gatewayMac\":\"02:00:00:00:46:0a\","
                             + "\"ipv4Mtu\":1500,\"ipv6Mtu\":1480,\"tcpEstablishedIdleSec\":7440,"
                             + "\"tcpTransitoryIdleSec\":60,\"udpIdleSec\":300,\"maxConnections\":0,"
                             + "\"maxConnectionsPerClient\":0,\"halfOpenMax\":8192}",
                     context.codec(ProxySettings.class).encode(settings, context).toString());
    }
}
