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
import com.google.common.collect.ImmutableSet;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Route;

import java.util.Set;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * JSON form of a route: {@code {"match": "a.example", "backend": "[2001:db8::1]:80"}}.
 */
public final class RouteCodec extends JsonCodec<Route> {
    /** Field holding the match text. */
    public static final String MATCH = "match";
    /** Field holding the backend as "[IPv6]:port". */
    public static final String BACKEND = "backend";

    private static final String WHAT = "route";
    private static final Set<String> FIELDS = ImmutableSet.of(MATCH, BACKEND);

    @Override
    public ObjectNode encode(Route route, CodecContext context) {
        checkNotNull(route, "route");
        return context.mapper().createObjectNode()
                .put(MATCH, route.match())
                .put(BACKEND, route.backend().toString());
    }

    @Override
    public Route decode(ObjectNode json, CodecContext context) {
        if (json == null) {
            throw new IllegalArgumentException(WHAT + " must be a JSON object");
        }
        JsonFields.checkOnly(json, WHAT, FIELDS);
        String match = JsonFields.text(json, MATCH, WHAT);
        String backend = JsonFields.text(json, BACKEND, WHAT);
        try {
            return new Route(match, Backend.parse(backend));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(WHAT + " \"" + match + "\": field \"" + BACKEND + "\": "
                                                       + e.getMessage(), e);
        }
    }
}
