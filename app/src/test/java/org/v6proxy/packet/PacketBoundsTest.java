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

import java.util.List;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Edges of the flyweights that mutation testing found unpinned: buffers that end exactly
 * where a header does, the fields no other test reads, and the limits of the fragmenter.
 */
public class PacketBoundsTest {

    /** An IPv4 header exactly 20 bytes long in a 20-byte buffer, checksum valid. */
    private static byte[] bareIp4Header() {
        byte[] b = RefChecksum.hex("45000014 00010000 4011 0000 0a000003 0a00002b");
        Ip4.updateHeaderChecksum(b, 0);
        return b;
    }

    @Test
    public void ip4HeaderThatEndsTheBufferIsValid() {
        byte[] b = bareIp4Header();
        assertTrue("header, len and buffer all 20 bytes", Ip4.headerChecksumValid(b, 0, 20));
        assertFalse("one byte short", Ip4.headerChecksumValid(b, 0, 19));
        assertFalse("offset at the buffer's end", Ip4.headerChecksumValid(b, b.length, 20));
        assertFalse("negative offset", Ip4.headerChecksumValid(b, -1, 20));
        byte[] withOptions = b.clone();
        withOptions[0] = 0x46;                                     // IHL 24 in a 20-byte buffer
        assertFalse(Ip4.headerChecksumValid(withOptions, 0, 24));
        assertFalse("IHL over len", Ip4.headerChecksumValid(withOptions, 0, 20));
    }

    @Test
    public void ethernetHeaderThatEndsTheBuffer() {
        byte[] untagged = RefChecksum.hex("020000004601 0a0b0c0d0e0f 0800");
        assertEquals(14, Eth.payloadOffset(untagged, 0, 14));
        assertEquals(Eth.ETHERTYPE_IPV4, Eth.etherType(untagged, 0, 14));
        assertEquals(-1, Eth.payloadOffset(untagged, 0, 13));
        byte[] tagged = RefChecksum.hex("ffffffffffff 0a0b0c0d0e0f 8100 a07b 86dd");
        assertEquals(18, Eth.payloadOffset(tagged, 0, 18));
        assertEquals(123, Eth.vlanId(tagged, 0, 18));
        assertEquals(-1, Eth.payloadOffset(tagged, 0, 17));
        assertEquals(-1, Eth.vlanId(tagged, 0, 17));
    }

    @Test
    public void groupMacsAndTheHeaderWrittenFromLongs() {
        byte[] b = RefChecksum.hex("ffffffffffff 0a0b0c0d0e0f 3333000000fb");
        assertTrue("broadcast", Eth.isGroupMac(b, 0));
        assertFalse("unicast", Eth.isGroupMac(b, 6));
        assertTrue("IPv6 multicast", Eth.isGroupMac(b, 12));
        byte[] out = new byte[4 + 14];
        assertEquals("offset after the header", 18, Eth.writeHeader(out, 4, 0x020000004601L, 0x0a0b0c0d0e0fL,
                                                                  Eth.ETHERTYPE_IPV6));
        assertArrayEquals(RefChecksum.hex("00000000 020000004601 0a0b0c0d0e0f 86dd"), out);
    }

    @Test
    public void icmpCodeTcpAckAndUrgent() {
        byte[] icmp = RefChecksum.hex("0304 0000 0000 05dc");
        assertEquals(3, Icmp.type(icmp, 0));
        assertEquals(4, Icmp.code(icmp, 0));
        byte[] tcp = RefChecksum.hex("c350 0050 00001000 8000abcd 5030 faf0 0000 0102");
        assertEquals(0x8000abcd, Tcp.ack(tcp, 0));
        assertEquals(0x0102, Tcp.urgent(tcp, 0));
    }

    @Test
    public void tcpOptionsWalkPastEachOptionsLength() {
        // Header exactly 20 bytes in a 20-byte buffer: no options, well formed.
        byte[] bare = RefChecksum.hex("c350 0050 00001000 00000000 5002 faf0 0000 0000");
        assertTrue(Tcp.optionsWellFormed(bare, 0));
        assertEquals(-1, Tcp.findOption(bare, 0, Tcp.OPT_MSS));
        assertFalse("header cut short", Tcp.optionsWellFormed(java.util.Arrays.copyOf(bare, 19), 0));
        // MSS, then an option whose length 1 is below the minimum 2 (RFC 9293 3.2).
        byte[] bad = RefChecksum.hex("c350 0050 00001000 00000000 7002 faf0 0000 0000"
                                     + "020405b4 0801 0000");
        assertFalse(Tcp.optionsWellFormed(bad, 0));
        byte[] good = RefChecksum.hex("c350 0050 00001000 00000000 7002 faf0 0000 0000"
                                      + "020405b4 0402 0100");
        assertTrue(Tcp.optionsWellFormed(good, 0));
        assertEquals(24, Tcp.findOption(good, 0, Tcp.OPT_SACK_PERM));
        assertEquals("EOL is one byte whatever follows", 1, Tcp.optionLength(RefChecksum.hex("0005"), 0));
        assertEquals("NOP too", 1, Tcp.optionLength(RefChecksum.hex("0105"), 0));
        assertEquals(4, Tcp.optionLength(good, 20));
    }

    @Test
    public void checksumOfNothingIsTheEarlierSum() {
        byte[] b = {1, 2, 3, 4, 5, 6, 7, 8};
        assertEquals(0x1234, Checksum.sum(0x1234, b, 0, 0));
        assertEquals("no bytes at an offset outside", 0x1234, Checksum.sum(0x1234, b, -1, 0));
        assertEquals(0x1234, Checksum.sum(0x1234, b, 8, 0));
        try {
            Checksum.sum(0, b, 6, 4);
            fail("4 bytes at 6 of 8");
        } catch (ArrayIndexOutOfBoundsException e) {
            assertEquals("sum of 4 bytes at 6 of 8", e.getMessage());
        }
    }

    @Test
    public void longsAreBigEndian() {
        byte[] b = new byte[10];
        Bytes.putLong(b, 1, 0x0102030405060708L);
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 0}, b);
        assertEquals(0x0102030405060708L, Bytes.getLong(b, 1));
    }

    /** A frame at offset 3 of its buffer: a 2-byte link header, then IPv4 over {@code n} data bytes. */
    private static byte[] framed(int n) {
        byte[] b = new byte[3 + 2 + 20 + n];
        int ip = 5;
        b[ip] = 0x45;
        Bytes.putU16(b, ip + 2, 20 + n);
        Bytes.putU16(b, ip + 4, 0x4242);
        b[ip + 8] = 64;
        b[ip + 9] = 17;
        for (int i = 0; i < n; i++) {
            b[ip + 20 + i] = (byte) (i + 1);
        }
        b[3] = 0x77;
        b[4] = 0x78;
        Ip4.updateHeaderChecksum(b, ip);
        return b;
    }

    @Test
    public void splitKeepsTheLinkHeaderAndMakesNoEmptyPiece() {
        byte[] b = framed(32);
        List<byte[]> pieces = Ip4Split.split(b, 3, 5, 16);
        assertEquals("32 bytes in 16-byte pieces: two, no empty third", 2, pieces.size());
        for (int i = 0; i < 2; i++) {
            byte[] p = pieces.get(i);
            assertEquals("link header, IPv4 header, 16 bytes", 2 + 20 + 16, p.length);
            assertEquals(0x77, p[0]);
            assertEquals(0x78, p[1]);
            assertEquals(i * 16 + 1, p[2 + 20]);
            assertTrue(Ip4.headerChecksumValid(p, 2, 36));
            assertEquals(i == 0, Ip4.moreFragments(p, 2));
            assertEquals(i * 2, Ip4.fragmentOffset(p, 2));
        }
        assertEquals("pieces of 8 bytes, the smallest unit", 4, Ip4Split.split(b, 3, 5, 8).size());
        assertTrue("below 8 bytes nothing is cut", Ip4Split.split(b, 3, 5, 7).isEmpty());
        assertTrue("data that fits exactly is not cut", Ip4Split.split(b, 3, 5, 32).isEmpty());
    }
}
