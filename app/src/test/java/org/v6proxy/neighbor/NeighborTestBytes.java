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

import java.util.ArrayList;
import java.util.List;

/**
 * Test fixtures as hex text, and an ICMPv6 checksum written from scratch (RFC 8200
 * section 8.1 pseudo-header, RFC 1071 sum) independently of the code under test.
 */
final class NeighborTestBytes {

    private NeighborTestBytes() {
    }

    /** Parses hex octets separated by spaces. */
    static byte[] hex(String text) {
        List<Integer> values = new ArrayList<>();
        for (String t : text.trim().split("\\s+")) {
            values.add(Integer.parseInt(t, 16));
        }
        byte[] out = new byte[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (int) values.get(i);
        }
        return out;
    }

    /**
     * Reference ICMPv6 checksum of an untagged Ethernet/IPv6/ICMPv6 frame, computed
     * over a freshly built pseudo-header + message with the checksum field as zero.
     */
    static int referenceChecksum(byte[] frame) {
        int payload = ((frame[18] & 0xff) << 8) | (frame[19] & 0xff);
        byte[] data = new byte[40 + payload + 1];
        System.arraycopy(frame, 22, data, 0, 32);        // source and destination addresses
        data[32] = (byte) (payload >>> 24);              // upper-layer packet length, 32 bits
        data[33] = (byte) (payload >>> 16);
        data[34] = (byte) (payload >>> 8);
        data[35] = (byte) payload;
        data[39] = 58;                                   // three zero octets, next header ICMPv6
        System.arraycopy(frame, 54, data, 40, payload);
        data[40 + 2] = 0;                                // checksum field counts as zero
        data[40 + 3] = 0;
        int sum = 0;
        for (int i = 0; i + 1 < data.length; i += 2) {   // the extra zero octet pads odd lengths
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
            if (sum > 0xffff) {
                sum = (sum & 0xffff) + 1;                // end-around carry at every step
            }
        }
        return ~sum & 0xffff;
    }

    /** Writes the reference checksum into a frame. */
    static byte[] withChecksum(byte[] frame) {
        int c = referenceChecksum(frame);
        frame[56] = (byte) (c >>> 8);
        frame[57] = (byte) c;
        return frame;
    }
}
