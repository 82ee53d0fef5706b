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
package org.v6proxy.impl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.net.config.InvalidFieldException;

import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Typed, strict reads of JSON config fields. Every failure is an
 * {@link InvalidFieldException} whose field is the JSON path (for example
 * {@code services[1].routes[0].backend}) and whose reason shows the offending value.
 */
final class ConfigFields {

    private ConfigFields() {
    }

    /**
     * Returns the path of a child field.
     *
     * @param parent path of the enclosing object, empty at the top level
     * @param field field name
     * @return joined path
     */
    static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    /**
     * Returns the path of a list element.
     *
     * @param list path of the list
     * @param index element index, from 0
     * @return joined path
     */
    static String element(String list, int index) {
        return list + "[" + index + "]";
    }

    /**
     * Returns an exception for a field, with a formatted reason.
     *
     * @param path field path
     * @param format reason format (String.format)
     * @param args format arguments
     * @return the exception, for the caller to throw
     */
    static InvalidFieldException invalid(String path, String format, Object... args) {
        return new InvalidFieldException(path, String.format(Locale.ROOT, format, args));
    }

    /**
     * Shows a JSON value as the user wrote it: strings quoted, numbers and structures as JSON.
     *
     * @param value JSON value
     * @return printable value
     */
    static String show(JsonNode value) {
        return value.toString();
    }

    /**
     * Returns a field's value, treating an explicit JSON null as absent.
     *
     * @param obj object holding the field
     * @param field field name
     * @return value or null
     */
    static JsonNode field(ObjectNode obj, String field) {
        JsonNode v = obj.get(field);
        return v == null || v.isNull() ? null : v;
    }

    /**
     * Checks that a value is a JSON object.
     *
     * @param value JSON value (not null)
     * @param path its path
     * @return the object
     */
    static ObjectNode object(JsonNode value, String path) {
        if (value == null || !value.isObject()) {
            throw invalid(path, "%s is not a JSON object", value == null ? "null" : show(value));
        }
        return (ObjectNode) value;
    }

    /**
     * Checks that a value is a JSON list.
     *
     * @param value JSON value (not null)
     * @param path its path
     * @return the list
     */
    static ArrayNode list(JsonNode value, String path) {
        if (!value.isArray()) {
            throw invalid(path, "%s is not a list", show(value));
        }
        return (ArrayNode) value;
    }

    /**
     * Rejects any field not in {@code allowed}, so that typos do not pass silently.
     *
     * @param obj object to check
     * @param parent its path
     * @param allowed the known field names
     */
    static void onlyFields(ObjectNode obj, String parent, Set<String> allowed) {
        Iterator<String> names = obj.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid(path(parent, name), "unknown field \"%s\" (known fields: %s)",
                              name, String.join(", ", allowed));
            }
        }
    }

    /**
     * Reads a required string field.
     *
     * @param obj object holding the field
     * @param parent path of the object
     * @param field field name
     * @return the string, not trimmed
     */
    static String text(ObjectNode obj, String parent, String field) {
        JsonNode v = field(obj, field);
        String p = path(parent, field);
        if (v == null) {
            throw invalid(p, "is missing");
        }
        return text(v, p);
    }

    /**
     * Checks that a value is a JSON string.
     *
     * @param value JSON value (not null)
     * @param path its path
     * @return the string
     */
    static String text(JsonNode value, String path) {
        if (!value.isTextual()) {
            throw invalid(path, "%s is not a string", show(value));
        }
        return value.asText();
    }

    /**
     * Reads a required integer field within a range.
     *
     * @param obj object holding the field
     * @param parent path of the object
     * @param field field name
     * @param min smallest accepted value
     * @param max largest accepted value
     * @return the value
     */
    static int integer(ObjectNode obj, String parent, String field, int min, int max) {
        JsonNode v = field(obj, field);
        String p = path(parent, field);
        if (v == null) {
            throw invalid(p, "is missing");
        }
        return integer(v, p, min, max);
    }

    /**
     * Reads an optional integer field within a range.
     *
     * @param obj object holding the field
     * @param parent path of the object
     * @param field field name
     * @param absent value when the field is absent
     * @param min smallest accepted value
     * @param max largest accepted value
     * @return the value
     */
    static int integer(ObjectNode obj, String parent, String field, int absent, int min, int max) {
        JsonNode v = field(obj, field);
        return v == null ? absent : integer(v, path(parent, field), min, max);
    }

    private static int integer(JsonNode v, String path, int min, int max) {
        // Strict: "80" (a string) and 80.0 are rejected; a number that does not fit
        // an int is out of range by definition.
        if (!v.isIntegralNumber()) {
            throw invalid(path, "%s is not an integer", show(v));
        }
        if (!v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw invalid(path, "%s is out of range %d..%d", show(v), min, max);
        }
        return v.intValue();
    }
}
