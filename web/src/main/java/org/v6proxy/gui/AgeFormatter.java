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

/**
 * Formats a duration in milliseconds coarsely, as the CLI does: 59s, 1m05s, 2h03m,
 * 3d04h. The cell keeps the number, so the column sorts by duration, not by text.
 */
final class AgeFormatter extends AbstractCellFormatter {
    /** The one instance; the formatter has no state. */
    static final AgeFormatter INSTANCE = new AgeFormatter();

    private static final long SECOND = 1000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private AgeFormatter() {
    }

    @Override
    protected String nonNullFormat(Object value) {
        // Creation times come from other cluster members' clocks: a skewed clock must
        // not show a negative age.
        long ms = Math.max(0L, ((Number) value).longValue());
        if (ms < MINUTE) {
            return (ms / SECOND) + "s";
        }
        if (ms < HOUR) {
            return String.format("%dm%02ds", ms / MINUTE, (ms % MINUTE) / SECOND);
        }
        if (ms < DAY) {
            return String.format("%dh%02dm", ms / HOUR, (ms % HOUR) / MINUTE);
        }
        return String.format("%dd%02dh", ms / DAY, (ms % DAY) / HOUR);
    }
}
