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

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.MacAddress;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.v6proxy.testbed.SwitchHarness;
import org.v6proxy.testbed.impair.ImpairmentSpec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.testbed.TestFrames.mac;
import static org.v6proxy.testbed.TestFrames.numbered;

/**
 * Learning-switch forwarding, treatments and per-port impairment of the testbed switch.
 */
public class TestbedSwitchTest {

    private static final String H1 = "02:00:00:00:00:01";
    private static final String H2 = "02:00:00:00:00:02";
    private static final String H3 = "02:00:00:00:00:03";
    private static final String BROADCAST = "ff:ff:ff:ff:ff:ff";

    private SwitchHarness sw;

    @Before
    public void setUp() throws Exception {
        sw = new SwitchHarness(3).start();
    }

    @After
    public void tearDown() {
        sw.close();
    }

    @Test
    public void unknownDestinationsFloodThenLearnedOnesGoToTheirPortOnly() throws Exception {
        byte[] toH2 = numbered(H2, H1, 1);
        sw.inject(1, toH2);
        sw.expect(2, toH2);
        sw.expect(3, toH2);
        sw.expectNothing(1);
        // h2 answers: h1 was learned on port 1, so only port 1 gets it.
        byte[] toH1 = numbered(H1, H2, 2);
        sw.inject(2, toH1);
        sw.expect(1, toH1);
        sw.expectNothing(2, 3);
        // Now h2 is known too.
        byte[] again = numbered(H2, H1, 3);
        sw.inject(1, again);
        sw.expect(2, again);
        sw.expectNothing(1, 3);
        assertEquals(2, sw.fabric().portOf(MacAddress.valueOf(H2)));
    }

    @Test
    public void broadcastFloodsEverywhereButTheIngressPort() throws Exception {
        byte[] b = numbered(BROADCAST, H3, 1);
        sw.inject(3, b);
        sw.expect(1, b);
        sw.expect(2, b);
        sw.expectNothing(3);
    }

    @Test
    public void framesForTheTestbedMacAreConsumedAndHairpinsDropped() throws Exception {
        sw.inject(1, numbered(TestbedSwitch.TESTBED_MAC.toString(), H1, 1));
        sw.expectNothing(1, 2, 3);
        assertEquals(1, sw.fabric().consumed());
        // h2 learned on port 2; a frame for h2 arriving on port 2 goes nowhere.
        sw.inject(2, numbered(BROADCAST, H2, 2));
        sw.expect(1);
        sw.expect(3);
        sw.inject(2, numbered(H2, H3, 3));
        sw.expectNothing(1, 2, 3);
    }

    @Test
    public void runtsAreCountedAndDropped() throws Exception {
        sw.inject(1, new byte[] {1, 2, 3});
        sw.expectNothing(1, 2, 3);
        assertEquals(1, sw.fabric().runts());
    }

    @Test
    public void treatmentsOutputFloodInPortAndRewriteOnACopy() throws Exception {
        byte[] f = numbered(H2, H1, 7);
        sw.fabric().apply(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(3)).build(), f, 1);
        sw.expect(3, f);
        sw.expectNothing(1, 2);

        sw.fabric().apply(DefaultTrafficTreatment.builder().setOutput(PortNumber.FLOOD).build(), f, 2);
        sw.expect(1, f);
        sw.expect(3, f);
        sw.expectNothing(2);

        sw.fabric().apply(DefaultTrafficTreatment.builder().setOutput(PortNumber.IN_PORT).build(), f, 2);
        sw.expect(2, f);

        byte[] original = f.clone();
        sw.fabric().apply(DefaultTrafficTreatment.builder().setEthDst(MacAddress.valueOf(H3))
                                  .setOutput(PortNumber.portNumber(1)).build(), f, 0);
        byte[] out = sw.expect(1);
        byte[] dst = new byte[6];
        System.arraycopy(out, 0, dst, 0, 6);
        assertArrayEquals(mac(H3), dst);
        assertArrayEquals("the caller's frame is not changed", original, f);

        // No such port: dropped, nothing thrown.
        sw.fabric().apply(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(9)).build(), f, 1);
        sw.expectNothing(1, 2, 3);
    }

    @Test
    public void impairmentAppliesToTheChosenPortOnly() throws Exception {
        sw.fabric().setImpairment(ImpairmentSpec.parse("loss=100%,port=2"));
        byte[] b = numbered(BROADCAST, H1, 1);
        sw.inject(1, b);
        sw.expect(3, b);
        sw.expectNothing(2);
        assertEquals(1, sw.fabric().port(2).impairment().dropped());
        assertTrue(sw.fabric().port(3).impairment() == null);
        sw.fabric().setImpairment(null);
        sw.inject(1, b);
        sw.expect(2, b);
    }
}
