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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.v6proxy.testbed.impair.FrameScheduler;
import org.v6proxy.testbed.impair.FrameSink;
import org.v6proxy.testbed.impair.Impairment;
import org.v6proxy.testbed.impair.ImpairmentSpec;
import org.v6proxy.testbed.io.FrameLink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One port of the testbed switch: a reader thread that opens the port's link (on itself,
 * so that a TAP is entered in its namespace by that thread only) and hands every received
 * frame to the switch, and a serialised writer behind an optional impairment stage.
 */
public final class SwitchPort {

    private static final long JOIN_MILLIS = 2000;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final RateLimitedLog txErrorLog = new RateLimitedLog(log);
    private final RateLimitedLog rxErrorLog = new RateLimitedLog(log);

    private final int number;
    private final String name;
    private final FrameLink.Opener opener;
    private final IngressHandler ingress;
    private final FrameScheduler scheduler;
    private final FrameSink transmit = this::transmit;
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(FrameLink.MAX_FRAME);

    private volatile FrameSink egress = transmit;
    private volatile FrameLink link;
    private volatile boolean running;
    private Thread reader;

    private volatile long rxFrames;
    private volatile long rxBytes;
    private long txFrames;
    private long txBytes;
    private long txErrors;

    /**
     * Receives the frames a port reads.
     */
    @FunctionalInterface
    interface IngressHandler {
        /**
         * Takes one received frame.
         *
         * @param port port number
         * @param frame the frame, a fresh array
         */
        void ingress(int port, byte[] frame);
    }

    SwitchPort(int number, String name, FrameLink.Opener opener, IngressHandler ingress, FrameScheduler scheduler) {
        checkArgument(number > 0, "port numbers start at 1");
        this.number = number;
        this.name = checkNotNull(name, "name");
        this.opener = checkNotNull(opener, "opener");
        this.ingress = checkNotNull(ingress, "ingress");
        this.scheduler = checkNotNull(scheduler, "scheduler");
    }

    /**
     * Returns the port number.
     *
     * @return number, from 1
     */
    public int number() {
        return number;
    }

    /**
     * Returns the port name (the host's namespace for a TAP port).
     *
     * @return name
     */
    public String name() {
        return name;
    }

    /**
     * Starts the reader thread, which opens the link first.
     *
     * @return completes when the link is open, or exceptionally with the open error
     */
    synchronized CompletableFuture<Void> start() {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        running = true;
        reader = new Thread(() -> run(opened), "v6p-tb-port" + number);
        reader.setDaemon(true);
        reader.start();
        return opened;
    }

    private void run(CompletableFuture<Void> opened) {
        FrameLink l;
        try {
            l = opener.open();
        } catch (IOException | RuntimeException e) {
            running = false;
            opened.completeExceptionally(e);
            return;
        }
        synchronized (this) {
            link = l;
        }
        log.info("port {} ({}) attached to {}", number, name, l.name());
        opened.complete(null);
        ByteBuffer buffer = ByteBuffer.allocateDirect(FrameLink.MAX_FRAME);
        while (running) {
            int n;
            try {
                n = l.read(buffer);
            } catch (IOException e) {
                log.error("port {} ({}) stops receiving: {}", number, name, e.getMessage());
                return;
            }
            if (n <= 0) {
                continue;
            }
            byte[] frame = new byte[n];
            buffer.clear();
            buffer.get(frame, 0, n);
            rxFrames++;
            rxBytes += n;
            try {
                ingress.ingress(number, frame);
            } catch (RuntimeException e) {
                rxErrorLog.warn("port {}: frame of {} bytes not processed", number, n, e);
            }
        }
    }

    /**
     * Sends a frame out of this port, through the impairment stage if one is set.
     *
     * @param frame frame bytes; the array must not be changed afterwards
     * @param off offset of the first byte
     * @param len length
     */
    public void output(byte[] frame, int off, int len) {
        egress.accept(frame, off, len);
    }

    private synchronized void transmit(byte[] frame, int off, int len) {
        FrameLink l = link;
        if (l == null) {
            // Not open yet or already stopped: the frame is lost, as on a link that is down.
            return;
        }
        if (len > writeBuffer.capacity()) {
            txErrors++;
            return;
        }
        writeBuffer.clear();
        writeBuffer.put(frame, off, len);
        try {
            l.write(writeBuffer, len);
            txFrames++;
            txBytes += len;
        } catch (IOException e) {
            txErrors++;
            txErrorLog.warn("port {}: {}", number, e.getMessage());
        }
    }

    /**
     * Sets or clears the egress impairment.
     *
     * @param spec impairment, or null / a no-op spec for none
     */
    public void setImpairment(ImpairmentSpec spec) {
        egress = spec == null || spec.isNone() ? transmit : new Impairment(spec, number, transmit, scheduler);
        log.info("port {} ({}) egress impairment: {}", number, name, spec == null || spec.isNone() ? "none" : spec);
    }

    /**
     * Returns the egress impairment stage in force.
     *
     * @return the stage, or null when frames are sent unchanged
     */
    public Impairment impairment() {
        FrameSink e = egress;
        return e instanceof Impairment ? (Impairment) e : null;
    }

    /**
     * Stops the reader thread and closes the link.
     */
    void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = reader;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                log.warn("port {} reader did not stop within {} ms", number, JOIN_MILLIS);
            }
        }
        synchronized (this) {
            if (link != null) {
                link.close();
                link = null;
            }
        }
    }

    /**
     * Returns the port's counters.
     *
     * @return counters at this moment
     */
    public synchronized PortStats stats() {
        return new PortStats(number, name, rxFrames, rxBytes, txFrames, txBytes, txErrors);
    }

    /**
     * Frame counters of one port.
     */
    public static final class PortStats {
        private final int number;
        private final String name;
        private final long rxFrames;
        private final long rxBytes;
        private final long txFrames;
        private final long txBytes;
        private final long txErrors;

        PortStats(int number, String name, long rxFrames, long rxBytes, long txFrames, long txBytes,
                  long txErrors) {
            this.number = number;
            this.name = name;
            this.rxFrames = rxFrames;
            this.rxBytes = rxBytes;
            this.txFrames = txFrames;
            this.txBytes = txBytes;
            this.txErrors = txErrors;
        }

        /**
         * Returns frames received from the host.
         *
         * @return count
         */
        public long rxFrames() {
            return rxFrames;
        }

        /**
         * Returns bytes received from the host.
         *
         * @return count
         */
        public long rxBytes() {
            return rxBytes;
        }

        /**
         * Returns frames written to the host.
         *
         * @return count
         */
        public long txFrames() {
            return txFrames;
        }

        /**
         * Returns bytes written to the host.
         *
         * @return count
         */
        public long txBytes() {
            return txBytes;
        }

        /**
         * Returns frames that could not be written.
         *
         * @return count
         */
        public long txErrors() {
            return txErrors;
        }

        @Override
        public String toString() {
            return "port " + number + " (" + name + "): rx " + rxFrames + " frames/" + rxBytes + " B, tx "
                    + txFrames + " frames/" + txBytes + " B, tx errors " + txErrors;
        }
    }
}
