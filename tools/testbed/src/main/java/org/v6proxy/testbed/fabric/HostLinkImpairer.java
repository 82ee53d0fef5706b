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

import org.v6proxy.testbed.impair.FrameScheduler;
import org.v6proxy.testbed.impair.Impairment;
import org.v6proxy.testbed.impair.ImpairmentSpec;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A host's cable with an impairment on it (what netem would do, which this kernel lacks): the
 * host's TAP in its namespace on one side, a TAP attached to the switch on the other, and the
 * frames toward the host passing the seeded loss / duplication / reordering / delay stage of
 * {@link Impairment}. Frames toward the switch pass unchanged: each frame
 * crossing the fabric is impaired once, on the link of the host it goes to.
 */
public final class HostLinkImpairer {

    private final int number;
    private final SwitchPort host;
    private final SwitchPort toSwitch;

    /**
     * Creates the link; nothing is opened until {@link #start}.
     *
     * @param number the switch port the host is attached to (what {@code port=N} selects)
     * @param hostSide the host's TAP
     * @param switchSide the TAP attached to the switch
     * @param scheduler runs delayed frames
     */
    public HostLinkImpairer(int number, PortSpec hostSide, PortSpec switchSide, FrameScheduler scheduler) {
        this.number = number;
        host = new SwitchPort(number, hostSide.name(), hostSide.opener(), (p, f) -> forwardToSwitch(f),
                              scheduler);
        toSwitch = new SwitchPort(number, switchSide.name(), switchSide.opener(), (p, f) -> forwardToHost(f),
                                  scheduler);
    }

    private void forwardToSwitch(byte[] frame) {
        toSwitch.output(frame, 0, frame.length);
    }

    private void forwardToHost(byte[] frame) {
        host.output(frame, 0, frame.length);
    }

    /**
     * Returns the switch port number this link's host is attached to.
     *
     * @return port number
     */
    public int number() {
        return number;
    }

    /**
     * Opens both TAPs.
     *
     * @param links the links to start
     * @param timeoutMillis how long opening may take
     * @throws IOException naming every TAP that could not be opened; nothing stays open then
     */
    public static void startAll(List<HostLinkImpairer> links, long timeoutMillis) throws IOException {
        StringBuilder errors = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (HostLinkImpairer l : links) {
            for (SwitchPort p : List.of(l.host, l.toSwitch)) {
                CompletableFuture<Void> opened = p.start();
                try {
                    opened.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    errors.append(errors.length() == 0 ? "" : "; ").append(p.name()).append(": ")
                            .append(e.getCause().getMessage());
                } catch (TimeoutException e) {
                    errors.append(errors.length() == 0 ? "" : "; ").append(p.name()).append(": not open after ")
                            .append(timeoutMillis).append(" ms");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    links.forEach(HostLinkImpairer::stop);
                    throw new IOException("interrupted while opening host links", e);
                }
            }
        }
        if (errors.length() > 0) {
            links.forEach(HostLinkImpairer::stop);
            throw new IOException(errors.toString());
        }
    }

    /**
     * Sets or clears the impairment of the frames toward the host.
     *
     * @param spec impairment, or null / a no-op spec for none
     */
    public void setImpairment(ImpairmentSpec spec) {
        host.setImpairment(spec);
    }

    /**
     * Returns the impairment stage in force.
     *
     * @return the stage, or null when frames pass unchanged
     */
    public Impairment impairment() {
        return host.impairment();
    }

    /**
     * Returns the counters of the host's side (rx: from the host, tx: to the host).
     *
     * @return counters
     */
    public SwitchPort.PortStats stats() {
        return host.stats();
    }

    /**
     * Stops both sides and closes the TAPs.
     */
    public void stop() {
        host.stop();
        toSwitch.stop();
    }
}
