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

/**
 * Coarse durations for people (connection ages in the CLI and the GUI):
 * 59s, 1m05s, 2h03m, 3d04h.
 */
public final class DurationText {
    private static final long SECOND = 1000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private DurationText() {
    }

    /**
     * Formats a duration; a negative one (a creation time from another
     * member's skewed clock) counts as zero.
     *
     * @param millis duration
     * @return text
     */
    public static String age(long millis) {
        long ms = Math.max(0L, millis);
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
