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

import com.google.common.base.MoreObjects;

import java.util.Objects;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Operator limits on connections, as HAProxy's maxconn and nginx's limit_conn give
 * them: at most so many connections in all, and at most so many per client address.
 * Zero means no limit (for a service: the global value applies). Immutable.
 */
public final class ConnectionLimits {
    /** No limit at all. */
    public static final ConnectionLimits NONE = new ConnectionLimits(0, 0);

    private final int maxConnections;
    private final int maxConnectionsPerClient;

    /**
     * Creates limits.
     *
     * @param maxConnections most connections in all, 0 for none
     * @param maxConnectionsPerClient most connections of one client address, 0 for none
     */
    public ConnectionLimits(int maxConnections, int maxConnectionsPerClient) {
        checkArgument(maxConnections >= 0, "maxConnections %s must not be negative", maxConnections);
        checkArgument(maxConnectionsPerClient >= 0, "maxConnectionsPerClient %s must not be negative",
                      maxConnectionsPerClient);
        this.maxConnections = maxConnections;
        this.maxConnectionsPerClient = maxConnectionsPerClient;
    }

    /**
     * Returns the most connections in all.
     *
     * @return count, 0 for no limit
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * Returns the most connections of one client address.
     *
     * @return count, 0 for no limit
     */
    public int maxConnectionsPerClient() {
        return maxConnectionsPerClient;
    }

    /**
     * Whether any limit is set.
     *
     * @return true unless both are 0
     */
    public boolean any() {
        return maxConnections > 0 || maxConnectionsPerClient > 0;
    }

    /**
     * Returns these limits with each unset one taken from {@code fallback}.
     *
     * @param fallback limits in force where these are 0 (the global ones)
     * @return the limits in force
     */
    public ConnectionLimits orElse(ConnectionLimits fallback) {
        int total = maxConnections > 0 ? maxConnections : fallback.maxConnections;
        int perClient = maxConnectionsPerClient > 0 ? maxConnectionsPerClient : fallback.maxConnectionsPerClient;
        return total == maxConnections && perClient == maxConnectionsPerClient ? this
                : new ConnectionLimits(total, perClient);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectionLimits)) {
            return false;
        }
        ConnectionLimits l = (ConnectionLimits) o;
        return maxConnections == l.maxConnections && maxConnectionsPerClient == l.maxConnectionsPerClient;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxConnections, maxConnectionsPerClient);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("maxConnections", maxConnections)
                .add("maxConnectionsPerClient", maxConnectionsPerClient).toString();
    }
}
