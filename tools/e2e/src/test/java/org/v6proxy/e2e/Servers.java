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

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Servers in backend namespaces, stopped together at the end of a test.
 */
final class Servers implements AutoCloseable {
    /** Path prefix under which {@link #nginx} serves its files at 512 KB/s. */
    static final String PACED = "/paced/";
    private final List<Process> procs = new ArrayList<>();

    /**
     * Starts nginx serving a directory on an IPv6 port.
     *
     * @param ns namespace
     * @param port port
     * @param docroot world-readable directory
     * @return this
     */
    Servers nginx(String ns, int port, File docroot) {
        File dir = E2e.workDir("nginx");
        String conf = "worker_processes 1;\n"
                + "pid " + dir + "/nginx.pid;\n"
                + "error_log " + dir + "/error.log;\n"
                + "daemon off;\n"
                + "events { worker_connections 1024; }\n"
                + "http {\n"
                + "  access_log off;\n"
                + "  client_body_temp_path " + dir + "/body;\n"
                + "  proxy_temp_path " + dir + "/proxy;\n"
                + "  fastcgi_temp_path " + dir + "/fastcgi;\n"
                + "  uwsgi_temp_path " + dir + "/uwsgi;\n"
                + "  scgi_temp_path " + dir + "/scgi;\n"
                + "  keepalive_timeout 5;\n"
                + "  server { listen [::]:" + port + " ipv6only=on; root " + docroot + ";\n"
                + "    location /whoami { return 200 \"" + ns + " $host $remote_addr\\n\"; }\n"
                // The same files sent at an even 512 KB/s, for transfers that must still run when
                // something is done to them (curl's own --limit-rate pauses for seconds after a
                // burst, which a stall measurement cannot tell from a stall).
                + "    location " + PACED + " { alias " + docroot + "/; limit_rate 512k; } }\n"
                + "}\n";
        File f = new File(dir, "nginx.conf");
        write(f, conf);
        procs.add(Cmd.spawn(ns, new File(dir, "out.log"), "nginx", "-c", f.getPath(), "-p", dir.getPath()));
        awaitListening(ns, port);
        return this;
    }

    /**
     * Starts a long-running program in a namespace.
     *
     * @param ns namespace
     * @param port port it listens on (waited for), or 0
     * @param argv program
     * @return this
     */
    Servers spawn(String ns, int port, String... argv) {
        File dir = E2e.workDir("srv");
        procs.add(Cmd.spawn(ns, new File(dir, "out.log"), argv));
        if (port > 0) {
            awaitListening(ns, port);
        }
        return this;
    }

    /**
     * Waits until something listens on a TCP or UDP port in a namespace.
     *
     * @param ns namespace
     * @param port port
     */
    static void awaitListening(String ns, int port) {
        for (int i = 0; i < 100; i++) {
            Cmd.Result r = Cmd.run(ns, 5, "ss", "-Htuln", "sport = :" + port);
            if (r.exit == 0 && !r.out().trim().isEmpty()) {
                return;
            }
            E2e.sleep(50);
        }
        throw new IllegalStateException("nothing listens on port " + port + " in " + ns);
    }

    static void write(File f, String text) {
        try {
            Files.write(f.toPath(), text.getBytes(StandardCharsets.UTF_8));
            f.setReadable(true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Process p : procs) {
            Cmd.stop(p);
        }
        procs.clear();
    }
}
