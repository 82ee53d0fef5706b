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
package org.v6proxy.xlate;

import org.junit.Test;
import org.v6proxy.api.DropReason;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.v6proxy.xlate.Pkt.ICMPV6;
import static org.v6proxy.xlate.Pkt.UDP;
import static org.v6proxy.xlate.Pkt.csum6;
import static org.v6proxy.xlate.Pkt.icmp;
import static org.v6proxy.xlate.Pkt.ip;
import static org.v6proxy.xlate.Pkt.ipv6;
import static org.v6proxy.xlate.Pkt.slice;
import static org.v6proxy.xlate.Pkt.udp;
import static org.v6proxy.xlate.Pkt.v4;
import static org.v6proxy.xlate.Pkt.v4b;
import static org.v6proxy.xlate.Pkt.v6;

/**
 * IPv6 addresses whose RFC 6052 form embeds 0.0.0.0/8 ("this network", RFC 1122 section
 * 3.2.1.3; never forwarded, RFC 1812 section 5.3.7) name no IPv4 host: a packet from or to one
 * is dropped as unmappable, in every path of the IPv6 to IPv4 translator; 1.0.0.0, the first
 * address past the block, is translated.
 */
public class ThisNetworkTest {
    private static final Pool6Mapper POOL = Pool6Mapper.of("2001:db8:46::/96");
    private static final byte[] CLIENT6 = v6("2001:db8:46::c000:221");
    private static final byte[] FIRST_PAST = v6("2001:db8:46::100:0");
    private static final byte[][] THIS_NETWORK = {v6("2001:db8:46::"), v6("2001:db8:46::5"),
                                                  v6("2001:db8:46::ff:ffff")};
    private final XlatResult r = new XlatResult();

    private static byte[] udp6(byte[] src, byte[] dst) {
        return ipv6(0, 0, UDP, 64, src, dst, csum6(udp(5353, 53, "q".getBytes()), 6, src, dst, UDP));
    }

    private static byte[] echo6(byte[] src, byte[] dst) {
        return ipv6(0, 0, ICMPV6, 64, src, dst, csum6(icmp(128, 0, 0x10001, new byte[4]), 2, src, dst, ICMPV6));
    }

    /** Destination unreachable (address) from router to dst about a UDP packet from qsrc to qdst. */
    private static byte[] error6(byte[] router, byte[] dst, byte[] qsrc, byte[] qdst) {
        byte[] quoted = udp6(qsrc, qdst);
        return ipv6(0, 0, ICMPV6, 64, router, dst, csum6(icmp(1, 3, 0, quoted), 2, router, dst, ICMPV6));
    }

    private void translate(Translator t, byte[] in) {
        t.translate6to4(in, 0, in.length, POOL, 0, r);
    }

    private void assertDropped(Translator t, byte[] in) {
        // The result object is reused: a translated packet first, so that only this call can drop.
        translate(t, udp6(CLIENT6, FIRST_PAST));
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        translate(t, in);
        assertEquals(DropReason.UNMAPPABLE_ADDRESS, r.reason());
        assertNull(r.packet());
    }

    @Test
    public void firstAddressPastTheBlockIsTranslated() {
        translate(Pkt.seeded(1500, 1500), udp6(CLIENT6, FIRST_PAST));
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        assertArrayEquals(v4b(v4("1.0.0.0")), slice(ip(r), 16, 4));
        translate(Pkt.seeded(1500, 1500), udp6(FIRST_PAST, CLIENT6));
        assertArrayEquals(v4b(v4("1.0.0.0")), slice(ip(r), 12, 4));
    }

    @Test
    public void everyPathDropsThisNetwork() {
        Translator t = Pkt.seeded(1500, 1500);
        for (byte[] zero : THIS_NETWORK) {
            assertDropped(t, udp6(CLIENT6, zero));
            assertDropped(t, udp6(zero, CLIENT6));
            assertDropped(t, echo6(CLIENT6, zero));
            assertDropped(t, echo6(zero, CLIENT6));
            // Errors: to such an address, about a packet from it, about a packet to it.
            assertDropped(t, error6(FIRST_PAST, zero, CLIENT6, FIRST_PAST));
            assertDropped(t, error6(FIRST_PAST, CLIENT6, zero, FIRST_PAST));
            assertDropped(t, error6(FIRST_PAST, CLIENT6, CLIENT6, zero));
        }
    }

    @Test
    public void errorFromARouterInTheBlockTakesTheQuotedDestinationOrIsDropped() {
        byte[] err = error6(THIS_NETWORK[1], CLIENT6, CLIENT6, FIRST_PAST);
        translate(new Translator(1500, 1500, true, true), err);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        // RFC 6791 fallback: the source is the quoted packet's destination, 1.0.0.0.
        assertArrayEquals(v4b(v4("1.0.0.0")), slice(ip(r), 12, 4));
        assertDropped(new Translator(1500, 1500, true, false), err);
    }

    @Test
    public void ipv4PacketsToThisNetworkAreNotTranslated() {
        Translator t = Pkt.seeded(1500, 1500);
        int client = v4("192.0.2.33");
        for (String dst : new String[] {"0.0.0.0", "0.0.0.5", "0.255.255.255"}) {
            byte[] ok = Pkt.ipv4(64, UDP, client, v4("1.0.0.0"), udp(5353, 53, "q".getBytes()));
            t.translate4to6(ok, 0, ok.length, POOL, 0, r);
            assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
            byte[] in = Pkt.ipv4(64, UDP, client, v4(dst), udp(5353, 53, "q".getBytes()));
            t.translate4to6(in, 0, in.length, POOL, 0, r);
            assertEquals(dst, DropReason.UNMAPPABLE_ADDRESS, r.reason());
            assertNull(r.packet());
        }
    }
}
