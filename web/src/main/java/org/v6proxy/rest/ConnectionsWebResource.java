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
package org.v6proxy.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.util.ItemNotFoundException;
import org.v6proxy.api.Connection;
import org.v6proxy.codec.ConnectionFilter;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.util.List;

/**
 * Live connections. The filters are those of the v6proxy-connections command:
 * service name, client and VIP as "address" or "address:port", protocol.
 */
@Path("connections")
public class ConnectionsWebResource extends V6ProxyWebResource {

    /**
     * Lists live connections, ordered by service, client and VIP.
     *
     * @param service only connections of this service
     * @param client only this client: IPv4 address or address:port
     * @param vip only this VIP: IPv4 address or address:port
     * @param protocol only this protocol: tcp or udp
     * @return 200 OK with {"connections": [...]}; 400 if a filter is malformed
     * @onos.rsModel Connections
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response getConnections(@QueryParam("service") String service, @QueryParam("client") String client,
                                   @QueryParam("vip") String vip, @QueryParam("protocol") String protocol) {
        List<Connection> selected = ConnectionFilter.parse(service, client, vip, protocol)
                .select(proxy().getConnections());
        return ok(encodeArray(Connection.class, "connections", selected)).build();
    }

    /**
     * Resets the selected connections (RST to both ends). At least one filter is
     * required, so that a bare DELETE cannot reset everything.
     *
     * @param service only connections of this service
     * @param client only this client: IPv4 address or address:port
     * @param vip only this VIP: IPv4 address or address:port
     * @param protocol only this protocol: tcp or udp
     * @return 200 OK with {"removed": n}; 400 without a filter or with a malformed one;
     * 404 if no connection matches
     * @onos.rsModel ConnectionsRemoved
     */
    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response removeConnections(@QueryParam("service") String service, @QueryParam("client") String client,
                                      @QueryParam("vip") String vip, @QueryParam("protocol") String protocol) {
        ConnectionFilter filter = ConnectionFilter.parse(service, client, vip, protocol);
        if (filter.isAll()) {
            throw new IllegalArgumentException("give at least one of the query parameters service, client, vip, "
                                                       + "protocol");
        }
        int removed = 0;
        for (Connection c : filter.select(proxy().getConnections())) {
            if (admin().removeConnection(c.key())) {
                removed++;
            }
        }
        if (removed == 0) {
            throw new ItemNotFoundException("no connection matches " + filter);
        }
        ObjectNode body = mapper().createObjectNode().put("removed", removed);
        return ok(body).build();
    }
}
