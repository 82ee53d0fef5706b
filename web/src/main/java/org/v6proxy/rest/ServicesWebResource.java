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
import org.v6proxy.api.VirtualService;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;

/**
 * Virtual services. Changes go through the admin service into network config.
 */
@Path("services")
public class ServicesWebResource extends V6ProxyWebResource {

    @Context
    private UriInfo uriInfo;

    /**
     * Lists the virtual services in force, ordered by name.
     *
     * @return 200 OK with {"services": [...]}
     * @onos.rsModel Services
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response getServices() {
        return ok(encodeArray(VirtualService.class, "services", proxy().getServices())).build();
    }

    /**
     * Shows one virtual service.
     *
     * @param name service name
     * @return 200 OK with the service; 404 if there is no such service
     * @onos.rsModel Service
     */
    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response getService(@PathParam("name") String name) {
        return ok(codec(VirtualService.class).encode(service(name), this)).build();
    }

    /**
     * Adds a virtual service; the body is the service object of the network config.
     *
     * @param stream JSON service object
     * @return 201 Created with the service's location and the service as accepted;
     * 400 with a message naming the bad field; 409 if the name is taken
     * @throws IOException (400) if the body is not JSON
     * @onos.rsModel Service
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response addService(InputStream stream) throws IOException {
        VirtualService service = codec(VirtualService.class).decode(readObject(stream), this);
        if (proxy().getService(service.name()).isPresent()) {
            throw new IllegalStateException("service \"" + service.name() + "\" already exists");
        }
        admin().addService(service);
        ObjectNode body = codec(VirtualService.class).encode(service, this);
        return Response.created(uriInfo.getBaseUriBuilder().path("services").path(service.name()).build())
                .entity(body).type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * Removes a virtual service; its connections are reset.
     *
     * @param name service name
     * @return 204 No Content; 404 if there is no such service
     */
    @DELETE
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response removeService(@PathParam("name") String name) {
        service(name);
        if (!admin().removeService(name)) {
            throw noService(name);
        }
        return Response.noContent().build();
    }
}
