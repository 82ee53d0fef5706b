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
package org.v6proxy.e2e;

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Test;
import org.v6proxy.api.DropReason;

import java.io.File;
import java.util.concurrent.CompletableFuture;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.e2e.E2e.H1;
import static org.v6proxy.e2e.E2e.H2;
import static org.v6proxy.e2e.E2e.H3;

/**
 * Backend location hijacking (TopoGuard, NDSS 2015) against the real stacks: backend h2
 * sends frames with h1's IPv6 source (2001:db8::1), which makes the host service believe
 * that h1 moved to h2's port. The app verifies the move with a neighbour solicitation to
 * h1's port, h1 answers, and the move is refused: h1's open connection and new connections
 * to h1 (l4 and http routes) stay with h1.
 */
public class BackendHijackE2eTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final int ECHOES = 60;
    private final Servers servers = new Servers();

    @BeforeClass
    public static void setUp() {
        E2e.assumeAvailable();
    }

    @After
    public void tearDown() {
        servers.close();
    }

    private static long drops(DropReason r) {
        return E2e.proxy().getCounters().drops(r);
    }

    /** A new l4 connection to service "sink" (10.0.0.43:9000, h1's port 9000): who answers. */
    private static String l4Answer() {
        return Cmd.sh(H3, 20, "echo x | socat -t 3 - TCP:10.0.0.43:9000").out().trim();
    }

    /** A new http connection routed by Host a.example to h1: who answers. */
    private static String httpAnswer() {
        return Cmd.run(H3, 20, "curl", "-s", "-m", "10", "-H", "Host: a.example", "http://10.0.0.42:8080/whoami")
                .out().trim();
    }

    @Test
    public void spoofedFramesFromH2WithH1sAddressLeaveH1sConnectionsAlone() throws Exception {
        // Both backends serve the same ports: h1 echoes, h2 upper-cases (and only at EOF, tr buffers), so
        // traffic sent to the wrong one shows.
        servers.spawn(H1, 9000, "socat", "TCP6-LISTEN:9000,reuseaddr,fork", "EXEC:/bin/cat");
        servers.spawn(H2, 9000, "socat", "TCP6-LISTEN:9000,reuseaddr,fork", "EXEC:tr a-z A-Z");
        File root = E2e.workDir("www");
        servers.nginx(H1, 8080, root);
        servers.nginx(H2, 8080, root);
        assertEquals("h1 located before the attack", "x", l4Answer());
        long refusedBefore = drops(DropReason.BACKEND_MOVE_REFUSED);

        CompletableFuture<Cmd.Result> existing = CompletableFuture.supplyAsync(
                () -> Cmd.run(H3, 60, PYTHON, HostileE2eTest.script(), "echoes", "9000", String.valueOf(ECHOES)));
        E2e.sleep(1000);
        CompletableFuture<Cmd.Result> spoof = CompletableFuture.supplyAsync(
                () -> Cmd.run(H2, 60, PYTHON, HostileE2eTest.script(), "spoof6", "2001:db8::1", "60"));
        int fresh = 0;
        while (!spoof.isDone()) {
            assertEquals("a new l4 connection during the spoofing", "x", l4Answer());
            assertTrue("a new http connection during the spoofing", httpAnswer().startsWith("v6pe-h1 a.example "));
            fresh += 2;
        }
        Cmd.Result s = spoof.get();
        assertEquals(s.toString(), 0, s.exit);
        // Longer than the verification (1.5 s): a move accepted by silence would show now.
        E2e.sleep(2000);
        for (int i = 0; i < 3; i++) {
            assertEquals("a new l4 connection after the spoofing", "x", l4Answer());
            assertTrue("a new http connection after the spoofing", httpAnswer().startsWith("v6pe-h1 a.example "));
            fresh += 2;
        }
        Cmd.Result ex = existing.get();
        assertEquals(ex.toString(), 0, ex.exit);
        String[] lines = ex.out().trim().split("\n");
        assertEquals("every echo of the open connection came back: " + ex, ECHOES, lines.length);
        for (int i = 0; i < ECHOES; i++) {
            assertEquals("the open connection stays with h1", "ping " + i, lines[i].trim());
        }
        long refused = drops(DropReason.BACKEND_MOVE_REFUSED) - refusedBefore;
        assertTrue("the move was refused and counted: " + refused, refused >= 1);
        System.out.printf("e2e backend hijack: 60 spoofed frames from h2 with 2001:db8::1; moves refused: %d; "
                                  + "open connection %d/%d echoes from h1; %d new connections all to h1%n",
                          refused, lines.length, ECHOES, fresh);
    }
}
