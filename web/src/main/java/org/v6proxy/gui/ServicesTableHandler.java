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
import org.v6proxy.api.ProxyService;
import org.v6proxy.api.VirtualService;
import org.v6proxy.codec.RouteText;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Fills the services table: one row per virtual service, with its live connection count.
 * Message names follow ONOS's TableBuilderService for the tag {@code v6proxyService}.
 */
final class ServicesTableHandler extends TableRequestHandler {
    /** Request the view sends (tag + "DataRequest"). */
    static final String DATA_REQUEST = "v6proxyServiceDataRequest";
    /** Response the view waits for (tag + "DataResponse"). */
    static final String DATA_RESPONSE = "v6proxyServiceDataResponse";
    /** Node of the response holding the rows (tag + "s"). */
    static final String ROWS = "v6proxyServices";

    /** Service name; "id" is the column the GUI selects rows by. */
    static final String ID = "id";
    /** VIP, port and protocol, as 10.0.0.42:80/tcp. */
    static final String VIP = "vip";
    /** Service mode: l4, prefix, http, tls or quic. */
    static final String MODE = "mode";
    /** Default backend, empty when there is none. */
    static final String DEFAULT_BACKEND = "defaultBackend";
    /** Number of routes. */
    static final String ROUTES = "routes";
    /** The route matches, quoted, in the order they are tried. */
    static final String MATCHES = "matches";
    /** Live connections of the service (cluster-wide). */
    static final String CONNECTIONS = "connections";

    private static final String[] COLUMN_IDS = {ID, VIP, MODE, DEFAULT_BACKEND, ROUTES, MATCHES, CONNECTIONS};
    private static final String NO_ROWS = "No v6proxy services configured";

    private final ProxyService proxy;

    /**
     * Creates the handler.
     *
     * @param proxy where services and connection counts come from
     */
    ServicesTableHandler(ProxyService proxy) {
        super(DATA_REQUEST, DATA_RESPONSE, ROWS);
        this.proxy = checkNotNull(proxy, "proxy");
    }

    @Override
    protected String[] getColumnIds() {
        return COLUMN_IDS.clone();
    }

    @Override
    protected String noRowsMessage(ObjectNode payload) {
        return NO_ROWS;
    }

    @Override
    protected void populateTable(TableModel tm, ObjectNode payload) {
        for (VirtualService s : proxy.getServices()) {
            tm.addRow()
                    .cell(ID, s.name())
                    .cell(VIP, EndpointCell.of(s.vip(), s.port(), s.protocol()))
                    .cell(MODE, s.mode())
                    .cell(DEFAULT_BACKEND, s.defaultBackend().map(EndpointCell::of).orElse(null))
                    .cell(ROUTES, s.routes().size())
                    .cell(MATCHES, RouteText.matches(s.routes()))
                    .cell(CONNECTIONS, proxy.getConnectionCount(s.name()));
        }
    }
}
