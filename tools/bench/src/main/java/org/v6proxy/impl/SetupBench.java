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

import java.util.concurrent.TimeUnit;

/**
 * Connection setup through the real packet processor and connection store
 * (over the in-memory TestStorageService): one operation is one connection,
 * SYN to first data delivered (see {@link SetupScenario}); v6proxy versus
 * the conventional implementation doing the same with ConcurrentHashMaps
 * and a ConsistentMap of the same records. Like {@link TranslateBench}, the
 * two run at the same time as one JMH group, each thread with its own rig.
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
public class SetupBench {
    /** Connections alive at once (client ports used in turn). */
    static final int RING = 4096;

    /** Service mode: "l4" or "http" (delayed binding), see SetupScenario. */
    @Param({"l4", "http"})
    public String mode;

    private BenchRig rig;
    private SetupScenario v6proxy;
    private SetupScenario onlab;
    private long failed;

    /** Builds the rig and checks that one connection of each kind delivers its data. */
    @Setup(Level.Trial)
    public void setUp() {
        rig = new BenchRig();
        v6proxy = SetupScenario.create(mode, rig, true, RING);
        onlab = SetupScenario.create(mode, rig, false, RING);
        if (v6proxy.next() == null || onlab.next() == null) {
            throw new IllegalStateException("a connection setup did not deliver its data");
        }
    }

    /**
     * Stops the app; fails the run if any setup did not deliver its data.
     */
    @TearDown(Level.Trial)
    public void tearDown() {
        rig.close();
        if (failed != 0) {
            throw new IllegalStateException(failed + " connection setups did not deliver their data");
        }
    }

    /**
     * One connection through v6proxy.
     *
     * @return the delivered data frame
     */
    @Benchmark
    @Group("setup")
    @GroupThreads(1)
    public byte[] v6proxy() {
        return counted(v6proxy.next());
    }

    /**
     * One connection through the org.onlab.packet implementation.
     *
     * @return the delivered data frame
     */
    @Benchmark
    @Group("setup")
    @GroupThreads(1)
    public byte[] onlab() {
        return counted(onlab.next());
    }

    /** Counts setups that delivered nothing: a throughput of failures would be void. */
    private byte[] counted(byte[] delivered) {
        if (delivered == null) {
            failed++;
        }
        return delivered;
    }
}
