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
import org.onlab.packet.Ip6Address;
import org.onlab.packet.MacAddress;

import java.util.Arrays;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.v6proxy.neighbor.NeighborTestBytes.hex;
import static org.v6proxy.neighbor.NeighborTestBytes.referenceChecksum;
import static org.v6proxy.neighbor.NeighborTestBytes.withChecksum;

/**
 * Tests of {@link NeighborProbe}: the solicitation that verifies a backend move, byte by
 * byte, and the advertisements that may answer it, valid and not.
 */
public class NeighborProbeTest {
    private static final MacAddress GW = MacAddress.valueOf("02:00:00:00:46:01");
    private static final MacAddress H1 = MacAddress.valueOf("02:00:00:00:00:01");
    private static final Ip6Address B1 = Ip6Address.valueOf("2001:db8::1");
    /** 2001:db8:46::, the client prefix's first address. */
    private static final byte[] PROBE_SOURCE = hex("20 01 0d b8 00 46 00 00 00 00 00 00 00 00 00 00");

    /** h1's answer: a solicited advertisement for 2001:db8::1 to 2001:db8:46:: (checksum zero here). */
    private static byte[] advertisement() {
        return withChecksum(hex(
                "02 00 00 00 46 01  02 00 00 00 00 01  86 dd"                      // to gw, from h1, IPv6
                + " 60 00 00 00  00 20 3a ff"                                      // 32 bytes ICMPv6, hop 255
                + " 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01"               // src 2001:db8::1
                + " 20 01 0d b8 00 46 00 00 00 00 00 00 00 00 00 00"               // dst 2001:db8:46::
                + " 88 00 00 00  60 00 00 00"                                      // NA, code 0, S|O
                + " 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01"               // target 2001:db8::1
                + " 02 01 02 00 00 00 00 01"));                                    // target LLA h1
    }

    @Test
    public void solicitationIsUnicastToTheOldMacFromTheProbeAddress() {
        byte[] ns = NeighborProbe.solicitation(GW, PROBE_SOURCE, H1, B1);
        byte[] expected = hex(
                "02 00 00 00 00 01  02 00 00 00 46 01  86 dd"                      // to h1's MAC, from gw
                + " 60 00 00 00  00 20 3a ff"                                      // 32 bytes ICMPv6, hop 255
                + " 20 01 0d b8 00 46 00 00 00 00 00 00 00 00 00 00"               // src 2001:db8:46::
                + " 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01"               // dst 2001:db8::1 (unicast)
                + " 87 00 00 00  00 00 00 00"                                      // NS, code 0, checksum below
                + " 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01"               // target 2001:db8::1
                + " 01 01 02 00 00 00 46 01");                                     // source LLA gw
        int sum = referenceChecksum(ns);
        expected[56] = (byte) (sum >>> 8);
        expected[57] = (byte) sum;
        assertArrayEquals(expected, ns);
        assertEquals(NeighborProbe.SOLICITATION_LEN, ns.length);
    }

    @Test
    public void validAdvertisementYieldsItsTargetAndSource() {
        byte[] na = advertisement();
        assertEquals(B1, NeighborProbe.advertisedTarget(na, 0, na.length));
        assertEquals(H1.toLong(), NeighborProbe.ethSource(na, 0));
    }

    @Test
    public void advertisementAtAnOffsetIsRead() {
        byte[] na = advertisement();
        byte[] b = new byte[na.length + 10];
        System.arraycopy(na, 0, b, 7, na.length);
        assertEquals(B1, NeighborProbe.advertisedTarget(b, 7, na.length));
        assertEquals(H1.toLong(), NeighborProbe.ethSource(b, 7));
    }

    @Test
    public void invalidAdvertisementsAreNotRead() {
        byte[] good = advertisement();
        assertEquals(B1, NeighborProbe.advertisedTarget(good, 0, good.length));
        assertNull("hop limit 254 (forwarded)", NeighborProbe.advertisedTarget(changed(good, 21, 254, true), 0, 86));
        assertNull("code 1", NeighborProbe.advertisedTarget(changed(good, 55, 1, true), 0, 86));
        assertNull("bad checksum", NeighborProbe.advertisedTarget(changed(good, 57, good[57] ^ 1, false), 0, 86));
        assertNull("multicast target", NeighborProbe.advertisedTarget(changed(good, 62, 0xff, true), 0, 86));
        assertNull("zero-length option", NeighborProbe.advertisedTarget(changed(good, 79, 0, true), 0, 86));
        assertNull("option past the end", NeighborProbe.advertisedTarget(changed(good, 79, 2, true), 0, 86));
        assertNull("a solicitation", NeighborProbe.advertisedTarget(changed(good, 54, 135, true), 0, 86));
        assertNull("not ICMPv6", NeighborProbe.advertisedTarget(changed(good, 20, 17, true), 0, 86));
        assertNull("IPv4 ethertype", NeighborProbe.advertisedTarget(changed(good, 12, 0x08, true), 0, 86));
        assertNull("payload length past the frame", NeighborProbe.advertisedTarget(changed(good, 19, 0x28, false),
                                                                                    0, 86));
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertNull("truncated to " + len, NeighborProbe.advertisedTarget(cut, 0, len));
        }
        assertNull(NeighborProbe.advertisedTarget(null, 0, 0));
    }

    private static byte[] changed(byte[] frame, int at, int value, boolean fixChecksum) {
        byte[] c = frame.clone();
        c[at] = (byte) value;
        return fixChecksum && (c[12] & 0xff) == 0x86 && (c[20] & 0xff) == 58 ? withChecksum(c) : c;
    }
}
