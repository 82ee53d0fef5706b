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
 * Tests of {@link Ip4}.
 */
public class Ip4Test {

    // An IPv4 header at offset 2 (two bytes of junk in front), with one 4-byte option.
    private static byte[] packet() {
        return RefChecksum.hex(
                "eeee"          // junk before the header
                + "46"          // version 4, IHL 6 (24 bytes)
                + "b8"          // TOS: DSCP 46 (EF), ECN 0
                + "0030"        // total length 48
                + "abcd"        // identification
                + "4000"        // flags DF, fragment offset 0
                + "3f"          // TTL 63
                + "11"          // protocol UDP
                + "0000"        // header checksum (filled in below)
                + "c0000221"    // src 192.0.2.33
                + "c6336407"    // dst 198.51.100.7
                + "01010100");  // option: NOP NOP NOP EOL
    }

    @Test
    public void readsEveryField() {
        byte[] b = packet();
        assertEquals(4, Ip4.version(b, 2));
        assertEquals(24, Ip4.ihl(b, 2));
        assertEquals(0xb8, Ip4.tos(b, 2));
        assertEquals(48, Ip4.totalLength(b, 2));
        assertEquals(0xabcd, Ip4.identification(b, 2));
        assertEquals(0x4000, Ip4.flagsFragment(b, 2));
        assertEquals(2, Ip4.flags(b, 2));
        assertTrue(Ip4.dontFragment(b, 2));
        assertFalse(Ip4.moreFragments(b, 2));
        assertEquals(0, Ip4.fragmentOffset(b, 2));
        assertFalse(Ip4.isFragment(b, 2));
        assertEquals(63, Ip4.ttl(b, 2));
        assertEquals(IpProto.UDP, Ip4.protocol(b, 2));
        assertEquals(0xc0000221, Ip4.src(b, 2));
        assertEquals(0xc6336407, Ip4.dst(b, 2));
    }

    @Test
    public void fragmentFields() {
        byte[] b = packet();
        Ip4.setFlagsFragment(b, 2, Ip4.FLAG_MF | 185);
        assertTrue(Ip4.moreFragments(b, 2));
        assertFalse(Ip4.dontFragment(b, 2));
        assertEquals(185, Ip4.fragmentOffset(b, 2));
        assertTrue(Ip4.isFragment(b, 2));
        Ip4.setFlagsFragment(b, 2, 7);
        assertTrue(Ip4.isFragment(b, 2));
    }

    @Test
    public void settersWriteInPlace() {
        byte[] b = new byte[22];
        Ip4.setVersionIhl(b, 2, 20);
        Ip4.setTos(b, 2, 0x12);
        Ip4.setTotalLength(b, 2, 1500);
        Ip4.setIdentification(b, 2, 0x10001);
        Ip4.setFlagsFragment(b, 2, Ip4.FLAG_DF);
        Ip4.setTtl(b, 2, 255);
        Ip4.setProtocol(b, 2, IpProto.TCP);
        Ip4.setHeaderChecksum(b, 2, 0xbeef);
        Ip4.setSrc(b, 2, 0x0a000001);
        Ip4.setDst(b, 2, 0x0a00002a);
        assertArrayEquals(RefChecksum.hex("0000 4512 05dc 0001 4000 ff06 beef 0a000001 0a00002a"), b);
    }

    @Test
    public void headerChecksumAgainstReference() {
        byte[] b = packet();
        Ip4.updateHeaderChecksum(b, 2);
        assertEquals(RefChecksum.slice(b, 2, 24, 10, new byte[0]), Ip4.headerChecksum(b, 2));
        assertTrue(Ip4.headerChecksumValid(b, 2, 46));
        b[2 + 8]--;                                        // TTL changed without an update
        assertFalse(Ip4.headerChecksumValid(b, 2, 46));
    }

    @Test
    public void headerChecksumValidChecksBounds() {
        byte[] b = packet();
        Ip4.updateHeaderChecksum(b, 2);
        assertFalse(Ip4.headerChecksumValid(b, 2, 23));    // IHL says 24
        assertFalse(Ip4.headerChecksumValid(b, 2, 19));
        assertFalse(Ip4.headerChecksumValid(b, 20, 24));   // runs past the array
        b[2] = 0x44;                                       // IHL 16 bytes
        assertFalse(Ip4.headerChecksumValid(b, 2, 46));
    }
}
