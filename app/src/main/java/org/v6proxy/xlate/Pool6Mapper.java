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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Stateless SIIT address mapping: the explicit address mappings (RFC 7757) are tried
 * first, longest prefix first, then the pool6 prefix (RFC 6052). Immutable and
 * thread-safe; allocation-free per call.
 */
public final class Pool6Mapper implements AddressMapper {

    private final byte[] pool6;
    private final int pool6Len;
    private final Eam[] eams;
    private final String pool6Text;

    private Pool6Mapper(byte[] pool6, int pool6Len, Eam[] eams, String pool6Text) {
        this.pool6Text = pool6Text;
        this.pool6 = pool6;
        this.pool6Len = pool6Len;
        this.eams = eams;
    }

    /**
     * Builds a mapper from configuration text.
     *
     * @param pool6 RFC 6052 prefix such as "64:ff9b::/96" (lengths 32, 40, 48, 56, 64, 96),
     *              or null for EAM only
     * @param eams  explicit mappings "V4PREFIX=V6PREFIX" (see {@link Eam#parse}); may be empty
     * @return the mapper
     * @throws IllegalArgumentException with a message naming the bad value
     */
    public static Pool6Mapper of(String pool6, List<String> eams) {
        byte[] p = null;
        int len = -1;
        if (pool6 != null) {
            Prefix prefix = Prefix.parse(pool6, true);
            if (!Rfc6052.validLength(prefix.length())) {
                throw new IllegalArgumentException("pool6 '" + pool6
                        + "': length must be 32, 40, 48, 56, 64 or 96 (RFC 6052 section 2.2)");
            }
            p = prefix.bytes();
            if (p[Rfc6052.U_OCTET] != 0) {
                throw new IllegalArgumentException("pool6 '" + pool6
                        + "': bits 64..71 must be zero (RFC 6052 section 2.2)");
            }
            len = prefix.length();
        }
        List<Eam> list = new ArrayList<>();
        if (eams != null) {
            for (String e : eams) {
                list.add(Eam.parse(e));
            }
        }
        // Longest match first (RFC 7757 section 3.2); equal suffix lengths make the IPv4
        // and IPv6 orders the same.
        Collections.sort(list, Comparator.comparingInt(Eam::v4Length).reversed());
        return new Pool6Mapper(p, len, list.toArray(new Eam[0]), pool6 == null ? "none" : pool6.trim());
    }

    /**
     * Builds a mapper with a pool6 prefix only.
     *
     * @param pool6 RFC 6052 prefix
     * @return the mapper
     */
    public static Pool6Mapper of(String pool6) {
        return of(pool6, Collections.emptyList());
    }

    @Override
    public boolean map4to6(int v4, byte[] out, int outOff) {
        for (Eam e : eams) {
            if (e.matches4(v4)) {
                e.write6(v4, out, outOff);
                return true;
            }
        }
        return pool6 != null && Rfc6052.embed(pool6, pool6Len, v4, out, outOff);
    }

    @Override
    public long map6to4(byte[] in, int off) {
        for (Eam e : eams) {
            if (e.matches6(in, off)) {
                return e.read4(in, off);
            }
        }
        return pool6 == null ? -1 : Rfc6052.extract(pool6, pool6Len, in, off);
    }

    @Override
    public String toString() {
        return "Pool6Mapper{pool6=" + pool6Text
                + ", eams=" + Arrays.toString(eams) + "}";
    }
}
