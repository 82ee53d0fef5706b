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

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Test;
import org.v6proxy.testbed.impair.ImpairmentSpec;

import java.io.File;
import java.util.StringJoiner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.e2e.E2e.H1;
import static org.v6proxy.e2e.E2e.H2;
import static org.v6proxy.e2e.E2e.H3;
import static org.v6proxy.e2e.E2e.H4;
import static org.v6proxy.e2e.E2e.H5;
import static org.v6proxy.e2e.E2e.H6;

/**
 * Delayed binding with real programs: the prototype's demo, Host and SNI
 * routing, an early FIN, impaired transfers, concurrency and a SYN flood.
 */
public class SpliceE2eTest {
    private final Servers servers = new Servers();

    @BeforeClass
    public static void setUp() {
        E2e.assumeAvailable();
    }

    @After
    public void tearDown() {
        servers.close();
        E2e.testbed().setImpairment(new ImpairmentSpec(0, 0, 0, 0, 1, ImpairmentSpec.ALL_PORTS));
    }

    @Test
    public void seedDemoRoutesByFirstByte() {
        servers.spawn(H1, 80, "socat", "TCP6-LISTEN:80,reuseaddr,fork", "SYSTEM:echo OK from h1");
        servers.spawn(H2, 80, "socat", "TCP6-LISTEN:80,reuseaddr,fork", "SYSTEM:echo OK from h2");
        Cmd.Result a = Cmd.sh(H3, 20, "echo A | socat -t 5 - TCP:10.0.0.42:80");
        assertEquals(a.toString(), "OK from h1", a.out().trim());
        Cmd.Result b = Cmd.sh(H3, 20, "echo B | socat -t 5 - TCP:10.0.0.42:80");
        assertEquals(b.toString(), "OK from h2", b.out().trim());
    }

    private void twoWebBackends(File root) {
        servers.nginx(H1, 8080, root);
        servers.nginx(H2, 8080, root);
    }

    @Test
    public void httpHostChoosesBackend() {
        twoWebBackends(E2e.workDir("www"));
        assertTrue(whoami("a.example").startsWith(H1 + " a.example 2001:db8:46::a00:3"));
        assertTrue(whoami("x.b.example").startsWith(H2 + " x.b.example "));
        assertTrue(whoami("B.Example").startsWith(H2 + " "));
        assertTrue("unknown host -> default", whoami("unknown.example").startsWith(H1 + " "));
    }

    private static String whoami(String host) {
        Cmd.Result r = Cmd.run(H3, 20, "curl", "-sS", "-H", "Host: " + host, "http://10.0.0.42:8080/whoami");
        assertEquals(r.toString(), 0, r.exit);
        return r.out();
    }

    @Test
    public void tlsSniChoosesBackendEvenWithLargeClientHello() {
        File dir = E2e.workDir("tls");
        for (String h : new String[]{"h1", "h2"}) {
            Cmd.Result g = Cmd.run(null, 60, "openssl", "req", "-x509", "-newkey", "ec",
                                   "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                                   "-subj", "/CN=" + h + "-backend", "-keyout", dir + "/" + h + ".key",
                                   "-out", dir + "/" + h + ".crt");
            assertEquals(g.toString(), 0, g.exit);
        }
        servers.spawn(H1, 8443, "openssl", "s_server", "-6", "-accept", "8443", "-www",
                      "-cert", dir + "/h1.crt", "-key", dir + "/h1.key");
        servers.spawn(H2, 8443, "openssl", "s_server", "-6", "-accept", "8443", "-www",
                      "-cert", dir + "/h2.crt", "-key", dir + "/h2.key");
        assertTrue(sClient("a.example", null).contains("h1-backend"));
        assertTrue(sClient("b.example", null).contains("h2-backend"));
        StringJoiner alpn = new StringJoiner(",");
        for (int i = 0; i < 80; i++) {
            alpn.add(String.format("proto-padding-%04d", i));
        }
        alpn.add("http/1.1");
        assertTrue("ClientHello of about 2 KB, several segments",
                   sClient("b.example", alpn.toString()).contains("h2-backend"));
    }

    private static String sClient(String sni, String alpn) {
        String cmd = "echo Q | openssl s_client -connect 10.0.0.42:443 -servername " + sni
                + (alpn == null ? "" : " -alpn " + alpn) + " 2>&1";
        Cmd.Result r = Cmd.sh(H3, 30, cmd);
        assertTrue(r.toString(), r.out().contains("BEGIN CERTIFICATE") || r.out().contains("subject"));
        return r.out();
    }

    @Test
    public void earlyFinStillGetsFullResponse() {
        File root = E2e.workDir("www");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            body.append("line ").append(i).append('\n');
        }
        Servers.write(new File(root, "page.txt"), body.toString());
        twoWebBackends(root);
        Cmd.Result r = Cmd.sh(H3, 30, "printf 'GET /page.txt HTTP/1.0\\r\\nHost: a.example\\r\\n\\r\\n' "
                + "| socat -t 10 - TCP:10.0.0.42:8080");
        assertEquals(r.toString(), 0, r.exit);
        assertTrue(r.out().startsWith("HTTP/1.1 200"));
        assertTrue("whole body", r.out().endsWith(body.toString()));
    }

    @Test
    public void impairedDownloadAndUploadIntact() {
        // Client h5 and backend h6 sit behind impairers; Host b.example routes to h6 (a.example would go to h1).
        File root = E2e.workDir("www");
        File down = Files2.random(root, "down.bin", 20);
        servers.nginx(H6, 8080, root);
        File sunk = new File(E2e.workDir("sink"), "up.bin");
        servers.spawn(H6, 9000, "socat", "-u", "TCP6-LISTEN:9000,reuseaddr", "CREATE:" + sunk);
        E2e.testbed().setImpairment(ImpairmentSpec.parse("loss=2%,duplicate=1%,reorder=1%,seed=11"));
        File got = new File(E2e.workDir("got"), "down.bin");
        Cmd.Result r = Cmd.run(H5, 300, "curl", "-sS", "-H", "Host: b.example", "-o", got.getPath(),
                               "http://10.0.0.44:8080/down.bin");
        assertEquals(r.toString(), 0, r.exit);
        assertEquals(Files2.sha256(down), Files2.sha256(got));
        // Upload through the prefix service: the stream starts with "PUT" and goes to h6.
        File up = Files2.random(E2e.workDir("up"), "up.bin", 20);
        Cmd.Result u = Cmd.sh(H5, 300, "(printf PUT; cat " + up + ") | socat -u - TCP:10.0.0.44:9000");
        assertEquals(u.toString(), 0, u.exit);
        for (int i = 0; i < 100 && sunk.length() < up.length() + 3; i++) {
            E2e.sleep(100);
        }
        Cmd.Result same = Cmd.sh(null, 60, "(printf PUT; cat " + up + ") | cmp - " + sunk);
        assertEquals("upload byte-identical: " + same, 0, same.exit);
        E2e.assertBothImpairersLostFrames();
    }

    @Test
    public void hundredConcurrentThenTableDrains() {
        File root = E2e.workDir("www");
        Servers.write(new File(root, "index.html"), "hello\n");
        twoWebBackends(root);
        Cmd.Result par = Cmd.sh(H3, 120, "seq 100 | xargs -P 100 -I{} curl -s -o /dev/null -w '%{http_code}\\n' "
                + "-H 'Host: a.example' http://10.0.0.42:8080/index.html | grep -c '^200$'");
        assertEquals(par.toString(), "100", par.out().trim());
        assertEquals("connections left after teardown", "[]", E2e.awaitNoConnections(20000));
    }

    @Test
    public void synFloodDoesNotGrowTheTable() {
        org.junit.Assume.assumeTrue("hping3 not installed", Cmd.has("hping3"));
        File root = E2e.workDir("www");
        Servers.write(new File(root, "index.html"), "hello\n");
        twoWebBackends(root);
        Process flood = Cmd.spawn(H4, new File(E2e.workDir("flood"), "out.log"),
                                  "timeout", "4", "hping3", "-S", "--flood", "-p", "8080", "10.0.0.42");
        try {
            int maxSeen = 0;
            int ok = 0;
            for (int i = 0; i < 10; i++) {
                Cmd.Result r = Cmd.run(H3, 20, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                                       "--max-time", "10", "-H", "Host: a.example",
                                       "http://10.0.0.42:8080/index.html");
                if ("200".equals(r.out().trim())) {
                    ok++;
                }
                // The flood comes from h4 (10.0.0.4): none of its SYNs may leave state behind.
                maxSeen = Math.max(maxSeen, (int) E2e.proxy().getConnections().stream()
                        .filter(c -> c.key().client().toString().equals("10.0.0.4")).count());
            }
            assertEquals("requests served during the flood", 10, ok);
            assertEquals("connections created by the flood", 0, maxSeen);
        } finally {
            Cmd.stop(flood);
        }
    }
}
