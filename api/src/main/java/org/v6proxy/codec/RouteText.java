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

import org.v6proxy.api.Route;

import java.util.StringJoiner;

/**
 * The text forms of routes that the CLI lines and the GUI table share: a match is
 * quoted so that quotes, spaces and control bytes (prefix matches may hold "\r\n")
 * stay visible and the text stays on one line.
 */
public final class RouteText {
    /** ASCII control characters: below space, and DEL. */
    private static final char FIRST_PRINTABLE = 0x20;
    private static final char DEL = 0x7f;

    private RouteText() {
    }

    /**
     * Formats a route as {@code "match" -> [v6]:port}.
     *
     * @param route route
     * @return text
     */
    public static String route(Route route) {
        return quote(route.match()) + " -> " + route.backend();
    }

    /**
     * Lists the matches of routes, quoted, in order, as {@code "a.example", "b.example"}.
     *
     * @param routes routes
     * @return text, empty without routes
     */
    public static String matches(Iterable<Route> routes) {
        StringJoiner joiner = new StringJoiner(", ");
        for (Route r : routes) {
            joiner.add(quote(r.match()));
        }
        return joiner.toString();
    }

    /**
     * Quotes a match: {@code "} and {@code \} are escaped with a backslash, CR, LF and
     * tab as {@code \r}, {@code \n}, {@code \t}, other control characters as {@code \xHH}.
     *
     * @param text match
     * @return quoted text
     */
    public static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < FIRST_PRINTABLE || c == DEL) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
