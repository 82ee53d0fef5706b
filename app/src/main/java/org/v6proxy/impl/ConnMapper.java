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
package org.v6proxy.impl;

import org.v6proxy.xlate.AddressMapper;
import org.v6proxy.xlate.Rfc6052;

/**
 * The address mapping of one connection, reused per thread: client IPv4
 * address to its RFC 6052 IPv6 address, VIP to the chosen backend
 * (RFC 7757-style explicit mapping). With {@code anySourceToVip} (ICMPv6
 * errors sent by a router on the backend's path) any IPv6 address other
 * than the client's maps to the VIP, so the client still learns of the error
 * from an address it knows. Any other IPv4 address (the source of an ICMPv4
 * error: a router on the client's path, often with a private address, or
 * 0.0.0.0 / 127.0.0.1, which RFC 7915 section 4.1 translates "for the purpose
 * of trouble shooting") is embedded in the client prefix per RFC 6052, as a
 * stateless translator whose IPv4-side prefix is the client prefix would do:
 * this is the proxy's RFC 6791 source for ICMPv6 errors it cannot map
 * otherwise; backends only see it as the source of an error.
 */
final class ConnMapper implements AddressMapper {
    private static final long MASK32 = 0xffffffffL;

    private ConnectionEntry e;
    private boolean anySourceToVip;
    private byte[] prefix;
    private int prefixLen = -1;

    /**
     * Points this mapper at a connection.
     *
     * @param entry connection entry
     * @param lenient whether unknown IPv6 addresses map to the VIP
     * @return this
     */
    ConnMapper set(ConnectionEntry entry, boolean lenient) {
        return set(entry, lenient, null, -1);
    }

    /**
     * Points this mapper at a connection, with the client prefix for other IPv4 addresses.
     *
     * @param entry connection entry
     * @param lenient whether unknown IPv6 addresses map to the VIP
     * @param clientPrefix the client prefix (16 bytes, not modified), or null
     * @param clientPrefixLen its length (RFC 6052), or -1
     * @return this
     */
    ConnMapper set(ConnectionEntry entry, boolean lenient, byte[] clientPrefix, int clientPrefixLen) {
        this.e = entry;
        this.anySourceToVip = lenient;
        this.prefix = clientPrefix;
        this.prefixLen = clientPrefixLen;
        return this;
    }

    @Override
    public boolean map4to6(int v4, byte[] out, int outOff) {
        if (v4 == e.clientIp) {
            e.writeClientV6(out, outOff);
            return true;
        }
        if (v4 == e.vip) {
            e.writeBackend(out, outOff);
            return true;
        }
        return prefix != null && Rfc6052.embed(prefix, prefixLen, v4, out, outOff);
    }

    @Override
    public long map6to4(byte[] in, int off) {
        if (e.clientV6Is(in, off)) {
            return e.clientIp & MASK32;
        }
        if (anySourceToVip || e.backendIs(in, off)) {
            return e.vip & MASK32;
        }
        return -1;
    }
}
