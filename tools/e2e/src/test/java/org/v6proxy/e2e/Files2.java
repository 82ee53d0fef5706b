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

/**
 * Test data files and their digests.
 */
final class Files2 {
    private Files2() {
    }

    /**
     * Writes a file of random bytes.
     *
     * @param dir directory
     * @param name file name
     * @param mib size in MiB
     * @return the file (world-readable)
     */
    static File random(File dir, String name, int mib) {
        File f = new File(dir, name);
        Cmd.Result r = Cmd.run(null, 60, "dd", "if=/dev/urandom", "of=" + f, "bs=1M", "count=" + mib,
                               "status=none");
        if (r.exit != 0) {
            throw new IllegalStateException("dd failed: " + r);
        }
        f.setReadable(true, false);
        return f;
    }

    /**
     * Returns a file's SHA-256 as hex.
     *
     * @param f file
     * @return digest
     */
    static String sha256(File f) {
        Cmd.Result r = Cmd.run(null, 60, "sha256sum", f.getPath());
        if (r.exit != 0) {
            throw new IllegalStateException("sha256sum failed: " + r);
        }
        return r.out().split("\\s+")[0];
    }
}
