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

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosproject.store.serializers.KryoNamespaces;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.Versioned;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * ConsistentMap semantics the app relies on, as ONOS's Atomix map has them.
 */
public class TestbedConsistentMapTest {

    private TestbedStorageService storage;
    private ConsistentMap<String, ArrayList<String>> map;
    private final List<MapEvent<String, ArrayList<String>>> events = new CopyOnWriteArrayList<>();

    @Before
    public void setUp() {
        storage = new TestbedStorageService();
        map = storage.<String, ArrayList<String>>consistentMapBuilder().withName("m")
                .withSerializer(Serializer.using(KryoNamespaces.BASIC)).build();
        map.addListener(events::add);
    }

    @After
    public void tearDown() {
        storage.shutdown();
    }

    private static ArrayList<String> list(String... items) {
        return new ArrayList<>(List.of(items));
    }

    private List<MapEvent.Type> types() {
        storage.awaitIdle(2000);
        List<MapEvent.Type> t = new ArrayList<>();
        events.forEach(e -> t.add(e.type()));
        return t;
    }

    @Test
    public void writesAreVersionedCopiedAndPostedInOrder() {
        ArrayList<String> v = list("a");
        assertNull(map.put("k", v));
        Versioned<ArrayList<String>> got = map.get("k");
        assertEquals(v, got.value());
        assertNotSame("stored through the serializer", v, got.value());
        Versioned<ArrayList<String>> next = map.putAndGet("k", list("b"));
        assertTrue(next.version() > got.version());
        assertEquals(next, map.remove("k"));
        assertNull("removing nothing", map.remove("k"));
        assertEquals(List.of(MapEvent.Type.INSERT, MapEvent.Type.UPDATE, MapEvent.Type.REMOVE), types());
        assertEquals(list("b"), events.get(2).oldValue().value());
    }

    @Test
    public void computeReturningNullRemovesAndAnEqualValueIsNoUpdate() {
        map.put("k", list("a"));
        Versioned<ArrayList<String>> v1 = map.get("k");
        assertSame(v1, map.compute("k", (k, old) -> list("a")));
        assertNull(map.computeIfPresent("k", (k, old) -> null));
        assertTrue(map.isEmpty());
        assertNull(map.computeIfPresent("k", (k, old) -> list("x")));
        assertEquals(list("y"), map.computeIfAbsent("k", k -> list("y")).value());
        assertEquals(list("y"), map.computeIfAbsent("k", k -> list("z")).value());
        assertEquals(List.of(MapEvent.Type.INSERT, MapEvent.Type.REMOVE, MapEvent.Type.INSERT), types());
    }

    @Test
    public void conditionalWritesCheckValueAndVersion() {
        assertNull(map.putIfAbsent("k", list("a")));
        assertEquals(list("a"), map.putIfAbsent("k", list("b")).value());
        long version = map.get("k").version();
        assertTrue(!map.replace("k", version + 1, list("c")));
        assertTrue(map.replace("k", version, list("c")));
        assertTrue(!map.replace("k", list("a"), list("d")));
        assertTrue(map.replace("k", list("c"), list("d")));
        assertTrue(!map.remove("k", list("a")));
        assertTrue(map.remove("k", list("d")));
        assertEquals(4, types().size());
    }

    @Test
    public void listenersRunOnTheirExecutorAndTheSameNameIsTheSameMap() {
        AtomicInteger viaExecutor = new AtomicInteger();
        map.addListener(e -> { }, r -> {
            viaExecutor.incrementAndGet();
            r.run();
        });
        map.put("k", list("a"));
        storage.awaitIdle(2000);
        assertEquals(1, viaExecutor.get());
        ConsistentMap<String, ArrayList<String>> again = storage.<String, ArrayList<String>>consistentMapBuilder()
                .withName("m").withSerializer(Serializer.using(KryoNamespaces.BASIC)).build();
        assertEquals(list("a"), again.get("k").value());
        assertEquals(list("a"), map.asJavaMap().get("k"));
    }

    @Test
    public void aValueTheSerializerCannotHandleFailsNamingTheMap() {
        ConsistentMap<String, Object> strict = storage.<String, Object>consistentMapBuilder().withName("strict")
                .withSerializer(Serializer.using(KryoNamespaces.BASIC)).build();
        try {
            strict.put("k", new Object() { });
            fail("stored an unregistered type");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("map strict"));
        }
        assertTrue(strict.isEmpty());
    }
}
