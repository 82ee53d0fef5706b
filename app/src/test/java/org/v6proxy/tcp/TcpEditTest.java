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

import java.util.Random;

import static org.junit.Assert.assertEquals;
import static org.v6proxy.tcp.Segments.reference;
import static org.v6proxy.tcp.Segments.tcp;
import static org.v6proxy.tcp.Segments.tcpChecksum;
import static org.v6proxy.tcp.Segments.tcpLen;

/**
 * Tests of {@link TcpEdit}: field writes at even and odd offsets keep the checksum equal to
 * a from-scratch computation.
 */
public class TcpEditTest {

    @Test
    public void writesAtEveryAlignment() {
        Random r = new Random(1624);
        for (int n = 0; n < 3000; n++) {
            byte[] opts = new byte[40];
            r.nextBytes(opts);
            byte[] payload = new byte[r.nextInt(30)];
            r.nextBytes(payload);
            byte[] seg = tcp(r.nextInt(65536), 80, r.nextInt(), r.nextInt(), 0x10, 1000, opts, payload);
            byte[] p = r.nextBoolean() ? Segments.ip4(seg) : Segments.ip6(seg);
            int t = Segments.tcpOff(p);
            int pos = t + 20 + r.nextInt(36);
            switch (r.nextInt(3)) {
                case 0:
                    TcpEdit.put32(p, t, pos, r.nextInt());
                    break;
                case 1:
                    TcpEdit.put16(p, t, pos, r.nextInt(65536));
                    break;
                default:
                    TcpEdit.fill(p, t, pos, 1 + r.nextInt(t + 60 - pos), r.nextInt(256));
                    break;
            }
            assertEquals("case " + n, reference(p), tcpChecksum(p));
        }
    }

    @Test
    public void headerLengthBounds() {
        byte[] p = Segments.ip4(tcp(1, 2, 3, 4, 0x10, 5, new byte[8], new byte[3]));
        assertEquals(28, TcpEdit.headerLength(p, 20, tcpLen(p)));
        assertEquals(28, TcpEdit.headerLength(p, 20, 28));
        assertEquals(-1, TcpEdit.headerLength(p, 20, 27));
        assertEquals(-1, TcpEdit.headerLength(p, 21, tcpLen(p)));
        assertEquals(-1, TcpEdit.headerLength(p, -1, 20));
        assertEquals(-1, TcpEdit.headerLength(null, 0, 20));
    }
}
