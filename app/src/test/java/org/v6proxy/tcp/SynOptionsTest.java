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
package org.v6proxy.tcp;

import org.junit.Test;
import org.v6proxy.packet.Tcp;

import java.util.function.Function;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.tcp.Segments.hex;
import static org.v6proxy.tcp.Segments.options;
import static org.v6proxy.tcp.Segments.reference;
import static org.v6proxy.tcp.Segments.tcp;
import static org.v6proxy.tcp.Segments.tcpChecksum;
import static org.v6proxy.tcp.Segments.tcpLen;

/**
 * Tests of {@link SynOptions}: the option block the app writes and the SYN options it reads.
 */
public class SynOptionsTest {

    private static byte[] written(int mss, int wscale, boolean sack) {
        byte[] b = new byte[SynOptions.MAX_LEN + 4];
        int n = SynOptions.write(b, 2, mss, wscale, sack);
        assertEquals(SynOptions.length(wscale, sack), n);
        return java.util.Arrays.copyOfRange(b, 2, 2 + n);
    }

    @Test
    public void layouts() {
        assertArrayEquals(hex("020405a0 01010402 01030307"), written(1440, 7, true));
        assertArrayEquals(hex("020405a0 01010402"), written(1440, -1, true));
        assertArrayEquals(hex("020404c4 01030300"), written(1220, 0, false));
        assertArrayEquals(hex("02040218"), written(536, -1, false));
        assertArrayEquals(hex("0204ffff 0103030e"), written(100_000, 20, false));
        assertArrayEquals(hex("02040000"), written(-5, -1, false));
    }

    @Test
    public void bufferTooSmall() {
        assertEquals(-1, SynOptions.write(new byte[11], 0, 1460, 7, true));
        assertEquals(-1, SynOptions.write(new byte[12], 1, 1460, 7, true));
        assertEquals(-1, SynOptions.write(new byte[12], -1, 1460, -1, false));
        assertEquals(-1, SynOptions.write(null, 0, 1460, -1, false));
        assertEquals(12, SynOptions.write(new byte[12], 0, 1460, 7, true));
    }

    @Test
    public void writtenBlockParsesBack() {
        byte[] opts = written(1360, 9, true);
        for (Function<byte[], byte[]> fam : java.util.List.<Function<byte[], byte[]>>of(Segments::ip4,
                                                                                        Segments::ip6)) {
            byte[] p = fam.apply(tcp(80, 50000, 5, 6, 0x12, 65535, opts, new byte[0]));
            int t = Segments.tcpOff(p);
            assertEquals(reference(p), tcpChecksum(p));
            assertTrue(Tcp.optionsWellFormed(p, t));
            assertEquals(1360, SynOptions.mss(p, t, tcpLen(p)));
            assertEquals(9, SynOptions.wscale(p, t, tcpLen(p)));
            assertTrue(SynOptions.sackPermitted(p, t, tcpLen(p)));
            assertEquals(-1, Tcp.findOption(p, t, Tcp.OPT_TIMESTAMP));
        }
    }

    @Test
    public void readsLinuxSyn() {
        byte[] p = Segments.ip4(tcp(50000, 80, 1, 0, 0x02, 64240,
                                    hex("020405b4 0402 080a 0a0b0c0d 00000000 01 030307"), new byte[0]));
        assertEquals(1460, SynOptions.mss(p, 20, tcpLen(p)));
        assertEquals(7, SynOptions.wscale(p, 20, tcpLen(p)));
        assertTrue(SynOptions.sackPermitted(p, 20, tcpLen(p)));
    }

    @Test
    public void defaultsWhenAbsentOrMalformed() {
        byte[] bare = Segments.ip4(tcp(50000, 80, 1, 0, 0x02, 64240, new byte[0], new byte[0]));
        assertEquals(SynOptions.DEFAULT_MSS_IPV4, SynOptions.mss(bare, 20, tcpLen(bare)));
        assertEquals(SynOptions.WSCALE_NONE, SynOptions.wscale(bare, 20, tcpLen(bare)));
        assertFalse(SynOptions.sackPermitted(bare, 20, tcpLen(bare)));
        // Wrong lengths: MSS of 3 bytes, WS of 4 bytes, SACK_PERM of 3 bytes.
        byte[] odd = Segments.ip4(tcp(50000, 80, 1, 0, 0x02, 64240,
                                      options(hex("020305 03040700 040300")), new byte[0]));
        assertEquals(SynOptions.DEFAULT_MSS_IPV4, SynOptions.mss(odd, 20, tcpLen(odd)));
        assertEquals(SynOptions.WSCALE_NONE, SynOptions.wscale(odd, 20, tcpLen(odd)));
        assertFalse(SynOptions.sackPermitted(odd, 20, tcpLen(odd)));
        // Header does not fit in tcpLen.
        assertEquals(SynOptions.DEFAULT_MSS_IPV4, SynOptions.mss(bare, 20, 19));
        assertEquals(SynOptions.WSCALE_NONE, SynOptions.wscale(null, 20, 20));
    }

    @Test
    public void windowScaleAbove14ReadAs14() {
        byte[] p = Segments.ip4(tcp(50000, 80, 1, 0, 0x02, 64240, hex("0103030f"), new byte[0]));
        assertEquals(14, SynOptions.wscale(p, 20, tcpLen(p)));
    }
}
