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

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.ui.UiConnection;
import org.onosproject.ui.model.topo.UiTopoLayout;

import java.util.ArrayList;
import java.util.List;

/**
 * A GUI web-socket connection that records what the handlers send.
 */
class RecordingUiConnection implements UiConnection {
    final List<String> types = new ArrayList<>();
    final List<ObjectNode> payloads = new ArrayList<>();

    @Override
    public String userName() {
        return "karaf";
    }

    @Override
    public UiTopoLayout currentLayout() {
        return null;
    }

    @Override
    public void setCurrentLayout(UiTopoLayout topoLayout) {
    }

    @Override
    public String currentView() {
        return null;
    }

    @Override
    public void setCurrentView(String viewId) {
    }

    @Override
    public void sendMessage(ObjectNode message) {
        types.add(message.path("event").asText());
        payloads.add((ObjectNode) message.path("payload"));
    }

    @Override
    public void sendMessage(String type, ObjectNode payload) {
        types.add(type);
        payloads.add(payload);
    }
}
