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

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.ui.table.TableModel;
import org.onosproject.ui.table.TableRequestHandler;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionStats;
import org.v6proxy.api.Direction;
import org.v6proxy.api.ProxyService;

import java.util.function.LongSupplier;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Fills the connections table: one row per live connection, with the packets and
 * bytes this instance translated for it in each direction
 * ({@link ProxyService#getConnectionStats}); a connection whose packets pass another
 * cluster member has no such counters here and shows "-" in those columns. A request
 * may carry {@code "service": NAME} (the view passes its URL query, e.g.
 * {@code #/v6proxyConnections?service=web}) to list only that service's connections.
 * Message names follow ONOS's TableBuilderService for the tag {@code v6proxyConnection}.
 */
final class ConnectionsTableHandler extends TableRequestHandler {
    /** Request the view sends (tag + "DataRequest"). */
    static final String DATA_REQUEST = "v6proxyConnectionDataRequest";
    /** Response the view waits for (tag + "DataResponse"). */
    static final String DATA_RESPONSE = "v6proxyConnectionDataResponse";
    /** Node of the response holding the rows (tag + "s"). */
    static final String ROWS = "v6proxyConnections";
    /** Optional request field: only connections of this service. */
    static final String SERVICE_FILTER = "service";

    /** The connection key as text (protocol, client, VIP); unique, used for row selection. */
    static final String ID = "id";
    /** Client IPv4 address and port. */
    static final String CLIENT = "client";
    /** VIP, port and protocol. */
    static final String VIP = "vip";
    /** Service name. */
    static final String SERVICE = "service";
    /** Chosen backend. */
    static final String BACKEND = "backend";
    /** Phase: binding, syn-sent, established, half-closed, closing. */
    static final String STATE = "state";
    /** Time since the connection was created (milliseconds, shown as 1m05s). */
    static final String AGE = "age";
    /** Packets client to backend seen by this instance. */
    static final String C2B_PACKETS = "c2bPackets";
    /** IP bytes client to backend seen by this instance (shown as 8.8 KiB). */
    static final String C2B_BYTES = "c2bBytes";
    /** Packets backend to client seen by this instance. */
    static final String B2C_PACKETS = "b2cPackets";
    /** IP bytes backend to client seen by this instance (shown as 8.8 KiB). */
    static final String B2C_BYTES = "b2cBytes";

    private static final String[] COLUMN_IDS = {
        ID, CLIENT, VIP, SERVICE, BACKEND, STATE, AGE, C2B_PACKETS, C2B_BYTES, B2C_PACKETS, B2C_BYTES,
    };
    private static final String NO_ROWS = "No live v6proxy connections";

    private final ProxyService proxy;
    private final LongSupplier clock;

    /**
     * Creates the handler.
     *
     * @param proxy where the connections come from
     * @param clock current time in epoch milliseconds, for the age column
     */
    ConnectionsTableHandler(ProxyService proxy, LongSupplier clock) {
        super(DATA_REQUEST, DATA_RESPONSE, ROWS);
        this.proxy = checkNotNull(proxy, "proxy");
        this.clock = checkNotNull(clock, "clock");
    }

    @Override
    protected String[] getColumnIds() {
        return COLUMN_IDS.clone();
    }

    @Override
    protected String defaultColumnId() {
        return CLIENT;
    }

    @Override
    protected TableModel createTableModel() {
        TableModel tm = super.createTableModel();
        tm.setFormatter(AGE, AgeFormatter.INSTANCE);
        tm.setFormatter(C2B_PACKETS, TrafficFormatter.PACKETS);
        tm.setFormatter(C2B_BYTES, TrafficFormatter.BYTES);
        tm.setFormatter(B2C_PACKETS, TrafficFormatter.PACKETS);
        tm.setFormatter(B2C_BYTES, TrafficFormatter.BYTES);
        return tm;
    }

    @Override
    protected String noRowsMessage(ObjectNode payload) {
        String service = serviceFilter(payload);
        return service == null ? NO_ROWS : NO_ROWS + " of service \"" + service + "\"";
    }

    @Override
    protected void populateTable(TableModel tm, ObjectNode payload) {
        String service = serviceFilter(payload);
        long now = clock.getAsLong();
        for (Connection c : proxy.getConnections()) {
            if (service != null && !service.equals(c.service())) {
                continue;
            }
            ConnectionKey k = c.key();
            // Null cells (no counters on this instance) show "-" and sort first.
            ConnectionStats st = proxy.getConnectionStats(k).orElse(null);
            tm.addRow()
                    .cell(ID, k.toString())
                    .cell(CLIENT, EndpointCell.of(k.client(), k.clientPort()))
                    .cell(VIP, EndpointCell.of(k.vip(), k.vipPort(), k.protocol()))
                    .cell(SERVICE, c.service())
                    .cell(BACKEND, EndpointCell.of(c.backend()))
                    .cell(STATE, c.state())
                    .cell(AGE, now - c.createdMillis())
                    .cell(C2B_PACKETS, st == null ? null : st.packets(Direction.CLIENT_TO_BACKEND))
                    .cell(C2B_BYTES, st == null ? null : st.bytes(Direction.CLIENT_TO_BACKEND))
                    .cell(B2C_PACKETS, st == null ? null : st.packets(Direction.BACKEND_TO_CLIENT))
                    .cell(B2C_BYTES, st == null ? null : st.bytes(Direction.BACKEND_TO_CLIENT));
        }
    }

    // The filter is absent (or blank) unless the view was opened with ?service=NAME.
    private String serviceFilter(ObjectNode payload) {
        String service = payload == null ? null : string(payload, SERVICE_FILTER, null);
        return service == null || service.isEmpty() ? null : service;
    }
}
