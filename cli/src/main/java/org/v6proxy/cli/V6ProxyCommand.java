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
package org.v6proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.onosproject.cli.AbstractShellCommand;
import org.onosproject.codec.JsonCodec;
import org.v6proxy.api.ProxyAdminService;
import org.v6proxy.api.ProxyService;

/**
 * Common ground of the v6proxy commands: service lookup, verbatim output, and one
 * shape of error message. Everything a command takes from the shell (services, codecs,
 * console, -j, clock) passes through the overrides below, so that a {@link CommandHost}
 * given to {@link #runIn(CommandHost)} replaces it all at once; without one (in Karaf)
 * each goes to AbstractShellCommand as before.
 */
abstract class V6ProxyCommand extends AbstractShellCommand {

    /** Replaces the shell when set (tests); null in Karaf. */
    private CommandHost host;

    /**
     * Runs this command in the given host instead of the Karaf shell.
     *
     * @param h services, codecs, console, -j flag and clock to use
     */
    void runIn(CommandHost h) {
        this.host = h;
    }

    @Override
    public <T> T getService(Class<T> type) {
        return host == null ? super.getService(type) : host.service(type);
    }

    @Override
    public <T> JsonCodec<T> codec(Class<T> type) {
        return host == null ? super.codec(type) : host.codec(type);
    }

    @Override
    public void print(String format, Object... args) {
        if (host == null) {
            super.print(format, args);
        } else {
            host.print(format, args);
        }
    }

    @Override
    public void error(String format, Object... args) {
        if (host == null) {
            super.error(format, args);
        } else {
            host.error(format, args);
        }
    }

    @Override
    protected boolean outputJson() {
        return host == null ? super.outputJson() : host.outputJson();
    }

    /**
     * Returns the time that connection ages are measured against.
     *
     * @return epoch milliseconds
     */
    long now() {
        return host == null ? System.currentTimeMillis() : host.now();
    }

    /**
     * Returns the read-only proxy service.
     *
     * @return service
     */
    ProxyService proxy() {
        return getService(ProxyService.class);
    }

    /**
     * Returns the proxy admin service.
     *
     * @return service
     */
    ProxyAdminService admin() {
        return getService(ProxyAdminService.class);
    }

    /**
     * Prints one line as is (print() would treat '%' in a route match as a format).
     *
     * @param line text
     */
    void line(String line) {
        print("%s", line);
    }

    /**
     * Prints JSON compactly, as ONOS's -j listings do.
     *
     * @param node JSON
     */
    void json(JsonNode node) {
        print("%s", node.toString());
    }

    /**
     * Reports a rejected argument or change; nothing was changed.
     *
     * @param message what is wrong
     */
    void fail(String message) {
        error("Error: %s", message);
    }
}
