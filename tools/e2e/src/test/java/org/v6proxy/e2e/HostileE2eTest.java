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
import org.v6proxy.api.Connection;
import org.v6proxy.api.Direction;
import org.v6proxy.api.DropReason;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.e2e.E2e.H1;
import static org.v6proxy.e2e.E2e.H2;
import static org.v6proxy.e2e.E2e.H3;

/**
 * Hostile clients against real stacks: segments crafted with a raw packet
 * socket from h3 (tools/e2e/src/test/resources/hostile.py, Python standard
 * library only) next to the kernel's own connection.
 */
public class HostileE2eTest {
    private final Servers servers = new Servers();

    @BeforeClass
    public static void setUp() {
        E2e.assumeAvailable();
    }

    @After
    public void tearDown() {
        servers.close();
    }

    /**
     * Returns the path of hostile.py (also used by BackendHijackE2eTest).
     *
     * @return path
     */
    static String script() {
        try {
            return Paths.get(HostileE2eTest.class.getResource("/hostile.py").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long drops(DropReason r) {
        return E2e.proxy().getCounters().drops(r);
    }

    /**
     * The request goes out from a kernel socket for a.example (routed to h1); before it is complete, a forged
     * segment for the same sequence range claims b.example (h2's route). h1 must answer, and see a.example.
     */
    private void overlapVariant(String variant) {
        File root = E2e.workDir("www");
        servers.nginx(H1, 8080, root);
        servers.nginx(H2, 8080, root);
        long before = drops(DropReason.OVERLAP_CONFLICT);
        Cmd.Result r = Cmd.run(H3, 30, "/usr/bin/python3", script(), "overlap", variant);
        assertEquals(r.toString(), 0, r.exit);
        String answer = r.out().substring(r.out().indexOf("---"));
        assertTrue(variant + ": h1 answered, for the Host it was routed by: " + r, answer.contains(H1 + " a.example "));
        assertTrue(variant + ": " + r, drops(DropReason.OVERLAP_CONFLICT) > before);
    }

    @Test
    public void sameLengthRetransmissionWithAnotherHostDoesNotReachTheBackend() {
        overlapVariant("same");
    }

    @Test
    public void partialOverlapIntoTheHostValueDoesNotReachTheBackend() {
        overlapVariant("partial");
    }

    @Test
    public void spoofedSynFloodOnAnL4ServiceWritesNothingToTheMap() {
        servers.spawn(H1, 5201, "socat", "TCP6-LISTEN:5201,reuseaddr,fork", "EXEC:/bin/cat");
        long evictedBefore = drops(DropReason.HALF_OPEN_EVICTED);
        long sentBefore = E2e.proxy().getCounters().packets(Direction.CLIENT_TO_BACKEND);
        long t0 = System.nanoTime();
        Cmd.Result flood = Cmd.run(H3, 300, "/usr/bin/python3", script(), "synflood", "20000", "5201");
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals(flood.toString(), 0, flood.exit);
        E2e.testbed().awaitIdle(5000);
        long seen = -1;
        for (int i = 0; i < 50 && seen != E2e.proxy().getCounters().packets(Direction.CLIENT_TO_BACKEND); i++) {
            // Until the proxy has worked through what the TAP queued.
            seen = E2e.proxy().getCounters().packets(Direction.CLIENT_TO_BACKEND);
            E2e.sleep(100);
        }
        List<Connection> spoofed = E2e.proxy().getConnections().stream()
                .filter(c -> c.key().vipPort() == 5201 && (c.key().client().toInt() & 0xff) >= 100)
                .collect(Collectors.toList());
        long forwarded = E2e.proxy().getCounters().packets(Direction.CLIENT_TO_BACKEND) - sentBefore;
        assertTrue("the flood reached the proxy: " + forwarded + " SYNs forwarded", forwarded > 1000);
        assertEquals("no record of a spoofed SYN in the map", List.of(), spoofed);
        Cmd.Result legit = Cmd.sh(H3, 20, "echo legit | socat -t 3 - TCP:10.0.0.43:5201");
        assertEquals(legit.toString(), "legit", legit.out().trim());
        System.out.printf("e2e SYN flood: 20000 SYNs sent in %.1f s, %d forwarded to h1, spoofed records in the "
                                  + "map: %d, half-open evicted: %d; legitimate connection after it: ok%n",
                          secs, forwarded, spoofed.size(), drops(DropReason.HALF_OPEN_EVICTED) - evictedBefore);
    }

    @Test
    public void outOfWindowRstsDuringASplicedDownloadChangeNothing() {
        File root = E2e.workDir("www");
        File big = Files2.random(root, "big.bin", 10);
        servers.nginx(H1, 8080, root);
        long before = drops(DropReason.RST_OUT_OF_WINDOW);
        Cmd.Result r = Cmd.run(H3, 120, "/usr/bin/python3", script(), "rstdownload", "big.bin");
        assertEquals(r.toString(), 0, r.exit);
        String[] out = r.out().trim().split(" ");
        assertEquals("300 RSTs injected: " + r, "300", out[1]);
        assertEquals("the download is intact", Files2.sha256(big), out[0]);
        long dropped = drops(DropReason.RST_OUT_OF_WINDOW) - before;
        assertTrue("out-of-window RSTs counted: " + dropped, dropped > 250);
        System.out.printf("e2e spliced download with 300 injected RSTs: intact, %d dropped as out of window%n",
                          dropped);
    }
}
