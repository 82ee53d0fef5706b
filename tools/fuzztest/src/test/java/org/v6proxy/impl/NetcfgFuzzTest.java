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
package org.v6proxy.impl;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.config.InvalidFieldException;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.api.VirtualService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzz target of the netcfg JSON (README "Network config"): whatever an operator or a
 * REST client posts. In the package of the code under test: the service table is not public.
 */
class NetcfgFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ApplicationId APP = new DefaultApplicationId(1, "org.v6proxy");

    /**
     * A JSON object is either rejected with an InvalidFieldException that names a field
     * (never the catch-all "cannot be read", which stands for an exception the validation
     * did not expect) or accepted; an accepted config's settings and services read without
     * an exception, build the service table the proxy runs on, and survive writing the
     * services back as JSON and reading them again unchanged.
     */
    @FuzzTest
    void config(byte[] data) {
        JsonNode node;
        try {
            node = MAPPER.readTree(new String(data, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return;                                 // not JSON: ONOS's netcfg parser refuses it before us
        }
        if (!(node instanceof ObjectNode)) {
            return;                                 // ONOS hands an app config only objects
        }
        V6ProxyConfig config = load(node);
        try {
            config.isValid();
        } catch (InvalidFieldException e) {
            // The catch-all names the config key itself (a field has a path) and "cannot be read".
            if (V6ProxyConfig.CONFIG_KEY.equals(e.field()) && String.valueOf(e.reason()).startsWith("cannot be read")) {
                throw new AssertionError("unexpected exception inside validation: " + e.getMessage(), e);
            }
            if (e.field() == null) {
                throw new AssertionError("a refusal that names no field: " + e.getMessage(), e);
            }
            return;
        }
        ProxySettings settings = config.settings();
        List<VirtualService> services = config.services();
        ServiceTable table = new ServiceTable(settings, services);
        if (table.all().size() != services.size()) {
            throw new AssertionError("table lost services: " + table.all() + " vs " + services);
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        V6ProxyConfig rewritten = load(copy).services(services);
        rewritten.isValid();
        if (!rewritten.services().equals(services)) {
            throw new AssertionError("services change when written back: " + services + " vs "
                                             + rewritten.services());
        }
    }

    private static V6ProxyConfig load(JsonNode node) {
        V6ProxyConfig config = new V6ProxyConfig();
        config.init(APP, V6ProxyConfig.CONFIG_KEY, node, MAPPER, c -> { });
        return config;
    }
}
