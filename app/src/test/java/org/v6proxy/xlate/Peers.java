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

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.v6proxy.xlate.Pkt.TCP;
import static org.v6proxy.xlate.Pkt.csum4;
import static org.v6proxy.xlate.Pkt.ipv4;
import static org.v6proxy.xlate.Pkt.tcp;
import static org.v6proxy.xlate.Pkt.v4;
import static org.v6proxy.xlate.Pkt.v6;

/**
 * The ends that the ICMP rule and drop tests translate between (a client, a VIP mapped to one
 * backend, a router on the IPv6 side; pool6 /96 per RFC 6052), and the translated result that
 * each drop test loads first: production reuses one result object per thread, so a drop that
 * does not overwrite it would forward the previous packet.
 */
final class Peers {
    static final int CLIENT = v4("192.0.2.33");
    static final int VIP = v4("198.51.100.7");
    static final byte[] CLIENT6 = v6("2001:db8:46::c000:221");
    static final byte[] BACKEND6 = v6("2001:db8::1");
    static final byte[] ROUTER6 = v6("2001:db8:ffff::1");
    static final Pool6Mapper MAPPER = Pool6Mapper.of("2001:db8:46::/96", List.of("198.51.100.7=2001:db8::1"));

    private Peers() {
    }

    /**
     * A client's TCP segment to the VIP (DF set, TTL ttl) to dst.
     *
     * @param ttl time to live
     * @param flagsFrag flags and fragment offset field
     * @param dst destination
     * @return the IPv4 packet
     */
    static byte[] tcp4(int ttl, int flagsFrag, int dst) {
        byte[] t = csum4(tcp(50000, 80, 1, 0, 0x10, 100, new byte[0], new byte[8]), 16, CLIENT, dst, TCP);
        return ipv4(0, 9, flagsFrag, ttl, TCP, CLIENT, dst, new byte[0], t);
    }

    /**
     * Translates a client's segment into r and checks that it was translated.
     *
     * @param xlat translator
     * @param r result object the next test case reuses
     */
    static void loadTranslated(Translator xlat, XlatResult r) {
        byte[] ok = tcp4(64, 0x4000, VIP);
        xlat.translate4to6(ok, 0, ok.length, MAPPER, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
    }
}
