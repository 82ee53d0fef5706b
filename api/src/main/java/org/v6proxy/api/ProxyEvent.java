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

import org.onosproject.event.AbstractEvent;

/**
 * A change of the service table.
 */
public class ProxyEvent extends AbstractEvent<ProxyEvent.Type, VirtualService> {

    /**
     * Kinds of service table change.
     */
    public enum Type {
        /** A service appeared in the config. */
        SERVICE_ADDED,
        /** A service's definition changed. */
        SERVICE_UPDATED,
        /** A service left the config; its connections were reset. */
        SERVICE_REMOVED
    }

    /**
     * Creates an event.
     *
     * @param type kind of change
     * @param subject the service (the old definition for removals)
     */
    public ProxyEvent(Type type, VirtualService subject) {
        super(type, subject);
    }
}
