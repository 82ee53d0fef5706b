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
package org.v6proxy.testing;

import org.onosproject.codec.CodecService;
import org.onosproject.codec.JsonCodec;
import org.v6proxy.codec.V6ProxyCodecs;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A map-backed codec registry.
 */
public class MapCodecService implements CodecService {
    private final Map<Class<?>, JsonCodec<?>> codecs = new ConcurrentHashMap<>();

    /**
     * Returns a registry holding the v6proxy codecs, as ONOS has them once the app is active.
     *
     * @return registry
     */
    public static MapCodecService withV6ProxyCodecs() {
        MapCodecService service = new MapCodecService();
        V6ProxyCodecs.register(service);
        return service;
    }

    @Override
    public Set<Class<?>> getCodecs() {
        return codecs.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> JsonCodec<T> getCodec(Class<T> entityClass) {
        return (JsonCodec<T>) codecs.get(entityClass);
    }

    @Override
    public <T> void registerCodec(Class<T> entityClass, JsonCodec<T> codec) {
        codecs.put(entityClass, codec);
    }

    @Override
    public void unregisterCodec(Class<?> entityClass) {
        codecs.remove(entityClass);
    }
}
