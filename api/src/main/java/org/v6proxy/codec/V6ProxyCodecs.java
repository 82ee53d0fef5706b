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

import org.onosproject.codec.CodecService;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ProxyCounters;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.api.Route;
import org.v6proxy.api.VirtualService;

/**
 * Registers the v6proxy codecs with the ONOS codec service, so that the CLI's
 * {@code -j}, the REST API and the GUI all use the same JSON forms.
 */
public final class V6ProxyCodecs {

    private V6ProxyCodecs() {
    }

    /**
     * Registers a codec for VirtualService, Route, Connection, ProxyCounters and ProxySettings.
     *
     * @param codecs ONOS codec service
     */
    public static void register(CodecService codecs) {
        codecs.registerCodec(VirtualService.class, new VirtualServiceCodec());
        codecs.registerCodec(Route.class, new RouteCodec());
        codecs.registerCodec(Connection.class, new ConnectionCodec());
        codecs.registerCodec(ProxyCounters.class, new ProxyCountersCodec());
        codecs.registerCodec(ProxySettings.class, new ProxySettingsCodec());
    }

    /**
     * Unregisters what {@link #register(CodecService)} registered.
     *
     * @param codecs ONOS codec service
     */
    public static void unregister(CodecService codecs) {
        codecs.unregisterCodec(VirtualService.class);
        codecs.unregisterCodec(Route.class);
        codecs.unregisterCodec(Connection.class);
        codecs.unregisterCodec(ProxyCounters.class);
        codecs.unregisterCodec(ProxySettings.class);
    }
}
