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
package org.v6proxy.testbed.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The medium behind one switch port: frames the host sends are read here, frames for
 * the host are written here. One thread reads; writers are serialised by the caller.
 */
public interface FrameLink {

    /** Largest frame a link delivers; also the size of the buffers passed to it. */
    int MAX_FRAME = 65536;

    /**
     * Waits a short while (at most a few hundred milliseconds) for one frame and copies
     * it into {@code dst} from index 0. The buffer's position and limit are not used.
     *
     * @param dst direct buffer of at least {@link #MAX_FRAME} bytes
     * @return the frame's length, or 0 when none arrived in time
     * @throws IOException when the link failed for good
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Writes one frame: bytes 0..len-1 of {@code src}.
     *
     * @param src direct buffer holding the frame from index 0
     * @param len frame length
     * @throws IOException when the frame could not be written
     */
    void write(ByteBuffer src, int len) throws IOException;

    /**
     * Returns a name for logs, such as {@code eth0@v6p-h1}.
     *
     * @return link name
     */
    String name();

    /**
     * Releases the link; no read or write may be in progress.
     */
    void close();

    /**
     * Opens a link on the calling thread (a TAP link must be opened on the thread that
     * reads it, which enters the namespace for the duration of the open).
     */
    @FunctionalInterface
    interface Opener {
        /**
         * Opens the link.
         *
         * @return the open link
         * @throws IOException with a message saying what is missing or busy
         */
        FrameLink open() throws IOException;
    }
}
