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

import org.onosproject.net.ConnectPoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * v6proxy's per-packet path in a plain timed loop, driven line by line over
 * stdin so that tools/bench/scapy_xlate.py can alternate it with scapy in
 * short slices (both then see the same load on shared cores). Cases are the
 * frames of {@link FrameDump}: {@code c2b-64} ... {@code b2c-1460}.
 * Commands: {@code warm SECONDS} runs every case in turn (JIT warm-up) and
 * answers {@code ok}; {@code run CASE SECONDS} answers packets per second;
 * {@code quit} ends.
 */
public final class XlateLoop {
    private static final int[] PAYLOADS = {64, 512, 1460};
    private static final int SPORT = 40000;
    private static final int BATCH = 256;
    private static final long NANOS = 1_000_000_000L;

    private XlateLoop() {
    }

    /**
     * Serves the commands.
     *
     * @param args unused
     * @throws IOException if stdin fails
     */
    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (BenchRig rig = new BenchRig()) {
            rig.establishBoth(BenchRig.CLIENT4, SPORT);
            Map<String, byte[]> frames = new HashMap<>();
            for (int n : PAYLOADS) {
                frames.put("c2b-" + n, BenchFrames.clientData(BenchRig.CLIENT4, SPORT, BenchFrames.payload(n, 1)));
                frames.put("b2c-" + n, BenchFrames.backendData(BenchRig.CLIENT4, SPORT, BenchFrames.payload(n, 2)));
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] w = line.trim().split("\\s+");
                if ("warm".equals(w[0])) {
                    long each = (long) (Double.parseDouble(w[1]) * NANOS) / frames.size();
                    for (String c : frames.keySet()) {
                        loop(rig, c, frames.get(c), each);
                    }
                    out.println("ok");
                } else if ("run".equals(w[0]) && frames.containsKey(w[1])) {
                    out.println(loop(rig, w[1], frames.get(w[1]), (long) (Double.parseDouble(w[2]) * NANOS)));
                } else if ("quit".equals(w[0])) {
                    return;
                } else {
                    out.println("error: " + line);
                }
            }
        }
    }

    /** Runs one case for about nanos; returns packets per second. */
    private static double loop(BenchRig rig, String c, byte[] f, long nanos) {
        ConnectPoint at = c.startsWith("c2b") ? BenchRig.CLIENT_AT : BenchRig.BACKEND_AT;
        long before = rig.pkt.emitted();
        long start = System.nanoTime();
        long elapsed;
        do {
            for (int i = 0; i < BATCH; i++) {
                rig.processor.handle(f, 0, f.length, at);
            }
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return (rig.pkt.emitted() - before) * (double) NANOS / elapsed;
    }
}
