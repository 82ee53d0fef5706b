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

import org.v6proxy.api.ProxyCounters;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * This instance's translation and drop counters.
 */
@Path("counters")
public class CountersWebResource extends V6ProxyWebResource {

    /**
     * Shows packets and bytes per direction and drops per reason.
     *
     * @return 200 OK with the counters
     * @onos.rsModel Counters
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response getCounters() {
        return ok(codec(ProxyCounters.class).encode(proxy().getCounters(), this)).build();
    }

    /**
     * Sets this instance's counters to zero.
     *
     * @return 204 No Content
     */
    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response resetCounters() {
        admin().resetCounters();
        return Response.noContent().build();
    }
}
