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

import org.onosproject.ui.table.cell.AbstractCellFormatter;

import java.util.Locale;

/**
 * Formats a connection's traffic counters: packets as a plain count, bytes in binary
 * units (512 B, 8.8 KiB, 1.5 MiB). The cell keeps the number, so the column sorts by
 * value, not by text. A connection this instance never translated (its packets pass
 * another cluster member) has no counters: its cell is null and shows "-".
 */
final class TrafficFormatter extends AbstractCellFormatter {
    /** Packet counts, as they are. */
    static final TrafficFormatter PACKETS = new TrafficFormatter(false);
    /** Byte counts, in B, KiB, MiB, ... */
    static final TrafficFormatter BYTES = new TrafficFormatter(true);

    /** What a connection without counters on this instance shows. */
    static final String NONE = "-";

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final double KIB = 1024.0;
    // The largest value "%.1f" prints without rounding up to 1024.0 of the same unit.
    private static final double BELOW_NEXT_UNIT = KIB - 0.05;

    private final boolean bytes;

    private TrafficFormatter(boolean bytes) {
        this.bytes = bytes;
    }

    @Override
    public String format(Object value) {
        return value == null ? NONE : super.format(value);
    }

    @Override
    protected String nonNullFormat(Object value) {
        long n = ((Number) value).longValue();
        return bytes ? bytes(n) : Long.toString(n);
    }

    /**
     * Formats a byte count: exact below 1 KiB, else one decimal in the largest
     * binary unit that keeps the number below 1024.
     *
     * @param n byte count (non-negative)
     * @return text
     */
    static String bytes(long n) {
        if (n < KIB) {
            return n + " " + UNITS[0];
        }
        double v = n / KIB;
        int unit = 1;
        while (v >= BELOW_NEXT_UNIT && unit < UNITS.length - 1) {
            v /= KIB;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }
}
