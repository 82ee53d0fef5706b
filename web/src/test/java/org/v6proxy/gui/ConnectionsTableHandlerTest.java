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
import org.onosproject.ui.table.TableModel;
import org.onosproject.ui.table.TableUtils;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.ConnectionStats;
import org.v6proxy.api.Protocol;
import org.v6proxy.testing.FakeProxyAdminService;
import org.v6proxy.testing.Fixtures;

import java.util.List;

import static org.junit.Assert.assertEquals;

/**
 * Rows and JSON of the connections table.
 */
public class ConnectionsTableHandlerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long NOW = 1_700_000_000_000L;

    private FakeProxyAdminService proxy;
    private RecordingUiConnection connection;
    private V6ProxyUiMessageHandler messageHandler;

    @Before
    public void setUp() {
        proxy = new FakeProxyAdminService();
        connection = new RecordingUiConnection();
        messageHandler = new V6ProxyUiMessageHandler(proxy, () -> NOW);
        messageHandler.init(connection, null);
    }

    private Connection add(String client, int clientPort, String service, ConnectionState state, long ageMillis) {
        Connection c = Fixtures.connection(Protocol.TCP, client, clientPort, "10.0.0.42", 80, service,
                                           "[2001:db8::1]:80", state, NOW - ageMillis);
        proxy.add(c);
        return c;
    }

    // Counters this instance keeps for the connection: {client-to-backend, backend-to-client}.
    private void traffic(Connection c, long c2bPackets, long c2bBytes, long b2cPackets, long b2cBytes) {
        proxy.stats.put(c.key(), new ConnectionStats(new long[]{c2bPackets, b2cPackets},
                                                     new long[]{c2bBytes, b2cBytes}, 0L));
    }

    private ObjectNode request(ObjectNode payload) {
        ObjectNode message = MAPPER.createObjectNode().put("event", ConnectionsTableHandler.DATA_REQUEST);
        message.set("payload", payload);
        messageHandler.process(message);
        assertEquals(ImmutableList.of(ConnectionsTableHandler.DATA_RESPONSE), connection.types);
        return connection.payloads.get(0);
    }

    private ObjectNode sortedBy(String column, String dir) {
        return request(MAPPER.createObjectNode().put("firstCol", column).put("firstDir", dir));
    }

    private static List<String> column(ObjectNode response, String column) {
        return TableResponses.column(response, ConnectionsTableHandler.ROWS, column);
    }

    @Test
    public void rowShowsEveryColumn() {
        traffic(add("192.0.2.7", 40000, "seed", ConnectionState.ESTABLISHED, 65_000L), 12, 900, 20, 9_000);
        ConnectionsTableHandler handler = new ConnectionsTableHandler(proxy, () -> NOW);
        TableModel tm = handler.createTableModel();
        handler.populateTable(tm, MAPPER.createObjectNode());

        assertEquals(1, tm.rowCount());
        JsonNode r = TableUtils.generateRowArrayNode(tm).get(0);
        assertEquals("tcp 192.0.2.7:40000 -> 10.0.0.42:80", r.get("id").asText());
        assertEquals("192.0.2.7:40000", r.get("client").asText());
        assertEquals("10.0.0.42:80/tcp", r.get("vip").asText());
        assertEquals("seed", r.get("service").asText());
        assertEquals("[2001:db8::1]:80", r.get("backend").asText());
        assertEquals("established", r.get("state").asText());
        assertEquals("1m05s", r.get("age").asText());
        assertEquals("12", r.get("c2bPackets").asText());
        assertEquals("900 B", r.get("c2bBytes").asText());
        assertEquals("20", r.get("b2cPackets").asText());
        assertEquals("8.8 KiB", r.get("b2cBytes").asText());
        assertEquals(11, r.size());
    }

    @Test
    public void connectionWithoutCountersHereShowsDashes() {
        // Its packets pass another cluster member: this instance has no stats for it.
        add("192.0.2.7", 40000, "seed", ConnectionState.ESTABLISHED, 0L);
        ObjectNode response = request(MAPPER.createObjectNode());
        for (String col : new String[]{"c2bPackets", "c2bBytes", "b2cPackets", "b2cBytes"}) {
            assertEquals(col, ImmutableList.of("-"), column(response, col));
        }
    }

    @Test
    public void bytesSortByCountNotTextAndUnknownFirst() {
        traffic(add("192.0.2.1", 1000, "seed", ConnectionState.ESTABLISHED, 0L), 1, 900, 1, 0);
        traffic(add("192.0.2.2", 1000, "seed", ConnectionState.ESTABLISHED, 0L), 2, 2_048, 1, 0);
        traffic(add("192.0.2.3", 1000, "seed", ConnectionState.ESTABLISHED, 0L), 3, 3L << 20, 1, 0);
        add("192.0.2.4", 1000, "seed", ConnectionState.ESTABLISHED, 0L);
        // As text ascending: "-", "2.0 KiB", "3.0 MiB", "900 B".
        assertEquals(ImmutableList.of("-", "900 B", "2.0 KiB", "3.0 MiB"),
                     column(sortedBy("c2bBytes", "asc"), "c2bBytes"));
        connection.types.clear();
        connection.payloads.clear();
        assertEquals(ImmutableList.of("3", "2", "1", "-"), column(sortedBy("c2bPackets", "desc"), "c2bPackets"));
    }

    @Test
    public void udpConnectionShowsItsProtocolAndPhase() {
        proxy.add(Fixtures.connection(Protocol.UDP, "192.0.2.8", 5353, "10.0.0.10", 53, "dns",
                                      "[2001:db8::53]:53", ConnectionState.HALF_CLOSED, NOW - 9_000L));
        ObjectNode response = request(MAPPER.createObjectNode());
        assertEquals(ImmutableList.of("10.0.0.10:53/udp"), column(response, "vip"));
        assertEquals(ImmutableList.of("half-closed"), column(response, "state"));
        assertEquals(ImmutableList.of("9s"), column(response, "age"));
    }

    @Test
    public void clockSkewShowsAsZeroAge() {
        add("192.0.2.7", 40000, "seed", ConnectionState.BINDING, -3_000L);
        assertEquals(ImmutableList.of("0s"), column(request(MAPPER.createObjectNode()), "age"));
    }

    @Test
    public void defaultOrderIsByClientAddressNotText() {
        add("192.0.2.10", 1000, "seed", ConnectionState.ESTABLISHED, 0L);
        add("192.0.2.9", 2000, "seed", ConnectionState.ESTABLISHED, 0L);
        add("192.0.2.9", 1000, "seed", ConnectionState.ESTABLISHED, 0L);
        assertEquals(ImmutableList.of("192.0.2.9:1000", "192.0.2.9:2000", "192.0.2.10:1000"),
                     column(request(MAPPER.createObjectNode()), "client"));
    }

    @Test
    public void ageSortsByDurationNotText() {
        add("192.0.2.1", 1000, "seed", ConnectionState.ESTABLISHED, 9_000L);
        add("192.0.2.2", 1000, "seed", ConnectionState.ESTABLISHED, 65_000L);
        add("192.0.2.3", 1000, "seed", ConnectionState.ESTABLISHED, 7_380_000L);
        // As text descending: "9s", "2h03m", "1m05s".
        assertEquals(ImmutableList.of("2h03m", "1m05s", "9s"), column(sortedBy("age", "desc"), "age"));
    }

    @Test
    public void stateSortsByPhaseOrder() {
        add("192.0.2.1", 1000, "seed", ConnectionState.CLOSING, 0L);
        add("192.0.2.2", 1000, "seed", ConnectionState.BINDING, 0L);
        add("192.0.2.3", 1000, "seed", ConnectionState.ESTABLISHED, 0L);
        assertEquals(ImmutableList.of("binding", "established", "closing"),
                     column(sortedBy("state", "asc"), "state"));
    }

    @Test
    public void serviceFieldOfTheRequestFiltersRows() {
        add("192.0.2.1", 1000, "seed", ConnectionState.ESTABLISHED, 0L);
        add("192.0.2.2", 1000, "web", ConnectionState.ESTABLISHED, 0L);
        add("192.0.2.3", 1000, "seed", ConnectionState.ESTABLISHED, 0L);
        ObjectNode response = request(MAPPER.createObjectNode().put("service", "seed"));
        assertEquals(ImmutableList.of("192.0.2.1:1000", "192.0.2.3:1000"), column(response, "client"));
    }

    @Test
    public void blankServiceFieldListsAll() {
        add("192.0.2.1", 1000, "seed", ConnectionState.ESTABLISHED, 0L);
        add("192.0.2.2", 1000, "web", ConnectionState.ESTABLISHED, 0L);
        assertEquals(2, request(MAPPER.createObjectNode().put("service", "")).get(ConnectionsTableHandler.ROWS)
                .size());
    }

    @Test
    public void emptyTableSaysWhyWithAndWithoutFilter() {
        ObjectNode all = request(MAPPER.createObjectNode());
        assertEquals(0, all.get(ConnectionsTableHandler.ROWS).size());
        assertEquals("No live v6proxy connections", all.path("annots").path("no_rows_msg").asText());

        add("192.0.2.2", 1000, "web", ConnectionState.ESTABLISHED, 0L);
        connection.types.clear();
        connection.payloads.clear();
        ObjectNode filtered = request(MAPPER.createObjectNode().put("service", "seed"));
        assertEquals(0, filtered.get(ConnectionsTableHandler.ROWS).size());
        assertEquals("No live v6proxy connections of service \"seed\"",
                     filtered.path("annots").path("no_rows_msg").asText());
    }
}
