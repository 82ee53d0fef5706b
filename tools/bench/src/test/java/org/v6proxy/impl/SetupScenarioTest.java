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

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The setup scenarios deliver each connection's first data segment and keep
 * a steady population of ring-size connections.
 */
public class SetupScenarioTest {
    private static final int RING = 8;
    private BenchRig rig;

    @Before
    public void setUp() {
        rig = new BenchRig();
    }

    @After
    public void tearDown() {
        rig.close();
    }

    @Test
    public void l4DeliversDataAndRecyclesPorts() {
        SetupScenario v6 = SetupScenario.create("l4", rig, true, RING);
        SetupScenario conv = SetupScenario.create("l4", rig, false, RING);
        long emitted = rig.pkt.emitted();
        for (int i = 0; i < 3 * RING + 1; i++) {
            byte[] a = v6.next();
            byte[] b = conv.next();
            assertNotNull("connection " + i, a);
            assertArrayEquals("connection " + i, a, b);
            assertTrue(TestFrames.l4Ok6(a, TestFrames.ETH));
        }
        assertEquals("four frames per connection each", 2 * 4 * (3 * RING + 1), rig.pkt.emitted() - emitted);
        assertEquals(RING, rig.store.entries().size());
        assertEquals(RING, rig.store.connections().size());
        assertEquals(RING, rig.onlab.size());
    }

    @Test(expected = IllegalArgumentException.class)
    public void delayedBindingHasNoScenarioYet() {
        SetupScenario.create("http", rig, true, RING);
    }
}
