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
package org.v6proxy.gui;

import org.junit.Test;

import static org.junit.Assert.assertEquals;

/**
 * Packet counts as they are, byte counts at every unit boundary, "-" without counters.
 */
public class TrafficFormatterTest {
    private static final long KIB = 1024L;
    private static final long MIB = KIB * KIB;

    private static String bytes(long n) {
        return TrafficFormatter.BYTES.format(n);
    }

    @Test
    public void packetsAreThePlainCount() {
        assertEquals("0", TrafficFormatter.PACKETS.format(0L));
        assertEquals("1234567", TrafficFormatter.PACKETS.format(1_234_567L));
    }

    @Test
    public void bytesBelowOneKibAreExact() {
        assertEquals("0 B", bytes(0L));
        assertEquals("1023 B", bytes(1023L));
    }

    @Test
    public void bytesAboveTakeOneDecimalInTheLargestUnitBelow1024() {
        assertEquals("1.0 KiB", bytes(KIB));
        assertEquals("1.5 KiB", bytes(KIB + 512));
        assertEquals("1023.9 KiB", bytes(1023 * KIB + 900));
        // 1023.96 KiB would print as "1024.0 KiB": it moves up a unit instead.
        assertEquals("1.0 MiB", bytes(1023 * KIB + 983));
        assertEquals("1.0 MiB", bytes(MIB));
        assertEquals("2.5 GiB", bytes(5 * 512 * MIB));
        assertEquals("8.0 EiB", bytes(Long.MAX_VALUE));
    }

    @Test
    public void noCountersShowADash() {
        assertEquals("-", TrafficFormatter.PACKETS.format(null));
        assertEquals("-", TrafficFormatter.BYTES.format(null));
    }
}
