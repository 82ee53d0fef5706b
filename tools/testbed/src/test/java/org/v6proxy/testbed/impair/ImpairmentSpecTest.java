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

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Parsing of impairment specs.
 */
public class ImpairmentSpecTest {

    @Test
    public void parsesTheDocumentedExample() {
        ImpairmentSpec s = ImpairmentSpec.parse("loss=2%,duplicate=1%,reorder=1%,delay=2ms,seed=7");
        assertEquals(0.02, s.loss(), 1e-12);
        assertEquals(0.01, s.duplicate(), 1e-12);
        assertEquals(0.01, s.reorder(), 1e-12);
        assertEquals(2_000_000L, s.delayNanos());
        assertEquals(7, s.seed());
        assertEquals(ImpairmentSpec.ALL_PORTS, s.port());
    }

    @Test
    public void acceptsBareNumbersUnitsPortAndSpaces() {
        ImpairmentSpec s = ImpairmentSpec.parse(" loss = 0.5 , dup=3, delay=500us, port=3 ");
        assertEquals(0.005, s.loss(), 1e-12);
        assertEquals(0.03, s.duplicate(), 1e-12);
        assertEquals(500_000L, s.delayNanos());
        assertEquals(3, s.port());
        assertEquals(ImpairmentSpec.DEFAULT_SEED, s.seed());
        assertEquals(1_000_000_000L, ImpairmentSpec.parse("delay=1s").delayNanos());
        assertEquals(5_000_000L, ImpairmentSpec.parse("delay=5").delayNanos());
        assertTrue(ImpairmentSpec.parse("seed=9").isNone());
    }

    @Test
    public void toStringParsesBackToTheSameSpec() {
        ImpairmentSpec s = ImpairmentSpec.parse("loss=2.5%,duplicate=1%,reorder=0.1%,delay=1500us,seed=-4,port=2");
        assertEquals(s, ImpairmentSpec.parse(s.toString()));
    }

    @Test
    public void rejectsBadInputNamingTheProblem() {
        assertRejected("jitter=3ms", "unknown key 'jitter'");
        assertRejected("loss=150%", "loss=150%");
        assertRejected("loss=abc", "not a percentage");
        assertRejected("loss", "expected key=value");
        assertRejected("delay=3 parsecs", "not a duration");
        assertRejected("delay=11s", "0..10s");
        assertRejected("seed=x", "not an integer");
        assertRejected("port=0", "numbered from 1");
        assertRejected("", "empty");
    }

    private static void assertRejected(String spec, String message) {
        try {
            ImpairmentSpec.parse(spec);
            fail("accepted " + spec);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString(message));
        }
    }
}
