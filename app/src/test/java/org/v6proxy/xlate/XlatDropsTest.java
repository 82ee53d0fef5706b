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

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.v6proxy.xlate.Peers.BACKEND6;
import static org.v6proxy.xlate.Peers.CLIENT;
import static org.v6proxy.xlate.Peers.CLIENT6;
import static org.v6proxy.xlate.Peers.MAPPER;
import static org.v6proxy.xlate.Peers.ROUTER6;
import static org.v6proxy.xlate.Peers.VIP;
import static org.v6proxy.xlate.Pkt.ICMP;
import static org.v6proxy.xlate.Pkt.ICMPV6;
import static org.v6proxy.xlate.Pkt.TCP;
import static org.v6proxy.xlate.Pkt.UDP;
import static org.v6proxy.xlate.Pkt.cat;
import static org.v6proxy.xlate.Pkt.csum4;
import static org.v6proxy.xlate.Pkt.csum6;
import static org.v6proxy.xlate.Pkt.hex;
import static org.v6proxy.xlate.Pkt.icmp;
import static org.v6proxy.xlate.Pkt.icmp4csum;
import static org.v6proxy.xlate.Pkt.ipv4;
import static org.v6proxy.xlate.Pkt.ipv6;
import static org.v6proxy.xlate.Pkt.slice;
import static org.v6proxy.xlate.Pkt.tcp;
import static org.v6proxy.xlate.Pkt.udp;
import static org.v6proxy.xlate.Pkt.v4;
import static org.v6proxy.xlate.Pkt.v6;

/**
 * Every ICMP drop of the translator, each after a translated result was loaded into the
 * (reused) result object: production reuses one result per thread, so a missing drop()
 * would forward the previous packet. Found by mutation testing (docs/mutation.md).
 */
public class XlatDropsTest {

    private final Translator xlat = Pkt.seeded(1500, 1500);
    private final XlatResult r = new XlatResult();

    private void drop6(byte[] in, DropReason why) {
        Peers.loadTranslated(xlat, r);
        xlat.translate6to4(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
        assertEquals(why, r.reason());
        assertNull(r.packet());
    }

    private void drop4(byte[] in, DropReason why) {
        Peers.loadTranslated(xlat, r);
        xlat.translate4to6(in, 0, in.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.DROPPED, r.kind());
        assertEquals(why, r.reason());
        assertNull(r.packet());
    }

    private static byte[] inner6() {
        return ipv6(0, 0, UDP, 63, CLIENT6, BACKEND6, csum6(udp(5353, 53, new byte[8]), 6, CLIENT6, BACKEND6, UDP));
    }

    private static byte[] error6(int type, int code, int rest, byte[] body) {
        return ipv6(0, 0, ICMPV6, 64, ROUTER6, CLIENT6, csum6(icmp(type, code, rest, body), 2, ROUTER6, CLIENT6,
                                                              ICMPV6));
    }

    @Test
    public void icmpv6Drops() {
        // RFC 7915 5.2: the checksum is verified first (the output's is computed anew).
        byte[] bad = error6(1, 4, 0, inner6());
        bad[43] ^= 1;
        drop6(bad, DropReason.MALFORMED);
        // 5.2: Parameter Problem code 2 (unrecognized option) has no ICMPv4 counterpart.
        drop6(error6(4, 2, 40, inner6()), DropReason.ICMP_UNTRANSLATABLE);
        // Parameter Problem code 0 with a pointer that section 5.2's table marks "n/a" (flow label).
        drop6(error6(4, 0, 2, inner6()), DropReason.ICMP_UNTRANSLATABLE);
        // 5.3: the embedded IPv6 header must be there whole.
        drop6(error6(1, 4, 0, slice(inner6(), 0, 30)), DropReason.MALFORMED);
        // 5.3: an embedded extension header running past the data.
        byte[] cut = ipv6(0, 0, 60, 63, CLIENT6, BACKEND6, hex("11 05 01 04 00000000"));
        drop6(error6(1, 4, 0, cut), DropReason.MALFORMED);
        // 5.3 "MUST stop at the first embedded header": an error inside an error.
        byte[] innerErr = ipv6(0, 0, ICMPV6, 63, CLIENT6, BACKEND6, icmp(1, 4, 0, new byte[8]));
        drop6(error6(1, 4, 0, innerErr), DropReason.ICMP_UNTRANSLATABLE);
        // 1.2: fragmented ICMPv6 is not translated; an ICMPv6 message shorter than its header.
        byte[] frag = ipv6(0, 0, 44, 64, BACKEND6, CLIENT6, cat(hex("3a 00 0001 00000009"), new byte[16]));
        drop6(frag, DropReason.FRAGMENT);
        drop6(ipv6(0, 0, ICMPV6, 64, BACKEND6, CLIENT6, new byte[4]), DropReason.MALFORMED);
        // An echo from an address that does not map.
        byte[] echo = ipv6(0, 0, ICMPV6, 64, v6("2001:db8::99"), CLIENT6,
                           csum6(icmp(128, 0, 1, new byte[4]), 2, v6("2001:db8::99"), CLIENT6, ICMPV6));
        drop6(echo, DropReason.UNMAPPABLE_ADDRESS);
    }

    @Test
    public void icmpv4Drops() {
        byte[] inner = ipv4(63, UDP, VIP, CLIENT, csum4(udp(53, 5353, new byte[8]), 6, VIP, CLIENT, UDP));
        // 4.2: the checksum is verified first.
        byte[] bad = ipv4(64, ICMP, v4("203.0.113.1"), VIP, icmp4csum(icmp(3, 3, 0, inner)));
        bad[22] ^= 1;
        drop4(bad, DropReason.MALFORMED);
        // 4.2: Source Quench (4) and Redirect (5) are not translated; nor a fragmented ICMP message.
        drop4(ipv4(64, ICMP, v4("203.0.113.1"), VIP, icmp4csum(icmp(4, 0, 0, inner))),
              DropReason.ICMP_UNTRANSLATABLE);
        byte[] frag = ipv4(0, 5, 0x2000, 64, ICMP, CLIENT, VIP, new byte[0], icmp4csum(icmp(8, 0, 1, new byte[8])));
        drop4(frag, DropReason.FRAGMENT);
        // 4.3: the embedded IPv4 header must be whole.
        drop4(ipv4(64, ICMP, v4("203.0.113.1"), VIP, icmp4csum(icmp(3, 3, 0, slice(inner, 0, 12)))),
              DropReason.MALFORMED);
        // 4.1: an unexpired source route toward a broadcast address: no error about it, just the drop.
        byte[] t = csum4(tcp(1, 2, 3, 4, 0x10, 5, new byte[0], new byte[0]), 16, CLIENT, v4("255.255.255.255"), TCP);
        byte[] lsrr = ipv4(0, 0, 0, 64, TCP, CLIENT, v4("255.255.255.255"), hex("83 07 04 0a000001 00"), t);
        drop4(lsrr, DropReason.SOURCE_ROUTE);
    }
}
