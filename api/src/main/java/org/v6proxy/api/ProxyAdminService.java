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
package org.v6proxy.api;

/**
 * Changes to v6proxy. Service and route changes are written to ONOS network
 * config (the single source of truth) and take effect through it; invalid
 * changes throw {@link IllegalArgumentException} and change nothing.
 */
public interface ProxyAdminService extends ProxyService {

    /**
     * Adds a service.
     *
     * @param service the new service; its name must be unused
     */
    void addService(VirtualService service);

    /**
     * Removes a service; its connections are reset.
     *
     * @param name service name
     * @return true if it existed
     */
    boolean removeService(String name);

    /**
     * Appends a route to a delayed-binding service.
     *
     * @param service service name
     * @param route the route; its match must be new in that service
     */
    void addRoute(String service, Route route);

    /**
     * Removes a route.
     *
     * @param service service name
     * @param match the route's match
     * @return true if it existed
     */
    boolean removeRoute(String service, String match);

    /**
     * Resets one connection (RST to both ends) and forgets it.
     *
     * @param key connection key
     * @return true if it existed
     */
    boolean removeConnection(ConnectionKey key);

    /**
     * Sets this instance's counters to zero.
     */
    void resetCounters();
}
