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
package org.v6proxy.testbed.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.basics.SubjectFactories;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.fail;

/**
 * Network config from a file: applied when the factory registers, re-applied on change,
 * invalid config rejected with the config in force kept.
 */
public class TestbedNetworkConfigServiceTest {

    /** A config with a validity rule that returns false and one that throws with a message. */
    public static final class DemoConfig extends Config<ApplicationId> {
        @Override
        public boolean isValid() {
            if (object.path("port").asInt() > 65535) {
                throw new IllegalArgumentException("port " + object.path("port").asInt() + " out of range");
            }
            return hasOnlyFields("name", "port") && isIntegralNumber("port", FieldPresence.MANDATORY);
        }

        int port() {
            return get("port", 0);
        }
    }

    private static final ConfigFactory<ApplicationId, DemoConfig> FACTORY =
            new ConfigFactory<ApplicationId, DemoConfig>(SubjectFactories.APP_SUBJECT_FACTORY, DemoConfig.class,
                                                         "demo") {
                @Override
                public DemoConfig createConfig() {
                    return new DemoConfig();
                }
            };

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<NetworkConfigEvent> events = new CopyOnWriteArrayList<>();
    private TestbedEventDispatcher dispatcher;
    private TestbedCoreService core;
    private Path file;
    private TestbedNetworkConfigService netcfg;

    @Before
    public void setUp() throws Exception {
        dispatcher = new TestbedEventDispatcher();
        core = new TestbedCoreService();
        file = tmp.getRoot().toPath().resolve("netcfg.json");
    }

    @After
    public void tearDown() {
        if (netcfg != null) {
            netcfg.stopWatching();
        }
        dispatcher.shutdown();
    }

    private void write(String demoJson) throws Exception {
        long before = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : 0;
        Files.write(file, ("{\"apps\": {\"org.example\": {" + demoJson + "}}}").getBytes(StandardCharsets.UTF_8));
        // Make the change visible to an mtime poll even within the same millisecond.
        Files.setLastModifiedTime(file, FileTime.fromMillis(Math.max(before + 1000, System.currentTimeMillis())));
    }

    private void start() {
        netcfg = new TestbedNetworkConfigService(file, core, dispatcher);
        netcfg.addListener(events::add);
    }

    private List<NetworkConfigEvent.Type> types() {
        dispatcher.awaitIdle(2000);
        return events.stream().map(NetworkConfigEvent::type).collect(Collectors.toList());
    }

    private ApplicationId app() {
        return core.registerApplication("org.example");
    }

    @Test
    public void fileConfigIsAddedWhenTheFactoryRegisters() throws Exception {
        write("\"demo\": {\"name\": \"a\", \"port\": 80}");
        start();
        assertNull(netcfg.getConfig(app(), DemoConfig.class));
        netcfg.registerConfigFactory(FACTORY);
        assertEquals(List.of(NetworkConfigEvent.Type.CONFIG_REGISTERED, NetworkConfigEvent.Type.CONFIG_ADDED),
                     types());
        DemoConfig c = netcfg.getConfig(app(), DemoConfig.class);
        assertEquals(80, c.port());
        assertEquals(app(), c.subject());
        assertSame(c, events.get(1).config().get());
        assertEquals(DemoConfig.class, events.get(1).configClass());
        assertEquals(DemoConfig.class, netcfg.getConfigClass("apps", "demo"));
        assertEquals(1, netcfg.getSubjects(ApplicationId.class, DemoConfig.class).size());
    }

    @Test
    public void invalidConfigIsNotAppliedAndTheConfigInForceStays() throws Exception {
        write("\"demo\": {\"name\": \"a\", \"port\": \"eighty\"}");
        start();
        netcfg.registerConfigFactory(FACTORY);
        assertEquals(List.of(NetworkConfigEvent.Type.CONFIG_REGISTERED), types());
        assertNull(netcfg.getConfig(app(), DemoConfig.class));

        write("\"demo\": {\"name\": \"a\", \"port\": 80}");
        netcfg.reload();
        assertEquals(NetworkConfigEvent.Type.CONFIG_ADDED, types().get(1));

        write("\"demo\": {\"name\": \"a\", \"port\": 99999}");
        netcfg.reload();
        write("{ not json");
        netcfg.reload();
        assertEquals("rejected updates post nothing", 2, types().size());
        assertEquals(80, netcfg.getConfig(app(), DemoConfig.class).port());
    }

    @Test
    public void changesAreReappliedAndRemovalsRemoved() throws Exception {
        write("\"demo\": {\"port\": 80}");
        start();
        netcfg.registerConfigFactory(FACTORY);
        DemoConfig first = netcfg.getConfig(app(), DemoConfig.class);
        write("\"demo\": {\"port\": 81}");
        netcfg.reload();
        write("\"demo\": {\"port\": 81}");
        netcfg.reload();
        assertEquals(List.of(NetworkConfigEvent.Type.CONFIG_REGISTERED, NetworkConfigEvent.Type.CONFIG_ADDED,
                             NetworkConfigEvent.Type.CONFIG_UPDATED), types());
        assertSame(first, events.get(2).prevConfig().get());
        assertEquals(81, netcfg.getConfig(app(), DemoConfig.class).port());
        write("\"other\": {}");
        netcfg.reload();
        assertEquals(NetworkConfigEvent.Type.CONFIG_REMOVED, types().get(3));
        assertNull(netcfg.getConfig(app(), DemoConfig.class));
    }

    @Test
    public void theWatcherNoticesAFileChange() throws Exception {
        write("\"demo\": {\"port\": 80}");
        start();
        netcfg.registerConfigFactory(FACTORY);
        netcfg.startWatching();
        write("\"demo\": {\"port\": 8080}");
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline && types().size() < 3) {
            Thread.sleep(50);
        }
        assertEquals(NetworkConfigEvent.Type.CONFIG_UPDATED, types().get(2));
        assertEquals(8080, netcfg.getConfig(app(), DemoConfig.class).port());
    }

    @Test
    public void applyConfigValidatesAndApplyGoesThroughTheDelegate() throws Exception {
        write("\"demo\": {\"port\": 80}");
        start();
        netcfg.registerConfigFactory(FACTORY);
        ObjectNode bad = mapper.createObjectNode().put("port", 70000);
        try {
            netcfg.applyConfig(app(), DemoConfig.class, bad);
            fail("invalid config applied");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("port 70000 out of range"));
        }
        netcfg.applyConfig(app(), DemoConfig.class, mapper.createObjectNode().put("port", 443));
        assertEquals(443, netcfg.getConfig(app(), DemoConfig.class).port());
        DemoConfig c = netcfg.getConfig(app(), DemoConfig.class);
        ((ObjectNode) c.node()).put("port", 444);
        c.apply();
        assertEquals(444, netcfg.getConfig(app(), DemoConfig.class).port());
        List<NetworkConfigEvent.Type> t = types();
        assertEquals(List.of(NetworkConfigEvent.Type.CONFIG_UPDATED, NetworkConfigEvent.Type.CONFIG_UPDATED),
                     t.subList(2, 4));
    }

    @Test
    public void anUnreadableFileFailsAtStartNamingIt() throws Exception {
        Files.write(file, "[1, 2]".getBytes(StandardCharsets.UTF_8));
        try {
            start();
            fail("started");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString(file.toString()));
            assertThat(e.getMessage(), containsString("not a JSON object"));
        }
    }
}
