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
package org.v6proxy.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Set;

/**
 * Strict readers of JSON object fields whose errors name the object and the field,
 * so that a bad request or config says exactly what to fix.
 */
final class JsonFields {

    private JsonFields() {
    }

    /**
     * Rejects fields other than the allowed ones (a misspelt optional field would
     * otherwise be ignored silently).
     *
     * @param json object
     * @param what the object as named in messages
     * @param allowed allowed field names
     */
    static void checkOnly(ObjectNode json, String what, Set<String> allowed) {
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!allowed.contains(field)) {
                throw new IllegalArgumentException(what + ": unknown field \"" + field + "\"");
            }
        }
    }

    /**
     * Returns whether a field is absent or JSON null.
     *
     * @param json object
     * @param field field name
     * @return true if absent
     */
    static boolean absent(ObjectNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull();
    }

    /**
     * Reads a required non-empty string field.
     *
     * @param json object
     * @param field field name
     * @param what the object as named in messages
     * @return the text
     */
    static String text(ObjectNode json, String field, String what) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(what + ": field \"" + field + "\" is missing");
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(what + ": field \"" + field + "\" must be a string, not " + node);
        }
        if (node.asText().isEmpty()) {
            throw new IllegalArgumentException(what + ": field \"" + field + "\" is empty");
        }
        return node.asText();
    }

    /**
     * Reads an optional non-empty string field.
     *
     * @param json object
     * @param field field name
     * @param what the object as named in messages
     * @return the text or null when absent
     */
    static String optText(ObjectNode json, String field, String what) {
        return absent(json, field) ? null : text(json, field, what);
    }

    /**
     * Reads a required integer field within bounds.
     *
     * @param json object
     * @param field field name
     * @param what the object as named in messages
     * @param min smallest allowed value
     * @param max largest allowed value
     * @return the value
     */
    static int integer(ObjectNode json, String field, String what, int min, int max) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(what + ": field \"" + field + "\" is missing");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()
                || node.asInt() < min || node.asInt() > max) {
            throw new IllegalArgumentException(what + ": field \"" + field + "\" must be an integer "
                                                       + min + ".." + max + ", not " + node);
        }
        return node.asInt();
    }

    /**
     * Reads an optional integer field within bounds.
     *
     * @param json object
     * @param field field name
     * @param what the object as named in messages
     * @param min smallest allowed value
     * @param max largest allowed value
     * @param dflt value when absent
     * @return the value
     */
    static int optInteger(ObjectNode json, String field, String what, int min, int max, int dflt) {
        return absent(json, field) ? dflt : integer(json, field, what, min, max);
    }
}
