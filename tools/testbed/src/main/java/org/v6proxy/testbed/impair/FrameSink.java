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
package org.v6proxy.testbed.impair;

/**
 * Takes frames, one at a time.
 */
@FunctionalInterface
public interface FrameSink {
    /**
     * Takes one frame. The sink may keep the array only if it does not change it and the
     * caller does not either (frames handed over by the switch are never reused).
     *
     * @param frame array holding the frame
     * @param off offset of the frame's first byte
     * @param len frame length
     */
    void accept(byte[] frame, int off, int len);
}
