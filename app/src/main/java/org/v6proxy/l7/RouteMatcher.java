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

import org.v6proxy.api.Backend;
import org.v6proxy.api.Route;
import org.v6proxy.api.ServiceMode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The routes of one delayed-binding service, ready to answer "which backend?"; immutable and thread-safe.
 * <p>
 * <b>http and tls</b>: a route's match is a host name, compared case-insensitively with one trailing dot ignored
 * (on both sides). {@code *.example} matches every name that ends in {@code .example} with at least one label
 * before it ({@code a.example}, {@code a.b.example}), not {@code example} itself. An exact route wins over a
 * wildcard, and a longer wildcard suffix over a shorter one ({@code *.b.example} over {@code *.example}).
 * <p>
 * <b>prefix</b>: a route's match, as UTF-8 bytes, is compared with the start of the stream, byte for byte; of the
 * routes that are a prefix of the stream the longest wins. The {@link PrefixSniffer} asks this matcher two
 * questions about the bytes so far: which route is the longest prefix of them ({@link #longestPrefix}), and whether
 * some longer route could still match once more bytes come ({@link #longerRoutePossible}). It answers NEED_MORE
 * while the latter holds, so routes {@code A} and {@code AB} both work when the client sends {@code A} and
 * {@code B} in two segments; its matched name is the route's match text, which {@link #backendForName} maps back.
 * <p>
 * In every mode, when two routes have the same (normalized) match the first in list order wins. In l4 mode
 * there is nothing to sniff: {@link #newSniffer()} answers NO_MATCH at once.
 */
public final class RouteMatcher {

    /** Nothing to match: what an l4 service's sniffer looks at. */
    private static final RouteMatcher NONE = new RouteMatcher(ServiceMode.PREFIX, List.of());

    private final ServiceMode mode;
    /** http/tls: normalized exact name; prefix: match text as configured. */
    private final Map<String, Backend> exact = new HashMap<>();
    /** http/tls wildcards as suffixes with their leading dot (".example"), longest first. */
    private final String[] suffixes;
    private final Backend[] suffixBackends;
    /** prefix routes: UTF-8 bytes and match text, in list order. */
    private final byte[][] prefixes;
    private final String[] prefixNames;

    /**
     * Builds the matcher for a service.
     *
     * @param mode the service's mode
     * @param routes the service's routes, in config order (empty for none)
     */
    public RouteMatcher(ServiceMode mode, List<Route> routes) {
        this.mode = checkNotNull(mode, "mode");
        checkNotNull(routes, "routes");
        List<Route> wildcards = new ArrayList<>();
        List<Route> bytes = new ArrayList<>();
        for (Route r : routes) {
            checkNotNull(r, "route");
            if (mode == ServiceMode.PREFIX) {
                bytes.add(r);
                exact.putIfAbsent(r.match(), r.backend());
            } else if (isWildcard(r.match())) {
                wildcards.add(r);
            } else {
                exact.putIfAbsent(Names.normalize(r.match()), r.backend());
            }
        }
        // Stable sort: among equal suffixes the first route stays first.
        wildcards.sort((a, b) -> Integer.compare(suffixOf(b).length(), suffixOf(a).length()));
        suffixes = new String[wildcards.size()];
        suffixBackends = new Backend[wildcards.size()];
        for (int i = 0; i < suffixes.length; i++) {
            suffixes[i] = suffixOf(wildcards.get(i));
            suffixBackends[i] = wildcards.get(i).backend();
        }
        prefixes = new byte[bytes.size()][];
        prefixNames = new String[bytes.size()];
        for (int i = 0; i < prefixes.length; i++) {
            prefixNames[i] = bytes.get(i).match();
            prefixes[i] = prefixNames[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    private static boolean isWildcard(String match) {
        return match.length() > 2 && match.startsWith("*.");
    }

    private static String suffixOf(Route wildcard) {
        return Names.normalize(wildcard.match().substring(1));
    }

    /**
     * Returns the service mode this matcher was built for.
     *
     * @return mode
     */
    public ServiceMode mode() {
        return mode;
    }

    /**
     * Returns a new sniffer for one connection of this service: {@link PrefixSniffer} for prefix,
     * {@link HttpHostSniffer} for http, {@link TlsSniSniffer} for tls, and for l4 and quic one that answers NO_MATCH
     * (quic reads its Initial packets with org.v6proxy.quic.QuicSniffer).
     *
     * @return a fresh sniffer
     */
    public Sniffer newSniffer() {
        switch (mode) {
            case PREFIX:
                return new PrefixSniffer(this);
            case HTTP:
                return new HttpHostSniffer();
            case TLS:
                return new TlsSniSniffer();
            case L4:
            default:
                return new PrefixSniffer(NONE);
        }
    }

    /**
     * Returns the backend for a sniffer that has answered MATCHED.
     *
     * @param sniffer a sniffer made by {@link #newSniffer()}
     * @return the chosen backend, or null (not matched, or no route for the name: use the default backend)
     */
    public Backend backendFor(Sniffer sniffer) {
        String name = sniffer == null ? null : sniffer.matchedName();
        return name == null ? null : backendForName(name);
    }

    /**
     * Returns the backend of the route that matches a name: for http/tls a host name (case and a trailing dot do
     * not matter; exact route first, then the longest wildcard), for prefix a route's match text exactly.
     *
     * @param name what the sniffer found
     * @return the backend, or null if no route matches
     */
    public Backend backendForName(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        if (mode == ServiceMode.PREFIX) {
            return exact.get(name);
        }
        String n = isNormal(name) ? name : Names.normalize(name);
        Backend b = exact.get(n);
        if (b != null) {
            return b;
        }
        for (int i = 0; i < suffixes.length; i++) {
            // Longer than the suffix: at least one character (a label) before its dot.
            if (n.length() > suffixes[i].length() && n.endsWith(suffixes[i])) {
                return suffixBackends[i];
            }
        }
        return null;
    }

    /** Whether a name is already lower-case ASCII without a trailing dot, as the sniffers produce (no copy). */
    private static boolean isNormal(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'A' && c <= 'Z') || c > 0x7f) {
                return false;
            }
        }
        return !name.endsWith(".");
    }

    /**
     * Prefix mode: returns the backend of the longest route whose bytes start the given stream bytes.
     *
     * @param buf array holding the stream's first bytes
     * @param off index of the stream's first byte
     * @param len number of bytes
     * @return the backend, or null if no route is a prefix (or the slice is impossible, or not prefix mode)
     */
    public Backend backendForPrefix(byte[] buf, int off, int len) {
        if (!Names.validSlice(buf, off, len)) {
            return null;
        }
        int i = longestPrefix(buf, off, len);
        return i < 0 ? null : exact.get(prefixNames[i]);
    }

    /**
     * Returns whether there are prefix routes at all.
     *
     * @return true if prefix mode with at least one route
     */
    boolean hasPrefixes() {
        return prefixes.length > 0;
    }

    /**
     * Returns the index of the longest prefix route that starts {@code buf[off, off + len)}.
     *
     * @param buf bytes (a valid slice)
     * @param off start
     * @param len length
     * @return route index for {@link #prefixName}, or -1
     */
    int longestPrefix(byte[] buf, int off, int len) {
        int best = -1;
        for (int i = 0; i < prefixes.length; i++) {
            byte[] p = prefixes[i];
            if (p.length <= len && (best < 0 || p.length > prefixes[best].length)
                    && Arrays.equals(p, 0, p.length, buf, off, off + p.length)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Returns whether some prefix route is longer than {@code len} and starts with {@code buf[off, off + len)},
     * i.e. could still match when more bytes come.
     *
     * @param buf bytes (a valid slice)
     * @param off start
     * @param len length
     * @return true if waiting for more bytes may change the answer
     */
    boolean longerRoutePossible(byte[] buf, int off, int len) {
        for (byte[] p : prefixes) {
            if (p.length > len && Arrays.equals(p, 0, len, buf, off, off + len)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the match text of a prefix route.
     *
     * @param index index from {@link #longestPrefix}
     * @return the route's match
     */
    String prefixName(int index) {
        return prefixNames[index];
    }
}
