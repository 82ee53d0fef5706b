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

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.rest.AbstractWebResource;
import org.v6proxy.api.ProxyService;
import org.v6proxy.api.VirtualService;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * Virtual services.
 */
@Path("services")
public class ServicesWebResource extends AbstractWebResource {

    /**
     * Lists the virtual services in force.
     *
     * @return 200 OK with {"services": [...]}
     * @onos.rsModel Services
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response getServices() {
        ProxyService proxy = get(ProxyService.class);
        ObjectNode root = mapper().createObjectNode();
        ArrayNode list = root.putArray("services");
        for (VirtualService s : proxy.getServices()) {
            list.add(codec(VirtualService.class).encode(s, this));
        }
        return ok(root).build();
    }
}
