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
package org.v6proxy.api;

import java.util.Objects;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One routing rule of a delayed-binding service: what the client says first
 * ({@code match}) chooses the backend.
 * <p>
 * For {@code prefix} services the match is an exact byte prefix of the stream
 * (the UTF-8 bytes of the string); for {@code http} it is the Host name without
 * port and for {@code tls} the SNI name, both case-insensitive, where a leading
 * {@code *.} matches any subdomain.
 */
public final class Route {
    private final String match;
    private final Backend backend;

    /**
     * Creates a route.
     *
     * @param match what to match, non-empty
     * @param backend where matching connections go
     */
    public Route(String match, Backend backend) {
        checkArgument(match != null && !match.isEmpty(), "route match is empty");
        this.match = match;
        this.backend = checkNotNull(backend, "route backend");
    }

    /**
     * Returns the match text.
     *
     * @return match
     */
    public String match() {
        return match;
    }

    /**
     * Returns the backend.
     *
     * @return backend
     */
    public Backend backend() {
        return backend;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Route)) {
            return false;
        }
        Route r = (Route) o;
        return match.equals(r.match) && backend.equals(r.backend);
    }

    @Override
    public int hashCode() {
        return Objects.hash(match, backend);
    }

    @Override
    public String toString() {
        return match + " -> " + backend;
    }
}
