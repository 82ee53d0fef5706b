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
import org.onosproject.ui.UiExtension;
import org.onosproject.ui.UiExtensionService;
import org.onosproject.ui.UiMessageHandlerFactory;
import org.onosproject.ui.UiView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.v6proxy.api.ProxyService;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Registers the v6proxy GUI extension: two table views in the Network category of
 * ONOS's navigation menu, "v6proxy Services" and "v6proxy Connections".
 */
@Component(immediate = true)
public class V6ProxyUiComponent {
    /** View id of the services table (also its resource folder under app/view/). */
    public static final String SERVICES_VIEW = "v6proxyServices";
    /** View id of the connections table. */
    public static final String CONNECTIONS_VIEW = "v6proxyConnections";
    /**
     * Folder of css.html and js.html, the fragments ONOS splices into its index page.
     * An extension has one such pair, so it holds the includes of both views.
     */
    public static final String RESOURCE_PATH = "v6proxy";

    private static final List<UiView> VIEWS = ImmutableList.of(
            new UiView(UiView.Category.NETWORK, SERVICES_VIEW, "v6proxy Services"),
            new UiView(UiView.Category.NETWORK, CONNECTIONS_VIEW, "v6proxy Connections"));

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected UiExtensionService uiExtensionService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ProxyService proxyService;

    private UiExtension extension;

    /**
     * Builds the extension of the v6proxy views.
     *
     * @param proxy proxy service the tables read
     * @param clock current time in epoch milliseconds, for connection ages
     * @return extension
     */
    static UiExtension extension(ProxyService proxy, LongSupplier clock) {
        UiMessageHandlerFactory handlers = () -> ImmutableList.of(new V6ProxyUiMessageHandler(proxy, clock));
        return new UiExtension.Builder(V6ProxyUiComponent.class.getClassLoader(), VIEWS)
                .resourcePath(RESOURCE_PATH)
                .messageHandlerFactory(handlers)
                .build();
    }

    /**
     * Registers the views.
     */
    @Activate
    protected void activate() {
        extension = extension(proxyService, System::currentTimeMillis);
        uiExtensionService.register(extension);
    }

    /**
     * Unregisters the views.
     */
    @Deactivate
    protected void deactivate() {
        uiExtensionService.unregister(extension);
        extension = null;
    }
}
