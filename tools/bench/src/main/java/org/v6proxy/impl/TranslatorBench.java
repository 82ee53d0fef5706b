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
import org.v6proxy.xlate.XlatResult;

import java.util.concurrent.TimeUnit;

/**
 * The translator step alone (RFC 7915 header translation, incremental
 * checksum, into one new array), on the same segments and connection as
 * {@link TranslateBench}: with -prof gc it shows which part of the path's
 * allocation is the output frame and which is the rest of the path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
    "--add-opens", "java.base/java.nio=ALL-UNNAMED"})
public class TranslatorBench {
    private static final int ETH = 14;

    /** TCP payload bytes per segment. */
    @Param({"64", "512", "1460"})
    public int payload;

    private BenchRig rig;
    private ServiceTable table;
    private ConnectionEntry entry;
    private final ConnMapper mapper = new ConnMapper();
    private final XlatResult result = new XlatResult();
    private byte[] fromClient;
    private byte[] fromBackend;

    /** Opens the connection and takes its entry. */
    @Setup(Level.Trial)
    public void setUp() {
        rig = new BenchRig();
        rig.establishBoth(BenchRig.CLIENT4, 40000);
        table = rig.mgr.table();
        entry = rig.store.find4(6, BenchRig.CLIENT4, 40000, BenchRig.VIP4, BenchRig.SERVICE_PORT);
        fromClient = BenchFrames.clientData(BenchRig.CLIENT4, 40000, BenchFrames.payload(payload, 1));
        fromBackend = BenchFrames.backendData(BenchRig.CLIENT4, 40000, BenchFrames.payload(payload, 2));
    }

    /** Stops the app. */
    @TearDown(Level.Trial)
    public void tearDown() {
        rig.close();
    }

    /**
     * Translator only, IPv4 to IPv6.
     *
     * @return the new frame
     */
    @Benchmark
    public byte[] translatorClientToBackend() {
        table.translator().translate4to6(fromClient, ETH, fromClient.length - ETH, mapper.set(entry, false), ETH,
                                         result);
        return result.packet();
    }

    /**
     * Translator only, IPv6 to IPv4.
     *
     * @return the new frame
     */
    @Benchmark
    public byte[] translatorBackendToClient() {
        table.translator().translate6to4(fromBackend, ETH, fromBackend.length - ETH, mapper.set(entry, false), ETH,
                                         result);
        return result.packet();
    }
}
