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

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * DS components used by the component host tests, annotated as the app's components are.
 */
final class Fixtures {

    /** What the fixtures did, in order. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private Fixtures() {
    }

    /** A service the test registers. */
    interface Greeter {
        String greet();
    }

    /** A service nobody registers. */
    interface Missing {
    }

    /** The store's service interface. */
    interface StoreApi {
        String name();
    }

    /** The manager's service interface. */
    interface ManagerApi {
        String describe();
    }

    /** Another interface, implemented by the plain component. */
    interface PlainApi {
    }

    /** A store: references the greeter, provides StoreApi. */
    @Component(immediate = true, service = StoreApi.class)
    static class Store implements StoreApi {
        @Reference(cardinality = ReferenceCardinality.MANDATORY)
        protected Greeter greeter;

        @Activate
        protected void activate() {
            EVENTS.add("store activate " + greeter.greet());
        }

        @Deactivate
        protected void deactivate() {
            EVENTS.add("store deactivate");
        }

        @Override
        public String name() {
            return "store";
        }
    }

    /** A base class with a private reference, as ONOS's AbstractListenerManager has. */
    abstract static class Base {
        @Reference(cardinality = ReferenceCardinality.MANDATORY)
        private Greeter baseGreeter;

        Greeter baseGreeter() {
            return baseGreeter;
        }
    }

    /** A manager: superclass reference, store reference, optional reference, context. */
    @Component(immediate = true, service = {ManagerApi.class})
    static class Manager extends Base implements ManagerApi, Runnable {
        @Reference(cardinality = ReferenceCardinality.MANDATORY)
        protected StoreApi store;

        @Reference(cardinality = ReferenceCardinality.OPTIONAL)
        protected Missing optional;

        String componentName;

        @Activate
        protected void activate(ComponentContext context) {
            componentName = (String) context.getProperties().get("component.name");
            EVENTS.add("manager activate " + baseGreeter().greet() + " " + store.name());
        }

        @Deactivate
        protected void deactivate() {
            EVENTS.add("manager deactivate");
        }

        @Override
        public String describe() {
            return "manager";
        }

        @Override
        public void run() {
        }
    }

    /** No service element: provided under the interfaces it implements directly. */
    @Component(immediate = true)
    static class Plain implements PlainApi {
    }

    /** Needs a service nobody provides. */
    @Component(immediate = true)
    static class NeedsMissing {
        @Reference(cardinality = ReferenceCardinality.MANDATORY)
        protected Missing missingThing;
    }

    /** Fails in activate. */
    @Component(immediate = true)
    static class Broken {
        @Activate
        protected void activate() {
            throw new IllegalStateException("no config");
        }
    }
}
