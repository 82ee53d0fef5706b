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
package org.v6proxy.testbed;

import org.v6proxy.testbed.fabric.PortSpec;
import org.v6proxy.testbed.fabric.TestbedSwitch;
import org.v6proxy.testbed.io.MemoryLink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

/**
 * A switch over in-memory links for tests: inject a frame on a port, see what each port got.
 */
public final class SwitchHarness implements AutoCloseable {

    /** How long to wait for a frame that must arrive. */
    public static final long ARRIVE_MILLIS = 2000;
    /** How long to wait before concluding that no frame arrives. */
    public static final long QUIET_MILLIS = 150;

    private final List<MemoryLink> links = new ArrayList<>();
    private final TestbedSwitch fabric;

    /**
     * Creates (not starts) a switch with N in-memory ports.
     *
     * @param ports number of ports
     */
    public SwitchHarness(int ports) {
        List<PortSpec> specs = new ArrayList<>();
        for (int i = 1; i <= ports; i++) {
            MemoryLink link = new MemoryLink("mem" + i);
            links.add(link);
            specs.add(new PortSpec("h" + i, link.opener()));
        }
        fabric = new TestbedSwitch(TestbedSwitch.DEFAULT_DEVICE, specs, (task, nanos) -> task.run());
    }

    /**
     * Returns port specs over the same links (to build a Testbed on them instead).
     *
     * @return specs
     */
    public List<PortSpec> specs() {
        List<PortSpec> specs = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            specs.add(new PortSpec("h" + (i + 1), links.get(i).opener()));
        }
        return specs;
    }

    /**
     * Starts the switch.
     *
     * @return this
     * @throws IOException never for memory links
     */
    public SwitchHarness start() throws IOException {
        fabric.start(ARRIVE_MILLIS);
        return this;
    }

    /**
     * Returns the switch.
     *
     * @return switch
     */
    public TestbedSwitch fabric() {
        return fabric;
    }

    /**
     * Returns the link of a port.
     *
     * @param port port number
     * @return link
     */
    public MemoryLink link(int port) {
        return links.get(port - 1);
    }

    /**
     * Sends a frame as host N.
     *
     * @param port port number
     * @param frame frame
     */
    public void inject(int port, byte[] frame) {
        link(port).inject(frame);
    }

    /**
     * Waits for the next frame written to a port.
     *
     * @param port port number
     * @return the frame
     * @throws InterruptedException when interrupted
     */
    public byte[] expect(int port) throws InterruptedException {
        byte[] f = link(port).poll(ARRIVE_MILLIS, TimeUnit.MILLISECONDS);
        assertNotNull("a frame on port " + port, f);
        return f;
    }

    /**
     * Asserts that exactly this frame arrives on a port next.
     *
     * @param port port number
     * @param frame expected bytes
     * @throws InterruptedException when interrupted
     */
    public void expect(int port, byte[] frame) throws InterruptedException {
        assertArrayEquals("frame on port " + port, frame, expect(port));
    }

    /**
     * Asserts that no frame arrives on the given ports within {@link #QUIET_MILLIS}.
     *
     * @param ports port numbers
     * @throws InterruptedException when interrupted
     */
    public void expectNothing(int... ports) throws InterruptedException {
        Thread.sleep(QUIET_MILLIS);
        for (int p : ports) {
            assertEquals("frames on port " + p + ": " + Arrays.toString(ports), 0, link(p).pending());
        }
    }

    @Override
    public void close() {
        fabric.stop();
    }
}
