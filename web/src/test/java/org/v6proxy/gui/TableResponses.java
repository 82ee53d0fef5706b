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
package org.v6proxy.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the table responses the handlers send.
 */
final class TableResponses {

    private TableResponses() {
    }

    /**
     * Returns one column of a table response, as text, in row order.
     *
     * @param response payload of the response
     * @param rowsNode node holding the rows (tag + "s")
     * @param column column id
     * @return cell texts
     */
    static List<String> column(ObjectNode response, String rowsNode, String column) {
        List<String> values = new ArrayList<>();
        for (JsonNode row : (ArrayNode) response.get(rowsNode)) {
            values.add(row.get(column).asText());
        }
        return values;
    }
}
