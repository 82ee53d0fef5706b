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

import org.junit.Test;
import org.onosproject.codec.impl.CodecManager;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ProxyCounters;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.api.Route;
import org.v6proxy.api.VirtualService;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * Tests of codec registration with the ONOS codec service.
 */
public class V6ProxyCodecsTest {

    @Test
    public void registersAndUnregistersAllCodecs() {
        CodecManager codecs = new CodecManager();
        codecs.activate();
        int onosCodecs = codecs.getCodecs().size();

        V6ProxyCodecs.register(codecs);
        assertEquals(onosCodecs + 5, codecs.getCodecs().size());
        assertTrue(codecs.getCodec(VirtualService.class) instanceof VirtualServiceCodec);
        assertTrue(codecs.getCodec(Route.class) instanceof RouteCodec);
        assertTrue(codecs.getCodec(Connection.class) instanceof ConnectionCodec);
        assertTrue(codecs.getCodec(ProxyCounters.class) instanceof ProxyCountersCodec);
        assertTrue(codecs.getCodec(ProxySettings.class) instanceof ProxySettingsCodec);

        V6ProxyCodecs.unregister(codecs);
        assertEquals(onosCodecs, codecs.getCodecs().size());
        assertNull(codecs.getCodec(VirtualService.class));
        assertNull(codecs.getCodec(Route.class));
        assertNull(codecs.getCodec(Connection.class));
        assertNull(codecs.getCodec(ProxyCounters.class));
        assertNull(codecs.getCodec(ProxySettings.class));
    }
}
