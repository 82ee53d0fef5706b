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

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.xlate.Pkt.v4;
import static org.v6proxy.xlate.Pkt.v6;

/**
 * RFC 6052 section 2.4, the table of examples, in both directions.
 */
public class Rfc6052Test {

    private static final String[][] TABLE = {
        {"2001:db8::", "32", "2001:db8:c000:221::"},
        {"2001:db8:100::", "40", "2001:db8:1c0:2:21::"},
        {"2001:db8:122::", "48", "2001:db8:122:c000:2:2100::"},
        {"2001:db8:122:300::", "56", "2001:db8:122:3c0:0:221::"},
        {"2001:db8:122:344::", "64", "2001:db8:122:344:c0:2:2100:0"},
        {"64:ff9b::", "96", "64:ff9b::192.0.2.33"},
    };
    private static final int ADDR = v4("192.0.2.33");

    @Test
    public void embedsEveryRowOfTheTable() {
        for (String[] row : TABLE) {
            byte[] out = new byte[18];
            assertTrue(Rfc6052.embed(v6(row[0]), Integer.parseInt(row[1]), ADDR, out, 1));
            byte[] expected = new byte[18];
            System.arraycopy(v6(row[2]), 0, expected, 1, 16);
            assertArrayEquals(row[1], expected, out);
        }
    }

    @Test
    public void extractsEveryRowOfTheTable() {
        for (String[] row : TABLE) {
            byte[] in = new byte[20];
            System.arraycopy(v6(row[2]), 0, in, 3, 16);
            assertEquals(row[1], ADDR & 0xffffffffL, Rfc6052.extract(v6(row[0]), Integer.parseInt(row[1]), in, 3));
        }
    }

    @Test
    public void extractRejectsOtherPrefixesAndTheUOctet() {
        assertEquals(-1, Rfc6052.extract(v6("64:ff9b::"), 96, v6("64:ff9c::c000:221"), 0));
        assertEquals(-1, Rfc6052.extract(v6("2001:db8::"), 32, v6("2001:db9:c000:221::"), 0));
        // Bits 64..71 set.
        assertEquals(-1, Rfc6052.extract(v6("2001:db8::"), 32, v6("2001:db8:c000:221:100::"), 0));
        assertEquals(-1, Rfc6052.extract(v6("2001:db8:122:344::"), 64, v6("2001:db8:122:344:1c0:2:2100:0"), 0));
        // The suffix is ignored.
        assertEquals(ADDR & 0xffffffffL, Rfc6052.extract(v6("2001:db8::"), 32, v6("2001:db8:c000:221:0:ffff::1"), 0));
        // The highest address survives as an unsigned value.
        byte[] top = new byte[16];
        Rfc6052.embed(v6("64:ff9b::"), 96, 0xffffffff, top, 0);
        assertEquals(0xffffffffL, Rfc6052.extract(v6("64:ff9b::"), 96, top, 0));
    }

    @Test
    public void onlyTheSixLengths() {
        for (int len = 0; len <= 128; len++) {
            boolean ok = len == 32 || len == 40 || len == 48 || len == 56 || len == 64 || len == 96;
            assertEquals("length " + len, ok, Rfc6052.validLength(len));
        }
        assertFalse(Rfc6052.embed(new byte[16], 80, ADDR, new byte[16], 0));
        assertEquals(-1, Rfc6052.extract(new byte[16], 80, new byte[16], 0));
    }
}
