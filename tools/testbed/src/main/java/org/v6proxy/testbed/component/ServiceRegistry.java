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
package org.v6proxy.testbed.component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The testbed's service directory: implementations registered under the interfaces (or
 * classes) they provide, in registration order. A lookup takes the implementation
 * registered under exactly that type, else the first one registered that is assignable to it.
 */
public final class ServiceRegistry {

    private final Map<Class<?>, Object> services = new LinkedHashMap<>();

    /**
     * Registers an implementation under a type.
     *
     * @param type the service type
     * @param implementation the implementation
     * @param <T> service type
     */
    public synchronized <T> void register(Class<T> type, T implementation) {
        registerAs(type, implementation);
    }

    /**
     * Registers an implementation under a type checked at run time.
     *
     * @param type the service type
     * @param implementation an instance of that type
     * @throws IllegalArgumentException when the implementation is not of the type
     */
    public synchronized void registerAs(Class<?> type, Object implementation) {
        checkNotNull(type, "type");
        checkNotNull(implementation, "implementation");
        checkArgument(type.isInstance(implementation), "%s is not a %s", implementation.getClass().getName(),
                      type.getName());
        services.put(type, implementation);
    }

    /**
     * Removes every registration of an implementation.
     *
     * @param implementation the implementation
     */
    public synchronized void unregister(Object implementation) {
        services.values().removeIf(v -> v == implementation);
    }

    /**
     * Returns the implementation of a type.
     *
     * @param type service type
     * @param <T> service type
     * @return the implementation, or null when none is registered
     */
    public synchronized <T> T get(Class<T> type) {
        Object exact = services.get(type);
        if (exact != null) {
            return type.cast(exact);
        }
        for (Object o : services.values()) {
            if (type.isInstance(o)) {
                return type.cast(o);
            }
        }
        return null;
    }

    /**
     * Returns the names of the registered types, for error messages.
     *
     * @return type names in registration order
     */
    public synchronized List<String> typeNames() {
        List<String> names = new ArrayList<>();
        services.keySet().forEach(c -> names.add(c.getSimpleName()));
        return names;
    }
}
