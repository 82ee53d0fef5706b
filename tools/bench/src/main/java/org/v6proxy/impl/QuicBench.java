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

import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.TestApplicationId;
import org.onosproject.net.HostLocation;
import org.onosproject.store.service.TestStorageService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.Protocol;
import org.v6proxy.l7.SniffStatus;
import org.v6proxy.quic.QuicSniffer;
import org.v6proxy.quic.RfcVectors;

import java.util.concurrent.TimeUnit;

/**
 * The cost of reading QUIC Initials (mode quic), on RFC 9001 appendix A.2's client Initial (1200 bytes, a
 * ClientHello for example.com): {@code newClient} is a new client's first Initial (sniffer, key derivation,
 * header protection, AES-GCM, frame walk, ClientHello parse), {@code sameClient} one more Initial of a client whose
 * keys are known (a retransmission); {@code setup} is a QUIC connection setup through the real processor and
 * store: the client's Initial datagram in, routed by its SNI, the connection created and the datagram translated to
 * the backend, on a ring of 4096 client ports whose previous connection is removed first (as
 * {@link SetupBench}). Run with {@code -prof gc} for the bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens",
    "java.base/java.lang=ALL-UNNAMED"})
public class QuicBench {
    private static final int RING = 4096;
    private static final int FIRST_PORT = 30000;
    private static final int VIP = Ip4Address.valueOf("10.0.0.42").toInt();
    private static final String CONFIG = "{ \"clientPrefix\": \"2001:db8:46::/96\","
            + " \"gatewayMac\": \"02:00:00:00:46:01\", \"services\": ["
            + "  { \"name\": \"h3\", \"vip\": \"10.0.0.42\", \"port\": 443, \"protocol\": \"udp\", \"mode\": \"quic\","
            + "    \"routes\": [ { \"match\": \"example.com\", \"backend\": \"[2001:db8::2]:443\" } ],"
            + "    \"defaultBackend\": \"[2001:db8::1]:443\" } ] }";

    private final byte[] initial = RfcVectors.hex(RfcVectors.V1_PACKET);
    private QuicSniffer known;
    private final LastFramePacketService pkt = new LastFramePacketService();
    private final DistributedConnectionStore store = new DistributedConnectionStore();
    private final ProxyManager mgr = new ProxyManager();
    private ProxyPacketProcessor processor;
    private final byte[][] frames = new byte[RING][];
    private final ConnectionKey[] keys = new ConnectionKey[RING];
    private final boolean[] used = new boolean[RING];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        known = new QuicSniffer();
        known.offer(initial, 0, initial.length);
        TestConfigRegistry cfg = new TestConfigRegistry();
        TestHostService hosts = new TestHostService();
        TestApplicationId app = new TestApplicationId(ProxyManager.APP_NAME);
        ManagerWiring.wire(mgr, store, new TestStorageService(), pkt, cfg, hosts, new TestMastership(), app);
        cfg.apply(app, V6ProxyConfig.class, CONFIG);
        hosts.add(IpAddress.valueOf("2001:db8::1"), MacAddress.valueOf(BenchRig.BACKEND_MAC),
                  new HostLocation(BenchRig.BACKEND_AT, 0));
        hosts.add(IpAddress.valueOf("2001:db8::2"), MacAddress.valueOf(BenchRig.BACKEND2_MAC),
                  new HostLocation(BenchRig.BACKEND2_AT, 0));
        processor = (ProxyPacketProcessor) pkt.processors.get(0);
        for (int i = 0; i < RING; i++) {
            frames[i] = TestFrames.udp4(BenchRig.GW_MAC, BenchRig.CLIENT_MAC, BenchRig.CLIENT4, VIP,
                                        FIRST_PORT + i, 443, initial);
            keys[i] = new ConnectionKey(Protocol.UDP, Ip4Address.valueOf(BenchRig.CLIENT4), FIRST_PORT + i,
                                        Ip4Address.valueOf(VIP), 443);
        }
        // The first setup must reach the routed backend, or the benchmark measures something else.
        byte[] out = setup();
        if (out == null || out[14 + 24 + 15] != 2) {
            throw new IllegalStateException("the Initial was not routed to [2001:db8::2]");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        mgr.deactivate();
        store.deactivate();
    }

    /**
     * A new client's first Initial.
     *
     * @return the name read
     */
    @Benchmark
    public String newClient() {
        QuicSniffer s = new QuicSniffer();
        s.offer(initial, 0, initial.length);
        return s.serverName();
    }

    /**
     * One more Initial of a client whose keys are derived.
     *
     * @return the verdict
     */
    @Benchmark
    public QuicSniffer.Verdict sameClient() {
        QuicSniffer.Verdict v = known.offer(initial, 0, initial.length);
        if (known.status() != SniffStatus.MATCHED) {
            throw new IllegalStateException();
        }
        return v;
    }

    /**
     * One QUIC setup through the processor: Initial in, connection created, datagram out to the backend.
     *
     * @return the translated frame
     */
    @Benchmark
    public byte[] setup() {
        int slot = next;
        next = next + 1 == RING ? 0 : next + 1;
        if (used[slot]) {
            store.remove(keys[slot]);
        }
        used[slot] = true;
        pkt.clear();
        processor.handle(frames[slot], 0, frames[slot].length, BenchRig.CLIENT_AT);
        return pkt.lastFrame();
    }
}
