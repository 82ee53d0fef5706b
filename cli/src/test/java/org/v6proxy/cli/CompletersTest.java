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
package org.v6proxy.cli;

import com.google.common.collect.ImmutableList;
import org.junit.Test;
import org.v6proxy.testing.FakeProxyAdminService;
import org.v6proxy.testing.Fixtures;

import static org.junit.Assert.assertEquals;

/**
 * Tests of the completers' choices.
 */
public class CompletersTest {

    @Test
    public void serviceNames() {
        FakeProxyAdminService proxy = new FakeProxyAdminService();
        assertEquals(ImmutableList.of(), ServiceNameCompleter.names(proxy));
        proxy.add(Fixtures.web());
        proxy.add(Fixtures.iperf());
        assertEquals(ImmutableList.of("iperf", "web"), ServiceNameCompleter.names(proxy));
    }

    @Test
    public void routeMatchesOfThePreviousArgument() {
        FakeProxyAdminService proxy = new FakeProxyAdminService();
        proxy.add(Fixtures.seed());
        String[] args = {"v6proxy-route-remove", "seed", ""};
        assertEquals(ImmutableList.of("A", "GET /b\r\n"), RouteMatchCompleter.matches(proxy, args, 2));
        assertEquals(ImmutableList.of(), RouteMatchCompleter.matches(proxy, args, 1));
        assertEquals(ImmutableList.of(), RouteMatchCompleter.matches(proxy, new String[]{"x", "nope", ""}, 2));
        assertEquals(ImmutableList.of(), RouteMatchCompleter.matches(proxy, args, 0));
        assertEquals(ImmutableList.of(), RouteMatchCompleter.matches(proxy, null, 2));
    }

    @Test
    public void modesAndProtocols() {
        assertEquals(ImmutableList.of("l4", "prefix", "http", "tls", "quic"), new ServiceModeCompleter().choices());
        assertEquals(ImmutableList.of("tcp", "udp"), new ProtocolCompleter().choices());
    }
}
