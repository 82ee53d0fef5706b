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
package org.v6proxy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Test;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.e2e.E2e.H2;
import static org.v6proxy.e2e.E2e.H3;

/**
 * The REST API as an operator drives it: curl from the root namespace against the
 * testbed's /onos/v6proxy, with a real client and backend carrying the traffic of a
 * service that exists only because of a POST.
 */
public class RestE2eTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NAME = "rest-l4";
    private static final String SERVICE = "{\"name\": \"" + NAME + "\", \"vip\": \"10.0.0.43\", \"port\": 7000,"
            + " \"mode\": \"l4\", \"defaultBackend\": \"[2001:db8::2]:7000\"}";
    private static final String GREETING = "hello-over-rest";

    private static URI base;
    private final Servers servers = new Servers();
    private Process client;

    @BeforeClass
    public static void setUp() {
        E2e.assumeAvailable();
        base = E2e.testbed().restUri()
                .orElseThrow(() -> new AssertionError("the e2e testbed serves no REST API"));
    }

    @After
    public void tearDown() {
        Cmd.stop(client);
        servers.close();
        if (E2e.proxy().getService(NAME).isPresent()) {
            curl("DELETE", "services/" + NAME, null);
        }
    }

    @Test
    public void serviceAddedOverRestCarriesAClientUntilRemovedOverRest() throws Exception {
        Http add = curl("POST", "services", SERVICE);
        assertEquals(add.toString(), 201, add.status);
        assertEquals(add.toString(), NAME, add.json().get("name").asText());
        Http one = curl("GET", "services/" + NAME, null);
        assertEquals(one.toString(), 200, one.status);
        assertEquals(one.toString(), "[2001:db8::2]:7000", one.json().get("defaultBackend").asText());
        assertTrue(listNames(curl("GET", "services", null)).contains(NAME));

        // A backend that echoes and keeps the connection open; a client that stays connected
        // (its standard input stays open: nothing half-closes).
        servers.spawn(H2, 7000, "socat", "TCP6-LISTEN:7000,reuseaddr", "EXEC:cat");
        File log = new File(E2e.workDir("rest-client"), "client.log");
        client = new ProcessBuilder("ip", "netns", "exec", H3, "socat", "-d", "-d", "-", "TCP:10.0.0.43:7000")
                .redirectErrorStream(true).redirectOutput(log).start();
        OutputStream stdin = client.getOutputStream();
        stdin.write((GREETING + "\n").getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
        assertTrue("echo through the new service: " + read(log), awaitLog(log, GREETING + "\n", 10000));

        JsonNode conns = awaitConnections(1, 5000);
        assertEquals(conns.toString(), 1, conns.size());
        JsonNode c = conns.get(0);
        assertEquals(NAME, c.get("service").asText());
        assertThat(c.get("client").asText(), containsString("10.0.0.3:"));
        assertEquals("10.0.0.43:7000", c.get("vip").asText());
        assertEquals("[2001:db8::2]:7000", c.get("backend").asText());
        assertEquals("established", c.get("state").asText());

        Http remove = curl("DELETE", "services/" + NAME, null);
        assertEquals(remove.toString(), 204, remove.status);

        // The proxy resets the connection: the client's socat ends at once and says it was a
        // reset, not a close (socat 1.7 logs a reset as a warning and still exits with 0).
        assertTrue("client still connected 5 s after the removal: " + read(log),
                   client.waitFor(5, TimeUnit.SECONDS));
        assertThat(read(log), containsString("Connection reset by peer"));
        // ... and the backend's end too: nothing stays established on port 7000 in h2.
        assertEquals("", awaitNoEstablished(H2, 7000, 5000));

        assertEquals(0, awaitConnections(0, 5000).size());
        Http gone = curl("GET", "services/" + NAME, null);
        assertEquals(gone.toString(), 404, gone.status);
        assertThat(gone.json().get("message").asText(), containsString(NAME));
        assertFalse(listNames(curl("GET", "services", null)).contains(NAME));
    }

    @Test
    public void badServiceIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
        Http bad = curl("POST", "services", SERVICE.replace("[2001:db8::2]:7000", "10.0.0.9:7000"));
        assertEquals(bad.toString(), 400, bad.status);
        assertThat(bad.toString(), bad.json().get("message").asText(), containsString("defaultBackend"));
        assertFalse(E2e.proxy().getService(NAME).isPresent());
        Http gone = curl("GET", "services/" + NAME, null);
        assertEquals(gone.toString(), 404, gone.status);
    }

    /** Polls GET /connections?service=rest-l4 until it lists the expected number. */
    private static JsonNode awaitConnections(int expected, long timeoutMs) throws IOException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (true) {
            Http r = curl("GET", "connections?service=" + NAME, null);
            assertEquals(r.toString(), 200, r.status);
            JsonNode list = r.json().get("connections");
            if (list.size() == expected || System.currentTimeMillis() > end) {
                return list;
            }
            E2e.sleep(200);
        }
    }

    private static String awaitNoEstablished(String ns, int port, long timeoutMs) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (true) {
            Cmd.Result r = Cmd.run(ns, 5, "ss", "-Htn", "state", "established", "sport = :" + port);
            if (r.out().trim().isEmpty() || System.currentTimeMillis() > end) {
                return r.out().trim();
            }
            E2e.sleep(200);
        }
    }

    private static List<String> listNames(Http r) throws IOException {
        assertEquals(r.toString(), 200, r.status);
        List<String> names = new ArrayList<>();
        r.json().get("services").forEach(s -> names.add(s.get("name").asText()));
        return names;
    }

    private static boolean awaitLog(File log, String text, long timeoutMs) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (!read(log).contains(text)) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            E2e.sleep(100);
        }
        return true;
    }

    private static String read(File f) {
        try {
            return Files.readString(f.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs curl in the root namespace, where the testbed's REST API listens on loopback.
     *
     * @param method HTTP method
     * @param path path under /onos/v6proxy/
     * @param json request body, or null
     * @return status and body
     */
    private static Http curl(String method, String path, String json) {
        List<String> argv = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-X", method,
                                                    "-w", "\n%{http_code}"));
        if (json != null) {
            argv.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", json));
        }
        argv.add(base.resolve(path).toString());
        Cmd.Result r = Cmd.run(null, 20, argv.toArray(new String[0]));
        assertEquals("curl " + method + " " + path + ": " + r, 0, r.exit);
        String out = r.out();
        int nl = out.lastIndexOf('\n');
        return new Http(method + " " + path, Integer.parseInt(out.substring(nl + 1).trim()), out.substring(0, nl));
    }

    /** An HTTP answer. */
    private static final class Http {
        final String request;
        final int status;
        final String body;

        Http(String request, int status, String body) {
            this.request = request;
            this.status = status;
            this.body = body;
        }

        JsonNode json() throws IOException {
            return MAPPER.readTree(body);
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + body;
        }
    }
}
