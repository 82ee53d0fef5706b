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
package org.v6proxy.testbed;

import org.slf4j.LoggerFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * SIGHUP handling through {@code sun.misc.Signal} (module jdk.unsupported), the only way a
 * Java program can catch it; reached by reflection because it is not a public API. Used by
 * the command only, never in-process.
 */
final class SignalHook {

    private SignalHook() {
    }

    /**
     * Runs an action on every SIGHUP; logs and carries on when the JVM does not allow it.
     *
     * @param action what to run (on the JVM's signal thread)
     */
    static void onHangup(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> ctor = signalClass.getConstructor(String.class);
            Object handler = Proxy.newProxyInstance(SignalHook.class.getClassLoader(), new Class<?>[] {handlerClass},
                (proxy, method, args) -> {
                    if (method.getName().equals("handle")) {
                        action.run();
                        return null;
                    }
                    if (method.getName().equals("toString")) {
                        return "v6proxy-testbed SIGHUP handler";
                    }
                    return method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                            : (Object) (proxy == args[0]);
                });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            handle.invoke(null, ctor.newInstance("HUP"), handler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(SignalHook.class).warn("SIGHUP not available: {}", e.toString());
        }
    }
}
