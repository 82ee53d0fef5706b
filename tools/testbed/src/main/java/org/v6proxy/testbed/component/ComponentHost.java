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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Activates OSGi declarative-services components the way Felix SCR would, without OSGi:
 * <ol>
 *   <li>instantiate with the no-argument constructor (any visibility);</li>
 *   <li>inject every field annotated {@code @Reference} in the class and its superclasses
 *       (any visibility) with the registered service assignable to the field's type (or
 *       to the annotation's {@code service}); a mandatory reference nobody provides fails
 *       naming the class, field and type; an optional one stays null;</li>
 *   <li>call the {@code @Activate} method (no arguments, or a ComponentContext, a
 *       properties Map, a BundleContext (null));</li>
 *   <li>register the instance under each type of {@code @Component(service = ...)}, or,
 *       when that element is absent, under the interfaces the class implements directly
 *       (the DS default), so that later components can reference it.</li>
 * </ol>
 * The DS annotations have CLASS retention, so they are read from the class files
 * ({@link ClassAnnotations}). Deactivation calls {@code @Deactivate} in reverse order.
 */
public final class ComponentHost {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final ServiceRegistry registry;
    private final List<Active> active = new ArrayList<>();

    /** An activated component and what is needed to deactivate it. */
    private static final class Active {
        final Object instance;
        final Method deactivate;
        final ComponentContext context;

        Active(Object instance, Method deactivate, ComponentContext context) {
            this.instance = instance;
            this.deactivate = deactivate;
            this.context = context;
        }
    }

    /**
     * Creates a host over a service registry.
     *
     * @param registry services to inject; activated components are added to it
     */
    public ComponentHost(ServiceRegistry registry) {
        this.registry = checkNotNull(registry, "registry");
    }

    /**
     * Activates a component by class name.
     *
     * @param className binary class name
     * @return the active component, or null when the class is not on the class path (logged)
     * @throws ComponentException when the class exists but cannot be activated
     */
    public Object activate(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            log.info("component {} skipped: class not on the class path", className);
            return null;
        }
        return activate(type);
    }

    /**
     * Activates a component.
     *
     * @param type component class
     * @return the active component
     * @throws ComponentException when it cannot be instantiated, wired or activated
     */
    public synchronized Object activate(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        Map<Class<?>, ClassAnnotations> annotations = new HashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getName().startsWith("java.")) {
                break;
            }
            hierarchy.add(c);
            try {
                annotations.put(c, ClassAnnotations.of(c));
            } catch (IOException e) {
                throw new ComponentException("component " + type.getName() + ": cannot read the class file of "
                                                     + c.getName() + ": " + e.getMessage(), e);
            }
        }
        AnnotationInfo component = annotations.get(type).classAnnotation(Component.class);
        if (component == null) {
            log.warn("{} is not annotated @Component; activating it anyway", type.getName());
        }
        Object instance = instantiate(type);
        List<String> wired = new ArrayList<>();
        for (Class<?> c : hierarchy) {
            inject(type, c, annotations.get(c), instance, wired);
        }
        ComponentContext context = new TestbedComponentContext(type.getName());
        Method activateMethod = lifecycleMethod(type, hierarchy, annotations, Activate.class);
        Method deactivateMethod = lifecycleMethod(type, hierarchy, annotations, Deactivate.class);
        if (activateMethod != null) {
            invoke(type, instance, activateMethod, context, "activate");
        }
        List<String> provided = register(type, component, instance);
        active.add(new Active(instance, deactivateMethod, context));
        log.info("component {} active; references {}; provides {}", type.getName(), wired, provided);
        return instance;
    }

    private Object instantiate(Class<?> type) {
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new ComponentException("component " + type.getName() + " is abstract");
        }
        try {
            Constructor<?> ctor = type.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new ComponentException("component " + type.getName() + " has no no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new ComponentException("component " + type.getName() + ": constructor threw "
                                                 + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ComponentException("component " + type.getName() + " cannot be instantiated: " + e, e);
        }
    }

    private void inject(Class<?> type, Class<?> declaring, ClassAnnotations info, Object instance,
                        List<String> wired) {
        for (Map.Entry<String, List<AnnotationInfo>> m : info.methods().entrySet()) {
            if (m.getValue().stream().anyMatch(a -> a.is(Reference.class))) {
                throw new ComponentException("component " + type.getName() + ": method " + declaring.getName()
                        + "." + m.getKey() + " is a @Reference bind method; the testbed injects fields only");
            }
        }
        for (Map.Entry<String, List<AnnotationInfo>> f : info.fields().entrySet()) {
            AnnotationInfo ref = f.getValue().stream().filter(a -> a.is(Reference.class)).findFirst().orElse(null);
            if (ref == null) {
                continue;
            }
            Field field;
            try {
                field = declaring.getDeclaredField(f.getKey());
            } catch (NoSuchFieldException e) {
                throw new ComponentException("component " + type.getName() + ": field " + f.getKey()
                                                     + " not found in " + declaring.getName(), e);
            }
            String where = "component " + type.getName() + ": @Reference field " + declaring.getSimpleName() + "."
                    + field.getName();
            Class<?> serviceType = referenceType(where, ref, field);
            Object cardinality = ref.value("cardinality");
            boolean optional = cardinality instanceof AnnotationInfo.EnumValue
                    && ((AnnotationInfo.EnumValue) cardinality).name().equals("OPTIONAL");
            if (cardinality instanceof AnnotationInfo.EnumValue
                    && ((AnnotationInfo.EnumValue) cardinality).name().matches("MULTIPLE|AT_LEAST_ONE")
                    || Collection.class.isAssignableFrom(field.getType())) {
                throw new ComponentException(where + ": multiple-cardinality references are not supported");
            }
            Object service = registry.get(serviceType);
            if (service == null) {
                if (optional) {
                    log.info("{} of type {}: optional, no testbed service; left null", where, serviceType.getName());
                    continue;
                }
                throw new ComponentException(where + " of type " + serviceType.getName()
                        + ": no testbed service of that type is registered (registered: " + registry.typeNames()
                        + ")");
            }
            if (!field.getType().isInstance(service)) {
                throw new ComponentException(where + ": the " + serviceType.getName() + " service ("
                        + service.getClass().getName() + ") is not assignable to " + field.getType().getName());
            }
            try {
                field.setAccessible(true);
                field.set(instance, service);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new ComponentException(where + ": cannot be set: " + e, e);
            }
            wired.add(field.getName());
        }
    }

    private static Class<?> referenceType(String where, AnnotationInfo ref, Field field) {
        List<String> service = ref.classNames("service");
        if (service == null || service.isEmpty()) {
            return field.getType();
        }
        try {
            return Class.forName(service.get(0), false, field.getDeclaringClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ComponentException(where + ": service type " + service.get(0) + " not found", e);
        }
    }

    private static Method lifecycleMethod(Class<?> type, List<Class<?>> hierarchy,
                                          Map<Class<?>, ClassAnnotations> annotations, Class<?> marker) {
        // As SCR: the most derived class declaring an annotated method wins.
        for (Class<?> c : hierarchy) {
            for (Map.Entry<String, List<AnnotationInfo>> m : annotations.get(c).methods().entrySet()) {
                if (m.getValue().stream().anyMatch(a -> a.is(marker))) {
                    for (Method method : c.getDeclaredMethods()) {
                        if (m.getKey().equals(method.getName() + descriptor(method))) {
                            return method;
                        }
                    }
                    throw new ComponentException("component " + type.getName() + ": @" + marker.getSimpleName()
                                                         + " method " + m.getKey() + " not found by reflection");
                }
            }
        }
        return null;
    }

    private void invoke(Class<?> type, Object instance, Method method, ComponentContext context, String what) {
        Class<?>[] params = method.getParameterTypes();
        Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            if (params[i].isAssignableFrom(ComponentContext.class)) {
                args[i] = context;
            } else if (params[i] == Map.class) {
                Map<String, Object> props = new HashMap<>();
                props.put("component.name", type.getName());
                args[i] = props;
            } else if (params[i] == int.class || params[i] == Integer.class) {
                args[i] = 0;
            } else {
                args[i] = null;
            }
        }
        try {
            method.setAccessible(true);
            method.invoke(instance, args);
        } catch (InvocationTargetException e) {
            throw new ComponentException("component " + type.getName() + ": " + what + " method "
                                                 + method.getName() + " threw " + e.getCause(), e.getCause());
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ComponentException("component " + type.getName() + ": cannot call " + what + " method "
                                                 + method.getName() + ": " + e, e);
        }
    }

    private List<String> register(Class<?> type, AnnotationInfo component, Object instance) {
        List<String> names = component == null ? null : component.classNames("service");
        List<Class<?>> types = new ArrayList<>();
        if (names == null) {
            types.addAll(List.of(type.getInterfaces()));
        } else {
            for (String n : names) {
                try {
                    types.add(Class.forName(n, false, type.getClassLoader()));
                } catch (ClassNotFoundException e) {
                    throw new ComponentException("component " + type.getName() + ": service type " + n
                                                         + " not found", e);
                }
            }
        }
        List<String> provided = new ArrayList<>();
        for (Class<?> t : types) {
            registry.registerAs(t, instance);
            provided.add(t.getSimpleName());
        }
        // The class itself too, so that Testbed.component(ImplClass.class) finds it.
        registry.registerAs(type, instance);
        return provided;
    }

    /**
     * Deactivates every active component, last activated first. A deactivate method that
     * throws is logged and the others still run.
     */
    public synchronized void deactivateAll() {
        for (int i = active.size() - 1; i >= 0; i--) {
            Active a = active.get(i);
            Class<?> type = a.instance.getClass();
            try {
                if (a.deactivate != null) {
                    invoke(type, a.instance, a.deactivate, a.context, "deactivate");
                }
                log.info("component {} deactivated", type.getName());
            } catch (ComponentException e) {
                log.warn("{}", e.getMessage(), e.getCause());
            }
            registry.unregister(a.instance);
        }
        active.clear();
    }

    /**
     * Returns the active components in activation order.
     *
     * @return components
     */
    public synchronized List<Object> components() {
        List<Object> list = new ArrayList<>();
        active.forEach(a -> list.add(a.instance));
        return list;
    }

    /**
     * Returns the JVM descriptor of a method, e.g. {@code (Lorg/osgi/...;)V}.
     *
     * @param m method
     * @return descriptor
     */
    static String descriptor(Method m) {
        StringBuilder b = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) {
            b.append(descriptor(p));
        }
        return b.append(')').append(descriptor(m.getReturnType())).toString();
    }

    private static String descriptor(Class<?> c) {
        if (c.isArray()) {
            return c.getName().replace('.', '/');
        }
        if (c.isPrimitive()) {
            if (c == void.class) {
                return "V";
            } else if (c == boolean.class) {
                return "Z";
            } else if (c == byte.class) {
                return "B";
            } else if (c == char.class) {
                return "C";
            } else if (c == short.class) {
                return "S";
            } else if (c == int.class) {
                return "I";
            } else if (c == long.class) {
                return "J";
            } else if (c == float.class) {
                return "F";
            }
            return "D";
        }
        return "L" + c.getName().replace('.', '/') + ";";
    }
}
