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
package org.v6proxy.bench;

import org.junit.Test;

import static org.junit.Assert.assertEquals;

/**
 * Known answers for the from-scratch checksum.
 */
public class Rfc1071Test {

    @Test
    public void rfc1071Example() {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (carries folded).
        byte[] b = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0xddf2, Rfc1071.sum(b, 0, b.length, 0));
    }

    @Test
    public void oddLengthPadsWithZero() {
        byte[] b = {0x12, 0x34, 0x56};
        assertEquals(0x1234 + 0x5600, Rfc1071.sum(b, 0, 3, 0));
    }

    @Test
    public void carriesFoldedUntilNoneRemain() {
        // 0x10000 words of ffff: 0xffff * 0x10000 = 0xffff0000, folds to 0xffff after two rounds.
        byte[] b = new byte[2 * 0x10000];
        java.util.Arrays.fill(b, (byte) 0xff);
        assertEquals(0xffff, Rfc1071.sum(b, 0, b.length, 0));
        // One fold of 0x1ffff leaves 0x10000, which needs a second one.
        assertEquals(0x0001, Rfc1071.sum(new byte[0], 0, 0, 0x1ffffL));
    }

    @Test
    public void ip4HeaderChecksumVerifies() {
        byte[] h = {0x45, 0, 0, 0x28, 0x12, 0x34, 0x40, 0, 64, 6, 0x55, 0x55, 10, 0, 0, 43, 10, 0, 0, 3};
        Rfc1071.ip4Header(h, 0);
        assertEquals(0xffff, Rfc1071.sum(h, 0, h.length, 0));
    }
}
