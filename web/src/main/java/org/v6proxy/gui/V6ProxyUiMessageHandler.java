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
import org.onosproject.ui.RequestHandler;
import org.onosproject.ui.UiMessageHandler;
import org.v6proxy.api.ProxyService;

import java.util.Collection;
import java.util.function.LongSupplier;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Answers the table requests of both v6proxy views on one GUI connection. The
 * services come in through the constructor (from the component's references)
 * rather than the connection's service directory, so the handler runs unchanged
 * in tests.
 */
public class V6ProxyUiMessageHandler extends UiMessageHandler {
    private final ProxyService proxy;
    private final LongSupplier clock;

    /**
     * Creates a handler.
     *
     * @param proxy read-only proxy service
     * @param clock current time in epoch milliseconds
     */
    public V6ProxyUiMessageHandler(ProxyService proxy, LongSupplier clock) {
        this.proxy = checkNotNull(proxy, "proxy");
        this.clock = checkNotNull(clock, "clock");
    }

    @Override
    protected Collection<RequestHandler> createRequestHandlers() {
        return ImmutableList.of(new ServicesTableHandler(proxy), new ConnectionsTableHandler(proxy, clock));
    }
}
