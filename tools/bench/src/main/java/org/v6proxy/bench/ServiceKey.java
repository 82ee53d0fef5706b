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
package org.v6proxy.bench;

import org.onlab.packet.Ip4Address;

import java.util.Objects;

/** VIP and port of a service: the conventional implementations' service map key. */
final class ServiceKey {
    private final Ip4Address vip;
    private final int port;

    /**
     * Creates a key.
     *
     * @param vip VIP
     * @param port service port
     */
    ServiceKey(Ip4Address vip, int port) {
        this.vip = vip;
        this.port = port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceKey && ((ServiceKey) o).port == port && ((ServiceKey) o).vip.equals(vip);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vip, port);
    }
}
