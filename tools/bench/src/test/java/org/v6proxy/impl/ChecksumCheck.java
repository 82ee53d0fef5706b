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

import org.v6proxy.bench.Rfc1071;

/**
 * Checks a frame's checksums from scratch with {@link Rfc1071#sum}: the one's
 * complement sum over the (pseudo-)header and the data, checksum included,
 * is 0xffff when it is right (RFC 1071 section 2).
 */
final class ChecksumCheck {
    private static final int ALL_ONES = 0xffff;
    private static final int TCP = 6;

    private ChecksumCheck() {
    }

    /**
     * Whether the TCP checksum of an IPv6 frame (no extension headers) is right.
     *
     * @param f Ethernet frame
     * @return true if right
     */
    static boolean tcp6(byte[] f) {
        int ip = TestFrames.ETH;
        int tcpLen = TestFrames.u16(f, ip + 4);
        long pseudo = Rfc1071.sum(f, ip + 8, 32, 0) + TCP + tcpLen;
        return f[ip + 6] == TCP && Rfc1071.sum(f, ip + 40, tcpLen, pseudo) == ALL_ONES;
    }

    /**
     * Whether the IPv4 header and TCP checksums of an IPv4 frame are right.
     *
     * @param f Ethernet frame
     * @return true if both are right
     */
    static boolean tcp4(byte[] f) {
        int ip = TestFrames.ETH;
        int ihl = (f[ip] & 0x0f) * 4;
        int tcpLen = TestFrames.u16(f, ip + 2) - ihl;
        long pseudo = Rfc1071.sum(f, ip + 12, 8, 0) + TCP + tcpLen;
        return f[ip + 9] == TCP && Rfc1071.sum(f, ip, ihl, 0) == ALL_ONES
                && Rfc1071.sum(f, ip + ihl, tcpLen, pseudo) == ALL_ONES;
    }
}
