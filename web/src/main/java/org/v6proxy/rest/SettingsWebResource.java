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
import org.v6proxy.api.ProxySettings;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * The global settings in force.
 */
@Path("settings")
public class SettingsWebResource extends V6ProxyWebResource {

    /**
     * Shows the client prefix, gateway MAC, MTUs and idle timeouts in force.
     *
     * @return 200 OK with the settings; 404 if no valid v6proxy config is applied
     * @onos.rsModel Settings
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response getSettings() {
        ProxySettings settings = proxy().getSettings().orElseThrow(
                () -> new ItemNotFoundException("no valid v6proxy configuration is applied"));
        return ok(codec(ProxySettings.class).encode(settings, this)).build();
    }
}
