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
 * What a v6proxy command uses of the shell it runs in: services, codecs, the console,
 * the -j flag and the clock. In Karaf a command has none set and uses
 * AbstractShellCommand's own (OSGi services, the session's console); tests set one
 * through {@link V6ProxyCommand#runIn(CommandHost)} and run commands without OSGi.
 */
interface CommandHost {

    /**
     * Returns a service.
     *
     * @param type service class
     * @param <T> service type
     * @return the service
     */
    <T> T service(Class<T> type);

    /**
     * Returns the JSON codec of a class.
     *
     * @param type entity class
     * @param <T> entity type
     * @return codec, or null if there is none
     */
    <T> JsonCodec<T> codec(Class<T> type);

    /**
     * Prints a formatted line on standard output.
     *
     * @param format format string
     * @param args arguments
     */
    void print(String format, Object... args);

    /**
     * Prints a formatted line on standard error.
     *
     * @param format format string
     * @param args arguments
     */
    void error(String format, Object... args);

    /**
     * Tells whether the command was asked for JSON (-j).
     *
     * @return true for JSON
     */
    boolean outputJson();

    /**
     * Returns the time that connection ages are measured against.
     *
     * @return epoch milliseconds
     */
    long now();
}
