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

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.api.VirtualService;
import org.v6proxy.l7.RouteMatcher;
import org.v6proxy.packet.Bytes;
import org.v6proxy.xlate.Rfc6052;
import org.v6proxy.xlate.Translator;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the configuration in force, indexed for the
 * per-packet path: services by (protocol, VIP, port) and the VIP set, both
 * looked up without allocating; the client prefix as raw bytes.
 */
final class ServiceTable {
    private static final int SHIFT_PROTO = 48;
    private static final int SHIFT_IP = 16;
    private static final long MASK32 = 0xffffffffL;
    private static final int V6_LEN = 16;

    /** An empty table: no config applied. */
    static final ServiceTable EMPTY = new ServiceTable(null, List.of());

    private final ProxySettings settings;
    private final Map<String, VirtualService> byName;
    private final long[] keys;
    private final VirtualService[] services;
    private final int[] vips;
    private final byte[] prefix = new byte[V6_LEN];
    private final int prefixLen;
    /** The prefix and its mask as two 64-bit halves, for a two-compare membership test. */
    private final long prefixHi;
    private final long prefixLo;
    private final long maskHi;
    private final long maskLo;
    private final long gatewayMac;
    private final Translator translator;
    private final Map<String, RouteMatcher> matchers;

    ServiceTable(ProxySettings settings, List<VirtualService> list) {
        this.settings = settings;
        ImmutableSortedMap.Builder<String, VirtualService> names = ImmutableSortedMap.naturalOrder();
        VirtualService[] sorted = list.toArray(new VirtualService[0]);
        Arrays.sort(sorted, (a, b) -> Long.compare(key(a), key(b)));
        this.services = sorted;
        this.keys = new long[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            keys[i] = key(sorted[i]);
            names.put(sorted[i].name(), sorted[i]);
        }
        this.byName = names.build();
        ImmutableMap.Builder<String, RouteMatcher> m = ImmutableMap.builder();
        for (VirtualService s : list) {
            if (s.mode().routed()) {
                m.put(s.name(), new RouteMatcher(s.mode(), s.routes()));
            }
        }
        this.matchers = m.build();
        this.vips = list.stream().mapToInt(s -> s.vip().toInt()).distinct().sorted().toArray();
        if (settings != null) {
            byte[] p = settings.clientPrefix().address().toOctets();
            System.arraycopy(p, 0, prefix, 0, V6_LEN);
            prefixLen = settings.clientPrefix().prefixLength();
            maskHi = mask(prefixLen);
            maskLo = mask(prefixLen - Long.SIZE);
            prefixHi = Bytes.getLong(prefix, 0) & maskHi;
            prefixLo = Bytes.getLong(prefix, Long.BYTES) & maskLo;
            gatewayMac = settings.gatewayMac().toLong();
            translator = new Translator(settings.ipv4Mtu(), settings.ipv6Mtu());
        } else {
            prefixLen = -1;
            maskHi = 0;
            maskLo = 0;
            prefixHi = 0;
            prefixLo = 0;
            gatewayMac = 0;
            translator = new Translator(ProxySettings.DEFAULT_MTU, ProxySettings.DEFAULT_MTU);
        }
    }

    /** The first {@code bits} bits set (0 to 64; fewer than 0 is none). */
    private static long mask(int bits) {
        if (bits <= 0) {
            return 0;
        }
        return bits >= Long.SIZE ? -1L : -1L << (Long.SIZE - bits);
    }

    private static long key(VirtualService s) {
        return key(s.protocol().number(), s.vip().toInt(), s.port());
    }

    private static long key(int protocol, int vip, int port) {
        return ((long) protocol << SHIFT_PROTO) | ((vip & MASK32) << SHIFT_IP) | port;
    }

    /**
     * Returns the settings, or null when no config is applied.
     *
     * @return settings
     */
    ProxySettings settings() {
        return settings;
    }

    /**
     * Returns the route matcher of a delayed-binding service.
     *
     * @param s service
     * @return matcher
     */
    RouteMatcher matcher(VirtualService s) {
        return matchers.get(s.name());
    }

    /**
     * Returns the translator configured with this config's MTUs.
     *
     * @return translator
     */
    Translator translator() {
        return translator;
    }

    /**
     * Returns the gateway MAC as a 48-bit number.
     *
     * @return MAC
     */
    long gatewayMacLong() {
        return gatewayMac;
    }

    /**
     * Finds the service at a VIP:port.
     *
     * @param protocol IP protocol number
     * @param vip destination address
     * @param port destination port
     * @return service or null
     */
    VirtualService find(int protocol, int vip, int port) {
        int i = Arrays.binarySearch(keys, key(protocol, vip, port));
        return i >= 0 ? services[i] : null;
    }

    /**
     * Returns whether an address is one of the VIPs.
     *
     * @param ip IPv4 address
     * @return true for a VIP
     */
    boolean isVip(int ip) {
        return Arrays.binarySearch(vips, ip) >= 0;
    }

    /**
     * Returns whether the IPv6 address at b[off] lies in the client prefix.
     *
     * @param b buffer
     * @param off offset of the address
     * @return true if inside
     */
    boolean inClientPrefix(byte[] b, int off) {
        return prefixLen >= 0 && ((Bytes.getLong(b, off) ^ prefixHi) & maskHi) == 0
                && ((Bytes.getLong(b, off + Long.BYTES) ^ prefixLo) & maskLo) == 0;
    }

    /**
     * Returns the client IPv4 address an IPv6 address in the client prefix
     * embeds (RFC 6052).
     *
     * @param b buffer
     * @param off offset of the IPv6 address
     * @return the address (unsigned), or -1 if it is not a client address
     */
    long clientOf(byte[] b, int off) {
        return inClientPrefix(b, off) ? Rfc6052.embedded(prefixLen, b, off) : -1;
    }

    /**
     * Returns the client prefix bytes (do not modify).
     *
     * @return 16 bytes
     */
    byte[] prefixBytes() {
        return prefix;
    }

    /**
     * Returns the client prefix length.
     *
     * @return length, or -1 without config
     */
    int prefixLength() {
        return prefixLen;
    }

    /**
     * Returns a service by name.
     *
     * @param name name
     * @return service or null
     */
    VirtualService byName(String name) {
        return byName.get(name);
    }

    /**
     * Returns all services ordered by name.
     *
     * @return services
     */
    Collection<VirtualService> all() {
        return byName.values();
    }
}
