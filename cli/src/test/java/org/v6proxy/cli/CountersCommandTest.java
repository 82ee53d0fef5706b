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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableMap;
import org.junit.Before;
import org.junit.Test;
import org.v6proxy.api.Direction;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.ProxyCounters;

import java.io.IOException;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Tests of v6proxy-counters.
 */
public class CountersCommandTest {
    private final TestShell sh = new TestShell();

    @Before
    public void setUp() {
        sh.proxy.counters = new ProxyCounters(new long[]{10, 9}, new long[]{1200, 5400},
                                              ImmutableMap.of(DropReason.MALFORMED, 2L, DropReason.NO_ROUTE, 3L));
    }

    @Test
    public void linePerDirectionThenDropsPerReason() {
        TestCommands.counters(sh).doExecute();
        assertEquals("client-to-backend: packets=10, bytes=1200", sh.out.get(0));
        assertEquals("backend-to-client: packets=9, bytes=5400", sh.out.get(1));
        assertEquals("drops: total=5", sh.out.get(2));
        assertEquals("  malformed=2", sh.out.get(3));
        assertEquals("  bad-ip-checksum=0", sh.out.get(4));
        assertEquals(3 + DropReason.values().length, sh.out.size());
        assertTrue(sh.out.contains("  no-route=3"));
        assertEquals(0, sh.proxy.changes);
    }

    @Test
    public void resetShowsThenZeroes() {
        CountersCommand cmd = TestCommands.counters(sh);
        cmd.reset = true;
        cmd.doExecute();
        assertEquals("drops: total=5", sh.out.get(2));
        assertEquals("counters reset", sh.out.get(sh.out.size() - 1));
        assertEquals(0, sh.proxy.getCounters().totalDrops());
        assertEquals(0, sh.proxy.getCounters().packets(Direction.CLIENT_TO_BACKEND));
        assertEquals(1, sh.proxy.changes);
    }

    @Test
    public void jsonIsTheCodecObject() throws IOException {
        sh.json = true;
        TestCommands.counters(sh).doExecute();
        assertEquals(1, sh.out.size());
        JsonNode json = new ObjectMapper().readTree(sh.out.get(0));
        assertEquals("{\"client-to-backend\":10,\"backend-to-client\":9}", json.get("packets").toString());
        assertEquals(3, json.get("drops").get("no-route").asLong());
        assertEquals(5, json.get("totalDrops").asLong());
    }

    @Test
    public void jsonResetPrintsOnlyJson() {
        sh.json = true;
        CountersCommand cmd = TestCommands.counters(sh);
        cmd.reset = true;
        cmd.doExecute();
        assertEquals(1, sh.out.size());
        assertTrue(sh.out.get(0).startsWith("{\"packets\":"));
        assertEquals(0, sh.proxy.getCounters().totalDrops());
    }
}
