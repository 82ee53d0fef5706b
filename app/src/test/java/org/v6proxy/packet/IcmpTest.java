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
 * Tests of {@link Icmp} and {@link Icmp6}.
 */
public class IcmpTest {

    @Test
    public void echoRequestFieldsAndChecksum() {
        byte[] b = RefChecksum.hex(
                "08"          // type echo request
                + "00"        // code 0
                + "0000"      // checksum (set below)
                + "1234"      // identifier
                + "0001"      // sequence
                + "6869");    // data "hi"
        Icmp.setChecksum(b, 0, Checksum.finish(Checksum.sum(b, 0, b.length)));
        assertEquals(Icmp.ECHO_REQUEST, Icmp.type(b, 0));
        assertEquals(0, Icmp.code(b, 0));
        assertEquals(0x12340001, Icmp.restOfHeader(b, 0));
        assertEquals(RefChecksum.slice(b, 0, b.length, 2, new byte[0]), Icmp.checksum(b, 0));
    }

    @Test
    public void setters() {
        byte[] b = new byte[8];
        Icmp.setType(b, 0, Icmp6.PACKET_TOO_BIG);
        Icmp.setCode(b, 0, 0);
        Icmp.setChecksum(b, 0, 0xabcd);
        Icmp.setRestOfHeader(b, 0, 1280);
        assertArrayEquals(RefChecksum.hex("02 00 abcd 00000500"), b);
    }

    @Test
    public void classification() {
        assertTrue(Icmp.isTranslatableV4Error(Icmp.DEST_UNREACH));
        assertTrue(Icmp.isTranslatableV4Error(Icmp.TIME_EXCEEDED));
        assertTrue(Icmp.isTranslatableV4Error(Icmp.PARAM_PROBLEM));
        assertFalse(Icmp.isTranslatableV4Error(Icmp.SOURCE_QUENCH));
        assertFalse(Icmp.isTranslatableV4Error(Icmp.ECHO_REQUEST));
        assertTrue(Icmp6.isError(Icmp6.PACKET_TOO_BIG));
        assertFalse(Icmp6.isError(Icmp6.ECHO_REQUEST));
    }
}
