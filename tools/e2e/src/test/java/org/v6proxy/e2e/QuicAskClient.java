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
package org.v6proxy.e2e;

import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicStream;
import tech.kwik.core.log.NullLogger;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A QUIC client (Kwik) run as its own program in a client namespace: for each name it opens a connection to the
 * VIP with that name as SNI, each with its own UDP socket (its own 4-tuple), all at once, asks on one stream and
 * prints {@code name -> answer} (or {@code name -> ERROR ...}). Usage:
 * {@code QuicAskClient VIP PORT VERSION PADDING NAME...}: VERSION is 1 or 2; PADDING, if above 0, is how many
 * dummy bytes Kwik adds to the ClientHello (its "quantum readiness" test), so that it spans several Initials.
 */
public final class QuicAskClient {

    private QuicAskClient() {
    }

    /**
     * Runs the clients.
     *
     * @param args VIP, port, version, padding, names
     * @throws Exception if the pool fails
     */
    public static void main(String[] args) throws Exception {
        String vip = args[0];
        int port = Integer.parseInt(args[1]);
        QuicConnection.QuicVersion version = "2".equals(args[2]) ? QuicConnection.QuicVersion.V2
                : QuicConnection.QuicVersion.V1;
        int padding = Integer.parseInt(args[3]);
        List<String> names = List.of(args).subList(4, args.length);
        ExecutorService pool = Executors.newFixedThreadPool(names.size());
        List<Future<String>> answers = new ArrayList<>();
        for (String name : names) {
            answers.add(pool.submit(() -> ask(vip, port, version, padding, name)));
        }
        for (int i = 0; i < names.size(); i++) {
            String a;
            try {
                a = answers.get(i).get();
            } catch (Exception e) {
                a = "ERROR " + e.getCause();
            }
            System.out.println(names.get(i) + " -> " + a);
        }
        pool.shutdownNow();
        System.exit(0);
    }

    private static String ask(String vip, int port, QuicConnection.QuicVersion version, int padding, String name)
            throws Exception {
        // The name is the SNI (and what certificate checks would be against); the packets go to the VIP.
        QuicClientConnection.Builder b = QuicClientConnection.newBuilder().host(name).port(port).proxy(vip)
                .applicationProtocol(QuicAnswerServer.ALPN).version(version).noServerCertificateCheck()
                .connectTimeout(Duration.ofSeconds(10)).logger(new NullLogger());
        if (padding > 0) {
            b.quantumReadinessTest(padding);
        }
        QuicClientConnection c = b.build();
        try {
            c.connect();
            QuicStream s = c.createStream(true);
            OutputStream out = s.getOutputStream();
            out.write(name.getBytes(StandardCharsets.UTF_8));
            out.close();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } finally {
            c.close();
        }
    }
}
