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
package org.v6proxy.testbed.openflow;

import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The controller end of OpenFlow (ONOS's OpenFlowControllerImpl): listens on a loopback TCP
 * port for switches (Open vSwitch's {@code tcp:127.0.0.1:PORT} controller target), runs each
 * connection's handshake claiming the configured role, and keeps one {@link OpenFlowSwitch}
 * per datapath id. Each switch connection is independent, so several switches, or one switch
 * connecting to several controllers (one such endpoint per instance, each claiming its role
 * with the cluster's generation id), fit the same code.
 */
public final class OpenFlowController implements AutoCloseable {

    /** How long each handshake step may take. */
    public static final long HANDSHAKE_STEP_MILLIS = 5000;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final ServerSocket server;
    private final Supplier<RoleClaim> roles;
    private final Map<Long, OpenFlowSwitch> switches = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private OpenFlowController(ServerSocket server, Supplier<RoleClaim> roles) {
        this.server = server;
        this.roles = checkNotNull(roles, "roles");
    }

    /**
     * A role to claim on a switch connection with its generation id (OpenFlow 1.3.5 section 6.3.7).
     */
    public static final class RoleClaim {
        private final OFControllerRole role;
        private final long generationId;

        /**
         * Creates a claim.
         *
         * @param role MASTER, SLAVE or EQUAL
         * @param generationId generation id of a MASTER / SLAVE claim
         */
        public RoleClaim(OFControllerRole role, long generationId) {
            this.role = checkNotNull(role, "role");
            this.generationId = generationId;
        }

        /**
         * Returns the role.
         *
         * @return role
         */
        public OFControllerRole role() {
            return role;
        }

        /**
         * Returns the generation id.
         *
         * @return generation id
         */
        public long generationId() {
            return generationId;
        }

        @Override
        public String toString() {
            return role + " (generation " + generationId + ")";
        }
    }

    /**
     * Starts listening on 127.0.0.1.
     *
     * @param port TCP port, 0 for any free one
     * @param role role claimed on every connection (MASTER, SLAVE or EQUAL)
     * @param generationId generation id of MASTER / SLAVE claims
     * @return the running controller
     * @throws IOException when the port cannot be bound (in use: another testbed runs)
     */
    public static OpenFlowController start(int port, OFControllerRole role, long generationId) throws IOException {
        RoleClaim claim = new RoleClaim(role, generationId);
        return start(port, () -> claim);
    }

    /**
     * Starts listening on 127.0.0.1; each connection claims the role the supplier gives when its
     * handshake runs (a cluster instance: MASTER when the device's election made it master,
     * SLAVE otherwise, with the election's term as generation id).
     *
     * @param port TCP port, 0 for any free one
     * @param roles the role to claim on a new connection
     * @return the running controller
     * @throws IOException when the port cannot be bound (in use: another testbed runs)
     */
    public static OpenFlowController start(int port, Supplier<RoleClaim> roles) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            s.close();
            throw new IOException("OpenFlow controller port 127.0.0.1:" + port + " cannot be bound ("
                                          + e.getMessage() + "): is another testbed running?", e);
        }
        OpenFlowController c = new OpenFlowController(s, roles);
        Thread t = new Thread(c::acceptLoop, "v6p-of-accept");
        t.setDaemon(true);
        t.start();
        return c;
    }

    /**
     * Returns the port the controller listens on.
     *
     * @return TCP port
     */
    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                log.warn("OpenFlow accept failed: {}", e.getMessage());
                continue;
            }
            Thread t = new Thread(() -> connect(socket), "v6p-of-handshake");
            t.setDaemon(true);
            t.start();
        }
    }

    private void connect(Socket socket) {
        OpenFlowChannel channel;
        try {
            channel = new OpenFlowChannel(socket);
        } catch (IOException e) {
            log.warn("OpenFlow connection from {} unusable: {}", socket.getRemoteSocketAddress(), e.getMessage());
            return;
        }
        OpenFlowSwitch sw = new OpenFlowSwitch(channel);
        channel.start("v6p-of-" + socket.getPort());
        try {
            RoleClaim claim = roles.get();
            sw.handshake(claim.role(), claim.generationId(), HANDSHAKE_STEP_MILLIS);
        } catch (IOException e) {
            log.error("OpenFlow handshake with {} failed: {}", socket.getRemoteSocketAddress(), e.getMessage());
            channel.close();
            return;
        }
        OpenFlowSwitch previous = switches.put(sw.datapathId(), sw);
        if (previous != null) {
            previous.channel().close();
        }
        channel.closeFuture().thenRun(() -> {
            switches.remove(sw.datapathId(), sw);
            log.warn("switch {} disconnected", sw.deviceId());
        });
        synchronized (this) {
            notifyAll();
        }
    }

    /**
     * Waits until a switch has connected and completed the handshake.
     *
     * @param datapathId its datapath id
     * @param timeoutMillis how long to wait
     * @return the switch
     * @throws IOException when it has not connected in time
     */
    public synchronized OpenFlowSwitch awaitSwitch(long datapathId, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            OpenFlowSwitch sw = switches.get(datapathId);
            if (sw != null) {
                return sw;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || closed) {
                throw new IOException(String.format(
                        "no OpenFlow switch with datapath id %016x connected to 127.0.0.1:%d within %d ms"
                                + " (connected: %s); is Open vSwitch up with this controller target?",
                        datapathId, port(), timeoutMillis, switches.keySet()));
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the switch", e);
            }
        }
    }

    /**
     * Returns the connected switches.
     *
     * @return switches
     */
    public List<OpenFlowSwitch> switches() {
        return List.copyOf(switches.values());
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.debug("close: {}", e.getMessage());
        }
        switches.values().forEach(s -> s.channel().close());
        synchronized (this) {
            notifyAll();
        }
    }
}
