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

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.v6proxy.api.Direction;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.ProxyCounters;

import java.util.Map;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * JSON form of the counters (encode only). Every direction and every drop reason
 * is present, keyed by its lower-case spelling:
 * <pre>
 * {"packets": {"client-to-backend": 10, "backend-to-client": 9},
 *  "bytes": {"client-to-backend": 1200, "backend-to-client": 5400},
 *  "drops": {"malformed": 1, "bad-ip-checksum": 0, ...}, "totalDrops": 1}
 * </pre>
 */
public final class ProxyCountersCodec extends JsonCodec<ProxyCounters> {
    /** Translated packets per direction. */
    public static final String PACKETS = "packets";
    /** Translated bytes per direction. */
    public static final String BYTES = "bytes";
    /** Drops per reason. */
    public static final String DROPS = "drops";
    /** Sum of all drops. */
    public static final String TOTAL_DROPS = "totalDrops";

    @Override
    public ObjectNode encode(ProxyCounters counters, CodecContext context) {
        checkNotNull(counters, "counters");
        ObjectNode json = context.mapper().createObjectNode();
        ObjectNode packets = json.putObject(PACKETS);
        ObjectNode bytes = json.putObject(BYTES);
        for (Direction d : Direction.values()) {
            packets.put(d.toString(), counters.packets(d));
            bytes.put(d.toString(), counters.bytes(d));
        }
        ObjectNode drops = json.putObject(DROPS);
        for (Map.Entry<DropReason, Long> e : counters.drops().entrySet()) {
            drops.put(e.getKey().toString(), e.getValue());
        }
        json.put(TOTAL_DROPS, counters.totalDrops());
        return json;
    }
}
