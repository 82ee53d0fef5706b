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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.TestProperties;
import org.onlab.osgi.ServiceDirectory;
import org.onlab.osgi.TestServiceDirectory;
import org.onlab.rest.AuthorizationFilter;
import org.onlab.rest.BaseResource;
import org.onosproject.codec.CodecService;
import org.v6proxy.api.ProxyAdminService;
import org.v6proxy.api.ProxyService;
import org.v6proxy.testing.FakeProxyAdminService;
import org.v6proxy.testing.MapCodecService;

import javax.ws.rs.core.Application;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.io.IOException;
import java.lang.reflect.Field;

import static org.junit.Assert.assertEquals;

/**
 * Runs the real v6proxy REST application (resources, ONOS's exception mappers and
 * JSON writer) in an embedded Grizzly server over a fake proxy service.
 */
public abstract class V6ProxyResourceTest extends JerseyTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Assigned in configure(), which JerseyTest calls from its constructor: no initializer here. */
    protected FakeProxyAdminService proxy;

    @Override
    protected Application configure() {
        forceSet(TestProperties.CONTAINER_PORT, "0");
        AuthorizationFilter.disableForTests();
        proxy = new FakeProxyAdminService();
        setServiceDirectory(new TestServiceDirectory()
                                    .add(ProxyService.class, proxy)
                                    .add(ProxyAdminService.class, proxy)
                                    .add(CodecService.class, MapCodecService.withV6ProxyCodecs()));
        return ResourceConfig.forApplication(new V6ProxyWebApplication());
    }

    /**
     * Points BaseResource at the given services. ONOS 2.7's BaseResource has no
     * public setter (ONOS's own ResourceTest sets the field the same way).
     *
     * @param directory services
     */
    private static void setServiceDirectory(ServiceDirectory directory) {
        try {
            Field field = BaseResource.class.getDeclaredField("services");
            field.setAccessible(true);
            field.set(null, directory);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set BaseResource.services", e);
        }
    }

    /**
     * Parses a response body.
     *
     * @param response response
     * @return JSON
     * @throws IOException if the body is not JSON
     */
    protected static JsonNode body(Response response) throws IOException {
        return MAPPER.readTree(response.readEntity(String.class));
    }

    /**
     * Parses JSON text.
     *
     * @param text JSON
     * @return tree
     * @throws IOException if it is not JSON
     */
    protected static JsonNode json(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    /**
     * Checks an ONOS error response: status, JSON type and {"code": status, "message": message}.
     *
     * @param response response
     * @param status expected status
     * @param message expected message
     * @throws IOException if the body is not JSON
     */
    protected static void assertError(Response response, int status, String message) throws IOException {
        assertEquals(status, response.getStatus());
        assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getMediaType());
        JsonNode body = body(response);
        assertEquals(status, body.get("code").asInt());
        assertEquals(message, body.get("message").asText());
    }
}
