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

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One annotation read from a class file, with its element values: strings, boxed numbers,
 * class descriptors ({@link ClassValue}), enum constant names ({@link EnumValue}), nested
 * annotations and lists of these.
 */
public final class AnnotationInfo {

    private final String descriptor;
    private final Map<String, Object> values;

    AnnotationInfo(String descriptor, Map<String, Object> values) {
        this.descriptor = checkNotNull(descriptor, "descriptor");
        this.values = Map.copyOf(values);
    }

    /**
     * Returns the annotation type's descriptor, e.g. {@code Lorg/osgi/.../Reference;}.
     *
     * @return descriptor
     */
    public String descriptor() {
        return descriptor;
    }

    /**
     * Returns whether this annotation is of the given type.
     *
     * @param type annotation type
     * @return true when the descriptors match
     */
    public boolean is(Class<?> type) {
        return descriptor.equals(descriptorOf(type));
    }

    /**
     * Returns an element value as written in the class file (defaults are not recorded there).
     *
     * @param element element name
     * @return the value, or null when the element was left at its default
     */
    public Object value(String element) {
        return values.get(element);
    }

    /**
     * Returns the class names of a class-array element such as {@code service = {A.class}}.
     *
     * @param element element name
     * @return binary class names, or null when the element is absent
     */
    public List<String> classNames(String element) {
        Object v = values.get(element);
        if (v == null) {
            return null;
        }
        List<?> list = v instanceof List ? (List<?>) v : List.of(v);
        return list.stream().map(o -> ((ClassValue) o).className()).collect(Collectors.toList());
    }

    /**
     * Returns the JVM descriptor of a class.
     *
     * @param type class
     * @return descriptor such as {@code Ljava/lang/String;}
     */
    static String descriptorOf(Class<?> type) {
        return "L" + type.getName().replace('.', '/') + ";";
    }

    @Override
    public String toString() {
        return "@" + descriptor + values;
    }

    /** A class literal element value. */
    public static final class ClassValue {
        private final String descriptor;

        ClassValue(String descriptor) {
            this.descriptor = descriptor;
        }

        /**
         * Returns the binary class name of an object type descriptor.
         *
         * @return name such as {@code org.v6proxy.api.ProxyService}
         */
        public String className() {
            if (descriptor.startsWith("L") && descriptor.endsWith(";")) {
                return descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
            }
            return descriptor;
        }

        @Override
        public String toString() {
            return className() + ".class";
        }
    }

    /** An enum constant element value. */
    public static final class EnumValue {
        private final String typeDescriptor;
        private final String name;

        EnumValue(String typeDescriptor, String name) {
            this.typeDescriptor = typeDescriptor;
            this.name = name;
        }

        /**
         * Returns the enum type's descriptor.
         *
         * @return descriptor
         */
        public String typeDescriptor() {
            return typeDescriptor;
        }

        /**
         * Returns the constant's name.
         *
         * @return name such as {@code MANDATORY}
         */
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
