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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.junit.Test;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.ProxyCounters;

import static org.junit.Assert.assertEquals;

/**
 * Tests of the counters JSON form.
 */
public class ProxyCountersCodecTest {
    private final V6ProxyCodecContext context = new V6ProxyCodecContext();

    private ObjectNode encode() {
        ProxyCounters counters = new ProxyCounters(new long[]{10, 9}, new long[]{1200, 5400},
                                                   ImmutableMap.of(DropReason.MALFORMED, 2L,
                                                                   DropReason.NO_ROUTE, 3L));
        return context.codec(ProxyCounters.class).encode(counters, context);
    }

    @Test
    public void topLevelFields() {
        assertEquals(ImmutableList.of("packets", "bytes", "drops", "totalDrops"),
                     ImmutableList.copyOf(encode().fieldNames()));
        assertEquals(5, encode().get("totalDrops").asLong());
    }

    @Test
    public void packetsAndBytesPerDirection() {
        assertEquals("{\"client-to-backend\":10,\"backend-to-client\":9}", encode().get("packets").toString());
        assertEquals("{\"client-to-backend\":1200,\"backend-to-client\":5400}", encode().get("bytes").toString());
    }

    @Test
    public void everyDropReasonPresent() {
        JsonNode drops = encode().get("drops");
        assertEquals(DropReason.values().length, drops.size());
        assertEquals(2, drops.get("malformed").asLong());
        assertEquals(3, drops.get("no-route").asLong());
        assertEquals(0, drops.get("bad-ip-checksum").asLong());
        assertEquals(0, drops.get("backend-unreachable").asLong());
        for (DropReason r : DropReason.values()) {
            assertEquals(r.toString(), true, drops.get(r.toString()).isIntegralNumber());
        }
    }
}
