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
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThat;

/**
 * The two directions of a connection are handled on different threads (and
 * in a cluster, on different instances): their writes to the shared record
 * must not undo each other. A lost phase change left connections in the map
 * that the reaper never expired.
 */
public class ConcurrentWritersTest {
    private static final int CONNECTIONS = 2000;

    private final DistributedConnectionStore store = new DistributedConnectionStore();
    private final List<Connection> records = new ArrayList<>();

    private void open() {
        store.storageService = new SharedStorageService();
        store.writeBehind = false;
        store.activate();
        for (int i = 0; i < CONNECTIONS; i++) {
            Connection c = ConnectionTableTest.entry("10.0.0.3", 10000 + i, "10.0.0.42", 80, "2001:db8::1", 80)
                    .record();
            records.add(c);
            store.create(c);
        }
    }

    /** Runs two writers over all connections, released together onto each connection. */
    private void race(Consumer<Connection> first, Consumer<Connection> second) throws InterruptedException {
        // A spinning rendezvous: a blocking barrier wakes the second thread far too late to overlap the first.
        AtomicInteger arrived = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Consumer<Connection> writer : List.of(first, second)) {
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < records.size(); i++) {
                        arrived.incrementAndGet();
                        while (arrived.get() < 2 * (i + 1)) {
                            Thread.onSpinWait();
                        }
                        writer.accept(records.get(i));
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures.toString(), failures.isEmpty(), is(true));
    }

    @Test
    public void bothFinsAtOnceEndClosingEverywhere() throws InterruptedException {
        open();
        race(c -> store.advance(c.key(), ConnectionState.HALF_CLOSED),
             c -> store.advance(c.key(), ConnectionState.CLOSING));
        for (Connection c : records) {
            assertThat(c.key() + " in the map", store.connections().stream()
                    .filter(r -> r.key().equals(c.key())).findFirst().get().state(), is(ConnectionState.CLOSING));
            assertThat(c.key() + " locally", store.entry(c.key()).record().state(), is(ConnectionState.CLOSING));
        }
    }

    @Test
    public void aRemovalRacingALateSegmentLeavesNothingBehind() throws InterruptedException {
        open();
        race(c -> store.remove(c.key()),
             c -> store.advance(c.key(), ConnectionState.CLOSING));
        assertThat("records left in the map", store.connections().size(), is(0));
        assertThat("entries left locally", store.entries().size(), is(0));
    }
}
