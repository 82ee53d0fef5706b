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

/**
 * The address mapping of one connection, reused per thread: client IPv4
 * address to its RFC 6052 IPv6 address, VIP to the chosen backend
 * (RFC 7757-style explicit mapping). With {@code anySourceToVip} (ICMPv6
 * errors sent by a router on the backend's path) any IPv6 address other
 * than the client's maps to the VIP, so the client still learns of the error
 * from an address it knows.
 */
final class ConnMapper implements AddressMapper {
    private static final long MASK32 = 0xffffffffL;

    private ConnectionEntry e;
    private boolean anySourceToVip;

    /**
     * Points this mapper at a connection.
     *
     * @param entry connection entry
     * @param lenient whether unknown IPv6 addresses map to the VIP
     * @return this
     */
    ConnMapper set(ConnectionEntry entry, boolean lenient) {
        this.e = entry;
        this.anySourceToVip = lenient;
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
        return false;
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
