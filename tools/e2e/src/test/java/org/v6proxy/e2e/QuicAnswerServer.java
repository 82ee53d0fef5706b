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

import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicStream;
import tech.kwik.core.log.NullLogger;
import tech.kwik.core.server.ApplicationProtocolConnection;
import tech.kwik.core.server.ApplicationProtocolConnectionFactory;
import tech.kwik.core.server.ServerConnectionConfig;
import tech.kwik.core.server.ServerConnector;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A QUIC server (Kwik) run as its own program in a backend namespace: on each of the ports given it accepts
 * connections with ALPN {@value #ALPN} (QUIC v1 and v2) and answers every stream with its identity, the stream's
 * request and the client address it saw. Usage: {@code QuicAnswerServer CERT KEY IDENTITY:PORT...}.
 */
public final class QuicAnswerServer {
    /** The application protocol both sides offer. */
    static final String ALPN = "v6pe";

    private QuicAnswerServer() {
    }

    /**
     * Starts the servers and runs until killed.
     *
     * @param args certificate PEM, key PEM, then identity:port pairs
     * @throws Exception if a server cannot start
     */
    public static void main(String[] args) throws Exception {
        for (int i = 2; i < args.length; i++) {
            String identity = args[i].substring(0, args[i].lastIndexOf(':'));
            int port = Integer.parseInt(args[i].substring(args[i].lastIndexOf(':') + 1));
            ServerConnector c;
            try (InputStream cert = new FileInputStream(args[0]); InputStream key = new FileInputStream(args[1])) {
                c = ServerConnector.builder().withPort(port).withCertificate(cert, key)
                        .withSupportedVersions(List.of(QuicConnection.QuicVersion.V1, QuicConnection.QuicVersion.V2))
                        .withConfiguration(ServerConnectionConfig.builder().maxIdleTimeoutInSeconds(30)
                                                   .maxOpenPeerInitiatedBidirectionalStreams(16).build())
                        .withLogger(new NullLogger()).build();
            }
            c.registerApplicationProtocol(ALPN, new Answers(identity));
            c.start();
            System.out.println("listening " + identity + " on " + port);
        }
        Thread.currentThread().join();
    }

    /** Answers each stream of a connection. */
    private static final class Answers implements ApplicationProtocolConnectionFactory {
        private final String identity;

        Answers(String identity) {
            this.identity = identity;
        }

        @Override
        public ApplicationProtocolConnection createConnection(String protocol, QuicConnection connection) {
            return new ApplicationProtocolConnection() {
                @Override
                public void acceptPeerInitiatedStream(QuicStream stream) {
                    new Thread(() -> answer(stream)).start();
                }
            };
        }

        @Override
        public int maxConcurrentPeerInitiatedBidirectionalStreams() {
            return 16;
        }

        private void answer(QuicStream stream) {
            try {
                String request = new String(stream.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                OutputStream out = stream.getOutputStream();
                out.write((identity + " " + request.trim() + "\n").getBytes(StandardCharsets.UTF_8));
                out.close();
            } catch (IOException e) {
                System.out.println("stream failed: " + e);
            }
        }
    }
}
