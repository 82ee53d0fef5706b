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
package org.v6proxy.testbed.rest;

import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.v6proxy.rest.V6ProxyWebApplication;
import org.v6proxy.testbed.component.ServiceRegistry;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The v6proxy REST API of one testbed: the resource classes of {@link V6ProxyWebApplication}
 * (with ONOS's exception mappers and JSON writer, as in ONOS) in an embedded Grizzly server
 * at {@code http://127.0.0.1:PORT/onos/v6proxy/}. It listens on loopback only and asks for no
 * credentials: every caller acts with ONOS's "admin" role.
 */
public final class RestServer implements AutoCloseable {

    /** Context path, as the web bundle's in ONOS. */
    public static final String CONTEXT = "/onos/v6proxy";
    /** The only address the server listens on. */
    public static final String HOST = "127.0.0.1";

    /** Grizzly logs every start and stop at INFO on stderr: keep only its warnings. */
    private static final Logger GRIZZLY_LOG = Logger.getLogger("org.glassfish.grizzly");

    static {
        GRIZZLY_LOG.setLevel(Level.WARNING);
    }

    private final HttpServer server;
    private final URI uri;

    private RestServer(HttpServer server, URI uri) {
        this.server = server;
        this.uri = uri;
    }

    /**
     * Starts serving the REST API over a testbed's services.
     *
     * @param port TCP port on 127.0.0.1, or 0 for any free port
     * @param services where the resources find ProxyService, ProxyAdminService and CodecService
     * @return the running server
     * @throws IOException naming the address when the port is taken or cannot be bound
     */
    public static RestServer start(int port, ServiceRegistry services) throws IOException {
        checkArgument(port >= 0 && port <= 0xffff, "REST port %s is not in 0..65535", port);
        checkNotNull(services, "services");
        RequestServiceDirectory directory = RequestServiceDirectory.install();
        ResourceConfig app = ResourceConfig.forApplication(new V6ProxyWebApplication())
                .register(new TestbedRequestScope(directory, services));
        URI base = URI.create("http://" + HOST + ":" + port + CONTEXT + "/");
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(base, app, false);
        try {
            server.start();
        } catch (BindException e) {
            server.shutdownNow();
            throw new IOException("REST API: cannot listen on " + HOST + ":" + port + " (" + e.getMessage()
                                          + "; another testbed or ONOS?): choose another port (--rest PORT,"
                                          + " TestbedConfig.Builder.restPort) or none (--no-rest)", e);
        } catch (IOException | RuntimeException e) {
            server.shutdownNow();
            throw new IOException("REST API: cannot start on " + HOST + ":" + port + ": " + e, e);
        }
        int bound = port;
        for (NetworkListener listener : server.getListeners()) {
            bound = listener.getPort();
        }
        return new RestServer(server, URI.create("http://" + HOST + ":" + bound + CONTEXT + "/"));
    }

    /**
     * Returns the API's base address, e.g. {@code http://127.0.0.1:8181/onos/v6proxy/}.
     *
     * @return base URI, ending in a slash
     */
    public URI uri() {
        return uri;
    }

    /**
     * Returns the port the server listens on (the one picked when 0 was asked for).
     *
     * @return TCP port
     */
    public int port() {
        return uri.getPort();
    }

    /**
     * Stops serving; requests in progress are cut off. Safe to call more than once.
     */
    @Override
    public void close() {
        server.shutdownNow();
    }
}
