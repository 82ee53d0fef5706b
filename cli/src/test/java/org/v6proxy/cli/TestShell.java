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
package org.v6proxy.cli;

import org.onlab.osgi.ServiceNotFoundException;
import org.onosproject.codec.CodecService;
import org.onosproject.codec.JsonCodec;
import org.v6proxy.api.ProxyAdminService;
import org.v6proxy.api.ProxyService;
import org.v6proxy.testing.FakeProxyAdminService;
import org.v6proxy.testing.MapCodecService;

import java.util.ArrayList;
import java.util.List;

/**
 * What a command sees of ONOS in these tests: the fake proxy, the codecs, the
 * -j flag, and captured standard output and error lines.
 */
class TestShell implements CommandHost {
    final FakeProxyAdminService proxy = new FakeProxyAdminService();
    final CodecService codecs = MapCodecService.withV6ProxyCodecs();
    final List<String> out = new ArrayList<>();
    final List<String> err = new ArrayList<>();
    boolean json;
    long now;

    @Override
    @SuppressWarnings("unchecked")
    public <T> T service(Class<T> type) {
        if (type == ProxyService.class || type == ProxyAdminService.class) {
            return (T) proxy;
        }
        if (type == CodecService.class) {
            return (T) codecs;
        }
        throw new ServiceNotFoundException("no " + type.getName() + " in tests");
    }

    @Override
    public <T> JsonCodec<T> codec(Class<T> type) {
        return codecs.getCodec(type);
    }

    @Override
    public void print(String format, Object... args) {
        out.add(String.format(format, args));
    }

    @Override
    public void error(String format, Object... args) {
        err.add(String.format(format, args));
    }

    @Override
    public boolean outputJson() {
        return json;
    }

    @Override
    public long now() {
        return now;
    }
}
