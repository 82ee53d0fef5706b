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
 * Tests of {@link Udp}.
 */
public class UdpTest {

    @Test
    public void fieldsAndChecksum() {
        byte[] b = RefChecksum.hex(
                "c0000221 c6336407"   // addresses for the pseudo-header (not an IP header)
                + "1f90"              // src port 8080
                + "0035"              // dst port 53
                + "000b"              // length 11
                + "0000"              // checksum (computed below)
                + "616263");          // "abc"
        assertEquals(8080, Udp.srcPort(b, 8));
        assertEquals(53, Udp.dstPort(b, 8));
        assertEquals(11, Udp.length(b, 8));
        int s = Checksum.pseudoHeader4(Bytes.getInt(b, 0), Bytes.getInt(b, 4), IpProto.UDP, 11);
        int cs = Checksum.udp(Checksum.finish(Checksum.sum(s, b, 8, 11)));
        Udp.setChecksum(b, 8, cs);
        assertEquals(RefChecksum.slice(b, 8, 11, 6, RefChecksum.pseudo4(b, 0, 17, 11)), Udp.checksum(b, 8));
    }

    @Test
    public void setters() {
        byte[] b = new byte[8];
        Udp.setSrcPort(b, 0, 1);
        Udp.setDstPort(b, 0, 65535);
        Udp.setLength(b, 0, 8);
        Udp.setChecksum(b, 0, 0xffff);
        assertArrayEquals(RefChecksum.hex("0001 ffff 0008 ffff"), b);
    }
}
