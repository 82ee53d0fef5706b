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

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The egress impairment stage of one port. For every frame it draws three pseudo-random
 * numbers from a generator seeded with the spec's seed and the port number (so the same
 * frame sequence meets the same fate in every run) and then, in this order:
 * <ol>
 *   <li>drops the frame with probability {@code loss};</li>
 *   <li>holds it back with probability {@code reorder} when no frame is held yet: a held
 *       frame is sent right after the next frame that passes, or after {@link #MAX_HOLD_NANOS}
 *       when no frame follows (so a lone last segment is late, never lost);</li>
 *   <li>sends it twice with probability {@code duplicate};</li>
 *   <li>delays everything it sends by {@code delay}, preserving the order of sending.</li>
 * </ol>
 * Thread-safe: callers are serialised on this object.
 */
public final class Impairment implements FrameSink {

    /** Longest time a frame is held for reordering when no other frame follows it. */
    public static final long MAX_HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ImpairmentSpec spec;
    private final FrameSink next;
    private final FrameScheduler scheduler;
    private final SplittableRandom random;

    private byte[] held;
    private boolean heldTwice;
    private long holdGeneration;

    private long accepted;
    private long dropped;
    private long duplicated;
    private long reordered;
    private long sent;

    /**
     * Creates the stage.
     *
     * @param spec what to do
     * @param portNumber number of the port (mixed into the seed)
     * @param next where surviving frames go
     * @param scheduler runs delayed sends and releases of held frames
     */
    public Impairment(ImpairmentSpec spec, int portNumber, FrameSink next, FrameScheduler scheduler) {
        this.spec = checkNotNull(spec, "spec");
        this.next = checkNotNull(next, "next");
        this.scheduler = checkNotNull(scheduler, "scheduler");
        // Distinct, reproducible stream per port: golden-ratio mix of seed and port.
        this.random = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + portNumber);
    }

    /**
     * Returns the spec in force.
     *
     * @return spec
     */
    public ImpairmentSpec spec() {
        return spec;
    }

    @Override
    public synchronized void accept(byte[] frame, int off, int len) {
        accepted++;
        // Always three draws per frame, so that one decision never shifts the others.
        double lossDraw = random.nextDouble();
        double reorderDraw = random.nextDouble();
        double duplicateDraw = random.nextDouble();
        if (lossDraw < spec.loss()) {
            dropped++;
            return;
        }
        boolean twice = duplicateDraw < spec.duplicate();
        if (twice) {
            duplicated++;
        }
        if (held == null && reorderDraw < spec.reorder()) {
            reordered++;
            held = whole(frame, off, len);
            heldTwice = twice;
            long generation = ++holdGeneration;
            scheduler.schedule(() -> releaseHeld(generation), MAX_HOLD_NANOS);
            return;
        }
        emit(frame, off, len);
        if (twice) {
            emit(frame, off, len);
        }
        if (held != null) {
            releaseHeld(holdGeneration);
        }
    }

    private synchronized void releaseHeld(long generation) {
        if (held == null || generation != holdGeneration) {
            return;
        }
        byte[] frame = held;
        held = null;
        emit(frame, 0, frame.length);
        if (heldTwice) {
            emit(frame, 0, frame.length);
        }
    }

    private void emit(byte[] frame, int off, int len) {
        sent++;
        if (spec.delayNanos() == 0) {
            next.accept(frame, off, len);
            return;
        }
        // The switch never reuses a frame array, so keeping it until the delay ends is safe.
        byte[] later = whole(frame, off, len);
        scheduler.schedule(() -> next.accept(later, 0, later.length), spec.delayNanos());
    }

    private static byte[] whole(byte[] frame, int off, int len) {
        return off == 0 && len == frame.length ? frame : Arrays.copyOfRange(frame, off, off + len);
    }

    /**
     * Returns the number of frames offered to this stage.
     *
     * @return count
     */
    public synchronized long accepted() {
        return accepted;
    }

    /**
     * Returns the number of frames dropped.
     *
     * @return count
     */
    public synchronized long dropped() {
        return dropped;
    }

    /**
     * Returns the number of frames sent twice.
     *
     * @return count
     */
    public synchronized long duplicated() {
        return duplicated;
    }

    /**
     * Returns the number of frames held back for reordering.
     *
     * @return count
     */
    public synchronized long reordered() {
        return reordered;
    }

    /**
     * Returns the number of frames passed on (or scheduled to be), duplicates included.
     *
     * @return count
     */
    public synchronized long sent() {
        return sent;
    }

    @Override
    public synchronized String toString() {
        return spec + " accepted=" + accepted + " dropped=" + dropped + " duplicated=" + duplicated
                + " reordered=" + reordered + " sent=" + sent;
    }
}
