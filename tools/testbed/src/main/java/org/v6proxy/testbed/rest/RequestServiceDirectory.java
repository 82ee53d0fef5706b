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
package org.v6proxy.testbed.rest;

import org.onlab.osgi.ServiceDirectory;
import org.onlab.osgi.ServiceNotFoundException;
import org.onlab.rest.BaseResource;
import org.v6proxy.testbed.component.ServiceRegistry;

import java.lang.reflect.Field;

/**
 * The service directory the REST resources see. ONOS's resources find their services
 * through one static directory in {@link BaseResource} (an OSGi lookup in ONOS); here it
 * resolves against the registry of the testbed whose server is handling the request on
 * the current thread, so several testbeds in one JVM each answer with their own state.
 */
final class RequestServiceDirectory implements ServiceDirectory {

    private static final RequestServiceDirectory INSTANCE = new RequestServiceDirectory();

    private final ThreadLocal<ServiceRegistry> current = new ThreadLocal<>();

    private RequestServiceDirectory() {
    }

    /**
     * Makes BaseResource use this directory. ONOS 2.7's BaseResource has no setter for
     * it (ONOS's own resource tests set the field the same way).
     *
     * @return the directory
     * @throws IllegalStateException when the field cannot be set
     */
    static synchronized RequestServiceDirectory install() {
        try {
            Field field = BaseResource.class.getDeclaredField("services");
            field.setAccessible(true);
            if (field.get(null) != INSTANCE) {
                field.set(null, INSTANCE);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot point org.onlab.rest.BaseResource at the testbed's services: "
                                                    + e, e);
        }
        return INSTANCE;
    }

    /**
     * Binds the current thread (about to handle a request) to a registry.
     *
     * @param registry the serving testbed's registry
     */
    void bind(ServiceRegistry registry) {
        current.set(registry);
    }

    /**
     * Unbinds the current thread once its request is answered.
     */
    void unbind() {
        current.remove();
    }

    @Override
    public <T> T get(Class<T> serviceClass) {
        ServiceRegistry registry = current.get();
        if (registry == null) {
            throw new ServiceNotFoundException("no testbed is serving this thread's request");
        }
        T service = registry.get(serviceClass);
        if (service == null) {
            // 503 through ONOS's ServiceNotFoundMapper, as in ONOS when the app is not active.
            throw new ServiceNotFoundException("the testbed runs no " + serviceClass.getName()
                                                       + " (is its component active?)");
        }
        return service;
    }
}
