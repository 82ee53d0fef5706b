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
package org.v6proxy.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.v6proxy.api.Backend;
import org.v6proxy.api.ConnectionLimits;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.Route;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.api.VirtualService;

import java.io.IOException;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Tests of the virtual service JSON form (the netcfg service object).
 */
public class VirtualServiceCodecTest {
    private static final String SEED = "{\"name\":\"seed\",\"vip\":\"10.0.0.42\",\"port\":80,\"protocol\":\"tcp\","
            + "\"mode\":\"prefix\",\"routes\":[{\"match\":\"A\",\"backend\":\"[2001:db8::1]:80\"},"
            + "{\"match\":\"B\",\"backend\":\"[2001:db8::2]:80\"}],\"defaultBackend\":\"[2001:db8::1]:80\","
            + "\"prereadTimeoutMs\":5000}";

    private final V6ProxyCodecContext context = new V6ProxyCodecContext();
    private final VirtualServiceCodec codec = new VirtualServiceCodec();

    private static VirtualService seed() {
        return VirtualService.builder().name("seed").vip(Ip4Address.valueOf("10.0.0.42")).port(80)
                .mode(ServiceMode.PREFIX)
                .routes(ImmutableList.of(new Route("A", Backend.parse("[2001:db8::1]:80")),
                                         new Route("B", Backend.parse("[2001:db8::2]:80"))))
                .defaultBackend(Backend.parse("[2001:db8::1]:80")).build();
    }

    private ObjectNode json(String text) throws IOException {
        return context.json(text);
    }

    private VirtualService decode(String text) throws IOException {
        return codec.decode(json(text), context);
    }

    private String decodeError(String text) throws IOException {
        return context.decodeError(codec, text);
    }

    /** Returns a valid l4 service object with one field replaced (or removed when value is null). */
    private String l4With(String field, String value) throws IOException {
        ObjectNode node = json("{\"name\":\"iperf\",\"vip\":\"10.0.0.43\",\"port\":5201,\"mode\":\"l4\","
                                       + "\"defaultBackend\":\"[2001:db8::1]:5201\"}");
        if (value == null) {
            node.remove(field);
        } else {
            node.set(field, context.mapper().readTree(value));
        }
        return node.toString();
    }

    @Test
    public void encodesEveryFieldInOrder() {
        assertEquals(SEED, codec.encode(seed(), context).toString());
    }

    @Test
    public void encodeLeavesOutAbsentDefaultBackend() {
        VirtualService web = VirtualService.builder().name("web").vip(Ip4Address.valueOf("10.0.0.42")).port(8080)
                .mode(ServiceMode.HTTP).prereadTimeoutMs(250)
                .routes(ImmutableList.of(new Route("a.example", Backend.parse("[2001:db8::1]:8080")))).build();
        ObjectNode json = codec.encode(web, context);
        assertEquals("{\"name\":\"web\",\"vip\":\"10.0.0.42\",\"port\":8080,\"protocol\":\"tcp\",\"mode\":\"http\","
                             + "\"routes\":[{\"match\":\"a.example\",\"backend\":\"[2001:db8::1]:8080\"}],"
                             + "\"prereadTimeoutMs\":250}", json.toString());
        assertFalse(json.has("defaultBackend"));
    }

    @Test
    public void encodesUdpAndEmptyRoutes() {
        VirtualService dns = VirtualService.builder().name("dns").vip(Ip4Address.valueOf("10.0.0.53")).port(53)
                .protocol(Protocol.UDP).mode(ServiceMode.L4).defaultBackend(Backend.parse("[2001:db8::53]:53"))
                .build();
        assertEquals("{\"name\":\"dns\",\"vip\":\"10.0.0.53\",\"port\":53,\"protocol\":\"udp\",\"mode\":\"l4\","
                             + "\"routes\":[],\"defaultBackend\":\"[2001:db8::53]:53\",\"prereadTimeoutMs\":5000}",
                     codec.encode(dns, context).toString());
    }

    @Test
    public void limitsAreEncodedWhenSetAndDecoded() throws IOException {
        VirtualService dns = VirtualService.builder().name("dns").vip(Ip4Address.valueOf("10.0.0.53")).port(53)
                .protocol(Protocol.UDP).mode(ServiceMode.L4).defaultBackend(Backend.parse("[2001:db8::53]:53"))
                .limits(new ConnectionLimits(100, 5)).build();
        String text = codec.encode(dns, context).toString();
        assertEquals("{\"name\":\"dns\",\"vip\":\"10.0.0.53\",\"port\":53,\"protocol\":\"udp\",\"mode\":\"l4\","
                             + "\"routes\":[],\"defaultBackend\":\"[2001:db8::53]:53\",\"prereadTimeoutMs\":5000,"
                             + "\"maxConnections\":100,\"maxConnectionsPerClient\":5}", text);
        assertEquals(dns, decode(text));
        assertTrue(decodeError(text.replace("100", "-1")).contains("maxConnections"));
    }

    @Test
    public void decodesTheDesignExample() throws IOException {
        assertEquals(seed(), decode(SEED));
    }

    @Test
    public void roundTripsThroughRegisteredCodec() throws IOException {
        VirtualService s = seed();
        assertEquals(s, context.codec(VirtualService.class).decode(context.codec(VirtualService.class)
                                                                           .encode(s, context), context));
        assertEquals(SEED, codec.encode(decode(SEED), context).toString());
    }

    @Test
    public void decodeAppliesDefaults() throws IOException {
        VirtualService s = decode(l4With("port", "5201"));
        assertEquals(Protocol.TCP, s.protocol());
        assertTrue(s.routes().isEmpty());
        assertEquals(VirtualService.DEFAULT_PREREAD_TIMEOUT_MS, s.prereadTimeoutMs());
        assertEquals(Backend.parse("[2001:db8::1]:5201"), s.defaultBackend().get());
        assertEquals(ServiceMode.L4, s.mode());
    }

    @Test
    public void decodeTreatsNullAsAbsent() throws IOException {
        VirtualService s = decode(l4With("protocol", "null"));
        assertEquals(Protocol.TCP, s.protocol());
    }

    @Test
    public void decodeIsCaseInsensitiveForModeAndProtocol() throws IOException {
        VirtualService s = decode("{\"name\":\"dns\",\"vip\":\"10.0.0.53\",\"port\":53,\"mode\":\"L4\","
                                          + "\"protocol\":\"UDP\",\"defaultBackend\":\"[2001:db8::53]:53\"}");
        assertEquals(ServiceMode.L4, s.mode());
        assertEquals(Protocol.UDP, s.protocol());
    }

    @Test
    public void missingNameIsNamed() throws IOException {
        assertEquals("service: field \"name\" is missing", decodeError(l4With("name", null)));
    }

    @Test
    public void nonStringNameIsNamed() throws IOException {
        assertEquals("service: field \"name\" must be a string, not 3", decodeError(l4With("name", "3")));
    }

    @Test
    public void missingVipIsNamed() throws IOException {
        assertEquals("service \"iperf\": field \"vip\" is missing", decodeError(l4With("vip", null)));
    }

    @Test
    public void badVipIsNamed() throws IOException {
        assertEquals("service \"iperf\": field \"vip\": \"10.0.0\" is not an IPv4 address",
                     decodeError(l4With("vip", "\"10.0.0\"")));
        assertEquals("service \"iperf\": field \"vip\": \"2001:db8::1\" is not an IPv4 address",
                     decodeError(l4With("vip", "\"2001:db8::1\"")));
    }

    @Test
    public void missingPortIsNamed() throws IOException {
        assertEquals("service \"iperf\": field \"port\" is missing", decodeError(l4With("port", null)));
    }

    @Test
    public void badPortsAreNamed() throws IOException {
        assertEquals("service \"iperf\": field \"port\" must be an integer 1..65535, not \"80\"",
                     decodeError(l4With("port", "\"80\"")));
        assertEquals("service \"iperf\": field \"port\" must be an integer 1..65535, not 0",
                     decodeError(l4With("port", "0")));
        assertEquals("service \"iperf\": field \"port\" must be an integer 1..65535, not 65536",
                     decodeError(l4With("port", "65536")));
        assertEquals("service \"iperf\": field \"port\" must be an integer 1..65535, not 80.5",
                     decodeError(l4With("port", "80.5")));
        assertEquals("service \"iperf\": field \"port\" must be an integer 1..65535, not 4294967376",
                     decodeError(l4With("port", "4294967376")));
    }

    @Test
    public void missingModeIsNamed() throws IOException {
        assertEquals("service \"iperf\": field \"mode\" is missing", decodeError(l4With("mode", null)));
    }

    @Test
    public void unknownModeIsNamed() throws IOException {
        assertEquals("service \"iperf\": field \"mode\": unknown mode \"dns\" (expected l4, prefix, http, tls or quic)",
                     decodeError(l4With("mode", "\"dns\"")));
    }

    @Test
    public void unknownProtocolIsNamed() throws IOException {
        assertEquals("service \"iperf\": field \"protocol\": unknown protocol \"sctp\" (expected tcp or udp)",
                     decodeError(l4With("protocol", "\"sctp\"")));
    }

    @Test
    public void badDefaultBackendIsNamed() throws IOException {
        assertEquals("service \"iperf\": field \"defaultBackend\": backend \"[2001:db8::1]\" is not of the form "
                             + "[IPv6]:port", decodeError(l4With("defaultBackend", "\"[2001:db8::1]\"")));
    }

    @Test
    public void badPrereadTimeoutIsNamed() throws IOException {
        assertEquals("service \"iperf\": field \"prereadTimeoutMs\" must be an integer 1..2147483647, not 0",
                     decodeError(l4With("prereadTimeoutMs", "0")));
    }

    @Test
    public void routesMustBeAnArrayOfObjects() throws IOException {
        assertEquals("service \"iperf\": field \"routes\" must be an array, not {}",
                     decodeError(l4With("routes", "{}")));
        assertEquals("service \"iperf\": routes[0] must be an object, not \"A\"",
                     decodeError(l4With("routes", "[\"A\"]")));
    }

    @Test
    public void badRouteIsNamedWithItsIndex() throws IOException {
        String text = SEED.replace("{\"match\":\"B\",", "{");
        assertEquals("service \"seed\": routes[1]: route: field \"match\" is missing", decodeError(text));
    }

    @Test
    public void unknownFieldIsNamed() throws IOException {
        assertEquals("service \"iperf\": unknown field \"default_backend\"",
                     decodeError(l4With("default_backend", "\"[2001:db8::1]:80\"")));
    }

    @Test
    public void quicServiceOverUdpRoundTrips() throws IOException {
        VirtualService h3 = decode(SEED.replace("\"prefix\"", "\"quic\"").replace("\"tcp\"", "\"udp\""));
        assertEquals(ServiceMode.QUIC, h3.mode());
        assertEquals(Protocol.UDP, h3.protocol());
        assertEquals("quic", codec.encode(h3, context).get("mode").asText());
        assertEquals(h3, codec.decode(codec.encode(h3, context), context));
    }

    @Test
    public void modelRulesStillApply() throws IOException {
        assertEquals("service \"iperf\": routes are not allowed with mode l4",
                     decodeError(l4With("routes", "[{\"match\":\"A\",\"backend\":\"[::1]:80\"}]")));
        assertEquals("service \"seed\": protocol udp needs mode l4 or quic, not prefix",
                     decodeError(SEED.replace("\"tcp\"", "\"udp\"")));
        assertEquals("service \"iperf\": mode l4 needs a defaultBackend",
                     decodeError(l4With("defaultBackend", null)));
        assertEquals("service \"seed\": mode quic needs protocol udp",
                     decodeError(SEED.replace("\"prefix\"", "\"quic\"")));
    }
}
