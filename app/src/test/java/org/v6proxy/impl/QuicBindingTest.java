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
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Prefix;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.v6proxy.api.Backend;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.api.Route;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.api.VirtualService;
import org.v6proxy.l7.ClientHelloBuilder;
import org.v6proxy.quic.InitialBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.impl.ProxyManagerTest.CLIENT;
import static org.v6proxy.impl.ProxyManagerTest.GW;
import static org.v6proxy.impl.ProxyManagerTest.H3_MAC;
import static org.v6proxy.impl.ProxyManagerTest.P3;

/**
 * QuicBinding alone, with a recording binder and a test clock: timeouts, bounds and the order of the replay.
 */
public class QuicBindingTest {
    private static final int VIP = Ip4Address.valueOf("10.0.0.42").toInt();
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Backend DEFAULT = Backend.parse("[2001:db8::1]:443");
    private static final Backend A = Backend.parse("[2001:db8::2]:443");

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final ProxyCounterSet counters = new ProxyCounterSet((packets, bytes) -> { });
    private long now = 1_000_000_000L;
    private ServiceTable table;
    private final List<String> opened = new ArrayList<>();
    private final List<byte[]> forwarded = new ArrayList<>();
    private QuicBinding quic;

    private static VirtualService service(Backend def) {
        return VirtualService.builder().name("h3").vip(Ip4Address.valueOf(VIP)).port(443).protocol(Protocol.UDP)
                .mode(ServiceMode.QUIC).routes(List.of(new Route("a.example", A))).defaultBackend(def)
                .prereadTimeoutMs(300).build();
    }

    private void config(Backend def) {
        table = new ServiceTable(new ProxySettings(Ip6Prefix.valueOf("2001:db8:46::/96"),
                                                   MacAddress.valueOf("02:00:00:00:46:01"), 1500, 1500, 7440, 60,
                                                   300), List.of(service(def)));
    }

    @Before
    public void setUp() {
        config(DEFAULT);
        quic = new QuicBinding(() -> table, counters, timer, () -> now, new QuicBinding.Binder() {
            @Override
            public boolean open(ServiceTable t, VirtualService svc, Backend backend, int client, int clientPort,
                                int vip, int vipPort, ConnectPoint ingress, long clientMac) {
                opened.add(clientPort + "->" + backend);
                return true;
            }

            @Override
            public void forward(ServiceTable t, byte[] b, int off, int len, ConnectPoint ingress) {
                forwarded.add(Arrays.copyOfRange(b, off, off + len));
            }
        });
    }

    @After
    public void tearDown() {
        quic.clear();
        timer.shutdownNow();
    }

    private void send(int sport, byte[] payload) {
        byte[] f = TestFrames.udp4(GW, H3_MAC, CLIENT, VIP, sport, 443, payload);
        quic.fromClient(table, table.find(17, VIP, 443), f, 0, f.length, P3);
    }

    private static byte[][] initials(String name, int parts) {
        byte[] ch = new ClientHelloBuilder().serverName(name).build();
        InitialBuilder b = new InitialBuilder();
        byte[][] d = new byte[parts][];
        int step = (ch.length + parts - 1) / parts;
        for (int i = 0; i < parts; i++) {
            int from = i * step;
            d[i] = b.packet(i, 1200, InitialBuilder.cryptoFrame(ch, from, Math.min(step, ch.length - from)));
        }
        return d;
    }

    private static byte[] payloadOf(byte[] frame) {
        return Arrays.copyOfRange(frame, 14 + 20 + 8, frame.length);
    }

    @Test
    public void heldDatagramsIncludingZeroRttAreReplayedInArrivalOrder() {
        byte[][] d = initials("a.example", 3);
        byte[] zeroRtt = new byte[1200];
        zeroRtt[0] = (byte) 0xd0;   // a long header of another type: held, not read
        send(40000, d[0]);
        send(40000, zeroRtt);
        send(40000, d[2]);
        assertTrue(forwarded.isEmpty());
        assertThat(quic.pendingCount(), is(1));
        send(40000, d[1]);
        assertEquals(List.of("40000->" + A), opened);
        assertThat(forwarded.size(), is(4));
        assertArrayEquals(d[0], payloadOf(forwarded.get(0)));
        assertArrayEquals(zeroRtt, payloadOf(forwarded.get(1)));
        assertArrayEquals(d[2], payloadOf(forwarded.get(2)));
        assertArrayEquals(d[1], payloadOf(forwarded.get(3)));
        assertThat(quic.pendingCount(), is(0));
        assertThat(quic.heldBytes(), is(0L));
    }

    @Test
    public void incompleteClientHelloTimesOutToTheDefault() {
        byte[][] d = initials("a.example", 2);
        send(40001, d[0]);
        now += 299 * MS;
        quic.expire(now);
        assertTrue(opened.isEmpty());
        now += MS;
        quic.expire(now);
        assertEquals(List.of("40001->" + DEFAULT), opened);
        assertThat(forwarded.size(), is(1));
        assertThat(quic.pendingCount(), is(0));
    }

    @Test
    public void timeoutWithoutDefaultDropsAndForgets() {
        config(null);
        byte[][] d = initials("a.example", 2);
        send(40002, d[0]);
        now += 300 * MS;
        quic.expire(now);
        assertTrue(opened.isEmpty());
        assertTrue(forwarded.isEmpty());
        assertThat(counters.drops(DropReason.NO_ROUTE), is(1L));
        assertThat(quic.pendingCount(), is(0));
        assertThat(quic.heldBytes(), is(0L));
    }

    @Test
    public void datagramsBeyondThePerClientBoundAreDropped() {
        byte[][] d = initials("a.example", 2);
        send(40003, d[0]);
        for (int i = 1; i < QuicBinding.MAX_HELD_DATAGRAMS; i++) {
            send(40003, d[0]);   // retransmissions: held
        }
        assertThat(counters.drops(DropReason.BUFFER_FULL), is(0L));
        send(40003, d[0]);
        assertThat(counters.drops(DropReason.BUFFER_FULL), is(1L));
        send(40003, d[1]);       // not held either, but read: the name is known
        assertThat(counters.drops(DropReason.BUFFER_FULL), is(2L));
        assertEquals(List.of("40003->" + A), opened);
        assertThat(forwarded.size(), is(QuicBinding.MAX_HELD_DATAGRAMS));
    }

    @Test
    public void pendingClientsAreBounded() {
        byte[][] d = initials("a.example", 2);
        for (int port = 0; port < QuicBinding.MAX_PENDING; port++) {
            send(10000 + port, d[0]);
        }
        assertThat(quic.pendingCount(), is(QuicBinding.MAX_PENDING));
        assertThat(counters.drops(DropReason.BUFFER_FULL), is(0L));
        send(10000 + QuicBinding.MAX_PENDING, d[0]);
        assertThat(counters.drops(DropReason.BUFFER_FULL), is(1L));
        assertThat(quic.pendingCount(), is(QuicBinding.MAX_PENDING));
        // A pending client still completes.
        send(10000, d[1]);
        assertEquals(List.of("10000->" + A), opened);
    }
}
