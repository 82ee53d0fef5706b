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

import org.onosproject.codec.JsonCodec;

/**
 * The commands wired to a {@link TestShell} instead of OSGi and the console.
 */
final class TestCommands {

    private TestCommands() {
    }

    static ServicesListCommand servicesList(TestShell sh) {
        return new ServicesListCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return sh.service(type);
            }

            @Override
            public <T> JsonCodec<T> codec(Class<T> type) {
                return sh.codecs.getCodec(type);
            }

            @Override
            public void print(String format, Object... args) {
                sh.print(format, args);
            }

            @Override
            public void error(String format, Object... args) {
                sh.error(format, args);
            }

            @Override
            protected boolean outputJson() {
                return sh.json;
            }
        };
    }

    static CountersCommand counters(TestShell sh) {
        return new CountersCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return sh.service(type);
            }

            @Override
            public <T> JsonCodec<T> codec(Class<T> type) {
                return sh.codecs.getCodec(type);
            }

            @Override
            public void print(String format, Object... args) {
                sh.print(format, args);
            }

            @Override
            public void error(String format, Object... args) {
                sh.error(format, args);
            }

            @Override
            protected boolean outputJson() {
                return sh.json;
            }
        };
    }

    static ConnectionsListCommand connectionsList(TestShell sh) {
        return new ConnectionsListCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return sh.service(type);
            }

            @Override
            public <T> JsonCodec<T> codec(Class<T> type) {
                return sh.codecs.getCodec(type);
            }

            @Override
            public void print(String format, Object... args) {
                sh.print(format, args);
            }

            @Override
            public void error(String format, Object... args) {
                sh.error(format, args);
            }

            @Override
            protected boolean outputJson() {
                return sh.json;
            }

            @Override
            long now() {
                return sh.now;
            }
        };
    }

    static ServiceAddCommand serviceAdd(TestShell sh) {
        return new ServiceAddCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return sh.service(type);
            }

            @Override
            public <T> JsonCodec<T> codec(Class<T> type) {
                return sh.codecs.getCodec(type);
            }

            @Override
            public void print(String format, Object... args) {
                sh.print(format, args);
            }

            @Override
            public void error(String format, Object... args) {
                sh.error(format, args);
            }

            @Override
            protected boolean outputJson() {
                return sh.json;
            }
        };
    }

    static ServiceRemoveCommand serviceRemove(TestShell sh) {
        return new ServiceRemoveCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return sh.service(type);
            }

            @Override
            public <T> JsonCodec<T> codec(Class<T> type) {
                return sh.codecs.getCodec(type);
            }

            @Override
            public void print(String format, Object... args) {
                sh.print(format, args);
            }

            @Override
            public void error(String format, Object... args) {
                sh.error(format, args);
            }

            @Override
            protected boolean outputJson() {
                return sh.json;
            }
        };
    }

    static RouteAddCommand routeAdd(TestShell sh) {
        return new RouteAddCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return sh.service(type);
            }

            @Override
            public <T> JsonCodec<T> codec(Class<T> type) {
                return sh.codecs.getCodec(type);
            }

            @Override
            public void print(String format, Object... args) {
                sh.print(format, args);
            }

            @Override
            public void error(String format, Object... args) {
                sh.error(format, args);
            }

            @Override
            protected boolean outputJson() {
                return sh.json;
            }
        };
    }

    static RouteRemoveCommand routeRemove(TestShell sh) {
        return new RouteRemoveCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return sh.service(type);
            }

            @Override
            public <T> JsonCodec<T> codec(Class<T> type) {
                return sh.codecs.getCodec(type);
            }

            @Override
            public void print(String format, Object... args) {
                sh.print(format, args);
            }

            @Override
            public void error(String format, Object... args) {
                sh.error(format, args);
            }

            @Override
            protected boolean outputJson() {
                return sh.json;
            }
        };
    }

    static ConnectionRemoveCommand connectionRemove(TestShell sh) {
        return new ConnectionRemoveCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return sh.service(type);
            }

            @Override
            public <T> JsonCodec<T> codec(Class<T> type) {
                return sh.codecs.getCodec(type);
            }

            @Override
            public void print(String format, Object... args) {
                sh.print(format, args);
            }

            @Override
            public void error(String format, Object... args) {
                sh.error(format, args);
            }

            @Override
            protected boolean outputJson() {
                return sh.json;
            }
        };
    }
}
