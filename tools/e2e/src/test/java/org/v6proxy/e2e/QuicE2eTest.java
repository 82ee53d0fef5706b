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

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.v6proxy.api.Connection;
import org.v6proxy.api.DropReason;
import org.v6proxy.api.Protocol;

import java.io.File;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.e2e.E2e.H1;
import static org.v6proxy.e2e.E2e.H2;
import static org.v6proxy.e2e.E2e.H3;

/**
 * The quic mode with a real QUIC client and server (Kwik, pure Java, v1 and v2) in the namespaces: service
 * {@code h3} (10.0.0.42:443/udp) routes {@code a.example} to h1:4433, {@code *.b.example} to h2:4433 and everything
 * else to its default h2:4434; each backend answers a stream with its identity, so the answer says who served.
 */
public class QuicE2eTest {
    private static final Servers SERVERS = new Servers();
    private static String classpath;
    private static final String JAVA = System.getProperty("java.home") + "/bin/java";

    @BeforeClass
    public static void setUp() throws Exception {
        E2e.assumeAvailable();
        classpath = List.of(QuicAnswerServer.class, tech.kwik.core.QuicConnection.class,
                            tech.kwik.agent15.TlsConstants.class, at.favre.lib.hkdf.HKDF.class,
                            io.whitfin.siphash.SipHasher.class).stream()
                .map(QuicE2eTest::location).collect(Collectors.joining(File.pathSeparator));
        File dir = E2e.workDir("quic");
        File cert = new File(dir, "cert.pem");
        File key = new File(dir, "key.pem");
        Cmd.Result r = Cmd.run(H1, 60, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                               "-subj", "/CN=v6pe", "-keyout", key.getPath(), "-out", cert.getPath());
        assertEquals(r.toString(), 0, r.exit);
        SERVERS.spawn(H1, 0, JAVA, "-cp", classpath, QuicAnswerServer.class.getName(), cert.getPath(),
                      key.getPath(), "h1:4433");
        SERVERS.spawn(H2, 0, JAVA, "-cp", classpath, QuicAnswerServer.class.getName(), cert.getPath(),
                      key.getPath(), "h2:4433", "h2-default:4434");
        Servers.awaitListening(H1, 4433);
        Servers.awaitListening(H2, 4433);
        Servers.awaitListening(H2, 4434);
    }

    @AfterClass
    public static void tearDown() {
        SERVERS.close();
    }

    private static String location(Class<?> c) {
        try {
            return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the client program in h3: one connection per name, all at once; returns name -> answer. */
    private static Map<String, String> ask(int version, int padding, String... names) {
        List<String> argv = new ArrayList<>(List.of(JAVA, "-cp", classpath, QuicAskClient.class.getName(),
                                                    "10.0.0.42", "443", Integer.toString(version),
                                                    Integer.toString(padding)));
        argv.addAll(List.of(names));
        Cmd.Result r = Cmd.run(H3, 180, argv.toArray(new String[0]));
        assertEquals(r.toString(), 0, r.exit);
        Map<String, String> answers = new HashMap<>();
        for (String line : r.out().split("\n")) {
            int arrow = line.indexOf(" -> ");
            if (arrow > 0) {
                answers.put(line.substring(0, arrow), line.substring(arrow + 4));
            }
        }
        System.out.println("quic answers: " + answers);
        return answers;
    }

    private static List<Connection> quicConnections() {
        return E2e.proxy().getConnections().stream()
                .filter(c -> c.key().protocol() == Protocol.UDP && c.service().equals("h3"))
                .collect(Collectors.toList());
    }

    @Test
    public void eachNameReachesItsBackendAndOthersTheDefault() {
        Map<String, String> a = ask(1, 0, "a.example", "x.b.example", "nobody.example");
        assertEquals("h1 a.example", a.get("a.example"));
        assertEquals("h2 x.b.example", a.get("x.b.example"));
        assertEquals("h2-default nobody.example", a.get("nobody.example"));
        List<Connection> conns = quicConnections();
        assertTrue(conns.toString(),
                   conns.stream().anyMatch(c -> c.backend().toString().equals("[2001:db8::1]:4433")));
        Map<String, String> v2 = ask(2, 0, "a.example", "y.b.example");
        assertEquals("QUIC v2", "h1 a.example", v2.get("a.example"));
        assertEquals("QUIC v2", "h2 y.b.example", v2.get("y.b.example"));
    }

    @Test
    public void clientHelloSpanningTwoInitialsIsRoutedRight() {
        // Kwik pads the ClientHello by 1500 bytes: it cannot fit one 1200-1472-byte Initial.
        long before = E2e.proxy().getCounters().drops(DropReason.QUIC_NOT_INITIAL);
        Map<String, String> a = ask(1, 1500, "z.b.example", "a.example");
        assertEquals("h2 z.b.example", a.get("z.b.example"));
        assertEquals("h1 a.example", a.get("a.example"));
        assertEquals("no datagram of theirs was refused", before,
                     E2e.proxy().getCounters().drops(DropReason.QUIC_NOT_INITIAL));
    }

    @Test
    public void twentyClientsAtOnce() {
        String[] names = new String[20];
        for (int i = 0; i < names.length; i++) {
            names[i] = i == 0 ? "a.example" : i % 2 == 1 ? "c" + i + ".b.example" : "other" + i + ".example";
        }
        Map<String, String> a = ask(1, 0, names);
        for (String n : names) {
            String who = n.equals("a.example") ? "h1" : n.endsWith(".b.example") ? "h2" : "h2-default";
            assertEquals(n, who + " " + n, a.get(n));
        }
    }
}
