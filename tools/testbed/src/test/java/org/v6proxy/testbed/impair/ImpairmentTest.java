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

import org.junit.Test;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;

/**
 * The impairment stage: rates for a fixed seed, reorder and delay semantics, determinism.
 */
public class ImpairmentTest {

    private static final int N = 100_000;

    /** Collects scheduled tasks; runs them on demand in due-time order (FIFO on ties). */
    private static final class FakeScheduler implements FrameScheduler {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();

        @Override
        public void schedule(Runnable task, long delayNanos) {
            tasks.add(task);
            delays.add(delayNanos);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                int next = 0;
                for (int i = 1; i < delays.size(); i++) {
                    if (delays.get(i) < delays.get(next)) {
                        next = i;
                    }
                }
                delays.remove(next);
                tasks.remove(next).run();
            }
        }
    }

    private static byte[] frame(int seq) {
        return new byte[] {(byte) (seq >>> 24), (byte) (seq >>> 16), (byte) (seq >>> 8), (byte) seq, 0x55};
    }

    private static int seq(byte[] f, int off) {
        return (f[off] & 0xff) << 24 | (f[off + 1] & 0xff) << 16 | (f[off + 2] & 0xff) << 8 | (f[off + 3] & 0xff);
    }

    /** Sends N numbered frames through a stage and returns the output sequence. */
    private static List<Integer> run(String spec, int port, Impairment[] stage) {
        List<Integer> out = new ArrayList<>();
        FakeScheduler scheduler = new FakeScheduler();
        Impairment imp = new Impairment(ImpairmentSpec.parse(spec), port, (f, off, len) -> out.add(seq(f, off)),
                                        scheduler);
        for (int i = 0; i < N; i++) {
            imp.accept(frame(i), 0, 5);
        }
        scheduler.runAll();
        if (stage != null) {
            stage[0] = imp;
        }
        return out;
    }

    @Test
    public void lossRateIsNearTheSpecAndEverySurvivorKeepsItsOrder() {
        Impairment[] stage = new Impairment[1];
        List<Integer> out = run("loss=2%,seed=7", 1, stage);
        // Binomial(100000, 0.02): mean 2000, sd 44; +-5 sd.
        assertThat((int) stage[0].dropped(), allOf(greaterThanOrEqualTo(1780), lessThanOrEqualTo(2220)));
        assertEquals(N - stage[0].dropped(), out.size());
        for (int i = 1; i < out.size(); i++) {
            assertTrue("order kept", out.get(i) > out.get(i - 1));
        }
    }

    @Test
    public void duplicatesFollowTheirOriginal() {
        Impairment[] stage = new Impairment[1];
        List<Integer> out = run("duplicate=1%,seed=7", 1, stage);
        assertThat((int) stage[0].duplicated(), allOf(greaterThanOrEqualTo(840), lessThanOrEqualTo(1160)));
        assertEquals(N + stage[0].duplicated(), out.size());
        int expected = 0;
        int dups = 0;
        for (int i = 0; i < out.size(); i++) {
            if (i > 0 && out.get(i).equals(out.get(i - 1))) {
                dups++;
                continue;
            }
            assertEquals(expected++, (int) out.get(i));
        }
        assertEquals(stage[0].duplicated(), dups);
    }

    @Test
    public void reorderSwapsAHeldFrameWithTheNextOne() {
        Impairment[] stage = new Impairment[1];
        List<Integer> out = run("reorder=1%,seed=7", 1, stage);
        assertThat((int) stage[0].reordered(), allOf(greaterThanOrEqualTo(840), lessThanOrEqualTo(1160)));
        assertEquals(N, out.size());
        int expected = 0;
        int swaps = 0;
        int i = 0;
        while (i < out.size()) {
            if (out.get(i) == expected) {
                expected++;
                i++;
            } else {
                // Held frame 'expected' comes right after its successor.
                assertEquals(expected + 1, (int) out.get(i));
                assertEquals(expected, (int) out.get(i + 1));
                expected += 2;
                i += 2;
                swaps++;
            }
        }
        // A frame held at the very end is released by the timer, in place.
        assertTrue(swaps == stage[0].reordered() || swaps == stage[0].reordered() - 1);
    }

    @Test
    public void aLoneHeldFrameIsReleasedAfterTheMaximumHold() {
        FakeScheduler scheduler = new FakeScheduler();
        List<Integer> out = new ArrayList<>();
        Impairment imp = new Impairment(ImpairmentSpec.parse("reorder=100%"), 1, (f, o, l) -> out.add(seq(f, o)),
                                        scheduler);
        imp.accept(frame(1), 0, 5);
        assertTrue(out.isEmpty());
        assertEquals(List.of(Impairment.MAX_HOLD_NANOS), scheduler.delays);
        scheduler.runAll();
        assertEquals(List.of(1), out);
    }

    @Test
    public void delayDefersEverySendAndKeepsTheOrder() {
        FakeScheduler scheduler = new FakeScheduler();
        List<Integer> out = new ArrayList<>();
        Impairment imp = new Impairment(ImpairmentSpec.parse("delay=2ms"), 1, (f, o, l) -> out.add(seq(f, o)),
                                        scheduler);
        for (int i = 0; i < 100; i++) {
            imp.accept(frame(i), 0, 5);
        }
        assertTrue("nothing before the delay", out.isEmpty());
        assertTrue(scheduler.delays.stream().allMatch(d -> d == 2_000_000L));
        scheduler.runAll();
        for (int i = 0; i < 100; i++) {
            assertEquals(i, (int) out.get(i));
        }
    }

    @Test
    public void sameSeedAndPortGiveTheSameFateDifferentOnesDoNot() {
        String spec = "loss=2%,duplicate=1%,reorder=1%,seed=7";
        List<Integer> a = run(spec, 1, null);
        assertEquals(a, run(spec, 1, null));
        assertNotEquals(a, run("loss=2%,duplicate=1%,reorder=1%,seed=8", 1, null));
        assertNotEquals(a, run(spec, 2, null));
    }

    @Test
    public void partOfAnArrayIsSentAsItsOwnFrame() {
        List<byte[]> out = new ArrayList<>();
        Impairment imp = new Impairment(ImpairmentSpec.parse("delay=1ms"), 1, (f, o, l) -> {
            byte[] b = new byte[l];
            System.arraycopy(f, o, b, 0, l);
            out.add(b);
        }, (task, d) -> task.run());
        imp.accept(new byte[] {9, 1, 2, 3, 9}, 1, 3);
        assertEquals(1, out.size());
        assertEquals(3, out.get(0).length);
        assertEquals(1, out.get(0)[0]);
        assertEquals(3, out.get(0)[2]);
    }
}
