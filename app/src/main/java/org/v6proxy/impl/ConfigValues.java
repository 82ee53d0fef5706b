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

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.Ip6Prefix;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.v6proxy.api.Backend;

import java.util.Locale;
import java.util.regex.Pattern;

import static org.v6proxy.impl.ConfigFields.invalid;

/**
 * Parsers for the address-like values of the v6proxy config. Each takes the text
 * and its JSON path and throws {@link org.onosproject.net.config.InvalidFieldException}
 * naming both.
 */
final class ConfigValues {
    /** RFC 6052 section 2.2: the only prefix lengths with a defined IPv4 embedding. */
    private static final int[] RFC6052_LENGTHS = {32, 40, 48, 56, 64, 96};
    /** RFC 6052 section 2.2: bits 64..71 (octet 8) of the address are the zero "u" octet. */
    private static final int U_OCTET = 8;
    private static final int IPV6_BYTES = 16;
    /** RFC 1035 section 2.3.4. */
    private static final int MAX_LABEL = 63;
    /** RFC 1035 section 2.3.4 (255 octets on the wire, 253 characters written out). */
    private static final int MAX_NAME = 253;
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final String WILDCARD = "*.";

    private ConfigValues() {
    }

    /**
     * Parses the client prefix: IPv6, an RFC 6052 length, no host bits, zero u-octet.
     *
     * @param text as written
     * @param path JSON path
     * @return prefix
     */
    static Ip6Prefix clientPrefix(String text, String path) {
        int slash = text.indexOf('/');
        if (slash < 0 || text.indexOf(':') < 0 || text.indexOf(':') > slash) {
            throw invalid(path, "\"%s\" is not an IPv6 prefix (address/length)", text);
        }
        Ip6Address addr;
        int len;
        try {
            addr = Ip6Address.valueOf(text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw invalid(path, "\"%s\" is not an IPv6 prefix: bad address", text);
        }
        try {
            len = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw invalid(path, "\"%s\" is not an IPv6 prefix: bad length", text);
        }
        boolean rfc6052 = false;
        for (int l : RFC6052_LENGTHS) {
            rfc6052 |= l == len;
        }
        if (!rfc6052) {
            throw invalid(path, "\"%s\": length %d is not one of 32, 40, 48, 56, 64, 96 (RFC 6052 section 2.2)",
                          text, len);
        }
        Ip6Prefix prefix = Ip6Prefix.valueOf(addr, len);
        if (!prefix.address().equals(addr)) {
            throw invalid(path, "\"%s\" has bits set after the first %d (did you mean %s?)", text, len, prefix);
        }
        if (addr.toOctets()[0] == (byte) 0xff) {
            throw invalid(path, "\"%s\" is a multicast prefix", text);
        }
        if (len > U_OCTET * Byte.SIZE && addr.toOctets()[U_OCTET] != 0) {
            throw invalid(path, "\"%s\": bits 64..71 must be zero (RFC 6052 section 2.2)", text);
        }
        return prefix;
    }

    /**
     * Parses the gateway MAC: six colon-separated octets, unicast, not zero.
     *
     * @param text as written
     * @param path JSON path
     * @return MAC
     */
    static MacAddress gatewayMac(String text, String path) {
        if (!MAC.matcher(text).matches()) {
            throw invalid(path, "\"%s\" is not a MAC address (six hex octets separated by ':')", text);
        }
        MacAddress mac = MacAddress.valueOf(text);
        if (mac.isBroadcast()) {
            throw invalid(path, "\"%s\" is the broadcast address", text);
        }
        if (mac.isMulticast()) {
            throw invalid(path, "\"%s\" is a multicast address (lowest bit of the first octet set)", text);
        }
        if (mac.toLong() == 0) {
            throw invalid(path, "\"%s\" is the all-zero address", text);
        }
        return mac;
    }

    /**
     * Checks a service name: non-empty, only {@code [A-Za-z0-9._-]}.
     *
     * @param text as written
     * @param path JSON path
     * @return the name
     */
    static String serviceName(String text, String path) {
        if (text.isEmpty()) {
            throw invalid(path, "\"\" is empty");
        }
        if (!NAME.matcher(text).matches()) {
            throw invalid(path, "\"%s\" has characters outside A-Z a-z 0-9 . _ -", text);
        }
        return text;
    }

    /**
     * Parses a VIP: a dotted-quad IPv4 unicast address.
     *
     * @param text as written
     * @param path JSON path
     * @return address
     */
    static Ip4Address vip(String text, String path) {
        IpAddress ip;
        try {
            ip = IpAddress.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw invalid(path, "\"%s\" is not an IPv4 address", text);
        }
        // A colon means IPv6 text, even when it maps to IPv4 (::ffff:a.b.c.d).
        if (!ip.isIp4() || text.indexOf(':') >= 0) {
            throw invalid(path, "\"%s\" is not an IPv4 address", text);
        }
        Ip4Address v4 = ip.getIp4Address();
        int first = v4.toOctets()[0] & 0xff;
        if (v4.toInt() == -1) {
            throw invalid(path, "\"%s\" is the limited broadcast address", text);
        }
        if (first == 0) {
            throw invalid(path, "\"%s\" is in 0.0.0.0/8, \"this network\" (RFC 1122 section 3.2.1.3)", text);
        }
        if (first == 127) {
            throw invalid(path, "\"%s\" is a loopback address", text);
        }
        if (ip.isMulticast()) {
            throw invalid(path, "\"%s\" is a multicast address", text);
        }
        return v4;
    }

    /**
     * Parses a backend "[IPv6]:port" that must be a global-ish IPv6 unicast address
     * outside the client prefix (translated packets to it would come back to us).
     *
     * @param text as written
     * @param path JSON path
     * @param clientPrefix the configured client prefix
     * @return backend
     */
    static Backend backend(String text, String path, Ip6Prefix clientPrefix) {
        Backend b;
        try {
            b = Backend.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(path, "%s", e.getMessage());
        }
        byte[] a = b.address().toOctets();
        if (a[0] == (byte) 0xff) {
            throw invalid(path, "\"%s\" is a multicast address", text);
        }
        boolean zero96 = true;
        for (int i = 0; i < 12; i++) {
            zero96 &= a[i] == 0;
        }
        boolean mapped = a[10] == (byte) 0xff && a[11] == (byte) 0xff;
        for (int i = 0; i < 10; i++) {
            mapped &= a[i] == 0;
        }
        if (zero96) {
            // ::/96 holds the unspecified address, loopback and the deprecated
            // IPv4-compatible addresses (RFC 4291 section 2.5.5.1): none is a backend.
            throw invalid(path, "\"%s\" is not a unicast IPv6 address (unspecified, loopback or "
                    + "IPv4-compatible)", text);
        }
        if (mapped) {
            throw invalid(path, "\"%s\" is an IPv4-mapped address; backends must be IPv6", text);
        }
        if (clientPrefix != null && clientPrefix.contains(b.address())) {
            throw invalid(path, "\"%s\" is inside clientPrefix %s (translated traffic would loop)",
                          text, clientPrefix);
        }
        return b;
    }

    /**
     * Normalises an http/tls route match: a DNS name or "*." plus a DNS name,
     * lowercased (RFC 4343: DNS names compare case-insensitively).
     *
     * @param text as written
     * @param path JSON path
     * @return lowercased match
     */
    static String hostMatch(String text, String path) {
        String lower = text.toLowerCase(Locale.ROOT);
        String name = lower.startsWith(WILDCARD) ? lower.substring(WILDCARD.length()) : lower;
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw invalid(path, "\"%s\" is not a DNS name or *. followed by one (1..%d characters)",
                          text, MAX_NAME);
        }
        int start = 0;
        while (start <= name.length()) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            checkLabel(name, start, end, text, path);
            start = end + 1;
        }
        return lower;
    }

    // RFC 1123 section 2.1 host name labels; "_" is tolerated because it occurs in
    // real service names (RFC 2782) that clients put in Host and SNI.
    private static void checkLabel(String name, int start, int end, String text, String path) {
        int len = end - start;
        if (len < 1 || len > MAX_LABEL) {
            throw invalid(path, "\"%s\": DNS labels must be 1..%d characters", text, MAX_LABEL);
        }
        if (name.charAt(start) == '-' || name.charAt(end - 1) == '-') {
            throw invalid(path, "\"%s\": a DNS label must not start or end with '-'", text);
        }
        for (int i = start; i < end; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw invalid(path, "\"%s\" is not a DNS name (character '%c'; only a leading *. is a wildcard)",
                              text, c);
            }
        }
    }
}
