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

import org.onosproject.event.ListenerService;

import java.util.Collection;
import java.util.Optional;

/**
 * Read access to v6proxy: configuration in force, live connections, counters.
 */
public interface ProxyService extends ListenerService<ProxyEvent, ProxyListener> {

    /**
     * Returns the global settings in force, or empty when no valid config is applied.
     *
     * @return settings
     */
    Optional<ProxySettings> getSettings();

    /**
     * Returns the services in force, ordered by name.
     *
     * @return services
     */
    Collection<VirtualService> getServices();

    /**
     * Returns one service.
     *
     * @param name service name
     * @return the service, if configured
     */
    Optional<VirtualService> getService(String name);

    /**
     * Returns the live connections (cluster-wide).
     *
     * @return connections
     */
    Collection<Connection> getConnections();

    /**
     * Returns the number of live connections of one service.
     *
     * @param service service name
     * @return count
     */
    int getConnectionCount(String service);

    /**
     * Returns the traffic of one connection as seen by this instance.
     *
     * @param key connection key
     * @return stats, empty when this instance does not know the connection
     */
    default Optional<ConnectionStats> getConnectionStats(ConnectionKey key) {
        return Optional.empty();
    }

    /**
     * Returns this instance's counters.
     *
     * @return snapshot
     */
    ProxyCounters getCounters();
}
