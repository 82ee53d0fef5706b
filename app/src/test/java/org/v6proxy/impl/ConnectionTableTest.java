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
import org.onlab.packet.Ip6Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.Protocol;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;

/**
 * The local mirror's two indices: lookups both ways, replacement, removal,
 * growth, and refusal of a second connection on one IPv6 4-tuple.
 */
public class ConnectionTableTest {
    private static final ConnectPoint CP = ConnectPoint.deviceConnectPoint("of:0000000000000001/3");
    private final ConnectionTable table = new ConnectionTable();

    static ConnectionEntry entry(String client, int cport, String vip, int vport, String backend, int bport) {
        byte[] v6 = Ip6Address.valueOf("2001:db8:46::").toOctets();
        byte[] c4 = Ip4Address.valueOf(client).toOctets();
        System.arraycopy(c4, 0, v6, 12, 4);
        ConnectionKey key = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf(client), cport,
                                              Ip4Address.valueOf(vip), vport);
        Connection c = Connection.direct(key, CP, MacAddress.valueOf("02:00:00:00:00:03"), "s",
                                         new Backend(Ip6Address.valueOf(backend), bport),
                                         Ip6Address.valueOf(v6), ConnectionState.SYN_SENT, 0);
        return new ConnectionEntry(c, 0);
    }

    @Test
    public void findsBothWays() {
        ConnectionEntry e = entry("10.0.0.3", 40000, "10.0.0.42", 80, "2001:db8::1", 8080);
        assertNull(table.put(e));
        assertSame(e, table.find4(6, e.clientIp, 40000, e.vip, 80));
        assertSame(e, table.find6(6, e.clientIp, 40000, e.backendBytes(), 0, 8080));
        assertNull(table.find4(17, e.clientIp, 40000, e.vip, 80));
        assertNull(table.find4(6, e.clientIp, 40001, e.vip, 80));
        byte[] other = Ip6Address.valueOf("2001:db8::2").toOctets();
        assertNull(table.find6(6, e.clientIp, 40000, other, 0, 8080));
        // Same low 64 bits, different high half: must not match.
        byte[] highDiffers = Ip6Address.valueOf("2001:db9::1").toOctets();
        assertNull(table.find6(6, e.clientIp, 40000, highDiffers, 0, 8080));
    }

    @Test
    public void refusesSecondConnectionOnSameIpv6Tuple() {
        ConnectionEntry a = entry("10.0.0.3", 40000, "10.0.0.42", 80, "2001:db8::1", 8080);
        ConnectionEntry b = entry("10.0.0.3", 40000, "10.0.0.43", 81, "2001:db8::1", 8080);
        assertNull(table.put(a));
        assertSame(a, table.put(b));
        assertNull(table.find4(6, b.clientIp, 40000, b.vip, 81));
        assertThat(table.size(), is(1));
    }

    @Test
    public void replacesSameKeyAndRemovesByIdentity() {
        ConnectionEntry a = entry("10.0.0.3", 40000, "10.0.0.42", 80, "2001:db8::1", 8080);
        ConnectionEntry a2 = entry("10.0.0.3", 40000, "10.0.0.42", 80, "2001:db8::2", 8080);
        table.put(a);
        assertNull(table.put(a2));
        assertThat(table.size(), is(1));
        assertNull("old IPv6 side gone", table.find6(6, a.clientIp, 40000, a.backendBytes(), 0, 8080));
        assertThat(table.remove(a), is(false));
        assertThat(table.remove(a2), is(true));
        assertThat(table.size(), is(0));
        assertNull(table.find4(6, a.clientIp, 40000, a.vip, 80));
    }

    @Test
    public void growsAndKeepsEverything() {
        int n = 20000;
        ConnectionEntry[] all = new ConnectionEntry[n];
        for (int i = 0; i < n; i++) {
            all[i] = entry("10.0." + (i / 250) + "." + (i % 250 + 1), 1024 + i % 50000, "10.0.0.42", 80,
                           "2001:db8::1", 80);
            assertNull(table.put(all[i]));
        }
        assertThat(table.size(), is(n));
        assertThat(table.entries().size(), is(n));
        for (ConnectionEntry e : all) {
            assertSame(e, table.find4(6, e.clientIp, e.clientPort, e.vip, 80));
            assertSame(e, table.find6(6, e.clientIp, e.clientPort, e.backendBytes(), 0, 80));
        }
        for (int i = 0; i < n; i += 2) {
            assertTrue(table.remove(all[i]));
        }
        assertThat(table.size(), is(n / 2));
        assertNull(table.find4(6, all[0].clientIp, all[0].clientPort, all[0].vip, 80));
        assertSame(all[1], table.find4(6, all[1].clientIp, all[1].clientPort, all[1].vip, 80));
    }

    @Test
    public void churnReusesRemovedSlotsAndKeepsLookupsRight() {
        // Far more insertions than slots: tombstones must be swept, never fill the table.
        ConnectionEntry stable = entry("10.9.9.9", 999, "10.0.0.42", 80, "2001:db8::1", 80);
        assertNull(table.put(stable));
        for (int round = 0; round < 50; round++) {
            ConnectionEntry[] batch = new ConnectionEntry[1000];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = entry("10.1." + (i / 250) + "." + (i % 250 + 1), 2000 + round, "10.0.0.42", 80,
                                 "2001:db8::1", 80);
                assertNull(table.put(batch[i]));
            }
            for (ConnectionEntry e : batch) {
                assertSame(e, table.find6(6, e.clientIp, e.clientPort, e.backendBytes(), 0, 80));
                assertTrue(table.remove(e));
                assertNull(table.find4(6, e.clientIp, e.clientPort, e.vip, 80));
            }
            assertSame(stable, table.find4(6, stable.clientIp, 999, stable.vip, 80));
        }
        assertThat(table.size(), is(1));
        assertThat(table.entries().size(), is(1));
    }

    @Test
    public void readersNeverMissAnEntryWhileOthersComeAndGo() throws Exception {
        ConnectionEntry[] stable = new ConnectionEntry[200];
        for (int i = 0; i < stable.length; i++) {
            stable[i] = entry("10.2.0." + (i + 1), 3000, "10.0.0.42", 80, "2001:db8::1", 80);
            assertNull(table.put(stable[i]));
        }
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong misses = new java.util.concurrent.atomic.AtomicLong();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                for (ConnectionEntry e : stable) {
                    if (table.find4(6, e.clientIp, 3000, e.vip, 80) != e
                            || table.find6(6, e.clientIp, 3000, e.backendBytes(), 0, 80) != e) {
                        misses.incrementAndGet();
                    }
                }
            }
        });
        reader.start();
        try {
            for (int round = 0; round < 40; round++) {
                ConnectionEntry[] batch = new ConnectionEntry[2000];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = entry("10.3." + (i / 250) + "." + (i % 250 + 1), 4000 + round, "10.0.0.42", 80,
                                     "2001:db8::1", 80);
                    table.put(batch[i]);
                }
                for (ConnectionEntry e : batch) {
                    table.remove(e);
                }
            }
        } finally {
            stop.set(true);
            reader.join();
        }
        assertThat("lookups of untouched entries that failed during inserts, removals and rebuilds",
                   misses.get(), is(0L));
    }
}
