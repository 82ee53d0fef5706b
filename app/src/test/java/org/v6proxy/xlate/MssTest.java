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
package org.v6proxy.xlate;

import org.junit.Test;
import org.v6proxy.packet.RefChecksum;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.xlate.Pkt.hex;

/**
 * {@link Mss#clamp}: value and checksum, aligned and unaligned options.
 */
public class MssTest {

    private static final byte[] PSEUDO = RefChecksum.pseudo4(hex("c0000221 c6336407"), 0, 6, 28);

    private static byte[] segment(int flags, String options) {
        byte[] t = Pkt.tcp(1, 2, 3, 4, flags, 5, hex(options), new byte[0]);
        Pkt.put16(t, 16, RefChecksum.of(PSEUDO, t));
        return t;
    }

    private static void assertChecksumValid(byte[] t) {
        assertEquals(0, RefChecksum.of(PSEUDO, t));
    }

    @Test
    public void alignedOption() {
        byte[] t = segment(0x02, "020405b4 01010101");
        assertTrue(Mss.clamp(t, 0, 1220));
        assertEquals(1220, Pkt.u16(t, 22));
        assertChecksumValid(t);
    }

    @Test
    public void unalignedOption() {
        for (String opts : new String[] {"01020405b4000000", "010101020405b400"}) {
            byte[] t = segment(0x12, opts);
            assertTrue(Mss.clamp(t, 0, 1000));
            assertChecksumValid(t);
        }
    }

    @Test
    public void leftAlone() {
        byte[] ack = segment(0x10, "020405b4 01010101");                  // not a SYN
        assertFalse(Mss.clamp(ack, 0, 1000));
        assertEquals(1460, Pkt.u16(ack, 22));
        byte[] small = segment(0x02, "02040200 01010101");                // 512 already small
        assertFalse(Mss.clamp(small, 0, 1000));
        byte[] badLen = segment(0x02, "02050200 00010101");                // MSS with length 5
        assertFalse(Mss.clamp(badLen, 0, 100));
        byte[] malformed = segment(0x02, "0800 020405b4 0000");           // length 0 option first
        assertFalse(Mss.clamp(malformed, 0, 100));
        assertChecksumValid(malformed);
    }
}
