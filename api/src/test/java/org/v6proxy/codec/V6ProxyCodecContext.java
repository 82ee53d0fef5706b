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

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.codec.JsonCodec;
import org.onosproject.codec.impl.CodecManager;
import org.onosproject.codec.impl.MockCodecContext;

import java.io.IOException;

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

    /**
     * Parses a JSON object.
     *
     * @param text JSON text of an object
     * @return object
     * @throws IOException if the text is not JSON
     */
    ObjectNode json(String text) throws IOException {
        return (ObjectNode) mapper().readTree(text);
    }

    /**
     * Decodes a JSON object that must be rejected and returns why.
     *
     * @param codec codec under test
     * @param text JSON text of an object
     * @return the message of the IllegalArgumentException the codec threw
     * @throws IOException if the text is not JSON
     */
    String decodeError(JsonCodec<?> codec, String text) throws IOException {
        ObjectNode node = json(text);
        try {
            codec.decode(node, this);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("decoded without error: " + text);
    }
}
