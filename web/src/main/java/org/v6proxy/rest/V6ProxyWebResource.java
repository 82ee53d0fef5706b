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
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.util.ItemNotFoundException;
import org.onosproject.rest.AbstractWebResource;
import org.v6proxy.api.ProxyAdminService;
import org.v6proxy.api.ProxyService;
import org.v6proxy.api.VirtualService;

import java.io.IOException;
import java.io.InputStream;

/**
 * Common ground of the v6proxy resources. Errors travel as exceptions that ONOS's
 * mappers (registered by {@link org.onlab.rest.AbstractWebApplication}) turn into
 * {"code": ..., "message": ...}: IllegalArgumentException and unparsable JSON give
 * 400, ItemNotFoundException 404, IllegalStateException 409.
 */
abstract class V6ProxyWebResource extends AbstractWebResource {

    /**
     * Returns the read-only proxy service.
     *
     * @return service
     */
    ProxyService proxy() {
        return get(ProxyService.class);
    }

    /**
     * Returns the proxy admin service.
     *
     * @return service
     */
    ProxyAdminService admin() {
        return get(ProxyAdminService.class);
    }

    /**
     * Returns a configured service.
     *
     * @param name service name
     * @return service
     * @throws ItemNotFoundException (404) if there is none
     */
    VirtualService service(String name) {
        return proxy().getService(name).orElseThrow(() -> noService(name));
    }

    /**
     * Returns the 404 error for an unknown service.
     *
     * @param name service name
     * @return exception to throw
     */
    static ItemNotFoundException noService(String name) {
        return new ItemNotFoundException("no service named \"" + name + "\"");
    }

    /**
     * Reads a request body that must be one JSON object.
     *
     * @param stream request body
     * @return the object
     * @throws IOException (400) if it is not JSON
     */
    ObjectNode readObject(InputStream stream) throws IOException {
        JsonNode node = mapper().readTree(stream);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("request body must be a JSON object");
        }
        return (ObjectNode) node;
    }
}
