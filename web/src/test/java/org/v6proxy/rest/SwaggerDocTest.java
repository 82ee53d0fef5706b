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
import com.google.common.collect.ImmutableSet;
import org.junit.Test;

import java.io.File;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Checks the API description that onos-maven-plugin's swagger goal generated from
 * the resources' Javadoc (it runs before the tests): every endpoint is there and
 * every referenced schema exists.
 */
public class SwaggerDocTest {

    private static JsonNode swagger() throws IOException {
        File file = new File("target/swagger.json");
        assertTrue("swagger goal output missing: " + file.getAbsolutePath(), file.isFile());
        return new ObjectMapper().readTree(file);
    }

    @Test
    public void documentsEveryEndpoint() throws IOException {
        JsonNode swagger = swagger();
        assertEquals("/onos/v6proxy", swagger.get("basePath").asText());
        Set<String> endpoints = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = swagger.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(m -> endpoints.add(m.toUpperCase() + " " + path.getKey()));
        }
        assertEquals(new TreeSet<>(ImmutableSet.of(
                "GET /services", "POST /services", "GET /services/{name}", "DELETE /services/{name}",
                "GET /services/{name}/routes", "POST /services/{name}/routes", "DELETE /services/{name}/routes",
                "GET /connections", "DELETE /connections", "GET /counters", "DELETE /counters",
                "GET /settings")), endpoints);
    }

    @Test
    public void everyReferencedSchemaIsDefined() throws IOException {
        JsonNode swagger = swagger();
        Set<String> refs = new TreeSet<>();
        for (JsonNode ref : swagger.get("paths").findValues("$ref")) {
            refs.add(ref.asText().replace("#/definitions/", ""));
        }
        assertEquals(ImmutableSet.of("Connections", "ConnectionsRemoved", "Counters", "Route", "Routes", "Service",
                                     "Services", "Settings"), refs);
        for (String ref : refs) {
            assertTrue(ref, swagger.get("definitions").has(ref));
            assertEquals(ref, "object", swagger.get("definitions").get(ref).get("type").asText());
        }
    }
}
