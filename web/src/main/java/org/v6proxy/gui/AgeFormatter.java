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
import org.v6proxy.codec.DurationText;

/**
 * Formats a duration in milliseconds coarsely, as the CLI does: 59s, 1m05s, 2h03m,
 * 3d04h. The cell keeps the number, so the column sorts by duration, not by text.
 */
final class AgeFormatter extends AbstractCellFormatter {
    /** The one instance; the formatter has no state. */
    static final AgeFormatter INSTANCE = new AgeFormatter();


    private AgeFormatter() {
    }

    @Override
    protected String nonNullFormat(Object value) {
        // Creation times come from other cluster members' clocks: a skewed clock must
        // not show a negative age.
        return DurationText.age(((Number) value).longValue());
    }
}
