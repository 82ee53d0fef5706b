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
package org.v6proxy.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onosproject.ui.table.TableModel;
import org.onosproject.ui.table.TableUtils;
import org.v6proxy.api.Backend;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.Route;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.api.VirtualService;
import org.v6proxy.testing.FakeProxyAdminService;
import org.v6proxy.testing.Fixtures;

import java.util.List;

import static org.junit.Assert.assertEquals;

/**
 * Rows and JSON of the services table.
 */
public class ServicesTableHandlerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FakeProxyAdminService proxy;
    /** Client ports of the added connections, all different: the fake keeps one connection per key. */
    private int nextClientPort = 40000;
    private RecordingUiConnection connection;
    private V6ProxyUiMessageHandler messageHandler;

    private static VirtualService dns() {
        return VirtualService.builder().name("dns").vip(Ip4Address.valueOf("10.0.0.10")).port(53)
                .protocol(Protocol.UDP).mode(ServiceMode.L4)
                .defaultBackend(Backend.parse("[2001:db8::53]:53")).build();
    }

    private static VirtualService web() {
        return VirtualService.builder().name("web").vip(Ip4Address.valueOf("10.0.0.9")).port(8080)
                .mode(ServiceMode.HTTP)
                .routes(ImmutableList.of(new Route("a.example", Backend.parse("[2001:db8::1]:8080")))).build();
    }

    private void connections(String service, int count) {
        for (int i = 0; i < count; i++) {
            proxy.add(Fixtures.connection(Protocol.TCP, "192.0.2.7", nextClientPort++, "10.0.0.9", 8080,
                                          service, "[2001:db8::1]:8080", ConnectionState.ESTABLISHED, 0L));
        }
    }

    @Before
    public void setUp() {
        proxy = new FakeProxyAdminService();
        connection = new RecordingUiConnection();
        messageHandler = new V6ProxyUiMessageHandler(proxy, () -> 0L);
        messageHandler.init(connection, null);
    }

    private static JsonNode row(TableModel tm, int i) {
        return TableUtils.generateRowArrayNode(tm).get(i);
    }

    private ObjectNode request(String firstCol, String firstDir) {
        ObjectNode payload = MAPPER.createObjectNode();
        if (firstCol != null) {
            payload.put("firstCol", firstCol).put("firstDir", firstDir);
        }
        ObjectNode message = MAPPER.createObjectNode().put("event", ServicesTableHandler.DATA_REQUEST);
        message.set("payload", payload);
        messageHandler.process(message);
        assertEquals(ImmutableList.of(ServicesTableHandler.DATA_RESPONSE), connection.types);
        return connection.payloads.get(0);
    }

    private static List<String> column(ObjectNode response, String column) {
        return TableResponses.column(response, ServicesTableHandler.ROWS, column);
    }

    @Test
    public void rowShowsEveryColumnOfAServiceWithRoutesAndDefault() {
        proxy.add(Fixtures.seed());
        connections("seed", 3);
        ServicesTableHandler handler = new ServicesTableHandler(proxy);
        TableModel tm = new TableModel(handler.getColumnIds());
        handler.populateTable(tm, MAPPER.createObjectNode());

        assertEquals(1, tm.rowCount());
        JsonNode r = row(tm, 0);
        assertEquals("seed", r.get("id").asText());
        assertEquals("10.0.0.42:80/tcp", r.get("vip").asText());
        assertEquals("prefix", r.get("mode").asText());
        assertEquals("[2001:db8::1]:80", r.get("defaultBackend").asText());
        assertEquals("2", r.get("routes").asText());
        // The CR LF of the prefix match stays visible and on one line.
        assertEquals("\"A\", \"GET /b\\r\\n\"", r.get("matches").asText());
        assertEquals("3", r.get("connections").asText());
        assertEquals(7, r.size());
    }

    @Test
    public void serviceWithoutDefaultOrRoutesHasEmptyCells() {
        proxy.add(web()).add(dns());
        ServicesTableHandler handler = new ServicesTableHandler(proxy);
        TableModel tm = new TableModel(handler.getColumnIds());
        handler.populateTable(tm, MAPPER.createObjectNode());

        assertEquals(2, tm.rowCount());
        // The fake lists services by name: dns, web.
        JsonNode dnsRow = row(tm, 0);
        assertEquals("10.0.0.10:53/udp", dnsRow.get("vip").asText());
        assertEquals("l4", dnsRow.get("mode").asText());
        assertEquals("0", dnsRow.get("routes").asText());
        assertEquals("", dnsRow.get("matches").asText());
        assertEquals("0", dnsRow.get("connections").asText());
        JsonNode webRow = row(tm, 1);
        assertEquals("", webRow.get("defaultBackend").asText());
        assertEquals("\"a.example\"", webRow.get("matches").asText());
    }

    @Test
    public void requestIsAnsweredWithRowsSortedByNameByDefault() {
        proxy.add(web()).add(Fixtures.seed()).add(dns());
        ObjectNode response = request(null, null);
        assertEquals(ImmutableList.of("dns", "seed", "web"), column(response, "id"));
        assertEquals("No v6proxy services configured", response.path("annots").path("no_rows_msg").asText());
    }

    @Test
    public void vipColumnSortsByAddressNotText() {
        proxy.add(web()).add(Fixtures.seed()).add(dns());
        // As text "10.0.0.10" < "10.0.0.42" < "10.0.0.9"; as addresses 9 < 10 < 42.
        assertEquals(ImmutableList.of("10.0.0.9:8080/tcp", "10.0.0.10:53/udp", "10.0.0.42:80/tcp"),
                     column(request("vip", "asc"), "vip"));
    }

    @Test
    public void connectionsColumnSortsByNumberDescending() {
        proxy.add(web()).add(Fixtures.seed()).add(dns());
        connections("web", 10);
        connections("seed", 9);
        // As text "9" > "10" > "0"; as numbers 10 > 9 > 0.
        assertEquals(ImmutableList.of("web", "seed", "dns"), column(request("connections", "desc"), "id"));
    }

    @Test
    public void emptyTableSaysWhy() {
        ObjectNode response = request(null, null);
        assertEquals(0, response.get(ServicesTableHandler.ROWS).size());
        assertEquals("No v6proxy services configured", response.path("annots").path("no_rows_msg").asText());
    }
}
