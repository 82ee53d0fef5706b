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

import org.v6proxy.testbed.component.ServiceRegistry;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Sets up each request of one testbed's server: the resources' service lookups go to
 * that testbed's registry, and the caller holds the ONOS roles "admin" and "viewer"
 * that ONOS's AuthorizationFilter demands. The testbed has no user database: the server
 * listens on loopback only, and whoever can reach it may change the services, as with
 * the netcfg file the testbed also takes.
 */
@PreMatching
final class TestbedRequestScope implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Principal USER = () -> "testbed";

    private static final SecurityContext LOOPBACK_ADMIN = new SecurityContext() {
        @Override
        public Principal getUserPrincipal() {
            return USER;
        }

        @Override
        public boolean isUserInRole(String role) {
            return true;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return null;
        }
    };

    private final RequestServiceDirectory directory;
    private final ServiceRegistry registry;

    /**
     * Creates the filter of one server.
     *
     * @param directory the directory BaseResource uses
     * @param registry the services of the testbed this server belongs to
     */
    TestbedRequestScope(RequestServiceDirectory directory, ServiceRegistry registry) {
        this.directory = directory;
        this.registry = registry;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        directory.bind(registry);
        request.setSecurityContext(LOOPBACK_ADMIN);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        directory.unbind();
    }
}
