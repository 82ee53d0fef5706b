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
package org.v6proxy.packet;

import org.junit.Test;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

/**
 * Tests of {@link Ip6}.
 */
public class Ip6Test {

    private static final String HEADER =
            "6"                                      // version 6
            + "b8"                                   // traffic class 0xb8
            + "abcde"                                // flow label 0xabcde
            + "0014"                                 // payload length 20
            + "06"                                   // next header TCP
            + "40"                                   // hop limit 64
            + "20010db8004600000000000000c00002"     // src 2001:db8:46::c000:221 (typo-proof: hex)
            + "20010db8000000000000000000000001";    // dst 2001:db8::1

    @Test
    public void readsEveryField() {
        byte[] b = RefChecksum.hex("ff" + HEADER);
        assertEquals(6, Ip6.version(b, 1));
        assertEquals(0xb8, Ip6.trafficClass(b, 1));
        assertEquals(0xabcde, Ip6.flowLabel(b, 1));
        assertEquals(20, Ip6.payloadLength(b, 1));
        assertEquals(IpProto.TCP, Ip6.nextHeader(b, 1));
        assertEquals(64, Ip6.hopLimit(b, 1));
        byte[] a = new byte[16];
        Ip6.copySrc(b, 1, a, 0);
        assertArrayEquals(RefChecksum.hex("20010db8004600000000000000c00002"), a);
        Ip6.copyDst(b, 1, a, 0);
        assertArrayEquals(RefChecksum.hex("20010db8000000000000000000000001"), a);
    }

    @Test
    public void settersRebuildTheHeader() {
        byte[] ref = RefChecksum.hex("ff" + HEADER);
        byte[] b = new byte[41];
        b[0] = (byte) 0xff;
        Ip6.setVersionClassFlow(b, 1, 0xb8, 0xabcde);
        Ip6.setPayloadLength(b, 1, 20);
        Ip6.setNextHeader(b, 1, IpProto.TCP);
        Ip6.setHopLimit(b, 1, 64);
        Ip6.setSrc(b, 1, ref, 1 + Ip6.SRC_OFFSET);
        Ip6.setDst(b, 1, ref, 1 + Ip6.DST_OFFSET);
        assertArrayEquals(ref, b);
    }

    @Test
    public void versionClassFlowMasksOutOfRangeValues() {
        byte[] b = new byte[4];
        Ip6.setVersionClassFlow(b, 0, 0x1ff, 0xfffffff);
        assertArrayEquals(RefChecksum.hex("6fffffff"), b);
    }
}
