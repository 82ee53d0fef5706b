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
 * Durations at every unit boundary.
 */
public class AgeFormatterTest {
    private static String format(long millis) {
        return AgeFormatter.INSTANCE.format(millis);
    }

    @Test
    public void secondsBelowOneMinute() {
        assertEquals("0s", format(0L));
        assertEquals("0s", format(999L));
        assertEquals("1s", format(1_000L));
        assertEquals("59s", format(59_999L));
    }

    @Test
    public void minutesAndSecondsBelowOneHour() {
        assertEquals("1m00s", format(60_000L));
        assertEquals("1m05s", format(65_000L));
        assertEquals("59m59s", format(3_599_999L));
    }

    @Test
    public void hoursAndMinutesBelowOneDay() {
        assertEquals("1h00m", format(3_600_000L));
        assertEquals("2h03m", format(7_380_000L));
        assertEquals("23h59m", format(86_399_999L));
    }

    @Test
    public void daysAndHours() {
        assertEquals("1d00h", format(86_400_000L));
        assertEquals("3d04h", format(3 * 86_400_000L + 4 * 3_600_000L + 59_999L));
    }

    @Test
    public void negativeIsZeroAndNullIsEmpty() {
        assertEquals("0s", format(-5_000L));
        assertEquals("", AgeFormatter.INSTANCE.format(null));
    }
}
