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
 * Tests of v6proxy-connection-remove.
 */
public class ConnectionRemoveCommandTest {
    private final TestShell sh = new TestShell();

    @Before
    public void setUp() {
        sh.proxy.add(Fixtures.connection("seed", "192.0.2.7", 40000, "10.0.0.42", 80, Fixtures.CREATED));
    }

    private void run(String client, String vip, String protocol) {
        ConnectionRemoveCommand cmd = TestCommands.connectionRemove(sh);
        cmd.client = client;
        cmd.vip = vip;
        cmd.protocol = protocol;
        cmd.doExecute();
    }

    @Test
    public void resetsConnection() {
        run("192.0.2.7:40000", "10.0.0.42:80", null);
        assertEquals(ImmutableList.of("Reset connection tcp 192.0.2.7:40000 -> 10.0.0.42:80"), sh.out);
        assertTrue(sh.proxy.connections.isEmpty());
    }

    @Test
    public void unknownConnectionIsAnError() {
        run("192.0.2.7:40000", "10.0.0.42:80", "udp");
        assertEquals(ImmutableList.of("Error: no connection udp 192.0.2.7:40000 -> 10.0.0.42:80"), sh.err);
        assertEquals(1, sh.proxy.connections.size());
    }

    @Test
    public void portIsRequired() {
        run("192.0.2.7", "10.0.0.42:80", null);
        assertEquals(ImmutableList.of("Error: client \"192.0.2.7\" is not an IPv4 address:port"), sh.err);
        assertEquals(1, sh.proxy.connections.size());
        assertTrue(sh.out.isEmpty());
    }
}
