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
import org.onlab.packet.Ip6Prefix;
import org.onlab.packet.MacAddress;

import java.util.Arrays;
import java.util.Random;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.neighbor.NeighborTestBytes.hex;
import static org.v6proxy.neighbor.NeighborTestBytes.referenceChecksum;
import static org.v6proxy.neighbor.NeighborTestBytes.withChecksum;

/**
 * Tests of {@link NdpResponder}: advertisements byte by byte with independently
 * checked checksums, RFC 4861 section 7.1.1 validation, and null for everything else.
 */
public class NdpResponderTest {
    private static final MacAddress GW = MacAddress.valueOf("02:00:00:00:46:01");
    private static final Ip6Prefix PREFIX = Ip6Prefix.valueOf("2001:db8:46::/96");
    private static final String TARGET = "20 01 0d b8 00 46 00 00 00 00 00 00 0a 00 00 01 ";  // 2001:db8:46::a00:1

    /** A backend (2001:db8::1) asks for client 10.0.0.1 embedded in the prefix. */
    private static final String SOLICITATION =
            "33 33 ff 00 00 01 "                                       // Ethernet dst: 33:33 + solicited-node
            + "02 00 00 00 00 b1 "                                     // Ethernet src: backend
            + "86 dd "                                                 // EtherType IPv6
            + "60 00 00 00 "                                           // version 6, class 0, flow 0
            + "00 20 "                                                 // payload length 32
            + "3a "                                                    // next header ICMPv6
            + "ff "                                                    // hop limit 255
            + "20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 "       // source 2001:db8::1
            + "ff 02 00 00 00 00 00 00 00 00 00 01 ff 00 00 01 "       // destination ff02::1:ff00:1
            + "87 "                                                    // type 135 Neighbor Solicitation
            + "00 "                                                    // code 0
            + "11 33 "                                                 // checksum
            + "00 00 00 00 "                                           // reserved
            + TARGET                                                   // target
            + "01 01 02 00 00 00 00 b1";                               // source link-layer address option

    private static final String ADVERTISEMENT =
            "02 00 00 00 00 b1 "                                       // Ethernet dst: the soliciting backend
            + "02 00 00 00 46 01 "                                     // Ethernet src: gatewayMac
            + "86 dd "                                                 // EtherType IPv6
            + "60 00 00 00 "                                           // version 6, class 0, flow 0
            + "00 20 "                                                 // payload length 32
            + "3a "                                                    // next header ICMPv6
            + "ff "                                                    // hop limit 255
            + TARGET                                                   // source: the target itself
            + "20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 "       // destination: the solicitation's source
            + "88 "                                                    // type 136 Neighbor Advertisement
            + "00 "                                                    // code 0
            + "2f e8 "                                                 // checksum
            + "60 00 00 00 "                                           // R=0 S=1 O=1, reserved
            + TARGET                                                   // target
            + "02 01 02 00 00 00 46 01";                               // target link-layer address: gatewayMac

    /** Duplicate address detection: from ::, no source link-layer address option. */
    private static final String DAD =
            "33 33 ff 00 00 01 "                                       // Ethernet dst
            + "02 00 00 00 00 b1 "                                     // Ethernet src
            + "86 dd 60 00 00 00 "                                     // IPv6
            + "00 18 "                                                 // payload length 24
            + "3a ff "                                                 // ICMPv6, hop limit 255
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "       // source ::
            + "ff 02 00 00 00 00 00 00 00 00 00 01 ff 00 00 01 "       // destination ff02::1:ff00:1
            + "87 00 00 00 "                                           // NS, code 0, checksum (filled in)
            + "00 00 00 00 "                                           // reserved
            + TARGET;

    private static final String DAD_ADVERTISEMENT =
            "33 33 00 00 00 01 "                                       // Ethernet dst: all-nodes multicast
            + "02 00 00 00 46 01 "                                     // Ethernet src: gatewayMac
            + "86 dd 60 00 00 00 00 20 3a ff "                         // IPv6, payload 32, ICMPv6, hop limit 255
            + TARGET                                                   // source: the target
            + "ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 01 "       // destination ff02::1
            + "88 00 "                                                 // NA, code 0
            + "9e 9e "                                                 // checksum
            + "20 00 00 00 "                                           // R=0 S=0 O=1
            + TARGET
            + "02 01 02 00 00 00 46 01";                               // target link-layer address

    private static byte[] reply(byte[] frame) {
        return NdpResponder.reply(frame, frame.length, PREFIX, GW);
    }

    private static byte[] solicitation() {
        return hex(SOLICITATION);
    }

    private static int checksum(byte[] frame) {
        return ((frame[56] & 0xff) << 8) | (frame[57] & 0xff);
    }

    @Test
    public void fixturesHaveCorrectChecksums() {
        assertEquals(referenceChecksum(hex(SOLICITATION)), checksum(hex(SOLICITATION)));
        assertEquals(referenceChecksum(hex(ADVERTISEMENT)), checksum(hex(ADVERTISEMENT)));
        assertEquals(referenceChecksum(hex(DAD_ADVERTISEMENT)), checksum(hex(DAD_ADVERTISEMENT)));
    }

    @Test
    public void advertisesGatewayForPrefixAddress() {
        byte[] r = reply(solicitation());
        assertArrayEquals(hex(ADVERTISEMENT), r);
        assertEquals(referenceChecksum(r), checksum(r));
    }

    @Test
    public void answersUnicastSolicitation() {
        // Neighbour unreachability detection: sent to the target itself.
        byte[] f = solicitation();
        System.arraycopy(f, 62, f, 38, 16);
        f[0] = 0x02;                                              // Ethernet dst: gatewayMac, as cached
        f[1] = 0;
        f[2] = 0;
        f[3] = 0;
        f[4] = 0x46;
        f[5] = 0x01;
        assertArrayEquals(hex(ADVERTISEMENT), reply(withChecksum(f)));
    }

    @Test
    public void answersWithoutOptions() {
        byte[] f = Arrays.copyOf(solicitation(), 78);
        f[19] = 24;                                               // payload length 24
        assertArrayEquals(hex(ADVERTISEMENT), reply(withChecksum(f)));
    }

    @Test
    public void answersDuplicateAddressDetectionToAllNodes() {
        byte[] r = reply(withChecksum(hex(DAD)));
        assertArrayEquals(hex(DAD_ADVERTISEMENT), r);
        assertEquals(referenceChecksum(r), checksum(r));
    }

    @Test
    public void checksumOfOtherTargets() {
        // Every reply's checksum agrees with the reference, whatever the addresses.
        Random random = new Random(11);
        for (int n = 0; n < 200; n++) {
            byte[] f = solicitation();
            for (int i = 74; i < 78; i++) {
                f[i] = (byte) random.nextInt(256);                // target: any address in the /96
            }
            for (int i = 22; i < 38; i++) {
                f[i] = (byte) random.nextInt(256);                // source: any unicast address
            }
            f[22] = 0x20;
            byte[] r = reply(withChecksum(f));
            assertNotNull(r);
            assertEquals(referenceChecksum(r), checksum(r));
            assertArrayEquals(Arrays.copyOfRange(f, 62, 78), Arrays.copyOfRange(r, 22, 38));
            assertArrayEquals(Arrays.copyOfRange(f, 22, 38), Arrays.copyOfRange(r, 38, 54));
        }
    }

    @Test
    public void otherPrefixLengths() {
        byte[] f = solicitation();
        assertNotNull(NdpResponder.reply(f, f.length, Ip6Prefix.valueOf("2001:db8::/32"), GW));
        assertNotNull(NdpResponder.reply(f, f.length, Ip6Prefix.valueOf("2001:db8:40::/42"), GW));
        assertNull(NdpResponder.reply(f, f.length, Ip6Prefix.valueOf("2001:db8:80::/42"), GW));
        assertNull(NdpResponder.reply(f, f.length, Ip6Prefix.valueOf("2001:db8:47::/48"), GW));
    }

    @Test
    public void nullOutsidePrefix() {
        byte[] f = solicitation();
        f[67] = 0x47;                                             // target 2001:db8:47::a00:1
        assertNull(reply(withChecksum(f)));
    }

    @Test
    public void nullForMulticastTarget() {
        byte[] f = solicitation();
        System.arraycopy(hex("ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 01"), 0, f, 62, 16);
        assertNull(NdpResponder.reply(withChecksum(f), f.length, Ip6Prefix.valueOf("ff02::/16"), GW));
    }

    @Test
    public void nullForHopLimitBelow255() {
        byte[] f = solicitation();
        f[21] = (byte) 254;                                       // forwarded by a router
        assertNull(reply(withChecksum(f)));
    }

    @Test
    public void nullForNonZeroCode() {
        byte[] f = solicitation();
        f[55] = 1;
        assertNull(reply(withChecksum(f)));
    }

    @Test
    public void nullForShortIcmpLength() {
        byte[] f = Arrays.copyOf(solicitation(), 74);
        f[19] = 20;                                               // 20 < 24 octets
        assertNull(reply(withChecksum(f)));
    }

    @Test
    public void nullWhenPayloadLengthExceedsFrame() {
        byte[] f = solicitation();
        f[19] = 40;                                               // says 40, has 32
        assertNull(reply(f));
    }

    @Test
    public void nullForZeroLengthOption() {
        byte[] f = solicitation();
        f[79] = 0;                                                // option length 0
        assertNull(reply(withChecksum(f)));
    }

    @Test
    public void nullForOptionPastEnd() {
        byte[] f = solicitation();
        f[79] = 2;                                                // 16 octets, only 8 there
        assertNull(reply(withChecksum(f)));
        byte[] g = Arrays.copyOf(solicitation(), 87);
        g[19] = 33;                                               // one stray octet after the option
        assertNull(reply(withChecksum(g)));
    }

    @Test
    public void nullForBadChecksum() {
        byte[] f = solicitation();
        f[57] ^= 1;
        assertNull(reply(f));
        byte[] g = solicitation();
        g[85] ^= 1;                                               // payload changed, checksum not
        assertNull(reply(g));
    }

    @Test
    public void nullForUnspecifiedSourceWithSourceLinkLayerOption() {
        byte[] f = solicitation();
        Arrays.fill(f, 22, 38, (byte) 0);
        assertNull(reply(withChecksum(f)));
    }

    @Test
    public void nullForUnspecifiedSourceToNonSolicitedNodeAddress() {
        byte[] f = hex(DAD);
        System.arraycopy(f, 62, f, 38, 16);                      // sent to the target itself
        assertNull(reply(withChecksum(f)));
    }

    @Test
    public void nullForMulticastSource() {
        byte[] f = solicitation();
        f[22] = (byte) 0xff;
        assertNull(reply(withChecksum(f)));
    }

    @Test
    public void nullForOtherPackets() {
        int[][] edits = {
            {12, 0x08, 13, 0x00},                                 // EtherType IPv4
            {12, 0x81, 13, 0x00},                                 // 802.1Q tagged
            {14, 0x40},                                           // IP version 4
            {20, 0x00},                                           // hop-by-hop options header first
            {20, 0x11},                                           // UDP
            {54, 0x88},                                           // a Neighbor Advertisement
            {54, 0x85},                                           // a Router Solicitation
        };
        for (int[] edit : edits) {
            byte[] f = solicitation();
            for (int i = 0; i < edit.length; i += 2) {
                f[edit[i]] = (byte) edit[i + 1];
            }
            assertNull(Arrays.toString(edit), reply(withChecksum(f)));
        }
    }

    @Test
    public void ignoresPaddingAfterPayload() {
        byte[] f = Arrays.copyOf(solicitation(), 120);
        Arrays.fill(f, 86, 120, (byte) 0x77);
        assertArrayEquals(hex(ADVERTISEMENT), reply(f));
        assertArrayEquals(hex(ADVERTISEMENT), NdpResponder.reply(f, 86, PREFIX, GW));
    }

    @Test
    public void truncatedAtEveryLength() {
        byte[] f = solicitation();
        for (int len = 0; len < f.length; len++) {
            assertNull("len " + len, NdpResponder.reply(Arrays.copyOf(f, len), len, PREFIX, GW));
            assertNull("len " + len, NdpResponder.reply(f, len, PREFIX, GW));
        }
    }

    @Test
    public void badArguments() {
        byte[] f = solicitation();
        assertNull(NdpResponder.reply(null, 86, PREFIX, GW));
        assertNull(NdpResponder.reply(f, 87, PREFIX, GW));
        assertNull(NdpResponder.reply(f, -1, PREFIX, GW));
        assertNull(NdpResponder.reply(f, 86, null, GW));
        assertNull(NdpResponder.reply(f, 86, PREFIX, null));
    }

    @Test
    public void neverThrows() {
        byte[] base = solicitation();
        for (int i = 0; i < base.length; i++) {
            for (int v = 0; v < 256; v++) {
                byte[] f = base.clone();
                f[i] = (byte) v;
                byte[] r = NdpResponder.reply(f, f.length, PREFIX, GW);
                assertTrue(r == null || r.length == 86);
                int payload = ((f[18] & 0xff) << 8) | (f[19] & 0xff);
                if (payload >= 4 && 54 + payload <= f.length) {
                    withChecksum(f);                              // and again past the checksum check
                    r = NdpResponder.reply(f, f.length, PREFIX, GW);
                    assertTrue(r == null || r.length == 86);
                }
            }
        }
        Random random = new Random(5);
        for (int n = 0; n < 20000; n++) {
            byte[] f = new byte[random.nextInt(140)];
            random.nextBytes(f);
            if (f.length > 54) {
                System.arraycopy(base, 0, f, 0, 22);
                f[54] = (byte) 135;
            }
            NdpResponder.reply(f, f.length, Ip6Prefix.valueOf("::/32"), GW);
        }
    }
}
