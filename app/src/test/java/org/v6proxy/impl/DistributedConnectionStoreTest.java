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

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionState;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThat;

/**
 * The ConsistentMap-backed store: records reach the map, a second instance
 * over the same storage mirrors them from map events, and records survive
 * the map's Kryo serializer.
 */
public class DistributedConnectionStoreTest {
    private final SharedStorageService storage = new SharedStorageService();
    private DistributedConnectionStore a;
    private DistributedConnectionStore b;

    private DistributedConnectionStore start() {
        DistributedConnectionStore s = new DistributedConnectionStore();
        s.storageService = storage;
        s.writeBehind = false;
        s.activate();
        return s;
    }

    @Before
    public void setUp() {
        a = start();
        b = start();
    }

    @After
    public void tearDown() {
        a.deactivate();
        b.deactivate();
    }

    @Test
    public void createdOnOneMirroredOnOther() {
        ConnectionEntry e = ConnectionTableTest.entry("10.0.0.3", 40000, "10.0.0.42", 80, "2001:db8::1", 80);
        assertNotNull(a.create(e.record()));
        ConnectionEntry seen = b.find6(6, e.clientIp, 40000, e.backendBytes(), 0, 80);
        assertNotNull(seen);
        assertEquals(e.record(), seen.record());
        a.update(e.record().withState(ConnectionState.ESTABLISHED));
        assertThat(b.entry(e.record().key()).record().state(), is(ConnectionState.ESTABLISHED));
        b.remove(e.record().key());
        assertNull(a.entry(e.record().key()));
        assertThat(a.connections().size(), is(0));
    }

    @Test
    public void lateInstanceLoadsExistingRecords() {
        ConnectionEntry e = ConnectionTableTest.entry("10.0.0.4", 40001, "10.0.0.42", 80, "2001:db8::2", 80);
        a.create(e.record());
        DistributedConnectionStore c = start();
        try {
            assertNotNull(c.find4(6, e.clientIp, 40001, e.vip, 80));
        } finally {
            c.deactivate();
        }
    }

    @Test
    public void recordSurvivesSerializer() {
        Connection c = ConnectionTableTest.entry("10.0.0.3", 40000, "10.0.0.42", 80, "2001:db8::1", 80).record();
        byte[] bytes = DistributedConnectionStore.SERIALIZER.encode(c);
        Connection back = DistributedConnectionStore.SERIALIZER.decode(bytes);
        assertEquals(c, back);
        assertEquals(c.key(), DistributedConnectionStore.SERIALIZER.decode(
                DistributedConnectionStore.SERIALIZER.encode(c.key())));
    }
}
