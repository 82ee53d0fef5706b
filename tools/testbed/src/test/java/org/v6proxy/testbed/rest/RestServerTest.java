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
package org.v6proxy.testbed.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.v6proxy.api.ProxyService;
import org.v6proxy.api.VirtualService;
import org.v6proxy.testbed.Testbed;
import org.v6proxy.testbed.TestbedConfig;
import org.v6proxy.testbed.fabric.PortSpec;
import org.v6proxy.testbed.io.MemoryLink;
import org.v6proxy.testbed.openflow.FakeSwitch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The testbed's REST API: the web module's resources over the real app components of a
 * testbed controlling a {@link FakeSwitch}, driven over HTTP on loopback.
 */
public class RestServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SERVICE = "{\"name\": \"%s\", \"vip\": \"10.0.0.43\", \"port\": %d, \"mode\": \"l4\","
            + " \"defaultBackend\": \"%s\"}";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** The switch of each testbed configured, in order. */
    private final List<CompletableFuture<FakeSwitch>> switches = new ArrayList<>();

    /** HTTP/1.1 as curl speaks it: the JDK client's h2c upgrade offer makes Grizzly drop some requests. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestbedConfig.Builder config(String service, int port) throws IOException {
        Path netcfg = tmp.newFile().toPath();
        Files.write(netcfg, ("{\"apps\": {\"org.v6proxy\": {\"v6proxy\": {\"clientPrefix\": \"2001:db8:46::/96\","
                + " \"gatewayMac\": \"02:00:00:00:46:01\","
                + " \"services\": [" + String.format(SERVICE, service, port, "[2001:db8::1]:" + port) + "]}}}}")
                .getBytes(StandardCharsets.UTF_8));
        int openflow = FakeSwitch.freePort();
        switches.add(FakeSwitch.connectWhenListening(openflow, 1, 2));
        // In-memory host links (never joined to the switch): not a TAP testbed.
        List<PortSpec> hosts = List.of(new PortSpec("h1", new MemoryLink("m1").opener()));
        return TestbedConfig.builder().ports(hosts).openflow(openflow).netcfg(netcfg);
    }

    @After
    public void closeSwitches() throws Exception {
        for (CompletableFuture<FakeSwitch> f : switches) {
            if (f.isDone() && !f.isCompletedExceptionally()) {
                f.get().close();
            }
        }
    }

    @Test
    public void servesTheServicesOfTheRunningComponents() throws Exception {
        try (Testbed tb = Testbed.start(config("seed", 80).restPort(TestbedConfig.REST_FREE_PORT).build())) {
            URI base = tb.restUri().orElseThrow();
            assertEquals("127.0.0.1", base.getHost());
            assertTrue(base.toString(), base.getPort() > 0);
            assertThat(base.toString(), endsWith("/onos/v6proxy/"));
            ProxyService proxy = tb.service(ProxyService.class);

            HttpResponse<String> list = send(base, "GET", "services", null);
            assertEquals(list.body(), 200, list.statusCode());
            JsonNode services = MAPPER.readTree(list.body()).get("services");
            assertEquals(list.body(), 1, services.size());
            assertEquals("seed", services.get(0).get("name").asText());
            assertEquals("[2001:db8::1]:80", services.get(0).get("defaultBackend").asText());

            // No credentials, yet a changing method is allowed: every loopback caller is admin.
            HttpResponse<String> add = send(base, "POST", "services",
                                            String.format(SERVICE, "rest-l4", 7000, "[2001:db8::2]:7000"));
            assertEquals(add.body(), 201, add.statusCode());
            assertEquals(base.resolve("services/rest-l4").toString(),
                         add.headers().firstValue("Location").orElse(""));
            tb.awaitIdle(2000);
            VirtualService added = proxy.getService("rest-l4").orElseThrow();
            assertEquals(7000, added.port());
            HttpResponse<String> one = send(base, "GET", "services/rest-l4", null);
            assertEquals(one.body(), 200, one.statusCode());
            assertEquals("10.0.0.43", MAPPER.readTree(one.body()).get("vip").asText());

            HttpResponse<String> bad = send(base, "POST", "services",
                                            String.format(SERVICE, "bad", 7001, "10.0.0.9:7001"));
            assertEquals(bad.body(), 400, bad.statusCode());
            assertThat(MAPPER.readTree(bad.body()).get("message").asText(), containsString("defaultBackend"));
            assertFalse(proxy.getService("bad").isPresent());

            HttpResponse<String> remove = send(base, "DELETE", "services/rest-l4", null);
            assertEquals(remove.body(), 204, remove.statusCode());
            tb.awaitIdle(2000);
            assertFalse(proxy.getService("rest-l4").isPresent());
            HttpResponse<String> gone = send(base, "GET", "services/rest-l4", null);
            assertEquals(gone.body(), 404, gone.statusCode());
            assertThat(MAPPER.readTree(gone.body()).get("message").asText(), containsString("rest-l4"));

            HttpResponse<String> counters = send(base, "GET", "counters", null);
            assertEquals(counters.body(), 200, counters.statusCode());
            assertTrue(counters.body(), MAPPER.readTree(counters.body()).isObject());
            HttpResponse<String> connections = send(base, "GET", "connections?service=seed", null);
            assertEquals(connections.body(), 200, connections.statusCode());
            assertEquals(0, MAPPER.readTree(connections.body()).get("connections").size());
        }
    }

    @Test
    public void stopsServingWithTheTestbed() throws Exception {
        URI base;
        try (Testbed tb = Testbed.start(config("seed", 80).restPort(TestbedConfig.REST_FREE_PORT).build())) {
            base = tb.restUri().orElseThrow();
            assertEquals(200, send(base, "GET", "services", null).statusCode());
        }
        try {
            send(base, "GET", "services", null);
            fail("still served after stop");
        } catch (IOException e) {
            // Connection refused: nothing listens any more.
            return;
        }
    }

    @Test
    public void twoTestbedsInOneJvmEachAnswerWithTheirOwnState() throws Exception {
        try (Testbed a = Testbed.start(config("alpha", 81).restPort(TestbedConfig.REST_FREE_PORT).build());
             Testbed b = Testbed.start(config("beta", 82).restPort(TestbedConfig.REST_FREE_PORT).build())) {
            URI ua = a.restUri().orElseThrow();
            URI ub = b.restUri().orElseThrow();
            assertTrue(ua.getPort() != ub.getPort());
            for (int i = 0; i < 5; i++) {
                assertEquals(List.of("alpha"), names(send(ua, "GET", "services", null)));
                assertEquals(List.of("beta"), names(send(ub, "GET", "services", null)));
            }
        }
    }

    @Test
    public void withoutTheAppTheResourcesAnswerServiceUnavailable() throws Exception {
        try (Testbed tb = Testbed.start(config("seed", 80).components(List.of())
                                                .restPort(TestbedConfig.REST_FREE_PORT).build())) {
            HttpResponse<String> r = send(tb.restUri().orElseThrow(), "GET", "services", null);
            assertEquals(r.body(), 503, r.statusCode());
            assertThat(r.body(), containsString(ProxyService.class.getName()));
        }
    }

    @Test
    public void aTakenPortFailsTheStartNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            TestbedConfig cfg = config("seed", 80).restPort(taken.getLocalPort()).build();
            try {
                Testbed.start(cfg).close();
                fail("started on a taken port");
            } catch (IOException e) {
                assertThat(e.getMessage(), containsString("127.0.0.1:" + taken.getLocalPort()));
                assertThat(e.getMessage(), containsString("--no-rest"));
            }
        }
        // Start undone: the switch's connection is closed.
        switches.get(0).get(5, TimeUnit.SECONDS).awaitClosedByController(5000);
    }

    @Test
    public void onByDefaultOnAFreePortForTapTestbedsOffForOthers() throws Exception {
        assertEquals(TestbedConfig.REST_FREE_PORT, TestbedConfig.builder().build().restPort());
        TestbedConfig memory = config("seed", 80).build();
        assertEquals(TestbedConfig.REST_OFF, memory.restPort());
        try (Testbed tb = Testbed.start(memory)) {
            assertFalse(tb.restUri().isPresent());
        }
        try {
            TestbedConfig.builder().restPort(-2);
            fail("accepted port -2");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("-2"));
        }
    }

    private static List<String> names(HttpResponse<String> r) throws IOException {
        assertEquals(r.body(), 200, r.statusCode());
        List<String> names = new ArrayList<>();
        MAPPER.readTree(r.body()).get("services").forEach(s -> names.add(s.get("name").asText()));
        return names;
    }

    private HttpResponse<String> send(URI base, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
