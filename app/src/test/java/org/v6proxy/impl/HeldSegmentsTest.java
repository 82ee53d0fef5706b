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
package org.v6proxy.impl;

import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.impl.TestFrames.ETH;
import static org.v6proxy.impl.TestFrames.u16;
import static org.v6proxy.impl.TestFrames.u32;

/**
 * A piece of a held segment is a well-formed segment of its own: its bytes,
 * its sequence number, its length, valid checksums, FIN only at the end.
 */
public class HeldSegmentsTest {
    private static final byte[] OPTS = {1, 1, 1, 0};
    private static final int L4 = ETH + 20;
    private static final int PAYLOAD = L4 + 24;

    private static byte[] segment(int flags) {
        byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
        return TestFrames.tcp4(1, 2, 0x0a000003, 0x0a00002a, 40000, 80, 5000, 77, flags, OPTS, data);
    }

    @Test
    public void middlePieceHasItsBytesSequenceLengthAndChecksums() {
        byte[] p = HeldSegments.piece(segment(0x19), PAYLOAD, 3, 4);
        assertArrayEquals("3456".getBytes(StandardCharsets.US_ASCII), Arrays.copyOfRange(p, PAYLOAD, p.length));
        assertThat(u32(p, L4 + 4), is(5003));
        assertThat(u32(p, L4 + 8), is(77));
        assertThat("IPv4 total length", u16(p, ETH + 2), is(20 + 24 + 4));
        assertThat("FIN dropped, PSH|ACK kept", p[L4 + 13] & 0xff, is(0x18));
        assertTrue(TestFrames.ip4HeaderOk(p, ETH));
        assertTrue(TestFrames.l4Ok4(p, ETH));
    }

    @Test
    public void endPieceKeepsTheFin() {
        byte[] p = HeldSegments.piece(segment(0x11), PAYLOAD, 6, 4);
        assertThat(u32(p, L4 + 4), is(5006));
        assertThat(p[L4 + 13] & 0xff, is(0x11));
        assertTrue(TestFrames.l4Ok4(p, ETH));
        byte[] finOnly = HeldSegments.piece(segment(0x11), PAYLOAD, 10, 0);
        assertThat(finOnly.length, is(PAYLOAD));
        assertThat(u32(finOnly, L4 + 4), is(5010));
        assertThat(finOnly[L4 + 13] & 0xff, is(0x11));
        assertTrue(TestFrames.l4Ok4(finOnly, ETH));
    }
}
