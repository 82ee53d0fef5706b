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
package org.v6proxy.l7;

/**
 * Outcome of looking at the first bytes of a client stream.
 */
public enum SniffStatus {
    /** Not decided yet: call again when more contiguous bytes of the stream are there. */
    NEED_MORE,
    /** Decided: {@link Sniffer#matchedName()} names what was found. */
    MATCHED,
    /**
     * Decided: nothing to route on (not this protocol, invalid, no name, or over the sniffer's byte limit);
     * the connection goes to the service's default backend.
     */
    NO_MATCH
}
