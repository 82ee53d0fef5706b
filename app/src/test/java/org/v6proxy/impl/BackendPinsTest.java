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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Test;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.MacAddress;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.config.InvalidFieldException;
import org.v6proxy.neighbor.BackendResolver;

import java.io.UncheckedIOException;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Tests of the {@code backendPins} list of the network config ({@link BackendPins}).
 */
public class BackendPinsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ApplicationId APP = new DefaultApplicationId(1, "org.v6proxy");
    private static final String BASE = "{'clientPrefix': '2001:db8:46::/96', 'gatewayMac': '02:00:00:00:46:01',"
            + " 'backendPins': [ %s ] }";
    private static final String PIN1 = "{'address': '2001:db8::1', 'mac': '02:00:00:00:00:01',"
            + " 'connectPoint': 'of:0000000000000001/1'}";

    private static V6ProxyConfig load(String pins) {
        V6ProxyConfig config = new V6ProxyConfig();
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(String.format(BASE, pins).replace('\'', '"'));
            config.init(APP, V6ProxyConfig.CONFIG_KEY, node, MAPPER, c -> { });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    private static void assertRejected(String pins, String field, String value) {
        try {
            load(pins).isValid();
            fail("accepted: " + pins);
        } catch (InvalidFieldException e) {
            assertEquals("field of: " + e.getMessage(), field, e.field());
            assertThat(e.getMessage(), containsString(value));
        }
    }

    @Test
    public void pinsAreRead() {
        V6ProxyConfig c = load(PIN1 + ", {'address': '2001:DB8::2', 'mac': '02:00:00:00:00:02',"
                                       + " 'connectPoint': 'of:0000000000000001/2'}");
        assertTrue(c.isValid());
        Map<Ip6Address, BackendResolver.Endpoint> pins = c.backendPins();
        assertEquals(2, pins.size());
        BackendResolver.Endpoint e = pins.get(Ip6Address.valueOf("2001:db8::2"));
        assertEquals(MacAddress.valueOf("02:00:00:00:00:02"), e.mac());
        assertEquals(ConnectPoint.deviceConnectPoint("of:0000000000000001/2"), e.location());
    }

    @Test
    public void absentOrEmptyListPinsNothing() {
        assertTrue(load("").backendPins().isEmpty());
    }

    @Test
    public void badPinsAreClearErrors() {
        assertRejected("{'address': '2001:db8::1', 'mac': '02:00:00:00:00:01', 'connectPoint': 'of:1/1',"
                               + " 'port': 1}", "backendPins[0].port", "unknown field");
        assertRejected("{'mac': '02:00:00:00:00:01', 'connectPoint': 'of:1/1'}",
                       "backendPins[0].address", "is missing");
        assertRejected(PIN1.replace("2001:db8::1", "10.0.0.1"), "backendPins[0].address",
                       "\"10.0.0.1\" is not an IPv6");
        assertRejected(PIN1.replace("2001:db8::1", "2001:db8::zz"), "backendPins[0].address", "2001:db8::zz");
        assertRejected(PIN1.replace("2001:db8::1", "ff02::1"), "backendPins[0].address", "multicast");
        assertRejected(PIN1.replace("2001:db8::1", "::1"), "backendPins[0].address", "not a unicast");
        assertRejected(PIN1.replace("2001:db8::1", "2001:db8:46::5"), "backendPins[0].address", "clientPrefix");
        assertRejected(PIN1.replace("02:00:00:00:00:01", "02:00:00:00:01"), "backendPins[0].mac", "not a MAC");
        assertRejected(PIN1.replace("02:00:00:00:00:01", "ff:ff:ff:ff:ff:ff"), "backendPins[0].mac", "broadcast");
        assertRejected(PIN1.replace("of:0000000000000001/1", "of:0000000000000001"),
                       "backendPins[0].connectPoint", "is not a connect point");
        assertRejected(PIN1.replace("of:0000000000000001/1", "of:0000000000000001/0"),
                       "backendPins[0].connectPoint", "not a physical port");
        assertRejected(PIN1 + ", " + PIN1.replace("/1", "/2"), "backendPins[1].address", "already pinned by "
                + "backendPins[0]");
        assertRejected("'x'", "backendPins[0]", "not a JSON object");
    }

    @Test
    public void nonListIsAClearError() {
        V6ProxyConfig c = new V6ProxyConfig();
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(
                    "{\"clientPrefix\": \"2001:db8:46::/96\", \"gatewayMac\": \"02:00:00:00:46:01\","
                            + " \"backendPins\": 5}");
            c.init(APP, V6ProxyConfig.CONFIG_KEY, node, MAPPER, x -> { });
            c.isValid();
            fail("accepted");
        } catch (InvalidFieldException e) {
            assertEquals("backendPins", e.field());
            assertThat(e.getMessage(), containsString("not a list"));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
