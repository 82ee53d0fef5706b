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

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The annotations of a class, its fields and its methods, read from the class file itself
 * (JVMS chapter 4). Needed because the OSGi declarative-services annotations
 * ({@code @Component}, {@code @Reference}, {@code @Activate}, ...) have CLASS retention:
 * they are in the class file (RuntimeInvisibleAnnotations) but invisible to reflection.
 * Both RuntimeVisible- and RuntimeInvisibleAnnotations attributes are read.
 */
public final class ClassAnnotations {

    private static final int MAGIC = 0xCAFEBABE;

    // Constant pool tags (JVMS 4.4).
    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELDREF = 9;
    private static final int METHODREF = 10;
    private static final int INTERFACE_METHODREF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    private static final String VISIBLE = "RuntimeVisibleAnnotations";
    private static final String INVISIBLE = "RuntimeInvisibleAnnotations";

    private final String className;
    private final List<AnnotationInfo> classAnnotations;
    private final Map<String, List<AnnotationInfo>> fieldAnnotations;
    private final Map<String, List<AnnotationInfo>> methodAnnotations;

    private ClassAnnotations(String className, List<AnnotationInfo> classAnnotations,
                             Map<String, List<AnnotationInfo>> fieldAnnotations,
                             Map<String, List<AnnotationInfo>> methodAnnotations) {
        this.className = className;
        this.classAnnotations = List.copyOf(classAnnotations);
        this.fieldAnnotations = Map.copyOf(fieldAnnotations);
        this.methodAnnotations = Map.copyOf(methodAnnotations);
    }

    /**
     * Reads the annotations of a loaded class from its class file.
     *
     * @param type the class
     * @return its annotations
     * @throws IOException when the class file cannot be found or parsed
     */
    public static ClassAnnotations of(Class<?> type) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader()
                : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("class file " + resource + " not found");
            }
            return parse(in);
        }
    }

    /**
     * Parses a class file.
     *
     * @param in class file bytes
     * @return its annotations
     * @throws IOException when the bytes are not a class file
     */
    public static ClassAnnotations parse(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        if (d.readInt() != MAGIC) {
            throw new IOException("not a class file");
        }
        d.readUnsignedShort();
        d.readUnsignedShort();
        Object[] pool = readPool(d);
        d.readUnsignedShort();                        // access flags
        String name = className(pool, d.readUnsignedShort());
        d.readUnsignedShort();                        // super class
        int interfaces = d.readUnsignedShort();
        for (int i = 0; i < interfaces; i++) {
            d.readUnsignedShort();
        }
        Map<String, List<AnnotationInfo>> fields = readMembers(d, pool, false);
        Map<String, List<AnnotationInfo>> methods = readMembers(d, pool, true);
        List<AnnotationInfo> annotations = readAttributes(d, pool);
        return new ClassAnnotations(name, annotations, fields, methods);
    }

    private static Object[] readPool(DataInputStream d) throws IOException {
        int count = d.readUnsignedShort();
        Object[] pool = new Object[count];
        for (int i = 1; i < count; i++) {
            int tag = d.readUnsignedByte();
            switch (tag) {
                case UTF8:
                    pool[i] = d.readUTF();
                    break;
                case INTEGER:
                    pool[i] = d.readInt();
                    break;
                case FLOAT:
                    pool[i] = d.readFloat();
                    break;
                case LONG:
                    pool[i] = d.readLong();
                    i++;                          // takes two slots (JVMS 4.4.5)
                    break;
                case DOUBLE:
                    pool[i] = d.readDouble();
                    i++;
                    break;
                case CLASS:
                case STRING:
                case METHOD_TYPE:
                case MODULE:
                case PACKAGE:
                    pool[i] = new int[] {d.readUnsignedShort()};
                    break;
                case FIELDREF:
                case METHODREF:
                case INTERFACE_METHODREF:
                case NAME_AND_TYPE:
                case DYNAMIC:
                case INVOKE_DYNAMIC:
                    d.readInt();
                    break;
                case METHOD_HANDLE:
                    d.readUnsignedByte();
                    d.readUnsignedShort();
                    break;
                default:
                    throw new IOException("unknown constant pool tag " + tag + " at index " + i);
            }
        }
        return pool;
    }

    private static String utf8(Object[] pool, int index) throws IOException {
        if (index <= 0 || index >= pool.length || !(pool[index] instanceof String)) {
            throw new IOException("constant " + index + " is not a UTF8 string");
        }
        return (String) pool[index];
    }

    private static String className(Object[] pool, int index) throws IOException {
        if (index <= 0 || index >= pool.length || !(pool[index] instanceof int[])) {
            throw new IOException("constant " + index + " is not a class");
        }
        return utf8(pool, ((int[]) pool[index])[0]).replace('/', '.');
    }

    private static Map<String, List<AnnotationInfo>> readMembers(DataInputStream d, Object[] pool, boolean methods)
            throws IOException {
        Map<String, List<AnnotationInfo>> map = new LinkedHashMap<>();
        int count = d.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            d.readUnsignedShort();                    // access flags
            String name = utf8(pool, d.readUnsignedShort());
            String descriptor = utf8(pool, d.readUnsignedShort());
            List<AnnotationInfo> annotations = readAttributes(d, pool);
            if (!annotations.isEmpty()) {
                map.put(methods ? name + descriptor : name, annotations);
            }
        }
        return map;
    }

    private static List<AnnotationInfo> readAttributes(DataInputStream d, Object[] pool) throws IOException {
        List<AnnotationInfo> annotations = new ArrayList<>();
        int count = d.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            String name = utf8(pool, d.readUnsignedShort());
            int length = d.readInt();
            if (VISIBLE.equals(name) || INVISIBLE.equals(name)) {
                int n = d.readUnsignedShort();
                for (int k = 0; k < n; k++) {
                    annotations.add(readAnnotation(d, pool));
                }
            } else {
                skip(d, length);
            }
        }
        return annotations;
    }

    private static void skip(DataInputStream d, int length) throws IOException {
        int left = length;
        while (left > 0) {
            int n = d.skipBytes(left);
            if (n <= 0) {
                throw new IOException("class file truncated");
            }
            left -= n;
        }
    }

    private static AnnotationInfo readAnnotation(DataInputStream d, Object[] pool) throws IOException {
        String type = utf8(pool, d.readUnsignedShort());
        int pairs = d.readUnsignedShort();
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs; i++) {
            String element = utf8(pool, d.readUnsignedShort());
            values.put(element, readElementValue(d, pool));
        }
        return new AnnotationInfo(type, values);
    }

    // JVMS 4.7.16.1 element_value.
    private static Object readElementValue(DataInputStream d, Object[] pool) throws IOException {
        int tag = d.readUnsignedByte();
        switch (tag) {
            case 'B':
            case 'C':
            case 'D':
            case 'F':
            case 'I':
            case 'J':
            case 'S':
            case 'Z': {
                int index = d.readUnsignedShort();
                return index > 0 && index < pool.length ? pool[index] : null;
            }
            case 's':
                return utf8(pool, d.readUnsignedShort());
            case 'e': {
                String enumType = utf8(pool, d.readUnsignedShort());
                return new AnnotationInfo.EnumValue(enumType, utf8(pool, d.readUnsignedShort()));
            }
            case 'c':
                return new AnnotationInfo.ClassValue(utf8(pool, d.readUnsignedShort()));
            case '@':
                return readAnnotation(d, pool);
            case '[': {
                int n = d.readUnsignedShort();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readElementValue(d, pool));
                }
                return list;
            }
            default:
                throw new IOException("unknown element value tag '" + (char) tag + "'");
        }
    }

    /**
     * Returns the class name recorded in the class file.
     *
     * @return binary class name
     */
    public String className() {
        return className;
    }

    /**
     * Returns the annotations of the class itself.
     *
     * @return annotations
     */
    public List<AnnotationInfo> classAnnotations() {
        return classAnnotations;
    }

    /**
     * Returns the annotated fields: name to annotations.
     *
     * @return map of field name to its annotations
     */
    public Map<String, List<AnnotationInfo>> fields() {
        return fieldAnnotations;
    }

    /**
     * Returns the annotated methods: name + JVM descriptor (e.g. {@code activate()V}) to annotations.
     *
     * @return map of method key to its annotations
     */
    public Map<String, List<AnnotationInfo>> methods() {
        return methodAnnotations;
    }

    /**
     * Returns the class annotation of a type.
     *
     * @param type annotation type
     * @return the annotation, or null
     */
    public AnnotationInfo classAnnotation(Class<?> type) {
        return classAnnotations.stream().filter(a -> a.is(type)).findFirst().orElse(null);
    }
}
