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
package org.v6proxy.cli;

import org.junit.Test;
import org.v6proxy.testing.Fixtures;

import static org.junit.Assert.assertEquals;

/**
 * Tests of the text forms that are not covered through the commands.
 */
public class TextFormatTest {

    @Test
    public void ageIsCoarse() {
        assertEquals("0s", TextFormat.age(-5));
        assertEquals("0s", TextFormat.age(999));
        assertEquals("59s", TextFormat.age(59_999));
        assertEquals("1m00s", TextFormat.age(60_000));
        assertEquals("59m59s", TextFormat.age(3_599_999));
        assertEquals("1h00m", TextFormat.age(3_600_000));
        assertEquals("23h59m", TextFormat.age(86_399_999));
        assertEquals("1d00h", TextFormat.age(86_400_000));
        assertEquals("400d01h", TextFormat.age(400 * 86_400_000L + 3_600_000));
    }

    @Test
    public void connectionLineCarriesTrafficWhenKnown() {
        org.v6proxy.api.Connection c = Fixtures.connection("web", "10.0.0.3", 40000, "10.0.0.42", 8080, 0);
        org.v6proxy.api.ConnectionStats st = new org.v6proxy.api.ConnectionStats(new long[]{3, 5},
                                                                                 new long[]{180, 9000}, 12);
        assertEquals(TextFormat.connection(c, 65000) + ", c2b=3p/180B, b2c=5p/9000B",
                     TextFormat.connection(c, 65000, java.util.Optional.of(st)));
        assertEquals(TextFormat.connection(c, 65000), TextFormat.connection(c, 65000, java.util.Optional.empty()));
    }
}
