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

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Per-packet cost on an established l4 connection: one data segment (64,
 * 512 or 1460 bytes of TCP payload, no options) in, the translated frame
 * out; v6proxy's packet processor versus the conventional
 * {@code org.onlab.packet} implementation. Each operation is one packet:
 * frame bytes in, the frame handed to PacketService.emit() out (returned,
 * consumed by JMH).
 *
 * <p>The two implementations run as one JMH group, each on its own thread
 * with its own rig, at the same time: on cores shared with other work the
 * throughput of a single run swings several-fold from one second to the
 * next, and measuring both in the same seconds keeps their ratio
 * meaningful. Allocation per packet is measured by {@link AllocBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
    "--add-opens", "java.base/java.nio=ALL-UNNAMED"})
public class TranslateBench {
    /** TCP payload bytes per segment. */
    @Param({"64", "512", "1460"})
    public int payload;

    private BenchRig rig;
    private byte[] fromClient;
    private byte[] fromBackend;

    /** Opens the connection in both implementations and checks that they emit the same frames. */
    @Setup(Level.Trial)
    public void setUp() {
        rig = new BenchRig();
        rig.establishBoth(BenchRig.CLIENT4, 40000);
        fromClient = BenchFrames.clientData(BenchRig.CLIENT4, 40000, BenchFrames.payload(payload, 1));
        fromBackend = BenchFrames.backendData(BenchRig.CLIENT4, 40000, BenchFrames.payload(payload, 2));
        same(rig.v6proxy(fromClient, BenchRig.CLIENT_AT), rig.onlab(fromClient, BenchRig.CLIENT_AT));
        same(rig.v6proxy(fromBackend, BenchRig.BACKEND_AT), rig.onlab(fromBackend, BenchRig.BACKEND_AT));
    }

    /**
     * Fails unless both implementations emitted the same frame. An IPv4 frame's
     * identification (and so its header checksum) is each translator's own draw when DF is
     * clear (RFC 7915 5.1: up to 1260 bytes), so those two fields are compared as equal
     * when the flags say DF is clear in both; everything else byte for byte.
     *
     * @param a v6proxy's frame
     * @param b the baseline's frame
     */
    static void same(byte[] a, byte[] b) {
        if (a == null || b == null || a.length != b.length) {
            throw new IllegalStateException("the implementations disagree; the comparison would be void");
        }
        byte[] c = b;
        int ip = 14;
        boolean ip4 = a.length > ip + 20 && (a[12] & 0xff) == 0x08 && a[13] == 0;
        if (ip4 && (a[ip + 6] & 0x40) == 0 && (b[ip + 6] & 0x40) == 0) {
            c = b.clone();
            System.arraycopy(a, ip + 4, c, ip + 4, 2);
            System.arraycopy(a, ip + 10, c, ip + 10, 2);
        }
        if (!Arrays.equals(a, c)) {
            throw new IllegalStateException("the implementations disagree; the comparison would be void");
        }
    }

    /** Stops the app. */
    @TearDown(Level.Trial)
    public void tearDown() {
        rig.close();
    }

    /**
     * v6proxy, client (IPv4) to backend (IPv6).
     *
     * @return the emitted frame
     */
    @Benchmark
    @Group("clientToBackend")
    @GroupThreads(1)
    public byte[] v6proxyClientToBackend() {
        rig.processor.handle(fromClient, 0, fromClient.length, BenchRig.CLIENT_AT);
        return rig.pkt.lastFrame();
    }

    /**
     * org.onlab.packet implementation, client to backend.
     *
     * @return the emitted frame
     */
    @Benchmark
    @Group("clientToBackend")
    @GroupThreads(1)
    public byte[] onlabClientToBackend() {
        rig.onlab.process(fromClient, BenchRig.CLIENT_AT);
        return rig.pkt.lastFrame();
    }

    /**
     * v6proxy, backend (IPv6) to client (IPv4).
     *
     * @return the emitted frame
     */
    @Benchmark
    @Group("backendToClient")
    @GroupThreads(1)
    public byte[] v6proxyBackendToClient() {
        rig.processor.handle(fromBackend, 0, fromBackend.length, BenchRig.BACKEND_AT);
        return rig.pkt.lastFrame();
    }

    /**
     * org.onlab.packet implementation, backend to client.
     *
     * @return the emitted frame
     */
    @Benchmark
    @Group("backendToClient")
    @GroupThreads(1)
    public byte[] onlabBackendToClient() {
        rig.onlab.process(fromBackend, BenchRig.BACKEND_AT);
        return rig.pkt.lastFrame();
    }
}
