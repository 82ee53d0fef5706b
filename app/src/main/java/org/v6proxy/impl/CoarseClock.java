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
package org.v6proxy.impl;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A monotonic clock read once per packet (connection liveness) and updated
 * by a timer every few milliseconds. {@link System#nanoTime} costs about 25
 * ns on a KVM guest (kvm-clock), as much as a third of the whole per-packet
 * path; idle limits are seconds, so a reading that is a tick old does no
 * harm. Until the first tick has run (or after {@link #stop}) it reads the
 * real clock.
 */
final class CoarseClock {
    private volatile long now;
    private volatile boolean ticking;
    private ScheduledFuture<?> task;

    /**
     * Returns monotonic time, at most about one tick old while running.
     *
     * @return nanoseconds, comparable with {@link System#nanoTime}
     */
    long nanos() {
        return ticking ? now : System.nanoTime();
    }

    /**
     * Starts ticking.
     *
     * @param timer executor
     * @param periodMs tick period
     */
    synchronized void start(ScheduledExecutorService timer, long periodMs) {
        stop();
        task = timer.scheduleAtFixedRate(this::tick, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops ticking; readings come from the real clock again.
     */
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        ticking = false;
    }

    // Synchronized so that a tick running late cannot restart the clock after stop().
    private synchronized void tick() {
        if (task == null) {
            return;
        }
        now = System.nanoTime();
        ticking = true;
    }
}
