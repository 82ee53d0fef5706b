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
package org.v6proxy.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.onlab.packet.Ip6Address;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Route;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.l7.RouteMatcher;
import org.v6proxy.l7.SniffStatus;
import org.v6proxy.l7.Sniffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static org.v6proxy.fuzz.Ref.check;

/**
 * Fuzz targets of the three delayed-binding sniffers (prefix, HTTP Host, TLS SNI), held to
 * the {@link Sniffer} contract: no exception; NEED_MORE until decided, then the same answer
 * for good; {@code finish} never NEED_MORE; a name exactly when MATCHED; and the decision
 * depends only on the stream's bytes, not on how they were split into calls or where in
 * which array they lie. The first input byte seeds the split; the rest is the stream.
 */
class SnifferFuzzTest {

    private static final Backend B1 = new Backend(Ip6Address.valueOf("2001:db8::1"), 80);
    private static final Backend B2 = new Backend(Ip6Address.valueOf("2001:db8::2"), 80);
    /** Prefix routes that are prefixes of each other, and a non-ASCII one. */
    private static final String[] PREFIXES = {"A", "AB", "GET /", "GET /api", "SSH-2.0-", "\u00e9t\u00e9"};
    private static final RouteMatcher PREFIX = matcher(ServiceMode.PREFIX, PREFIXES);
    private static final RouteMatcher HTTP = matcher(ServiceMode.HTTP, "a.example", "*.b.example", "[2001:db8::1]");
    private static final RouteMatcher TLS = matcher(ServiceMode.TLS, "a.example", "*.b.example");

    private static RouteMatcher matcher(ServiceMode mode, String... matches) {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < matches.length; i++) {
            routes.add(new Route(matches[i], i % 2 == 0 ? B1 : B2));
        }
        return new RouteMatcher(mode, routes);
    }

    /**
     * Prefix routes; besides the contract, the match is the longest route that is a prefix
     * of the stream (README "Modes").
     */
    @FuzzTest
    void prefix(byte[] data) {
        String name = sniff(PREFIX, data);
        byte[] stream = Arrays.copyOfRange(data, Math.min(1, data.length), data.length);
        String longest = null;
        for (String p : PREFIXES) {
            byte[] pb = p.getBytes(StandardCharsets.UTF_8);
            if (pb.length <= stream.length && Arrays.equals(pb, 0, pb.length, stream, 0, pb.length)
                    && (longest == null || pb.length > longest.getBytes(StandardCharsets.UTF_8).length)) {
                longest = p;
            }
        }
        check(Objects.equals(name, longest), "prefix match is not the longest route", name, longest);
    }

    /** HTTP Host; besides the contract, a name is lower case without a trailing dot. */
    @FuzzTest
    void httpHost(byte[] data) {
        checkHostName(sniff(HTTP, data));
    }

    /** TLS SNI; besides the contract, a name is lower case without a trailing dot. */
    @FuzzTest
    void tlsSni(byte[] data) {
        checkHostName(sniff(TLS, data));
    }

    private static void checkHostName(String name) {
        if (name != null) {
            check(!name.isEmpty() && name.equals(name.toLowerCase(Locale.ROOT)) && !name.endsWith("."),
                  "matched name not normalized", name);
        }
    }

    /** Runs the contract checks and returns the final matched name (null if none). */
    private static String sniff(RouteMatcher routes, byte[] data) {
        if (data.length == 0) {
            return null;
        }
        int seed = data[0] & 0xff;
        byte[] stream = Arrays.copyOfRange(data, 1, data.length);
        int len = stream.length;

        // Impossible slices: NO_MATCH, whatever the sniffer.
        check(routes.newSniffer().sniff(null, 0, 0) == SniffStatus.NO_MATCH, "null array");
        check(routes.newSniffer().sniff(stream, 0, len + 1) == SniffStatus.NO_MATCH, "slice past the end");
        check(routes.newSniffer().finish(stream, -1, len) == SniffStatus.NO_MATCH, "negative offset");

        // All at once.
        Sniffer whole = routes.newSniffer();
        SniffStatus first = whole.sniff(stream, 0, len);
        SniffStatus decided = first == SniffStatus.NEED_MORE ? whole.finish(stream, 0, len) : first;
        checkDecided(whole, decided);
        check(whole.finish(stream, 0, len) == decided, "finish after the decision differs");
        routes.backendFor(whole);

        // In pieces, each call with the whole prefix so far, in a fresh array at an offset.
        Sniffer pieces = routes.newSniffer();
        SniffStatus last = SniffStatus.NEED_MORE;
        int have = 0;
        int step = 1 + seed % 7;
        while (have < len) {
            have = Math.min(len, have + step * (1 + (have * 31 + seed) % 13));
            int off = (seed + have) % 5;
            byte[] buf = new byte[off + have + 3];
            Arrays.fill(buf, (byte) 0x55);
            System.arraycopy(stream, 0, buf, off, have);
            SniffStatus s = pieces.sniff(buf, off, have);
            if (last != SniffStatus.NEED_MORE) {
                check(s == last, "a decision changed", last, s, have);
            }
            last = s;
        }
        if (last == SniffStatus.NEED_MORE) {
            last = pieces.finish(stream, 0, len);
        }
        checkDecided(pieces, last);
        check(last == decided, "decision depends on the split", decided, last);
        check(Objects.equals(pieces.matchedName(), whole.matchedName()),
              "name depends on the split", whole.matchedName(), pieces.matchedName());
        return whole.matchedName();
    }

    private static void checkDecided(Sniffer s, SniffStatus st) {
        check(st != SniffStatus.NEED_MORE, "finish answered NEED_MORE");
        check((st == SniffStatus.MATCHED) == (s.matchedName() != null), "name and status disagree", st,
              s.matchedName());
    }
}
