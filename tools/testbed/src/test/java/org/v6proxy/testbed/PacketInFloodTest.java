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
package org.v6proxy.testbed;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.onosproject.net.PortNumber;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketService;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.types.OFPort;
import org.v6proxy.testbed.openflow.FakeSwitch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.v6proxy.testbed.TestFrames.numbered;

/**
 * The controller's side of the OpenFlow channel under a flood of small packet-ins, each
 * answered by a processor with a packet-out (what every translated packet costs the
 * testbed besides the translation): every one comes back intact. Prints the
 * rate, the controller's share of the packet-in figure in docs/bench/e2e-notes.md (no switch
 * in between: FakeSwitch writes the packet-ins as fast as loopback takes them).
 */
public class PacketInFloodTest {

    private static final int FRAMES = 20_000;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void everyPacketInOfAFloodIsAnswered() throws Exception {
        int port = FakeSwitch.freePort();
        CompletableFuture<FakeSwitch> connecting = FakeSwitch.connectWhenListening(port, 1, 2);
        TestbedConfig cfg = TestbedConfig.builder().openflow(port).components(List.of())
                .readyFile(tmp.getRoot().toPath().resolve("ready")).build();
        try (Testbed tb = Testbed.start(cfg); FakeSwitch sw = connecting.get(5, TimeUnit.SECONDS)) {
            tb.service(PacketService.class).addProcessor(c -> {
                c.treatmentBuilder().setOutput(PortNumber.IN_PORT);
                c.send();
            }, PacketProcessor.director(1));
            // 64-byte frames, as tools/bench/e2e's UDP flood sends.
            byte[] frame = numbered("02:00:00:00:00:02", "02:00:00:00:00:01", 1);
            byte[] small = new byte[64];
            System.arraycopy(frame, 0, small, 0, Math.min(frame.length, small.length));
            long readerCpu = readerCpuNanos();
            long start = System.nanoTime();
            sw.floodPacketIns(2, small, FRAMES);
            for (int i = 0; i < FRAMES; i++) {
                OFPacketOut out = sw.nextPacketOut(10_000);
                assertEquals(List.of(OFPort.IN_PORT), FakeSwitch.outputs(out));
                assertEquals(OFPort.of(2), out.getInPort());
                assertArrayEquals(small, out.getData());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // CPU time of the channel's reader thread, which runs the processors and writes the packet-outs:
            // what one controller core spends per packet, whatever else the machine runs.
            double cpuMicros = (readerCpuNanos() - readerCpu) / 1e3 / FRAMES;
            System.out.printf("PacketInFloodTest: %d packet-ins answered in %.2f s: %.0f/s; reader thread %.1f us"
                                      + " CPU each (%.0f/s per core); load average %s%n", FRAMES, seconds,
                              FRAMES / seconds, cpuMicros, 1e6 / cpuMicros, loadAverage());
        }
    }

    /** CPU time of the OpenFlow channel's reader thread ("v6p-of-PORT"). */
    private static long readerCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().matches("v6p-of-\\d+")) {
                return threads.getThreadCpuTime(t.getThreadId());
            }
        }
        throw new AssertionError("no OpenFlow reader thread");
    }

    private static String loadAverage() {
        try {
            return new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
