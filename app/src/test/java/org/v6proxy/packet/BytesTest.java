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
 * Tests of {@link Bytes}.
 */
public class BytesTest {

    @Test
    public void bigEndianRoundTrips() {
        byte[] b = new byte[13];
        Bytes.putU8(b, 0, 0x1ff);
        Bytes.putU16(b, 1, 0xabcd);
        Bytes.putInt(b, 3, 0x89abcdef);
        Bytes.putU48(b, 7, 0x0123456789abL);
        assertArrayEquals(RefChecksum.hex("ff abcd 89abcdef 0123456789ab"), b);
        assertEquals(0xff, Bytes.getU8(b, 0));
        assertEquals(0xabcd, Bytes.getU16(b, 1));
        assertEquals(0x89abcdef, Bytes.getInt(b, 3));
        assertEquals(0x0123456789abL, Bytes.getU48(b, 7));
    }
}
