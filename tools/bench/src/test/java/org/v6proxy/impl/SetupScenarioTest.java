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

import org.onlab.packet.Ip6Address;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionState;

import java.util.Arrays;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.impl.TestFrames.ETH;
import static org.v6proxy.impl.TestFrames.u16;
import static org.v6proxy.impl.TestFrames.u32;

/**
 * The setup scenarios deliver each connection's first data segment and keep
 * a steady population of ring-size connections.
 */
public class SetupScenarioTest {
    private static final int RING = 8;
    private static final int TCP6 = ETH + 40;
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

    @Test
    public void httpDeliversRequestToRoutedBackendAndRecyclesPorts() {
        SetupScenario v6 = SetupScenario.create("http", rig, true, RING);
        SetupScenario conv = SetupScenario.create("http", rig, false, RING);
        int n = 5 * RING;
        for (int i = 0; i < n; i++) {
            byte[] a = v6.next();
            byte[] b = conv.next();
            assertReplayed("v6proxy, connection " + i, a);
            assertReplayed("baseline, connection " + i, b);
            assertArrayEquals("the same replayed frame, connection " + i, a, b);
            assertEquals("v6proxy: nothing left binding", 0, rig.processor.bindingCount());
            assertEquals("baseline: nothing left half-open", 0, rig.onlabHttp.halfOpenCount());
            int alive = Math.min(i + 1, RING);
            assertEquals(alive, rig.store.entries().size());
            assertEquals(alive, rig.onlabHttp.size());
        }
        assertEquals(RING, rig.store.connections().size());
        assertEquals(RING, rig.onlabHttp.recordCount());
        for (Connection c : rig.store.connections()) {
            assertEquals(ConnectionState.ESTABLISHED, c.state());
            assertEquals("a.example's backend", Ip6Address.valueOf(BenchRig.BACKEND2_6), c.backend().address());
        }
    }

    /** The replayed request: to [2001:db8::2]:8080 from the client's IPv6, in the backend's sequence space. */
    private static void assertReplayed(String what, byte[] f) {
        assertNotNull(what, f);
        assertEquals(what, 0x86dd, u16(f, 12));
        assertArrayEquals(what, BenchFrames.client6(BenchRig.CLIENT4), Arrays.copyOfRange(f, ETH + 8, ETH + 24));
        assertArrayEquals(what, BenchRig.BACKEND2_6, Arrays.copyOfRange(f, ETH + 24, TCP6));
        assertEquals(what, BenchRig.BACKEND_PORT, u16(f, TCP6 + 2));
        assertEquals(what + ": client's seq", BenchFrames.CLIENT_ISN + 1, u32(f, TCP6 + 4));
        assertEquals(what + ": ack in the backend's space", BenchFrames.BACKEND_ISN + 1, u32(f, TCP6 + 8));
        int dataOff = ((f[TCP6 + 12] & 0xff) >> 4) * 4;
        assertArrayEquals(what, HttpSetupScenario.REQUEST, Arrays.copyOfRange(f, TCP6 + dataOff, f.length));
        assertTrue(what + ": TCP checksum (RFC 1071)", ChecksumCheck.tcp6(f));
    }

    @Test(expected = IllegalArgumentException.class)
    public void unknownModeRefused() {
        SetupScenario.create("tls", rig, true, RING);
    }
}
