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
package org.v6proxy.neighbor;

/**
 * Big-endian reads and writes on frame bytes; callers check bounds first.
 */
final class FrameBytes {
    /** Octets in a MAC address. */
    static final int MAC_LEN = 6;

    private FrameBytes() {
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    static int u32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    // Writes a MAC held in the low 48 bits of mac (MacAddress.toLong(), which does not copy).
    static void putMac(byte[] b, int at, long mac) {
        for (int i = 0; i < MAC_LEN; i++) {
            b[at + i] = (byte) (mac >>> (Byte.SIZE * (MAC_LEN - 1 - i)));
        }
    }

    // Whether the group (I/G) bit of the MAC at "at" is set: multicast or broadcast.
    static boolean isGroupMac(byte[] b, int at) {
        return (b[at] & 1) != 0;
    }
}
