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
package org.v6proxy.impl;

import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.Route;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.l7.RouteMatcher;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;

/**
 * Bindings found by their 4-tuple as ints: added once, removed by identity,
 * every one listed, whatever the chains.
 */
public class BindingTableTest {
    private static final RouteMatcher MATCHER = new RouteMatcher(ServiceMode.PREFIX, List.<Route>of());
    private static final int VIP = Ip4Address.valueOf("10.0.0.42").toInt();

    private static Binding binding(int client, int port, int vipPort) {
        ConnectionKey key = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf(client), port,
                                              Ip4Address.valueOf(VIP), vipPort);
        return new Binding(key, null, MATCHER, null, 0, 1, 2, -1, false, 1460);
    }

    @Test
    public void findsByEveryFieldOfTheTuple() {
        BindingTable t = new BindingTable(16);
        Binding a = binding(0x0a000001, 40000, 80);
        assertNull(t.putIfAbsent(a));
        assertSame(a, t.find(0x0a000001, 40000, VIP, 80));
        assertNull(t.find(0x0a000002, 40000, VIP, 80));
        assertNull(t.find(0x0a000001, 40001, VIP, 80));
        assertNull(t.find(0x0a000001, 40000, VIP + 1, 80));
        assertNull(t.find(0x0a000001, 40000, VIP, 81));
        Binding twin = binding(0x0a000001, 40000, 80);
        assertSame("the first stays", a, t.putIfAbsent(twin));
        assertFalse("removal is by identity", t.remove(twin));
        assertSame(a, t.find(0x0a000001, 40000, VIP, 80));
        assertTrue(t.remove(a));
        assertNull(t.find(0x0a000001, 40000, VIP, 80));
        assertThat(t.size(), is(0));
    }

    @Test
    public void manyBindingsInFewSlotsAreAllFoundAndListed() {
        BindingTable t = new BindingTable(16);
        Set<Binding> all = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Binding b = binding(0x0a000000 + i % 7, 1024 + i, 80 + i % 3);
            assertNull(t.putIfAbsent(b));
            all.add(b);
        }
        assertThat(t.size(), is(2000));
        assertThat(new HashSet<>(t.all()), is(all));
        int removed = 0;
        for (Binding b : all) {
            if (b.clientPort % 2 == 0) {
                assertTrue(t.remove(b));
                removed++;
            }
        }
        assertThat(t.size(), is(2000 - removed));
        for (Binding b : all) {
            Binding found = t.find(b.client, b.clientPort, b.vip, b.vipPort);
            if (b.clientPort % 2 == 0) {
                assertNull(found);
            } else {
                assertSame(b, found);
            }
        }
        assertThat(t.all().size(), is(2000 - removed));
    }
}
