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
 * Tests of {@link Eth}.
 */
public class EthTest {

    private static final byte[] UNTAGGED = RefChecksum.hex(
            "020000004601"      // dst MAC 02:00:00:00:46:01
            + "0a0b0c0d0e0f"    // src MAC 0a:0b:0c:0d:0e:0f
            + "0800"            // EtherType IPv4
            + "45");            // first payload byte

    private static final byte[] TAGGED = RefChecksum.hex(
            "ffffffffffff"      // dst MAC broadcast
            + "0a0b0c0d0e0f"    // src MAC
            + "8100"            // TPID 802.1Q
            + "a07b"            // PCP 5, DEI 0, VID 0x07b = 123
            + "86dd"            // inner EtherType IPv6
            + "60");            // first payload byte

    @Test
    public void untaggedFields() {
        byte[] mac = new byte[6];
        Eth.copyDstMac(UNTAGGED, 0, mac, 0);
        assertArrayEquals(RefChecksum.hex("020000004601"), mac);
        Eth.copySrcMac(UNTAGGED, 0, mac, 0);
        assertArrayEquals(RefChecksum.hex("0a0b0c0d0e0f"), mac);
        assertEquals(0x020000004601L, Eth.dstMac(UNTAGGED, 0));
        assertEquals(0x0a0b0c0d0e0fL, Eth.srcMac(UNTAGGED, 0));
        assertEquals(Eth.ETHERTYPE_IPV4, Eth.etherType(UNTAGGED, 0, UNTAGGED.length));
        assertEquals(14, Eth.payloadOffset(UNTAGGED, 0, UNTAGGED.length));
        assertEquals(-1, Eth.vlanId(UNTAGGED, 0, UNTAGGED.length));
    }

    @Test
    public void oneVlanTag() {
        assertEquals(Eth.ETHERTYPE_VLAN, Eth.outerEtherType(TAGGED, 0));
        assertEquals(Eth.ETHERTYPE_IPV6, Eth.etherType(TAGGED, 0, TAGGED.length));
        assertEquals(18, Eth.payloadOffset(TAGGED, 0, TAGGED.length));
        assertEquals(123, Eth.vlanId(TAGGED, 0, TAGGED.length));
    }

    @Test
    public void truncatedFramesGiveMinusOne() {
        for (int len = 0; len < 14; len++) {
            assertEquals(-1, Eth.payloadOffset(UNTAGGED, 0, len));
            assertEquals(-1, Eth.etherType(UNTAGGED, 0, len));
        }
        for (int len = 0; len < 18; len++) {
            assertEquals(-1, Eth.payloadOffset(TAGGED, 0, len));
            // The array itself too short: len claims more than there is.
            assertEquals(-1, Eth.payloadOffset(java.util.Arrays.copyOf(TAGGED, len), 0, 100));
        }
        assertEquals(-1, Eth.payloadOffset(null, 0, 100));
        assertEquals(-1, Eth.payloadOffset(UNTAGGED, -1, 14));
    }

    @Test
    public void writeHeaderBothForms() {
        byte[] out = new byte[16];
        int next = Eth.writeHeader(out, 2, RefChecksum.hex("020000004601"), RefChecksum.hex("0a0b0c0d0e0f"),
                                   Eth.ETHERTYPE_IPV4);
        assertEquals(16, next);
        assertArrayEquals(UNTAGGED, concat(new byte[] {0x45}, out));
        byte[] out2 = new byte[14];
        Eth.writeHeader(out2, 0, 0x020000004601L, 0x0a0b0c0d0e0fL, Eth.ETHERTYPE_IPV4);
        assertArrayEquals(java.util.Arrays.copyOfRange(out, 2, 16), out2);
    }

    private static byte[] concat(byte[] tail, byte[] withHeadroom) {
        byte[] r = new byte[14 + tail.length];
        System.arraycopy(withHeadroom, 2, r, 0, 14);
        System.arraycopy(tail, 0, r, 14, tail.length);
        return r;
    }
}
