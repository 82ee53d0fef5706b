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
package org.v6proxy.testbed.fabric;

import org.v6proxy.testbed.io.FrameLink;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * How to build one switch port: its name and how to open its link.
 */
public final class PortSpec {
    private final String name;
    private final FrameLink.Opener opener;

    /**
     * Creates a port spec.
     *
     * @param name port name (the host's namespace for a TAP port)
     * @param opener opens the port's link on the port's reader thread
     */
    public PortSpec(String name, FrameLink.Opener opener) {
        this.name = checkNotNull(name, "name");
        this.opener = checkNotNull(opener, "opener");
    }

    /**
     * Returns the port name.
     *
     * @return name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the link opener.
     *
     * @return opener
     */
    public FrameLink.Opener opener() {
        return opener;
    }
}
