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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.Ip6Prefix;
import org.onlab.packet.MacAddress;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.config.InvalidFieldException;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.api.Route;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.api.VirtualService;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Tests of {@link V6ProxyConfig}: the DESIGN.md example parsed field by field,
 * then one test per validation rule, each asserting that the error names the
 * field (as a JSON path) and the offending value.
 */
public class V6ProxyConfigTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ApplicationId APP = new DefaultApplicationId(1, "org.v6proxy");

    /** DESIGN.md "Network config contract", with ' for ". */
    private static final String EXAMPLE = "{"
            + "'clientPrefix': '2001:db8:46::/96',"
            + "'gatewayMac': '02:00:00:00:46:01',"
            + "'services': ["
            + "  { 'name': 'seed', 'vip': '10.0.0.42', 'port': 80, 'mode': 'prefix',"
            + "    'routes': [ { 'match': 'A', 'backend': '[2001:db8::1]:80' },"
            + "                { 'match': 'B', 'backend': '[2001:db8::2]:80' } ],"
            + "    'defaultBackend': '[2001:db8::1]:80', 'prereadTimeoutMs': 5000 },"
            + "  { 'name': 'web', 'vip': '10.0.0.42', 'port': 8080, 'mode': 'http',"
            + "    'routes': [ { 'match': 'a.example', 'backend': '[2001:db8::1]:8080' },"
            + "                { 'match': '*.b.example', 'backend': '[2001:db8::2]:8080' } ] },"
            + "  { 'name': 'iperf', 'vip': '10.0.0.43', 'port': 5201, 'mode': 'l4',"
            + "    'defaultBackend': '[2001:db8::1]:5201' }"
            + "] }";

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static V6ProxyConfig load(JsonNode node) {
        V6ProxyConfig config = new V6ProxyConfig();
        config.init(APP, V6ProxyConfig.CONFIG_KEY, node, MAPPER, c -> { });
        return config;
    }

    private static ObjectNode svc(ObjectNode root, int i) {
        return (ObjectNode) root.get("services").get(i);
    }

    private static ObjectNode route(ObjectNode root, int i, int j) {
        return (ObjectNode) svc(root, i).get("routes").get(j);
    }

    /** Applies an edit to the example and asserts isValid() rejects it naming field and value. */
    private static void assertRejected(Consumer<ObjectNode> edit, String field, String value) {
        ObjectNode root = json(EXAMPLE);
        edit.accept(root);
        assertRejected(root, field, value);
    }

    private static void assertRejected(JsonNode root, String field, String value) {
        try {
            load(root).isValid();
            fail("accepted: " + root);
        } catch (InvalidFieldException e) {
            assertEquals("field of: " + e.getMessage(), field, e.field());
            assertThat(e.getMessage(), containsString("\"" + field + "\""));
            assertThat(e.getMessage(), containsString(value));
        }
    }

    private static void assertAccepted(Consumer<ObjectNode> edit) {
        ObjectNode root = json(EXAMPLE);
        edit.accept(root);
        assertTrue(load(root).isValid());
    }

    private static Backend backend(String addr, int port) {
        return new Backend(Ip6Address.valueOf(addr), port);
    }

    // ---- the valid example ----

    @Test
    public void exampleSettings() {
        V6ProxyConfig config = load(json(EXAMPLE));
        assertTrue(config.isValid());
        ProxySettings s = config.settings();
        assertEquals(Ip6Prefix.valueOf("2001:db8:46::/96"), s.clientPrefix());
        assertEquals(MacAddress.valueOf("02:00:00:00:46:01"), s.gatewayMac());
        assertEquals(1500, s.ipv4Mtu());
        assertEquals(1500, s.ipv6Mtu());
        assertEquals(ProxySettings.DEFAULT_TCP_ESTABLISHED_IDLE, s.tcpEstablishedIdleSec());
        assertEquals(ProxySettings.DEFAULT_TCP_TRANSITORY_IDLE, s.tcpTransitoryIdleSec());
        assertEquals(ProxySettings.DEFAULT_UDP_IDLE, s.udpIdleSec());
    }

    @Test
    public void exampleServices() {
        List<VirtualService> services = load(json(EXAMPLE)).services();
        assertEquals(3, services.size());

        VirtualService seed = services.get(0);
        assertEquals("seed", seed.name());
        assertEquals(Ip4Address.valueOf("10.0.0.42"), seed.vip());
        assertEquals(80, seed.port());
        assertEquals(Protocol.TCP, seed.protocol());
        assertEquals(ServiceMode.PREFIX, seed.mode());
        assertEquals(ImmutableList.of(new Route("A", backend("2001:db8::1", 80)),
                                      new Route("B", backend("2001:db8::2", 80))), seed.routes());
        assertEquals(Optional.of(backend("2001:db8::1", 80)), seed.defaultBackend());
        assertEquals(5000, seed.prereadTimeoutMs());

        VirtualService web = services.get(1);
        assertEquals("web", web.name());
        assertEquals(Ip4Address.valueOf("10.0.0.42"), web.vip());
        assertEquals(8080, web.port());
        assertEquals(Protocol.TCP, web.protocol());
        assertEquals(ServiceMode.HTTP, web.mode());
        assertEquals(ImmutableList.of(new Route("a.example", backend("2001:db8::1", 8080)),
                                      new Route("*.b.example", backend("2001:db8::2", 8080))), web.routes());
        assertEquals(Optional.empty(), web.defaultBackend());
        assertEquals(VirtualService.DEFAULT_PREREAD_TIMEOUT_MS, web.prereadTimeoutMs());

        VirtualService iperf = services.get(2);
        assertEquals("iperf", iperf.name());
        assertEquals(Ip4Address.valueOf("10.0.0.43"), iperf.vip());
        assertEquals(5201, iperf.port());
        assertEquals(Protocol.TCP, iperf.protocol());
        assertEquals(ServiceMode.L4, iperf.mode());
        assertTrue(iperf.routes().isEmpty());
        assertEquals(Optional.of(backend("2001:db8::1", 5201)), iperf.defaultBackend());
    }

    @Test
    public void optionalGlobals() {
        ObjectNode root = json(EXAMPLE);
        root.put("ipv4Mtu", 1400).put("ipv6Mtu", 9000).put("tcpEstablishedIdleSec", 86400)
                .put("tcpTransitoryIdleSec", 30).put("udpIdleSec", 120);
        ProxySettings s = load(root).settings();
        assertEquals(1400, s.ipv4Mtu());
        assertEquals(9000, s.ipv6Mtu());
        assertEquals(86400, s.tcpEstablishedIdleSec());
        assertEquals(30, s.tcpTransitoryIdleSec());
        assertEquals(120, s.udpIdleSec());
    }

    @Test
    public void udpL4ServiceAndOtherPrefixLengths() {
        ObjectNode root = json(EXAMPLE);
        root.put("clientPrefix", "64:ff9b:1::/48");
        ((ArrayNode) root.get("services")).addObject().put("name", "dns").put("vip", "10.0.0.43")
                .put("port", 5201).put("protocol", "udp").put("mode", "l4")
                .put("defaultBackend", "[2001:db8::53]:53");
        V6ProxyConfig config = load(root);
        assertTrue(config.isValid());
        VirtualService dns = config.services().get(3);
        assertEquals(Protocol.UDP, dns.protocol());
        assertEquals(Optional.of(backend("2001:db8::53", 53)), dns.defaultBackend());
        for (String p : new String[]{"2001:db8::/32", "2001:db8:100::/40", "2001:db8:46:100::/56",
                "2001:db8:46:1::/64"}) {
            root.put("clientPrefix", p);
            assertEquals(Ip6Prefix.valueOf(p), load(root).settings().clientPrefix());
        }
    }

    @Test
    public void noServicesIsValid() {
        V6ProxyConfig config = load(json("{'clientPrefix': '2001:db8:46::/96', 'gatewayMac': '02:00:00:00:46:01'}"));
        assertTrue(config.isValid());
        assertTrue(config.services().isEmpty());
    }

    @Test
    public void httpMatchIsLowercasedPrefixMatchIsNot() {
        ObjectNode root = json(EXAMPLE);
        route(root, 1, 0).put("match", "A.Example");
        route(root, 0, 0).put("match", "GET /A");
        List<VirtualService> s = load(root).services();
        assertEquals("a.example", s.get(1).routes().get(0).match());
        assertEquals("GET /A", s.get(0).routes().get(0).match());
    }

    // ---- unknown fields ----

    @Test
    public void unknownTopLevelField() {
        assertRejected(r -> r.put("gatewayMAC", "02:00:00:00:46:02"), "gatewayMAC", "unknown field");
    }

    @Test
    public void unknownServiceField() {
        assertRejected(r -> svc(r, 0).put("defaultBackand", "[2001:db8::1]:80"),
                       "services[0].defaultBackand", "unknown field");
    }

    @Test
    public void unknownRouteField() {
        assertRejected(r -> route(r, 1, 1).put("matches", "x"), "services[1].routes[1].matches", "unknown field");
    }

    // ---- clientPrefix ----

    @Test
    public void clientPrefixMissing() {
        assertRejected(r -> r.remove("clientPrefix"), "clientPrefix", "missing");
    }

    @Test
    public void clientPrefixNotIpv6() {
        assertRejected(r -> r.put("clientPrefix", "10.0.0.0/8"), "clientPrefix", "10.0.0.0/8");
        assertRejected(r -> r.put("clientPrefix", "2001:db8:46::"), "clientPrefix", "2001:db8:46::");
        assertRejected(r -> r.put("clientPrefix", "2001:db8:zz::/96"), "clientPrefix", "2001:db8:zz::/96");
        assertRejected(r -> r.put("clientPrefix", "2001:db8::/x"), "clientPrefix", "2001:db8::/x");
        assertRejected(r -> r.put("clientPrefix", 96), "clientPrefix", "96");
    }

    @Test
    public void clientPrefixLength() {
        assertRejected(r -> r.put("clientPrefix", "2001:db8:46::/80"), "clientPrefix", "2001:db8:46::/80");
        assertRejected(r -> r.put("clientPrefix", "2001:db8:46::/128"), "clientPrefix", "2001:db8:46::/128");
    }

    @Test
    public void clientPrefixHostBits() {
        assertRejected(r -> r.put("clientPrefix", "2001:db8:46::1/96"), "clientPrefix", "2001:db8:46::1/96");
        assertRejected(r -> r.put("clientPrefix", "2001:db8:46:1::/48"), "clientPrefix", "2001:db8:46:1::/48");
    }

    @Test
    public void clientPrefixUOctet() {
        // RFC 6052 section 2.2: bits 64..71 are zero; a /96 includes them.
        assertRejected(r -> r.put("clientPrefix", "2001:db8:46:0:100::/96"), "clientPrefix",
                       "2001:db8:46:0:100::/96");
    }

    // ---- gatewayMac ----

    @Test
    public void gatewayMacMalformed() {
        assertRejected(r -> r.put("gatewayMac", "02:00:00:00:46"), "gatewayMac", "02:00:00:00:46");
        assertRejected(r -> r.put("gatewayMac", "02-00-00-00-46-01"), "gatewayMac", "02-00-00-00-46-01");
        assertRejected(r -> r.put("gatewayMac", "02:00:00:00:46:0g"), "gatewayMac", "02:00:00:00:46:0g");
        assertRejected(r -> r.remove("gatewayMac"), "gatewayMac", "missing");
    }

    @Test
    public void gatewayMacNotUnicast() {
        assertRejected(r -> r.put("gatewayMac", "01:00:5e:00:00:01"), "gatewayMac", "01:00:5e:00:00:01");
        assertRejected(r -> r.put("gatewayMac", "ff:ff:ff:ff:ff:ff"), "gatewayMac", "ff:ff:ff:ff:ff:ff");
        assertRejected(r -> r.put("gatewayMac", "00:00:00:00:00:00"), "gatewayMac", "00:00:00:00:00:00");
    }

    // ---- MTUs and timeouts ----

    @Test
    public void mtuOutOfRange() {
        assertRejected(r -> r.put("ipv4Mtu", 67), "ipv4Mtu", "67");
        assertRejected(r -> r.put("ipv4Mtu", 9217), "ipv4Mtu", "9217");
        assertRejected(r -> r.put("ipv6Mtu", 1279), "ipv6Mtu", "1279");
        assertRejected(r -> r.put("ipv6Mtu", 1500.5), "ipv6Mtu", "1500.5");
        assertRejected(r -> r.put("ipv6Mtu", "1500"), "ipv6Mtu", "\"1500\"");
        assertAccepted(r -> r.put("ipv4Mtu", 68).put("ipv6Mtu", 1280));
    }

    @Test
    public void timeoutsPositiveIntegers() {
        assertRejected(r -> r.put("tcpEstablishedIdleSec", 0), "tcpEstablishedIdleSec", "0");
        assertRejected(r -> r.put("tcpTransitoryIdleSec", -5), "tcpTransitoryIdleSec", "-5");
        assertRejected(r -> r.put("udpIdleSec", 1.5), "udpIdleSec", "1.5");
        assertRejected(r -> r.put("udpIdleSec", "300"), "udpIdleSec", "\"300\"");
        assertRejected(r -> r.put("udpIdleSec", 10_000_000_000L), "udpIdleSec", "10000000000");
        assertRejected(r -> r.put("tcpEstablishedIdleSec", V6ProxyConfig.MAX_IDLE_SEC + 1),
                       "tcpEstablishedIdleSec", String.valueOf(V6ProxyConfig.MAX_IDLE_SEC + 1));
    }

    // ---- service name ----

    @Test
    public void nameMissingOrEmpty() {
        assertRejected(r -> svc(r, 1).remove("name"), "services[1].name", "missing");
        assertRejected(r -> svc(r, 1).put("name", ""), "services[1].name", "\"\"");
    }

    @Test
    public void nameDuplicate() {
        assertRejected(r -> svc(r, 2).put("name", "seed"), "services[2].name", "\"seed\"");
    }

    @Test
    public void nameCharacters() {
        assertRejected(r -> svc(r, 0).put("name", "my seed"), "services[0].name", "\"my seed\"");
        assertRejected(r -> svc(r, 0).put("name", "s\u00e9ed"), "services[0].name", "s\u00e9ed");
        assertRejected(r -> svc(r, 0).put("name", "a/b"), "services[0].name", "a/b");
        assertAccepted(r -> svc(r, 0).put("name", "Web_1.v2-b"));
    }

    // ---- vip ----

    @Test
    public void vipNotUnicastIpv4() {
        for (String bad : new String[]{"0.0.0.0", "255.255.255.255", "224.0.0.1", "239.255.0.1", "127.0.0.1",
                "127.1.2.3", "10.0.0", "10.0.0.256", "2001:db8::1", "::ffff:10.0.0.1", "vip"}) {
            assertRejected(r -> svc(r, 2).put("vip", bad), "services[2].vip", bad);
        }
        assertRejected(r -> svc(r, 2).remove("vip"), "services[2].vip", "missing");
    }

    // ---- port ----

    @Test
    public void portOutOfRangeOrNotInteger() {
        assertRejected(r -> svc(r, 0).put("port", 0), "services[0].port", "0");
        assertRejected(r -> svc(r, 0).put("port", 65536), "services[0].port", "65536");
        assertRejected(r -> svc(r, 0).put("port", -80), "services[0].port", "-80");
        assertRejected(r -> svc(r, 0).put("port", "80"), "services[0].port", "\"80\"");
        assertRejected(r -> svc(r, 0).put("port", 80.5), "services[0].port", "80.5");
        assertRejected(r -> svc(r, 0).remove("port"), "services[0].port", "missing");
    }

    @Test
    public void duplicateVipPortProtocol() {
        assertRejected(r -> svc(r, 1).put("port", 80), "services[1]", "10.0.0.42:80/tcp");
        // The same VIP:port for tcp and udp is two services.
        assertAccepted(r -> svc(r, 2).put("vip", "10.0.0.42").put("port", 80).put("protocol", "udp"));
    }

    // ---- protocol and mode ----

    @Test
    public void unknownProtocol() {
        assertRejected(r -> svc(r, 2).put("protocol", "sctp"), "services[2].protocol", "sctp");
        assertRejected(r -> svc(r, 2).put("protocol", 6), "services[2].protocol", "6");
    }

    @Test
    public void unknownMode() {
        assertRejected(r -> svc(r, 2).put("mode", "l7"), "services[2].mode", "l7");
        assertRejected(r -> svc(r, 2).remove("mode"), "services[2].mode", "missing");
    }

    @Test
    public void udpNeedsL4() {
        assertRejected(r -> svc(r, 1).put("protocol", "udp"), "services[1].mode", "http");
    }

    @Test
    public void quicOnlyWithUdp() {
        ObjectNode root = json(EXAMPLE);
        ((ArrayNode) root.get("services")).addObject().put("name", "h3").put("vip", "10.0.0.42")
                .put("port", 443).put("protocol", "udp").put("mode", "quic")
                .putArray("routes").addObject().put("match", "*.A.Example").put("backend", "[2001:db8::2]:443");
        V6ProxyConfig config = load(root);
        assertTrue(config.isValid());
        VirtualService h3 = config.services().get(3);
        assertEquals(ServiceMode.QUIC, h3.mode());
        assertEquals(Protocol.UDP, h3.protocol());
        assertEquals("names are normalised as for tls", "*.a.example", h3.routes().get(0).match());
        // Written back with its protocol and its timeout, and read again the same.
        assertEquals(h3, load(json("{'clientPrefix': '2001:db8:46::/96', 'gatewayMac': '02:00:00:00:46:01',"
                                           + "'services': [" + V6ProxyConfig.toJson(h3) + "] }")).services().get(0));
        svc(root, 3).remove("protocol");
        assertRejected(root, "services[3].mode", "needs \"protocol\": \"udp\"");
        svc(root, 3).put("protocol", "tcp");
        assertRejected(root, "services[3].mode", "quic");
        assertRejected(r -> svc(r, 0).put("protocol", "udp"), "services[0].mode", "l4 or quic");
    }

    @Test
    public void routesOnL4() {
        assertRejected(r -> svc(r, 2).putArray("routes").addObject().put("match", "x")
                .put("backend", "[2001:db8::1]:80"), "services[2].routes", "\"match\":\"x\"");
        assertAccepted(r -> svc(r, 2).putArray("routes"));
    }

    @Test
    public void l4WithoutDefaultBackend() {
        assertRejected(r -> svc(r, 2).remove("defaultBackend"), "services[2].defaultBackend", "missing");
    }

    @Test
    public void delayedWithoutRoutesOrDefault() {
        assertRejected(r -> svc(r, 1).remove("routes"), "services[1].routes", "http");
        assertRejected(r -> svc(r, 1).putArray("routes"), "services[1].routes", "http");
        assertAccepted(r -> svc(r, 1).put("defaultBackend", "[2001:db8::9]:80").remove("routes"));
    }

    // ---- backends ----

    @Test
    public void backendSyntax() {
        for (String bad : new String[]{"2001:db8::1:80", "[2001:db8::1]", "[2001:db8::1]:", "[2001:db8::1]:http",
                "[2001:db8::zz]:80", ""}) {
            assertRejected(r -> route(r, 1, 0).put("backend", bad), "services[1].routes[0].backend",
                           "\"" + bad + "\"");
        }
        assertRejected(r -> route(r, 1, 0).put("backend", 80), "services[1].routes[0].backend", "80");
        assertRejected(r -> route(r, 1, 0).remove("backend"), "services[1].routes[0].backend", "missing");
    }

    @Test
    public void backendIpv4() {
        assertRejected(r -> svc(r, 2).put("defaultBackend", "10.0.0.1:80"), "services[2].defaultBackend",
                       "10.0.0.1:80");
        assertRejected(r -> svc(r, 2).put("defaultBackend", "[10.0.0.1]:80"), "services[2].defaultBackend",
                       "[10.0.0.1]:80");
        assertRejected(r -> svc(r, 2).put("defaultBackend", "[::ffff:10.0.0.1]:80"), "services[2].defaultBackend",
                       "[::ffff:10.0.0.1]:80");
        assertRejected(r -> svc(r, 2).put("defaultBackend", "[::10.0.0.1]:80"), "services[2].defaultBackend",
                       "[::10.0.0.1]:80");
    }

    @Test
    public void backendNotUnicast() {
        for (String bad : new String[]{"[ff02::1]:80", "[::]:80", "[::1]:80"}) {
            assertRejected(r -> svc(r, 2).put("defaultBackend", bad), "services[2].defaultBackend", bad);
        }
    }

    @Test
    public void backendPortOutOfRange() {
        assertRejected(r -> route(r, 0, 1).put("backend", "[2001:db8::2]:0"), "services[0].routes[1].backend",
                       "[2001:db8::2]:0");
        assertRejected(r -> route(r, 0, 1).put("backend", "[2001:db8::2]:65536"), "services[0].routes[1].backend",
                       "65536");
    }

    @Test
    public void backendInsideClientPrefix() {
        assertRejected(r -> route(r, 0, 1).put("backend", "[2001:db8:46::a00:1]:80"),
                       "services[0].routes[1].backend", "[2001:db8:46::a00:1]:80");
        assertRejected(r -> svc(r, 0).put("defaultBackend", "[2001:db8:46::1]:80"),
                       "services[0].defaultBackend", "[2001:db8:46::1]:80");
    }

    // ---- route matches ----

    @Test
    public void matchEmptyOrMissing() {
        assertRejected(r -> route(r, 0, 0).put("match", ""), "services[0].routes[0].match", "\"\"");
        assertRejected(r -> route(r, 0, 0).remove("match"), "services[0].routes[0].match", "missing");
    }

    @Test
    public void matchDuplicate() {
        assertRejected(r -> route(r, 0, 1).put("match", "A"), "services[0].routes[1].match", "\"A\"");
        // Host names compare case-insensitively, so these are the same match.
        assertRejected(r -> route(r, 1, 1).put("match", "A.EXAMPLE"), "services[1].routes[1].match",
                       "a.example");
        // Byte prefixes are exact: "a" and "A" differ.
        assertAccepted(r -> route(r, 0, 1).put("match", "a"));
    }

    @Test
    public void httpMatchNotDnsName() {
        String longLabel = Strings.repeat("a", 64) + ".example";
        String longName = Strings.repeat("abcdefghi.", 25) + "abcd"; // 254 characters
        for (String bad : new String[]{"a..example", ".a.example", "a.example.", "-a.example", "a-.example",
                "*", "*.", "a.*.example", "*a.example", "**.example", "a b.example", "a.example:8080",
                "b\u00fccher.example", longLabel, longName}) {
            assertRejected(r -> route(r, 1, 0).put("match", bad), "services[1].routes[0].match", bad);
        }
        String maxLabel = Strings.repeat("a", 63) + ".example";
        String maxName = Strings.repeat("abcdefghi.", 25) + "abc"; // 253 characters
        assertAccepted(r -> route(r, 1, 0).put("match", maxLabel));
        assertAccepted(r -> route(r, 1, 0).put("match", maxName));
        assertAccepted(r -> route(r, 1, 0).put("match", "*.xn--bcher-kva.example"));
    }

    @Test
    public void tlsMatchNotDnsName() {
        assertRejected(r -> {
            svc(r, 1).put("mode", "tls");
            route(r, 1, 0).put("match", "a.example:443");
        }, "services[1].routes[0].match", "a.example:443");
        assertRejected(r -> {
            svc(r, 1).put("mode", "tls");
            route(r, 1, 1).put("match", "*.b_.example!");
        }, "services[1].routes[1].match", "*.b_.example!");
        assertAccepted(r -> svc(r, 1).put("mode", "tls"));
    }

    // ---- prereadTimeoutMs ----

    @Test
    public void prereadTimeoutRange() {
        assertRejected(r -> svc(r, 0).put("prereadTimeoutMs", 0), "services[0].prereadTimeoutMs", "0");
        assertRejected(r -> svc(r, 0).put("prereadTimeoutMs", 600_001), "services[0].prereadTimeoutMs", "600001");
        assertRejected(r -> svc(r, 0).put("prereadTimeoutMs", "5000"), "services[0].prereadTimeoutMs", "\"5000\"");
        assertAccepted(r -> svc(r, 0).put("prereadTimeoutMs", 600_000));
        assertAccepted(r -> svc(r, 0).put("prereadTimeoutMs", 1));
    }

    // ---- structure ----

    @Test
    public void wrongStructure() {
        assertRejected(JsonNodeFactory.instance.arrayNode(), "v6proxy", "[]");
        assertRejected(r -> r.put("services", "web"), "services", "\"web\"");
        assertRejected(r -> ((ArrayNode) r.get("services")).add(7), "services[3]", "7");
        assertRejected(r -> ((ArrayNode) r.get("services")).addNull(), "services[3]", "null");
        assertRejected(r -> svc(r, 0).put("routes", "A"), "services[0].routes", "\"A\"");
        assertRejected(r -> ((ArrayNode) svc(r, 0).get("routes")).add("A"), "services[0].routes[2]", "\"A\"");
    }

    @Test
    public void settingsAndServicesThrowTheSameErrors() {
        ObjectNode root = json(EXAMPLE);
        root.put("ipv6Mtu", 100);
        try {
            load(root).settings();
            fail("settings() accepted ipv6Mtu 100");
        } catch (InvalidFieldException e) {
            assertEquals("ipv6Mtu", e.field());
        }
        root = json(EXAMPLE);
        svc(root, 1).put("port", 0);
        try {
            load(root).services();
            fail("services() accepted port 0");
        } catch (InvalidFieldException e) {
            assertEquals("services[1].port", e.field());
        }
    }

    /**
     * Replaces every value of the example, one at a time, with values of every JSON
     * type: the config either accepts it or throws InvalidFieldException, nothing else.
     */
    @Test
    public void everyWrongTypeGivesInvalidField() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> junk = ImmutableList.of(f.nullNode(), f.numberNode(0), f.numberNode(-1), f.numberNode(1.5),
                f.numberNode(99_999_999_999L), f.textNode(""), f.textNode("x"), f.arrayNode(), f.objectNode(),
                f.booleanNode(true), f.arrayNode().add(f.objectNode()));
        ObjectNode original = json(EXAMPLE);
        List<List<Object>> paths = new ArrayList<>();
        collectPaths(original, new ArrayList<>(), paths);
        assertTrue(paths.size() > 30);
        int rejected = 0;
        for (List<Object> path : paths) {
            for (JsonNode bad : junk) {
                ObjectNode root = original.deepCopy();
                replace(root, path, bad);
                V6ProxyConfig config = load(root);
                try {
                    config.isValid();
                } catch (InvalidFieldException e) {
                    rejected++;
                    assertFalse(e.getMessage(), e.getMessage().contains("cannot be read"));
                }
                try {
                    config.settings();
                    config.services();
                } catch (InvalidFieldException e) {
                    assertFalse(e.getMessage(), e.getMessage().contains("cannot be read"));
                }
            }
        }
        assertTrue(rejected > paths.size() * junk.size() / 2);
    }

    private static void collectPaths(JsonNode n, List<Object> at, List<List<Object>> out) {
        if (!at.isEmpty()) {
            out.add(new ArrayList<>(at));
        }
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                at.add(e.getKey());
                collectPaths(e.getValue(), at, out);
                at.remove(at.size() - 1);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                at.add(i);
                collectPaths(n.get(i), at, out);
                at.remove(at.size() - 1);
            }
        }
    }

    private static void replace(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object k = path.get(i);
            parent = k instanceof String ? parent.get((String) k) : parent.get((Integer) k);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof String) {
            ((ObjectNode) parent).set((String) last, value);
        } else {
            ((ArrayNode) parent).set((Integer) last, value);
        }
    }

    // ---- writing services back ----

    @Test
    public void toJsonShape() {
        VirtualService web = VirtualService.builder().name("web").vip(Ip4Address.valueOf("10.0.0.42")).port(8080)
                .mode(ServiceMode.HTTP).routes(ImmutableList.of(new Route("a.example", backend("2001:db8::1", 8080))))
                .defaultBackend(backend("2001:db8::9", 8080)).prereadTimeoutMs(2500).build();
        assertEquals(json("{'name': 'web', 'vip': '10.0.0.42', 'port': 8080, 'protocol': 'tcp', 'mode': 'http',"
                                  + "'routes': [ { 'match': 'a.example', 'backend': '[2001:db8::1]:8080' } ],"
                                  + "'defaultBackend': '[2001:db8::9]:8080', 'prereadTimeoutMs': 2500 }"),
                     V6ProxyConfig.toJson(web));
        VirtualService dns = VirtualService.builder().name("dns").vip(Ip4Address.valueOf("10.0.0.53")).port(53)
                .protocol(Protocol.UDP).mode(ServiceMode.L4).defaultBackend(backend("2001:db8::53", 53)).build();
        assertEquals(json("{'name': 'dns', 'vip': '10.0.0.53', 'port': 53, 'protocol': 'udp', 'mode': 'l4',"
                                  + "'defaultBackend': '[2001:db8::53]:53' }"),
                     V6ProxyConfig.toJson(dns));
    }

    @Test
    public void servicesWriteBackRoundTrips() {
        List<VirtualService> parsed = load(json(EXAMPLE)).services();
        V6ProxyConfig target = load(json("{'clientPrefix': '2001:db8:46::/96', 'gatewayMac': '02:00:00:00:46:01',"
                                                 + "'services': [ { 'name': 'old' } ] }"));
        assertTrue(target.services(parsed) == target);
        assertTrue(target.isValid());
        assertEquals(parsed, target.services());
        assertEquals("2001:db8:46::/96", target.node().get("clientPrefix").asText());
        assertEquals("seed", target.node().get("services").get(0).get("name").asText());

        List<VirtualService> fewer = ImmutableList.of(parsed.get(2), parsed.get(0));
        target.services(fewer);
        assertEquals(fewer, target.services());
        target.services(ImmutableList.of());
        assertEquals(0, target.node().get("services").size());
        assertTrue(target.services().isEmpty());
    }
}
