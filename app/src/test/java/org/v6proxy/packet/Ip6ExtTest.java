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
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Tests of {@link Ip6Ext}.
 */
public class Ip6ExtTest {

    @Test
    public void routingHeader() {
        byte[] b = RefChecksum.hex(
                "3a"                  // next header ICMPv6
                + "02"                // hdr ext len 2 -> 24 bytes
                + "04"                // routing type 4 (SRH)
                + "01"                // segments left 1
                + "00000000"          // rest
                + "00000000000000000000000000000000");
        assertEquals(IpProto.ICMPV6, Ip6Ext.nextHeader(b, 0));
        assertEquals(24, Ip6Ext.length(b, 0));
        assertEquals(4, Ip6Ext.routingType(b, 0));
        assertEquals(1, Ip6Ext.segmentsLeft(b, 0));
    }

    @Test
    public void fragmentHeader() {
        byte[] b = RefChecksum.hex(
                "11"                  // next header UDP
                + "00"                // reserved
                + "05c9"              // offset 185 (185 << 3 = 0x5c8), M = 1
                + "deadbeef");        // identification
        assertEquals(IpProto.UDP, Ip6Ext.nextHeader(b, 0));
        assertEquals(185, Ip6Ext.fragmentOffset(b, 0));
        assertTrue(Ip6Ext.moreFragments(b, 0));
        assertEquals(0xdeadbeef, Ip6Ext.fragmentId(b, 0));
        byte[] w = new byte[8];
        Ip6Ext.writeFragment(w, 0, IpProto.UDP, 185, true, 0xdeadbeef);
        assertArrayEquals(b, w);
        Ip6Ext.writeFragment(w, 0, IpProto.TCP, 0, false, 1);
        assertFalse(Ip6Ext.moreFragments(w, 0));
        assertArrayEquals(RefChecksum.hex("06000000 00000001"), w);
    }
}
