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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.Ip6Prefix;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.v6proxy.neighbor.BackendResolver;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.v6proxy.impl.ConfigFields.element;
import static org.v6proxy.impl.ConfigFields.field;
import static org.v6proxy.impl.ConfigFields.invalid;
import static org.v6proxy.impl.ConfigFields.list;
import static org.v6proxy.impl.ConfigFields.object;
import static org.v6proxy.impl.ConfigFields.onlyFields;
import static org.v6proxy.impl.ConfigFields.path;
import static org.v6proxy.impl.ConfigFields.text;

/**
 * The {@value #BACKEND_PINS} list of the network config: backend locations (MAC and
 * connect point) that no host event can move, for backends whose neighbours may
 * not be trusted at all.
 * <pre>
 * "backendPins": [ { "address": "2001:db8::1", "mac": "02:00:00:00:00:01",
 *                    "connectPoint": "of:0000000000000001/1" } ]
 * </pre>
 */
final class BackendPins {
    /** Top-level field name. */
    static final String BACKEND_PINS = "backendPins";
    static final String ADDRESS = "address";
    static final String MAC = "mac";
    static final String CONNECT_POINT = "connectPoint";
    private static final Set<String> FIELDS = ImmutableSet.of(ADDRESS, MAC, CONNECT_POINT);
    /** device id, a slash, a port number (as ONOS writes a connect point, e.g. of:0000000000000001/1). */
    private static final Pattern CP = Pattern.compile("([a-z][a-z0-9]*:[^/\\s]+)/([0-9]{1,10})");
    /** Largest physical OpenFlow port number (OpenFlow 1.3 OFPP_MAX); larger ones are reserved ports. */
    private static final long MAX_PORT = 0xffffff00L;

    private BackendPins() {
    }

    /**
     * Parses the pins of a config.
     *
     * @param root the config's root object
     * @param prefix the client prefix (a pinned address must be outside it)
     * @return locations by backend address, in list order
     */
    static Map<Ip6Address, BackendResolver.Endpoint> parse(ObjectNode root, Ip6Prefix prefix) {
        JsonNode value = field(root, BACKEND_PINS);
        if (value == null) {
            return ImmutableMap.of();
        }
        ArrayNode array = list(value, BACKEND_PINS);
        Map<Ip6Address, BackendResolver.Endpoint> pins = new LinkedHashMap<>();
        Map<Ip6Address, Integer> seen = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String p = element(BACKEND_PINS, i);
            ObjectNode pin = object(array.get(i), p);
            onlyFields(pin, p, FIELDS);
            Ip6Address address = address(text(pin, p, ADDRESS), path(p, ADDRESS), prefix);
            Integer other = seen.putIfAbsent(address, i);
            if (other != null) {
                throw invalid(path(p, ADDRESS), "\"%s\" is already pinned by %s", address,
                              element(BACKEND_PINS, other));
            }
            MacAddress mac = ConfigValues.gatewayMac(text(pin, p, MAC), path(p, MAC));
            ConnectPoint where = connectPoint(text(pin, p, CONNECT_POINT), path(p, CONNECT_POINT));
            pins.put(address, new BackendResolver.Endpoint(mac, where));
        }
        return ImmutableMap.copyOf(pins);
    }

    private static Ip6Address address(String text, String path, Ip6Prefix prefix) {
        IpAddress ip;
        try {
            ip = IpAddress.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw invalid(path, "\"%s\" is not an IPv6 address", text);
        }
        if (!ip.isIp6()) {
            throw invalid(path, "\"%s\" is not an IPv6 address", text);
        }
        // The rules for a backend's address: unicast, IPv6, outside the client prefix.
        Ip6Address a = ip.getIp6Address();
        byte[] o = a.toOctets();
        boolean zero80 = true;
        for (int i = 0; i < 10; i++) {
            zero80 &= o[i] == 0;
        }
        if (o[0] == (byte) 0xff) {
            throw invalid(path, "\"%s\" is a multicast address", text);
        }
        if (zero80 && ((o[10] == 0 && o[11] == 0) || (o[10] == (byte) 0xff && o[11] == (byte) 0xff))) {
            throw invalid(path, "\"%s\" is not a unicast IPv6 address (unspecified, loopback, IPv4-compatible "
                    + "or IPv4-mapped)", text);
        }
        if (prefix != null && prefix.contains(a)) {
            throw invalid(path, "\"%s\" is inside clientPrefix %s (not a backend)", text, prefix);
        }
        return a;
    }

    private static ConnectPoint connectPoint(String text, String path) {
        Matcher m = CP.matcher(text);
        if (!m.matches()) {
            throw invalid(path, "\"%s\" is not a connect point (device/port, e.g. of:0000000000000001/1)", text);
        }
        long port = Long.parseLong(m.group(2));
        if (port < 1 || port > MAX_PORT) {
            throw invalid(path, "\"%s\": port %d is not a physical port (1..%d)", text, port, MAX_PORT);
        }
        return new ConnectPoint(DeviceId.deviceId(m.group(1)), PortNumber.portNumber(port));
    }
}
