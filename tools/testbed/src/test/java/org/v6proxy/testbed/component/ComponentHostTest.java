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

import org.junit.Before;
import org.junit.Test;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Reading DS annotations from class files and activating components with them.
 */
public class ComponentHostTest {

    private ServiceRegistry registry;
    private ComponentHost host;

    @Before
    public void setUp() {
        Fixtures.EVENTS.clear();
        registry = new ServiceRegistry();
        registry.register(Fixtures.Greeter.class, () -> "hi");
        host = new ComponentHost(registry);
    }

    @Test
    public void classFileAnnotationsAreReadDespiteClassRetention() throws Exception {
        ClassAnnotations a = ClassAnnotations.of(Fixtures.Manager.class);
        assertEquals(Fixtures.Manager.class.getName(), a.className());
        AnnotationInfo component = a.classAnnotation(Component.class);
        assertEquals(List.of(Fixtures.ManagerApi.class.getName()), component.classNames("service"));
        assertEquals("boolean element, an int constant in the class file", 1, component.value("immediate"));
        AnnotationInfo ref = a.fields().get("optional").get(0);
        assertTrue(ref.is(Reference.class));
        assertEquals("OPTIONAL", ((AnnotationInfo.EnumValue) ref.value("cardinality")).name());
        assertTrue(a.methods().containsKey("activate(Lorg/osgi/service/component/ComponentContext;)V"));
        assertTrue(ClassAnnotations.of(Fixtures.Base.class).fields().containsKey("baseGreeter"));
    }

    @Test
    public void activatesInOrderInjectingEveryReferenceAndRegistersServices() {
        Object store = host.activate(Fixtures.Store.class.getName());
        Fixtures.Manager manager = (Fixtures.Manager) host.activate(Fixtures.Manager.class);
        assertSame(store, registry.get(Fixtures.StoreApi.class));
        assertSame(manager, registry.get(Fixtures.ManagerApi.class));
        assertSame(store, manager.store);
        assertEquals("hi", manager.baseGreeter().greet());
        assertNull("optional reference without a provider stays null", manager.optional);
        assertEquals(Fixtures.Manager.class.getName(), manager.componentName);
        assertEquals(List.of("store activate hi", "manager activate hi store"), Fixtures.EVENTS);
        assertEquals(List.of(store, manager), host.components());
    }

    @Test
    public void withoutServiceElementTheDirectInterfacesAreProvided() {
        Object plain = host.activate(Fixtures.Plain.class);
        assertSame(plain, registry.get(Fixtures.PlainApi.class));
    }

    @Test
    public void deactivatesInReverseOrderAndUnregisters() {
        host.activate(Fixtures.Store.class);
        host.activate(Fixtures.Manager.class);
        Fixtures.EVENTS.clear();
        host.deactivateAll();
        assertEquals(List.of("manager deactivate", "store deactivate"), Fixtures.EVENTS);
        assertNull(registry.get(Fixtures.StoreApi.class));
        assertTrue(host.components().isEmpty());
    }

    @Test
    public void anAbsentClassIsSkipped() {
        assertNull(host.activate("org.v6proxy.impl.NoSuchComponent"));
    }

    @Test
    public void aMissingMandatoryReferenceNamesClassFieldAndType() {
        try {
            host.activate(Fixtures.NeedsMissing.class);
            fail("activated without its reference");
        } catch (ComponentException e) {
            assertThat(e.getMessage(), containsString(Fixtures.NeedsMissing.class.getName()));
            assertThat(e.getMessage(), containsString("missingThing"));
            assertThat(e.getMessage(), containsString(Fixtures.Missing.class.getName()));
        }
    }

    @Test
    public void aThrowingActivateFailsWithItsCause() {
        try {
            host.activate(Fixtures.Broken.class);
            fail("activated");
        } catch (ComponentException e) {
            assertThat(e.getMessage(), containsString("no config"));
            assertTrue(e.getCause() instanceof IllegalStateException);
        }
    }
}
