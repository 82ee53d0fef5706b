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
 * Tests of {@link Tcp}, including the bounded option walk.
 */
public class TcpTest {

    // IPv4 192.0.2.33:50000 -> 198.51.100.7:80 SYN with MSS 1460, at offset 20 of an IPv4 packet.
    private static byte[] syn() {
        return RefChecksum.hex(
                "4500002c 12344000 40063c3c c0000221 c6336407"  // IPv4 header, checksum 0x3c3c
                + "c350"        // src port 50000
                + "0050"        // dst port 80
                + "00001000"    // seq 4096
                + "00000000"    // ack 0
                + "60"          // data offset 6 (24 bytes)
                + "02"          // flags SYN
                + "faf0"        // window 64240
                + "dd38"        // checksum (computed by hand over the pseudo-header)
                + "0000"        // urgent pointer
                + "020405b4");  // MSS 1460
    }

    @Test
    public void readsEveryField() {
        byte[] b = syn();
        assertEquals(50000, Tcp.srcPort(b, 20));
        assertEquals(80, Tcp.dstPort(b, 20));
        assertEquals(4096, Tcp.seq(b, 20));
        assertEquals(0, Tcp.ack(b, 20));
        assertEquals(24, Tcp.dataOffset(b, 20));
        assertEquals(Tcp.SYN, Tcp.flags(b, 20));
        assertEquals(64240, Tcp.window(b, 20));
        assertEquals(0xdd38, Tcp.checksum(b, 20));
        assertEquals(0, Tcp.urgent(b, 20));
    }

    @Test
    public void checksumMatchesReference() {
        byte[] b = syn();
        assertEquals(RefChecksum.slice(b, 20, 24, 16, RefChecksum.pseudo4(b, 12, 6, 24)), Tcp.checksum(b, 20));
        int s = Checksum.pseudoHeader4(Ip4.src(b, 0), Ip4.dst(b, 0), IpProto.TCP, 24);
        assertEquals(0xffff, Checksum.sum(s, b, 20, 24));
    }

    @Test
    public void settersWriteInPlace() {
        byte[] b = new byte[20];
        Tcp.setSrcPort(b, 0, 1);
        Tcp.setDstPort(b, 0, 2);
        Tcp.setSeq(b, 0, 0x01020304);
        Tcp.setAck(b, 0, 0x05060708);
        Tcp.setDataOffset(b, 0, 20);
        Tcp.setFlags(b, 0, Tcp.SYN | Tcp.ACK | Tcp.ECE | Tcp.CWR);
        Tcp.setWindow(b, 0, 0xfedc);
        Tcp.setChecksum(b, 0, 0xbeef);
        Tcp.setUrgent(b, 0, 9);
        assertArrayEquals(RefChecksum.hex("0001 0002 01020304 05060708 50 d2 fedc beef 0009"), b);
    }

    @Test
    public void findsOptions() {
        byte[] b = RefChecksum.hex(
                "0000 0000 00000000 00000000"
                + "a0 02 0000 0000 0000"  // data offset 10 (40 bytes)
                + "020405b4"              // MSS 1460        @20
                + "0402"                  // SACK permitted  @24
                + "080a0000000100000000"  // timestamps      @26
                + "01"                    // NOP             @36
                + "030307");              // window scale 7  @37
        assertEquals(20, Tcp.findOption(b, 0, Tcp.OPT_MSS));
        assertEquals(1460, Tcp.mss(b, 20));
        assertEquals(4, Tcp.optionLength(b, 20));
        assertEquals(24, Tcp.findOption(b, 0, Tcp.OPT_SACK_PERM));
        assertEquals(26, Tcp.findOption(b, 0, Tcp.OPT_TIMESTAMP));
        assertEquals(37, Tcp.findOption(b, 0, Tcp.OPT_WSCALE));
        assertEquals(-1, Tcp.findOption(b, 0, Tcp.OPT_SACK));
        assertTrue(Tcp.optionsWellFormed(b, 0));
        Tcp.setMss(b, 20, 1220);
        assertEquals(1220, Tcp.mss(b, 20));
    }

    @Test
    public void eolEndsTheWalk() {
        byte[] b = RefChecksum.hex("0000 0000 00000000 00000000 70 02 0000 0000 0000  00 000000 020405b4");
        assertEquals(-1, Tcp.findOption(b, 0, Tcp.OPT_MSS));
        assertTrue(Tcp.optionsWellFormed(b, 0));
    }

    @Test
    public void malformedOptionsGiveMinusOne() {
        String base = "0000 0000 00000000 00000000 60 02 0000 0000 0000";
        // length 0, length 1, length running past the header, kind without a length octet
        for (String opts : new String[] {"08000000", "08010000", "0101 0805", "010101 08"}) {
            byte[] b = RefChecksum.hex(base + opts);
            assertEquals(opts, -1, Tcp.findOption(b, 0, Tcp.OPT_TIMESTAMP));
            assertEquals(opts, -1, Tcp.findOption(b, 0, Tcp.OPT_MSS));
            assertFalse(opts, Tcp.optionsWellFormed(b, 0));
        }
    }

    @Test
    public void badDataOffsetOrShortArrayGivesMinusOne() {
        byte[] b = RefChecksum.hex("0000 0000 00000000 00000000 40 02 0000 0000 0000 020405b4");
        assertEquals(-1, Tcp.findOption(b, 0, Tcp.OPT_MSS));              // data offset 16 < 20
        assertFalse(Tcp.optionsWellFormed(b, 0));
        b[12] = (byte) 0xf0;                                              // 60 bytes, array has 24
        assertEquals(-1, Tcp.findOption(b, 0, Tcp.OPT_MSS));
        assertFalse(Tcp.optionsWellFormed(b, 0));
        assertEquals(-1, Tcp.findOption(b, 10, Tcp.OPT_MSS));             // header starts too late
        assertEquals(-1, Tcp.findOption(b, -1, Tcp.OPT_MSS));
        assertEquals(-1, Tcp.findOption(null, 0, Tcp.OPT_MSS));
        for (int len = 0; len < 24; len++) {
            byte[] t = java.util.Arrays.copyOf(syn(), 20 + len);
            assertEquals(-1, Tcp.findOption(t, 20, Tcp.OPT_MSS));
        }
    }
}
