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
import org.junit.Test;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Route;

import java.io.IOException;

import static org.junit.Assert.assertEquals;

/**
 * Tests of the route JSON form.
 */
public class RouteCodecTest {
    private final V6ProxyCodecContext context = new V6ProxyCodecContext();
    private final RouteCodec codec = new RouteCodec();

    private ObjectNode json(String text) throws IOException {
        return context.json(text);
    }

    private String decodeError(String text) throws IOException {
        return context.decodeError(codec, text);
    }

    @Test
    public void encodesMatchAndBackend() {
        Route route = new Route("*.b.example", Backend.parse("[2001:db8::2]:8080"));
        assertEquals("{\"match\":\"*.b.example\",\"backend\":\"[2001:db8::2]:8080\"}",
                     codec.encode(route, context).toString());
    }

    @Test
    public void decodesWhatItEncodes() throws IOException {
        Route route = codec.decode(json("{\"match\":\"GET /a\",\"backend\":\"[2001:db8::1]:80\"}"), context);
        assertEquals(new Route("GET /a", Backend.parse("[2001:db8::1]:80")), route);
        assertEquals(route, codec.decode(codec.encode(route, context), context));
    }

    @Test
    public void registeredCodecIsThisOne() {
        assertEquals(RouteCodec.class, context.codec(Route.class).getClass());
    }

    @Test
    public void missingMatchIsNamed() throws IOException {
        assertEquals("route: field \"match\" is missing", decodeError("{\"backend\":\"[2001:db8::1]:80\"}"));
    }

    @Test
    public void emptyMatchIsNamed() throws IOException {
        assertEquals("route: field \"match\" is empty", decodeError("{\"match\":\"\",\"backend\":\"[::1]:80\"}"));
    }

    @Test
    public void nonStringMatchIsNamed() throws IOException {
        assertEquals("route: field \"match\" must be a string, not 7",
                     decodeError("{\"match\":7,\"backend\":\"[::1]:80\"}"));
    }

    @Test
    public void missingBackendIsNamed() throws IOException {
        assertEquals("route: field \"backend\" is missing", decodeError("{\"match\":\"A\"}"));
    }

    @Test
    public void ipv4BackendIsRejectedWithField() throws IOException {
        assertEquals("route \"A\": field \"backend\": backend \"10.0.0.1:80\" is not of the form [IPv6]:port",
                     decodeError("{\"match\":\"A\",\"backend\":\"10.0.0.1:80\"}"));
    }

    @Test
    public void unknownFieldIsNamed() throws IOException {
        assertEquals("route: unknown field \"backends\"",
                     decodeError("{\"match\":\"A\",\"backends\":\"[::1]:80\"}"));
    }
}
