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

import com.google.common.collect.ImmutableList;
import org.junit.Test;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Route;

import static org.junit.Assert.assertEquals;

/**
 * Tests of the route text forms the CLI and the GUI share.
 */
public class RouteTextTest {

    @Test
    public void quoteKeepsOneLineAndShowsControlBytes() {
        assertEquals("\"a b\"", RouteText.quote("a b"));
        assertEquals("\"\\\"q\\\" \\\\ \\r\\n\\t\"", RouteText.quote("\"q\" \\ \r\n\t"));
        assertEquals("\"\\x00\\x1b\\x7f~\"", RouteText.quote("\u0000\u001b\u007f~"));
        assertEquals("\"caf\u00e9 100%\"", RouteText.quote("caf\u00e9 100%"));
    }

    @Test
    public void quoteEscapesQuotesBackslashesAndControlBytes() {
        assertEquals("\"a\\\"b\\\\c\\td\\x00\\x7f\"", RouteText.quote("a\"b\\c\td\u0000\u007f"));
        assertEquals("\"plain text\"", RouteText.quote("plain text"));
    }

    @Test
    public void routeIsQuotedMatchArrowBackend() {
        assertEquals("\"GET /b\\r\\n\" -> [2001:db8::2]:80",
                     RouteText.route(new Route("GET /b\r\n", Backend.parse("[2001:db8::2]:80"))));
    }

    @Test
    public void matchesAreQuotedInOrderAndEmptyWithoutRoutes() {
        Backend b = Backend.parse("[2001:db8::1]:443");
        assertEquals("\"b.example\", \"*.a.example\"",
                     RouteText.matches(ImmutableList.of(new Route("b.example", b), new Route("*.a.example", b))));
        assertEquals("", RouteText.matches(ImmutableList.of()));
    }
}
