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
import org.junit.Before;
import org.junit.Test;
import org.v6proxy.api.ConnectionLimits;
import org.v6proxy.testing.Fixtures;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Tests of v6proxy-services.
 */
public class ServicesListCommandTest {
    private final TestShell sh = new TestShell();

    @Before
    public void setUp() {
        sh.proxy.add(Fixtures.seed());
        sh.proxy.add(Fixtures.iperf());
        sh.proxy.add(Fixtures.connection("seed", "192.0.2.7", 40000, "10.0.0.42", 80, Fixtures.CREATED));
        sh.proxy.add(Fixtures.connection("seed", "192.0.2.7", 40001, "10.0.0.42", 80, Fixtures.CREATED));
    }

    @Test
    public void oneLinePerServiceOrderedByName() {
        TestCommands.servicesList(sh).doExecute();
        assertEquals(ImmutableList.of(
                "name=iperf, vip=10.0.0.43:5201/tcp, mode=l4, default=[2001:db8::1]:5201, routes=[], connections=0",
                "name=seed, vip=10.0.0.42:80/tcp, mode=prefix, default=[2001:db8::1]:80, "
                        + "routes=[\"A\" -> [2001:db8::1]:80, \"GET /b\\r\\n\" -> [2001:db8::2]:80], connections=2"),
                     sh.out);
        assertTrue(sh.err.isEmpty());
    }

    @Test
    public void absentDefaultShownAsNone() {
        sh.proxy.services.clear();
        sh.proxy.add(Fixtures.web());
        TestCommands.servicesList(sh).doExecute();
        assertEquals(ImmutableList.of("name=web, vip=10.0.0.42:8080/tcp, mode=http, default=none, "
                                              + "routes=[\"a.example\" -> [2001:db8::1]:8080], connections=0"),
                     sh.out);
    }

    @Test
    public void ownLimitsAreShown() {
        sh.proxy.services.clear();
        sh.proxy.add(Fixtures.web().toBuilder().limits(new ConnectionLimits(1000, 20)).build());
        TestCommands.servicesList(sh).doExecute();
        assertEquals(ImmutableList.of("name=web, vip=10.0.0.42:8080/tcp, mode=http, default=none, "
                                              + "routes=[\"a.example\" -> [2001:db8::1]:8080], connections=0, "
                                              + "maxConnections=1000, maxConnectionsPerClient=20"),
                     sh.out);
    }

    @Test
    public void jsonIsTheCodecArray() {
        sh.json = true;
        TestCommands.servicesList(sh).doExecute();
        assertEquals(ImmutableList.of(
                "[{\"name\":\"iperf\",\"vip\":\"10.0.0.43\",\"port\":5201,\"protocol\":\"tcp\",\"mode\":\"l4\","
                        + "\"routes\":[],\"defaultBackend\":\"[2001:db8::1]:5201\",\"prereadTimeoutMs\":5000},"
                        + "{\"name\":\"seed\",\"vip\":\"10.0.0.42\",\"port\":80,\"protocol\":\"tcp\","
                        + "\"mode\":\"prefix\",\"routes\":[{\"match\":\"A\",\"backend\":\"[2001:db8::1]:80\"},"
                        + "{\"match\":\"GET /b\\r\\n\",\"backend\":\"[2001:db8::2]:80\"}],"
                        + "\"defaultBackend\":\"[2001:db8::1]:80\",\"prereadTimeoutMs\":5000}]"),
                     sh.out);
    }

    @Test
    public void nothingConfiguredPrintsNothingOrEmptyArray() {
        sh.proxy.services.clear();
        TestCommands.servicesList(sh).doExecute();
        assertTrue(sh.out.isEmpty());
        sh.json = true;
        TestCommands.servicesList(sh).doExecute();
        assertEquals(ImmutableList.of("[]"), sh.out);
    }
}
