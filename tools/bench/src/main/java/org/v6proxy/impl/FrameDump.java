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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.MacAddress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes the translation benchmark's segments for the scapy comparison
 * (tools/bench/scapy_xlate.py): for each payload size, the input frame of
 * each direction ({@code c2b-N.in}, {@code b2c-N.in}) and the frame v6proxy
 * emits for it ({@code .out}, what the script's output must equal), plus
 * {@code mapping.json} with the connection's addresses, ports and MACs.
 */
public final class FrameDump {
    private static final int[] PAYLOADS = {64, 512, 1460};
    private static final int SPORT = 40000;

    private FrameDump() {
    }

    /**
     * Writes the files.
     *
     * @param args output directory
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : "frames");
        Files.createDirectories(dir);
        try (BenchRig rig = new BenchRig()) {
            rig.establishBoth(BenchRig.CLIENT4, SPORT);
            for (int n : PAYLOADS) {
                byte[] c2b = BenchFrames.clientData(BenchRig.CLIENT4, SPORT, BenchFrames.payload(n, 1));
                byte[] b2c = BenchFrames.backendData(BenchRig.CLIENT4, SPORT, BenchFrames.payload(n, 2));
                Files.write(dir.resolve("c2b-" + n + ".in"), c2b);
                Files.write(dir.resolve("c2b-" + n + ".out"), rig.v6proxy(c2b, BenchRig.CLIENT_AT).clone());
                Files.write(dir.resolve("b2c-" + n + ".in"), b2c);
                Files.write(dir.resolve("b2c-" + n + ".out"), rig.v6proxy(b2c, BenchRig.BACKEND_AT).clone());
            }
        }
        ObjectNode m = new ObjectMapper().createObjectNode();
        m.put("gatewayMac", MacAddress.valueOf(BenchRig.GW_MAC).toString());
        m.put("clientMac", MacAddress.valueOf(BenchRig.CLIENT_MAC).toString());
        m.put("backendMac", MacAddress.valueOf(BenchRig.BACKEND_MAC).toString());
        m.put("client4", Ip4Address.valueOf(BenchRig.CLIENT4).toString());
        m.put("client6", Ip6Address.valueOf(BenchFrames.client6(BenchRig.CLIENT4)).toString());
        m.put("vip", Ip4Address.valueOf(BenchRig.VIP4).toString());
        m.put("servicePort", BenchRig.SERVICE_PORT);
        m.put("backend6", Ip6Address.valueOf(BenchRig.BACKEND6).toString());
        m.put("backendPort", BenchRig.BACKEND_PORT);
        StringBuilder sizes = new StringBuilder();
        for (int n : PAYLOADS) {
            sizes.append(sizes.length() == 0 ? "" : ",").append(n);
        }
        m.put("payloads", sizes.toString());
        Files.write(dir.resolve("mapping.json"), new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(m));
    }
}
