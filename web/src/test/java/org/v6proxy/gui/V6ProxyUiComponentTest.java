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

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.io.ByteStreams;
import org.junit.Before;
import org.junit.Test;
import org.onosproject.ui.UiExtension;
import org.onosproject.ui.UiExtensionServiceAdapter;
import org.onosproject.ui.UiMessageHandler;
import org.onosproject.ui.UiView;
import org.v6proxy.testing.FakeProxyAdminService;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

/**
 * The component registers one extension with both views, whose resources exist and
 * agree with the table handlers.
 */
public class V6ProxyUiComponentTest {
    private static final Pattern COL_ID = Pattern.compile("colId=\"(\\w+)\"");

    private RecordingExtensionService uiService;
    private V6ProxyUiComponent component;

    /** Keeps what was registered and unregistered. */
    private static final class RecordingExtensionService extends UiExtensionServiceAdapter {
        final List<UiExtension> registered = new ArrayList<>();
        final List<UiExtension> unregistered = new ArrayList<>();

        @Override
        public void register(UiExtension extension) {
            registered.add(extension);
        }

        @Override
        public void unregister(UiExtension extension) {
            unregistered.add(extension);
        }
    }

    @Before
    public void setUp() {
        uiService = new RecordingExtensionService();
        component = new V6ProxyUiComponent();
        component.uiExtensionService = uiService;
        component.proxyService = new FakeProxyAdminService();
    }

    private UiExtension activated() {
        component.activate();
        assertEquals(1, uiService.registered.size());
        return uiService.registered.get(0);
    }

    private static String text(InputStream in) throws IOException {
        assertNotNull("resource missing", in);
        try (InputStream s = in) {
            return new String(ByteStreams.toByteArray(s), StandardCharsets.UTF_8);
        }
    }

    private static String capitalized(String id) {
        return Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }

    @Test
    public void activateRegistersBothViewsInTheNetworkCategory() {
        List<UiView> views = activated().views();
        assertEquals(2, views.size());
        assertEquals("v6proxyServices", views.get(0).id());
        assertEquals("v6proxy Services", views.get(0).label());
        assertEquals("v6proxyConnections", views.get(1).id());
        assertEquals("v6proxy Connections", views.get(1).label());
        for (UiView v : views) {
            assertEquals(UiView.Category.NETWORK, v.category());
        }
    }

    @Test
    public void deactivateUnregistersTheSameExtension() {
        UiExtension extension = activated();
        component.deactivate();
        assertEquals(1, uiService.unregistered.size());
        assertSame(extension, uiService.unregistered.get(0));
    }

    @Test
    public void indexFragmentsIncludeEveryViewsScriptAndStyle() throws IOException {
        UiExtension extension = activated();
        String css = text(extension.css());
        String js = text(extension.js());
        for (UiView v : extension.views()) {
            String dir = "app/view/" + v.id() + "/" + v.id();
            assertTrue(css, css.contains("href=\"" + dir + ".css\""));
            assertTrue(js, js.contains("src=\"" + dir + ".js\""));
        }
    }

    @Test
    public void everyViewHasItsHtmlJsAndCss() throws IOException {
        UiExtension extension = activated();
        for (UiView v : extension.views()) {
            for (String ext : ImmutableList.of(".html", ".js", ".css")) {
                assertTrue(v.id() + ext, text(extension.resource(v.id(), v.id() + ext)).length() > 0);
            }
        }
        // UiExtension hides its views once any resource lookup failed.
        assertEquals(2, extension.views().size());
        assertNull(extension.resource("v6proxyServices", "missing.js"));
    }

    @Test
    public void scriptsDeclareTheModuleAndControllerTheGuiLooksFor() throws IOException {
        UiExtension extension = activated();
        for (UiView v : extension.views()) {
            String js = text(extension.resource(v.id(), v.id() + ".js"));
            String cap = capitalized(v.id());
            assertTrue(v.id(), js.contains("angular.module('ov" + cap + "'"));
            assertTrue(v.id(), js.contains(".controller('Ov" + cap + "Ctrl'"));
        }
    }

    @Test
    public void scriptsUseTheTagsOfTheTableHandlers() throws IOException {
        UiExtension extension = activated();
        // TableBuilderService derives tag + "DataRequest", tag + "DataResponse", tag + "s".
        assertEquals(ServicesTableHandler.DATA_REQUEST, "v6proxyService" + "DataRequest");
        assertEquals(ServicesTableHandler.ROWS, "v6proxyService" + "s");
        assertEquals(ConnectionsTableHandler.DATA_REQUEST, "v6proxyConnection" + "DataRequest");
        assertEquals(ConnectionsTableHandler.ROWS, "v6proxyConnection" + "s");
        assertTrue(text(extension.resource("v6proxyServices", "v6proxyServices.js"))
                           .contains("tag: 'v6proxyService'"));
        assertTrue(text(extension.resource("v6proxyConnections", "v6proxyConnections.js"))
                           .contains("tag: 'v6proxyConnection'"));
    }

    @Test
    public void htmlColumnsAreColumnsOfTheTableHandlers() throws IOException {
        UiExtension extension = activated();
        assertColumns(text(extension.resource("v6proxyServices", "v6proxyServices.html")), "svc",
                      new ServicesTableHandler(new FakeProxyAdminService()).getColumnIds());
        assertColumns(text(extension.resource("v6proxyConnections", "v6proxyConnections.html")), "conn",
                      new ConnectionsTableHandler(new FakeProxyAdminService(), () -> 0L).getColumnIds());
    }

    // The headers and {{row.field}}s together name exactly the columns the handler fills.
    private static void assertColumns(String html, String rowVar, String[] columnIds) {
        Set<String> columns = ImmutableSet.copyOf(columnIds);
        Set<String> used = new HashSet<>();
        Matcher m = COL_ID.matcher(html);
        while (m.find()) {
            used.add(m.group(1));
        }
        Matcher f = Pattern.compile("\\b" + rowVar + "\\.(\\w+)").matcher(html);
        while (f.find()) {
            used.add(f.group(1));
        }
        assertEquals(columns, used);
    }

    @Test
    public void messageHandlerAnswersBothTableRequests() {
        Collection<UiMessageHandler> handlers = activated().messageHandlerFactory().newHandlers();
        assertEquals(1, handlers.size());
        UiMessageHandler handler = handlers.iterator().next();
        handler.init(new RecordingUiConnection(), null);
        assertEquals(ImmutableSet.of(ServicesTableHandler.DATA_REQUEST, ConnectionsTableHandler.DATA_REQUEST),
                     handler.messageTypes());
    }
}
