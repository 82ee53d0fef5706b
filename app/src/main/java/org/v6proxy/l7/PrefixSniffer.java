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
 * Sniffer for prefix services: the stream is routed by the longest route whose match (UTF-8 bytes) is a prefix of
 * the stream.
 * <p>
 * Answers NEED_MORE while some route longer than the bytes so far still agrees with them (so a longer route can
 * win when its remaining bytes arrive in a later segment), MATCHED with the longest route that is a prefix once no
 * longer one can match, and NO_MATCH when no route is a prefix and none can become one. The routes come from a
 * {@link RouteMatcher} (see there for how the two interact). Stateless apart from the decision (each call looks
 * at the whole prefix again, so a restarted stream needs nothing forgotten), and a call costs at most the length of
 * the routes; it never looks past {@link Sniffer#MAX_SNIFF_BYTES}.
 */
public final class PrefixSniffer extends ResumableSniffer {

    private final RouteMatcher routes;

    /**
     * Creates a sniffer over a prefix-mode matcher's routes (a matcher of another mode has none: NO_MATCH).
     *
     * @param routes the service's routes
     */
    public PrefixSniffer(RouteMatcher routes) {
        this.routes = routes;
    }

    @Override
    void restart() {
        // No scan state: every call matches the routes against the whole prefix.
    }

    @Override
    SniffStatus scan(byte[] buf, int off, int len, boolean last) {
        if (routes == null || !routes.hasPrefixes()) {
            return noMatch();
        }
        int n = Math.min(len, MAX_SNIFF_BYTES);
        boolean end = last || len >= MAX_SNIFF_BYTES;
        if (!end && routes.longerRoutePossible(buf, off, n)) {
            return SniffStatus.NEED_MORE;
        }
        int best = routes.longestPrefix(buf, off, n);
        if (best < 0) {
            return noMatch();
        }
        name = routes.prefixName(best);
        status = SniffStatus.MATCHED;
        return status;
    }
}
