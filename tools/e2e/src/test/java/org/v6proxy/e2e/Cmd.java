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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs, in the root namespace or in a host's namespace, with a
 * deadline; output goes through temporary files so no pipe can fill up.
 */
final class Cmd {
    private Cmd() {
    }

    /** What a finished program left. */
    static final class Result {
        final int exit;
        final byte[] out;
        final String err;

        Result(int exit, byte[] out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        String out() {
            return new String(out, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit=" + exit + " out=" + abbreviate(out()) + " err=" + abbreviate(err);
        }

        private static String abbreviate(String s) {
            return s.length() > 400 ? s.substring(0, 400) + "..." : s;
        }
    }

    /**
     * Runs a program in a namespace and waits for it.
     *
     * @param ns namespace, or null for the root namespace
     * @param timeoutSec deadline; the program is killed after it
     * @param argv program and arguments
     * @return result
     */
    static Result run(String ns, int timeoutSec, String... argv) {
        return run(ns, timeoutSec, null, argv);
    }

    /**
     * Runs a program in a namespace with a file as standard input.
     *
     * @param ns namespace, or null
     * @param timeoutSec deadline
     * @param stdin input file, or null for none
     * @param argv program and arguments
     * @return result
     */
    static Result run(String ns, int timeoutSec, File stdin, String... argv) {
        try {
            File out = File.createTempFile("v6p-e2e", ".out");
            File err = File.createTempFile("v6p-e2e", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command(ns, argv))
                        .redirectOutput(out).redirectError(err);
                pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                                               : ProcessBuilder.Redirect.from(stdin));
                Process p = pb.start();
                if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    return new Result(-1, Files.readAllBytes(out.toPath()),
                                      "timed out after " + timeoutSec + " s: " + Arrays.toString(argv) + "\n"
                                              + Files.readString(err.toPath()));
                }
                return new Result(p.exitValue(), Files.readAllBytes(out.toPath()), Files.readString(err.toPath()));
            } finally {
                Files.deleteIfExists(out.toPath());
                Files.deleteIfExists(err.toPath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs a shell command line in a namespace.
     *
     * @param ns namespace or null
     * @param timeoutSec deadline
     * @param script sh -c text
     * @return result
     */
    static Result sh(String ns, int timeoutSec, String script) {
        return run(ns, timeoutSec, "sh", "-c", script);
    }

    /**
     * Starts a long-running program (a server) in a namespace.
     *
     * @param ns namespace
     * @param log file for its output
     * @param argv program and arguments
     * @return the process
     */
    static Process spawn(String ns, File log, String... argv) {
        try {
            return new ProcessBuilder(command(ns, argv)).redirectErrorStream(true)
                    .redirectOutput(log).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ends a spawned program and its children.
     *
     * @param p process, may be null
     */
    static void stop(Process p) {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> command(String ns, String... argv) {
        List<String> cmd = new ArrayList<>();
        if (ns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", ns));
        }
        cmd.addAll(Arrays.asList(argv));
        return cmd;
    }

    /**
     * Returns whether a program is on the PATH.
     *
     * @param name program
     * @return true if found
     */
    static boolean has(String name) {
        return run(null, 10, "sh", "-c", "command -v " + name).exit == 0;
    }
}
