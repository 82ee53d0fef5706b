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

import org.onosproject.codec.JsonCodec;
import org.onosproject.codec.impl.CodecManager;
import org.onosproject.codec.impl.MockCodecContext;

/**
 * ONOS's mock codec context (which holds the ONOS codecs) plus the v6proxy codecs,
 * registered through {@link V6ProxyCodecs#register} into a real CodecManager.
 */
final class V6ProxyCodecContext extends MockCodecContext {
    private final CodecManager v6proxyCodecs = new CodecManager();

    V6ProxyCodecContext() {
        V6ProxyCodecs.register(v6proxyCodecs);
    }

    @Override
    public <T> JsonCodec<T> codec(Class<T> entityClass) {
        JsonCodec<T> codec = v6proxyCodecs.getCodec(entityClass);
        return codec != null ? codec : super.codec(entityClass);
    }
}
