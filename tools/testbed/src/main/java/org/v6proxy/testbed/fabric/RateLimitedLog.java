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
package org.v6proxy.testbed.fabric;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs the first few occurrences of a per-frame problem and then one in every
 * {@link #EVERY}, with the running count, so that a flood of bad frames cannot fill the disk.
 */
public final class RateLimitedLog {

    /** Occurrences logged in full before thinning out. */
    static final int FIRST = 10;
    /** After the first ones, log one occurrence in this many. */
    static final int EVERY = 10_000;

    private final Logger log;
    private final AtomicLong count = new AtomicLong();

    /**
     * Creates a limiter writing to a logger.
     *
     * @param log where to log
     */
    public RateLimitedLog(Logger log) {
        this.log = log;
    }

    /**
     * Counts one occurrence and logs it at WARN if due.
     *
     * @param format slf4j format
     * @param args arguments (a trailing Throwable is logged with its stack)
     */
    public void warn(String format, Object... args) {
        long n = count.incrementAndGet();
        if (n <= FIRST || n % EVERY == 0) {
            log.warn("[#" + n + "] " + format, args);
        }
    }

    /**
     * Returns how many occurrences were counted.
     *
     * @return count
     */
    public long count() {
        return count.get();
    }
}
