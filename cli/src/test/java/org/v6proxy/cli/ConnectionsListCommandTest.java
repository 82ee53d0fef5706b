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
import org.v6proxy.testing.Fixtures;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Tests of v6proxy-connections.
 */
public class ConnectionsListCommandTest {
    private static final long T = Fixtures.CREATED;
    private final TestShell sh = new TestShell();

    @Before
    public void setUp() {
        sh.now = T + 65_000;
        sh.proxy.add(Fixtures.connection("web", "192.0.2.9", 1234, "10.0.0.42", 8080, T));
        sh.proxy.add(Fixtures.connection("seed", "192.0.2.7", 40001, "10.0.0.42", 80, T + 60_000));
        sh.proxy.add(Fixtures.connection("seed", "192.0.2.7", 40000, "10.0.0.42", 80, T + 5_000));
    }

    @Test
    public void listsAllOrderedByServiceAndClient() {
        TestCommands.connectionsList(sh).doExecute();
        assertEquals(ImmutableList.of(
                "client=192.0.2.7:40000, vip=10.0.0.42:80/tcp, service=seed, backend=[2001:db8::1]:80, "
                        + "clientV6=2001:db8:46::c000:207, state=established, age=1m00s",
                "client=192.0.2.7:40001, vip=10.0.0.42:80/tcp, service=seed, backend=[2001:db8::1]:80, "
                        + "clientV6=2001:db8:46::c000:207, state=established, age=5s",
                "client=192.0.2.9:1234, vip=10.0.0.42:8080/tcp, service=web, backend=[2001:db8::1]:8080, "
                        + "clientV6=2001:db8:46::c000:209, state=established, age=1m05s"),
                     sh.out);
    }

    @Test
    public void filtersByServiceAndClient() {
        ConnectionsListCommand cmd = TestCommands.connectionsList(sh);
        cmd.service = "seed";
        cmd.client = "192.0.2.7:40001";
        cmd.doExecute();
        assertEquals(1, sh.out.size());
        assertTrue(sh.out.get(0).startsWith("client=192.0.2.7:40001, "));
    }

    @Test
    public void filtersByVipAndProtocol() {
        ConnectionsListCommand cmd = TestCommands.connectionsList(sh);
        cmd.vip = "10.0.0.42:8080";
        cmd.protocol = "tcp";
        cmd.doExecute();
        assertEquals(1, sh.out.size());
        assertTrue(sh.out.get(0).contains("service=web"));
    }

    @Test
    public void badClientIsAnErrorAndPrintsNothing() {
        ConnectionsListCommand cmd = TestCommands.connectionsList(sh);
        cmd.client = "192.0.2";
        cmd.doExecute();
        assertTrue(sh.out.isEmpty());
        assertEquals(ImmutableList.of("Error: client \"192.0.2\" is not an IPv4 address or address:port"), sh.err);
    }

    @Test
    public void jsonIsTheCodecArray() {
        sh.json = true;
        ConnectionsListCommand cmd = TestCommands.connectionsList(sh);
        cmd.service = "web";
        cmd.doExecute();
        assertEquals(1, sh.out.size());
        assertTrue(sh.out.get(0), sh.out.get(0).startsWith(
                "[{\"client\":\"192.0.2.9:1234\",\"vip\":\"10.0.0.42:8080\",\"protocol\":\"tcp\","
                        + "\"service\":\"web\",\"backend\":\"[2001:db8::1]:8080\","));
        assertTrue(sh.out.get(0).endsWith("\"mss\":0,\"sackOk\":false}]"));
    }
}
