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
package org.v6proxy.testbed.impair;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * What to do to the frames a port sends: a loss, duplication and reordering probability,
 * a fixed delay, the seed of the pseudo-random choices and optionally the one port it is for.
 * Written as {@code loss=2%,duplicate=1%,reorder=1%,delay=2ms,seed=7[,port=3]}. Immutable.
 */
public final class ImpairmentSpec {

    /** Port value meaning "every port". */
    public static final int ALL_PORTS = 0;
    /** Seed used when the spec names none. */
    public static final long DEFAULT_SEED = 1;
    /** Longest accepted delay: beyond it TCP retransmits everything anyway. */
    public static final long MAX_DELAY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final double loss;
    private final double duplicate;
    private final double reorder;
    private final long delayNanos;
    private final long seed;
    private final int port;

    /**
     * Creates a spec.
     *
     * @param loss probability 0..1 that a frame is dropped
     * @param duplicate probability 0..1 that a frame is sent twice
     * @param reorder probability 0..1 that a frame is held back and sent after the next one
     * @param delayNanos delay added to every frame, nanoseconds
     * @param seed seed of the pseudo-random choices
     * @param port port number it applies to, or {@link #ALL_PORTS}
     */
    public ImpairmentSpec(double loss, double duplicate, double reorder, long delayNanos, long seed, int port) {
        checkArgument(loss >= 0 && loss <= 1, "loss %s is not within 0..100%%", loss);
        checkArgument(duplicate >= 0 && duplicate <= 1, "duplicate %s is not within 0..100%%", duplicate);
        checkArgument(reorder >= 0 && reorder <= 1, "reorder %s is not within 0..100%%", reorder);
        checkArgument(delayNanos >= 0 && delayNanos <= MAX_DELAY_NANOS, "delay %sns is not within 0..10s",
                      delayNanos);
        checkArgument(port >= 0, "port %s is negative", port);
        this.loss = loss;
        this.duplicate = duplicate;
        this.reorder = reorder;
        this.delayNanos = delayNanos;
        this.seed = seed;
        this.port = port;
    }

    /**
     * Parses {@code key=value} pairs separated by commas. Keys: {@code loss}, {@code duplicate}
     * (or {@code dup}), {@code reorder} take a percentage ({@code 2%}; a bare number is a
     * percentage too); {@code delay} takes {@code 2ms}, {@code 500us}, {@code 1s} or a bare
     * number of milliseconds; {@code seed} a long; {@code port} a port number.
     *
     * @param text the spec
     * @return the parsed spec
     * @throws IllegalArgumentException naming the offending key or value
     */
    public static ImpairmentSpec parse(String text) {
        double loss = 0;
        double duplicate = 0;
        double reorder = 0;
        long delay = 0;
        long seed = DEFAULT_SEED;
        int port = ALL_PORTS;
        checkArgument(text != null && !text.isBlank(), "empty impairment spec");
        for (String item : text.split(",")) {
            String pair = item.trim();
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            checkArgument(eq > 0, "impairment '%s': expected key=value", pair);
            String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = pair.substring(eq + 1).trim();
            switch (key) {
                case "loss":
                    loss = percent(key, value);
                    break;
                case "duplicate":
                case "dup":
                    duplicate = percent(key, value);
                    break;
                case "reorder":
                    reorder = percent(key, value);
                    break;
                case "delay":
                    delay = duration(value);
                    break;
                case "seed":
                    seed = number(key, value);
                    break;
                case "port":
                    port = (int) number(key, value);
                    checkArgument(port > 0, "impairment port=%s: ports are numbered from 1", value);
                    break;
                default:
                    throw new IllegalArgumentException("impairment '" + pair + "': unknown key '" + key
                            + "' (known: loss, duplicate, reorder, delay, seed, port)");
            }
        }
        return new ImpairmentSpec(loss, duplicate, reorder, delay, seed, port);
    }

    private static double percent(String key, String value) {
        String digits = value.endsWith("%") ? value.substring(0, value.length() - 1).trim() : value;
        double p;
        try {
            p = Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("impairment " + key + "=" + value + ": not a percentage", e);
        }
        checkArgument(p >= 0 && p <= 100, "impairment %s=%s: not within 0..100%%", key, value);
        return p / 100.0;
    }

    private static long duration(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        long unitNanos;
        String digits;
        if (v.endsWith("ms")) {
            unitNanos = 1_000_000L;
            digits = v.substring(0, v.length() - 2);
        } else if (v.endsWith("us")) {
            unitNanos = 1_000L;
            digits = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            unitNanos = 1_000_000_000L;
            digits = v.substring(0, v.length() - 1);
        } else {
            unitNanos = 1_000_000L;
            digits = v;
        }
        double d;
        try {
            d = Double.parseDouble(digits.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("impairment delay=" + value + ": not a duration (e.g. 2ms)", e);
        }
        checkArgument(d >= 0 && d * unitNanos <= MAX_DELAY_NANOS, "impairment delay=%s: not within 0..10s", value);
        return Math.round(d * unitNanos);
    }

    private static long number(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("impairment " + key + "=" + value + ": not an integer", e);
        }
    }

    /**
     * Returns the loss probability.
     *
     * @return 0..1
     */
    public double loss() {
        return loss;
    }

    /**
     * Returns the duplication probability.
     *
     * @return 0..1
     */
    public double duplicate() {
        return duplicate;
    }

    /**
     * Returns the reordering probability.
     *
     * @return 0..1
     */
    public double reorder() {
        return reorder;
    }

    /**
     * Returns the delay added to every frame.
     *
     * @return nanoseconds
     */
    public long delayNanos() {
        return delayNanos;
    }

    /**
     * Returns the seed.
     *
     * @return seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the port this spec is for.
     *
     * @return port number, or {@link #ALL_PORTS}
     */
    public int port() {
        return port;
    }

    /**
     * Returns whether this spec changes nothing.
     *
     * @return true when no loss, duplication, reordering or delay
     */
    public boolean isNone() {
        return loss == 0 && duplicate == 0 && reorder == 0 && delayNanos == 0;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ImpairmentSpec)) {
            return false;
        }
        ImpairmentSpec that = (ImpairmentSpec) o;
        return Double.compare(loss, that.loss) == 0 && Double.compare(duplicate, that.duplicate) == 0
                && Double.compare(reorder, that.reorder) == 0 && delayNanos == that.delayNanos
                && seed == that.seed && port == that.port;
    }

    @Override
    public int hashCode() {
        return Objects.hash(loss, duplicate, reorder, delayNanos, seed, port);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "loss=%s%%,duplicate=%s%%,reorder=%s%%,delay=%sus,seed=%d%s",
                             loss * 100, duplicate * 100, reorder * 100, delayNanos / 1000.0, seed,
                             port == ALL_PORTS ? "" : ",port=" + port);
    }
}
