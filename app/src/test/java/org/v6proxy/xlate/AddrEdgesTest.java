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

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.xlate.Pkt.cat;
import static org.v6proxy.xlate.Pkt.v6;

/**
 * Source checks that decide whether the translator may answer with an ICMP error (RFC 4443
 * section 2.4 (e), RFC 1812 section 4.3.2.7), found unpinned by mutation testing.
 */
public class AddrEdgesTest {

    @Test
    public void unspecifiedLoopbackAndMulticastAreNoIpv6Sources() {
        byte[] two = cat(new byte[3], v6("::"), v6("::1"), v6("ff02::1"), v6("::2"), v6("2001:db8::"));
        assertFalse("::", AddrCheck.unicastSource6(two, 3));
        assertFalse("::1", AddrCheck.unicastSource6(two, 19));
        assertFalse("multicast", AddrCheck.unicastSource6(two, 35));
        assertTrue("::2 (last octet only)", AddrCheck.unicastSource6(two, 51));
        assertTrue("2001:db8:: (last octet 0)", AddrCheck.unicastSource6(two, 67));
    }

    @Test
    public void onlyQueryTypesAreIcmpv4Queries() {
        for (int t : new int[] {0, 8, 9, 10, 13, 14, 15, 16, 17, 18}) {
            assertTrue("type " + t, IcmpErrors.isQuery4(t));
        }
        for (int t : new int[] {3, 4, 5, 11, 12, 1, 2, 7, 19, 255}) {
            assertFalse("type " + t, IcmpErrors.isQuery4(t));
        }
    }
}
