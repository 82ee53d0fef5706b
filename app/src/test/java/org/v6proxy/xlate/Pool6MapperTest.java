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

import java.util.List;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.v6proxy.xlate.Pkt.v4;
import static org.v6proxy.xlate.Pkt.v6;

/**
 * {@link Pool6Mapper} and {@link Eam}: RFC 7757 explicit mappings first (longest match),
 * then RFC 6052.
 */
public class Pool6MapperTest {

    private final Pool6Mapper m = Pool6Mapper.of("64:ff9b::/96",
            List.of("198.51.100.0/24=2001:db8:6::/120", "198.51.100.7=2001:db8::1", "10.0.0.0/8=2001:db8:a00::/104"));

    private byte[] map4(String a) {
        byte[] out = new byte[16];
        assertTrue(a, m.map4to6(v4(a), out, 0));
        return out;
    }

    @Test
    public void eamBeforePool6LongestFirst() {
        assertArrayEquals(v6("2001:db8::1"), map4("198.51.100.7"));        // /32 wins over /24
        assertArrayEquals(v6("2001:db8:6::8"), map4("198.51.100.8"));     // /24
        assertArrayEquals(v6("2001:db8:a00::102"), map4("10.0.1.2"));     // /8: 24 suffix bits
        assertArrayEquals(v6("64:ff9b::c000:221"), map4("192.0.2.33"));   // pool6
    }

    @Test
    public void reverseDirection() {
        assertEquals(v4("198.51.100.7") & 0xffffffffL, m.map6to4(v6("2001:db8::1"), 0));
        assertEquals(v4("198.51.100.255") & 0xffffffffL, m.map6to4(v6("2001:db8:6::ff"), 0));
        assertEquals(v4("10.255.0.1") & 0xffffffffL, m.map6to4(v6("2001:db8:a00::ff:1"), 0));
        assertEquals(v4("192.0.2.33") & 0xffffffffL, m.map6to4(v6("64:ff9b::192.0.2.33"), 0));
        assertEquals(-1, m.map6to4(v6("2001:db8::2"), 0));                 // outside every prefix
        assertEquals(-1, m.map6to4(v6("2001:db8:6::1:0"), 0));             // bits beyond the /120 suffix
    }

    @Test
    public void eamOnlyMapper() {
        Pool6Mapper eamOnly = Pool6Mapper.of(null, List.of("192.0.2.0/24=2001:db8:1::/120"));
        assertFalse(eamOnly.map4to6(v4("192.0.3.1"), new byte[16], 0));
        assertEquals(-1, eamOnly.map6to4(v6("64:ff9b::1"), 0));
        assertEquals(v4("192.0.2.9") & 0xffffffffL, eamOnly.map6to4(v6("2001:db8:1::9"), 0));
    }

    @Test
    public void configurationErrorsNameTheValue() {
        expectError(() -> Pool6Mapper.of("64:ff9b::/80"), "64:ff9b::/80");
        expectError(() -> Pool6Mapper.of("2001:db8::ff00:0:0:0/96"), "bits 64..71");
        expectError(() -> Pool6Mapper.of("192.0.2.0/24"), "not an IPv6");
        expectError(() -> Pool6Mapper.of("64:ff9b::1/96"), "bits set beyond");
        expectError(() -> Pool6Mapper.of("64:ff9b::/x"), "bad prefix length");
        expectError(() -> Pool6Mapper.of("nonsense/96"), "not an IP address");
        expectError(() -> Eam.parse("192.0.2.0/24=2001:db8::/112"), "suffix lengths differ");
        expectError(() -> Eam.parse("192.0.2.0/24"), "V4PREFIX=V6PREFIX");
        expectError(() -> Eam.parse("2001:db8::/120=192.0.2.0/24"), "not an IPv4");
        expectError(() -> Eam.parse("192.0.2.0/33=2001:db8::/129"), "out of range");
    }

    @Test
    public void eamAccessors() {
        Eam e = Eam.parse(" 192.0.2.0/24 = 2001:db8:6::/120 ");
        assertEquals(24, e.v4Length());
        assertEquals(120, e.v6Length());
        assertTrue(e.matches4(v4("192.0.2.200")));
        assertFalse(e.matches4(v4("192.0.3.200")));
        assertTrue(e.matches6(v6("2001:db8:6::c8"), 0));
        assertEquals("192.0.2.0/24=2001:db8:6::/120", e.toString());
    }

    private static void expectError(Runnable r, String fragment) {
        try {
            r.run();
            fail("no error for " + fragment);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() + " should mention " + fragment, e.getMessage().contains(fragment));
        }
    }
}
