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

import org.onlab.util.ItemNotFoundException;
import org.v6proxy.api.Route;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;

/**
 * Routes of one delayed-binding service.
 */
@Path("services/{name}/routes")
public class RoutesWebResource extends V6ProxyWebResource {

    @Context
    private UriInfo uriInfo;

    /**
     * Lists the routes of a service in the order they are tried.
     *
     * @param name service name
     * @return 200 OK with {"routes": [...]}; 404 if there is no such service
     * @onos.rsModel Routes
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response getRoutes(@PathParam("name") String name) {
        return ok(encodeArray(Route.class, "routes", service(name).routes())).build();
    }

    /**
     * Appends a route to a service.
     *
     * @param name service name
     * @param stream JSON route object
     * @return 201 Created with the routes' location and the route as accepted; 400 with a
     * message if the route is invalid or not allowed; 404 if there is no such service
     * @throws IOException (400) if the body is not JSON
     * @onos.rsModel Route
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response addRoute(@PathParam("name") String name, InputStream stream) throws IOException {
        service(name);
        Route route = codec(Route.class).decode(readObject(stream), this);
        admin().addRoute(name, route);
        return Response.created(uriInfo.getBaseUriBuilder().path("services").path(name).path("routes").build())
                .entity(codec(Route.class).encode(route, this)).type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * Removes the route with the given match.
     *
     * @param name service name
     * @param match the route's match
     * @return 204 No Content; 400 without a match; 404 if there is no such service or route
     */
    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response removeRoute(@PathParam("name") String name, @QueryParam("match") String match) {
        if (match == null || match.isEmpty()) {
            throw new IllegalArgumentException("query parameter \"match\" is missing");
        }
        service(name);
        if (!admin().removeRoute(name, match)) {
            throw new ItemNotFoundException("service \"" + name + "\" has no route \"" + match + "\"");
        }
        return Response.noContent().build();
    }
}
