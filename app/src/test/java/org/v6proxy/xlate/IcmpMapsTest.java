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
package org.v6proxy.xlate;

import org.junit.Test;

import static org.junit.Assert.assertEquals;

/**
 * The tables of RFC 7915 sections 4.2 and 5.2, row by row.
 */
public class IcmpMapsTest {

    private static int tc(int type, int code) {
        return type << 8 | code;
    }

    @Test
    public void destinationUnreachable4to6() {
        int[] toNoRoute = {0, 1, 5, 6, 7, 8, 11, 12};
        for (int code : toNoRoute) {
            assertEquals("code " + code, tc(1, 0), IcmpMaps.error4to6(3, code));
        }
        assertEquals(tc(4, 1), IcmpMaps.error4to6(3, 2));
        assertEquals(tc(1, 4), IcmpMaps.error4to6(3, 3));
        assertEquals(tc(2, 0), IcmpMaps.error4to6(3, 4));
        for (int code : new int[] {9, 10, 13, 15}) {
            assertEquals("code " + code, tc(1, 1), IcmpMaps.error4to6(3, code));
        }
        assertEquals(-1, IcmpMaps.error4to6(3, 14));
        assertEquals(-1, IcmpMaps.error4to6(3, 16));
    }

    @Test
    public void otherErrors4to6() {
        assertEquals(tc(3, 0), IcmpMaps.error4to6(11, 0));
        assertEquals(tc(3, 1), IcmpMaps.error4to6(11, 1));
        assertEquals(tc(4, 0), IcmpMaps.error4to6(12, 0));
        assertEquals(tc(4, 0), IcmpMaps.error4to6(12, 2));
        assertEquals(-1, IcmpMaps.error4to6(12, 1));
        assertEquals(-1, IcmpMaps.error4to6(4, 0));
        assertEquals(-1, IcmpMaps.error4to6(5, 0));
    }

    @Test
    public void pointers4to6() {
        int[] expected = {0, 1, 4, 4, -1, -1, -1, -1, 7, 6, -1, -1, 8, 8, 8, 8, 24, 24, 24, 24, -1, -1};
        for (int p = 0; p < expected.length; p++) {
            assertEquals("pointer " + p, expected[p], IcmpMaps.pointer4to6(p));
        }
    }

    @Test
    public void errors6to4() {
        assertEquals(tc(3, 1), IcmpMaps.error6to4(1, 0));
        assertEquals(tc(3, 10), IcmpMaps.error6to4(1, 1));
        assertEquals(tc(3, 1), IcmpMaps.error6to4(1, 2));
        assertEquals(tc(3, 1), IcmpMaps.error6to4(1, 3));
        assertEquals(tc(3, 3), IcmpMaps.error6to4(1, 4));
        assertEquals(-1, IcmpMaps.error6to4(1, 5));
        assertEquals(tc(3, 4), IcmpMaps.error6to4(2, 0));
        assertEquals(tc(11, 0), IcmpMaps.error6to4(3, 0));
        assertEquals(tc(11, 1), IcmpMaps.error6to4(3, 1));
        assertEquals(tc(12, 0), IcmpMaps.error6to4(4, 0));
        assertEquals(tc(3, 2), IcmpMaps.error6to4(4, 1));
        assertEquals(-1, IcmpMaps.error6to4(4, 2));
        assertEquals(-1, IcmpMaps.error6to4(0, 0));
        assertEquals(-1, IcmpMaps.error6to4(5, 0));
    }

    @Test
    public void pointers6to4() {
        int[] expected = {0, 1, -1, -1, 2, 2, 9, 8};
        for (int p = 0; p < expected.length; p++) {
            assertEquals("pointer " + p, expected[p], IcmpMaps.pointer6to4(p));
        }
        for (int p = 8; p < 24; p++) {
            assertEquals(12, IcmpMaps.pointer6to4(p));
        }
        for (int p = 24; p < 40; p++) {
            assertEquals(16, IcmpMaps.pointer6to4(p));
        }
        assertEquals(-1, IcmpMaps.pointer6to4(40));
        assertEquals(-1, IcmpMaps.pointer6to4(0xffffffffL));
    }

    @Test
    public void plateaus() {
        assertEquals(1492, IcmpMaps.plateauBelow(1500));
        assertEquals(1006, IcmpMaps.plateauBelow(1492));
        assertEquals(32000, IcmpMaps.plateauBelow(65535));
        assertEquals(68, IcmpMaps.plateauBelow(68));
        assertEquals(68, IcmpMaps.plateauBelow(20));
    }
}
