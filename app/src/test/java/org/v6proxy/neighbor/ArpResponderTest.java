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

import org.junit.Test;
import org.onlab.packet.MacAddress;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntPredicate;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.neighbor.NeighborTestBytes.hex;

/**
 * Tests of {@link ArpResponder}: replies byte by byte, and null for everything else.
 */
public class ArpResponderTest {
    private static final MacAddress GW = MacAddress.valueOf("02:00:00:00:46:01");
    /** 10.0.0.42 is the only VIP. */
    private static final IntPredicate VIP = a -> a == 0x0a00002a;

    private static final String REQUEST =
            "ff ff ff ff ff ff "      // Ethernet dst: broadcast
            + "02 00 00 00 00 0a "    // Ethernet src: requester
            + "08 06 "                // EtherType ARP
            + "00 01 "                // htype Ethernet
            + "08 00 "                // ptype IPv4
            + "06 "                   // hlen
            + "04 "                   // plen
            + "00 01 "                // op request
            + "02 00 00 00 00 0a "    // sha: requester
            + "0a 00 00 01 "          // spa: 10.0.0.1
            + "00 00 00 00 00 00 "    // tha: unknown
            + "0a 00 00 2a";          // tpa: 10.0.0.42, the VIP

    private static final String REPLY =
            "02 00 00 00 00 0a "      // Ethernet dst: the requester's MAC
            + "02 00 00 00 46 01 "    // Ethernet src: gatewayMac
            + "08 06 "                // EtherType ARP
            + "00 01 "                // htype Ethernet
            + "08 00 "                // ptype IPv4
            + "06 "                   // hlen
            + "04 "                   // plen
            + "00 02 "                // op reply
            + "02 00 00 00 46 01 "    // sha: gatewayMac
            + "0a 00 00 2a "          // spa: the VIP
            + "02 00 00 00 00 0a "    // tha: requester
            + "0a 00 00 01";          // tpa: requester's address

    private static byte[] request() {
        return hex(REQUEST);
    }

    private static byte[] reply(byte[] frame) {
        return ArpResponder.reply(frame, frame.length, VIP, GW);
    }

    @Test
    public void repliesForVip() {
        assertArrayEquals(hex(REPLY), reply(request()));
    }

    @Test
    public void passesTheTargetAddressAsBigEndianInt() {
        int[] seen = new int[1];
        ArpResponder.reply(request(), 42, a -> {
            seen[0] = a;
            return false;
        }, GW);
        assertEquals(0x0a00002a, seen[0]);
    }

    @Test
    public void ignoresBytesAfterLenAndAcceptsPadding() {
        byte[] padded = Arrays.copyOf(request(), 60);   // minimum Ethernet frame, zero padding
        assertArrayEquals(hex(REPLY), reply(padded));
        byte[] longer = Arrays.copyOf(request(), 100);
        Arrays.fill(longer, 42, 100, (byte) 0x5a);
        assertArrayEquals(hex(REPLY), ArpResponder.reply(longer, 42, VIP, GW));
    }

    @Test
    public void nullForOtherAddresses() {
        byte[] f = request();
        f[41] = 0x2b;                                    // tpa 10.0.0.43
        assertNull(reply(f));
    }

    @Test
    public void nullForWrongHeaderFields() {
        int[][] edits = {
            {12, 0x08, 13, 0x00},                        // EtherType IPv4
            {12, 0x81, 13, 0x00},                        // 802.1Q tag: only untagged requests
            {15, 0x06},                                  // htype IEEE 802 (6)
            {16, 0x86, 17, 0xdd},                        // ptype IPv6
            {18, 0x08},                                  // hlen 8
            {19, 0x10},                                  // plen 16
            {21, 0x02},                                  // op reply
            {21, 0x03},                                  // op RARP request
            {20, 0x01, 21, 0x01},                        // op 257
        };
        for (int[] edit : edits) {
            byte[] f = request();
            for (int i = 0; i < edit.length; i += 2) {
                f[edit[i]] = (byte) edit[i + 1];
            }
            assertNull(Arrays.toString(edit), reply(f));
        }
    }

    @Test
    public void nullForGroupSenderMac() {
        byte[] f = request();
        f[22] = 0x01;                                    // sha 01:00:00:00:00:0a, multicast
        assertNull(reply(f));
    }

    @Test
    public void nullForGratuitousArp() {
        byte[] f = request();
        System.arraycopy(f, 38, f, 28, 4);               // spa = tpa = the VIP
        assertNull(reply(f));
    }

    @Test
    public void answersProbe() {
        // RFC 5227 probe: sender address 0.0.0.0; the answer tells the prober the VIP is taken.
        byte[] f = request();
        Arrays.fill(f, 28, 32, (byte) 0);
        byte[] expected = hex(REPLY);
        Arrays.fill(expected, 38, 42, (byte) 0);         // tpa 0.0.0.0
        assertArrayEquals(expected, reply(f));
    }

    @Test
    public void truncatedAtEveryLength() {
        byte[] f = request();
        for (int len = 0; len < f.length; len++) {
            assertNull("len " + len, ArpResponder.reply(Arrays.copyOf(f, len), len, VIP, GW));
            assertNull("len " + len, ArpResponder.reply(f, len, VIP, GW));
        }
    }

    @Test
    public void badArguments() {
        byte[] f = request();
        assertNull(ArpResponder.reply(null, 42, VIP, GW));
        assertNull(ArpResponder.reply(f, 43, VIP, GW));
        assertNull(ArpResponder.reply(f, -1, VIP, GW));
        assertNull(ArpResponder.reply(f, Integer.MIN_VALUE, VIP, GW));
        assertNull(ArpResponder.reply(f, 42, null, GW));
        assertNull(ArpResponder.reply(f, 42, VIP, null));
    }

    @Test
    public void neverThrows() {
        byte[] base = request();
        for (int i = 0; i < base.length; i++) {
            for (int v = 0; v < 256; v++) {
                byte[] f = base.clone();
                f[i] = (byte) v;
                byte[] r = reply(f);
                assertTrue(r == null || r.length == 42);
            }
        }
        Random random = new Random(7);
        for (int n = 0; n < 20000; n++) {
            byte[] f = new byte[random.nextInt(80)];
            random.nextBytes(f);
            if (f.length > 13 && random.nextBoolean()) {
                f[12] = 0x08;
                f[13] = 0x06;
            }
            ArpResponder.reply(f, f.length, a -> true, GW);
        }
        assertNotNull(reply(base));
    }
}
