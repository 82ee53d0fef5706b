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

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One OpenFlow connection (ONOS's OFChannelHandler): a reader thread that decodes every
 * message with openflowj, answers echo requests, completes the request a reply belongs to
 * (by transaction id, multipart replies collected until the last part) and hands every other
 * message to the channel's listener; writes are serialised and flushed when the reader has
 * nothing more to read, so the packet-outs answering a burst of packet-ins share a write.
 */
public final class OpenFlowChannel implements AutoCloseable {

    /** OpenFlow header: version, type, length, xid (OpenFlow 1.3.5 section 7.1). */
    static final int HEADER = 8;
    private static final int WRITE_BUFFER = 1 << 16;
    /** The length field is 16 bits (OpenFlow 1.3.5 section 7.1). */
    private static final int MAX_MESSAGE = 0xffff;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final OFMessageReader<OFMessage> reader = OFFactories.getGenericReader();
    private final ByteBuf writeBuf = Unpooled.buffer(WRITE_BUFFER);
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger xids = new AtomicInteger(1);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Consumer<OFMessage> listener = m -> { };
    private volatile Thread readerThread;
    private volatile OFFactory factory = OFFactories.getFactory(OFVersion.OF_13);
    private long received;
    private long sent;

    /** A request waiting for its reply (or all parts of a multipart reply). */
    private static final class Pending {
        final CompletableFuture<List<OFMessage>> future = new CompletableFuture<>();
        final List<OFMessage> parts = new ArrayList<>();
    }

    /**
     * Wraps a connected socket; nothing is read until {@link #start}.
     *
     * @param socket connected socket
     * @throws IOException when its streams cannot be opened
     */
    public OpenFlowChannel(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), WRITE_BUFFER));
        out = new BufferedOutputStream(socket.getOutputStream(), WRITE_BUFFER);
    }

    /**
     * Returns the factory of the protocol version in use.
     *
     * @return factory
     */
    public OFFactory factory() {
        return factory;
    }

    /**
     * Sets who gets the messages that are not replies to a request (packet-ins, port status,
     * asynchronous errors).
     *
     * @param listener listener, called on the reader thread
     */
    public void setListener(Consumer<OFMessage> listener) {
        this.listener = listener;
    }

    /**
     * Starts the reader thread.
     *
     * @param name thread name
     */
    public void start(String name) {
        Thread t = new Thread(this::readLoop, name);
        t.setDaemon(true);
        readerThread = t;
        t.start();
    }

    /**
     * Returns a new transaction id.
     *
     * @return xid
     */
    public long nextXid() {
        return xids.getAndIncrement() & 0xffffffffL;
    }

    /**
     * Sends a request and returns its reply: all parts of a multipart reply, or the single
     * reply; an OpenFlow error with the request's transaction id fails it.
     *
     * @param request request (its xid identifies the reply)
     * @return the reply's messages
     */
    public CompletableFuture<List<OFMessage>> request(OFMessage request) {
        Pending p = new Pending();
        pending.put(request.getXid(), p);
        try {
            send(request);
        } catch (IOException e) {
            pending.remove(request.getXid());
            p.future.completeExceptionally(e);
        }
        return p.future;
    }

    /**
     * Sends a message; flushed at once unless the reader thread sends it while more input waits.
     *
     * @param message message
     * @throws IOException when the connection is closed or broken
     */
    public void send(OFMessage message) throws IOException {
        synchronized (writeBuf) {
            writeBuf.clear();
            message.writeTo(writeBuf);
            out.write(writeBuf.array(), writeBuf.arrayOffset() + writeBuf.readerIndex(), writeBuf.readableBytes());
            sent++;
            if (Thread.currentThread() != readerThread || in.available() == 0) {
                out.flush();
            }
        }
    }

    private void flush() throws IOException {
        synchronized (writeBuf) {
            out.flush();
        }
    }

    private void readLoop() {
        try {
            // One buffer for every message: openflowj copies what it keeps (a packet-in's frame), so
            // reading needs no allocation of its own per packet.
            ByteBuf buf = Unpooled.buffer(MAX_MESSAGE, MAX_MESSAGE);
            byte[] message = buf.array();
            while (true) {
                if (in.available() == 0) {
                    flush();
                }
                in.readFully(message, 0, HEADER);
                int length = (message[2] & 0xff) << 8 | (message[3] & 0xff);
                if (length < HEADER) {
                    throw new IOException("OpenFlow message with length " + length + " < " + HEADER);
                }
                in.readFully(message, HEADER, length - HEADER);
                buf.setIndex(0, length);
                received++;
                OFMessage m;
                try {
                    m = reader.readFrom(buf);
                } catch (OFParseError e) {
                    log.warn("{}: undecodable OpenFlow message (type {}) ignored: {}", this, message[1],
                             e.getMessage());
                    continue;
                }
                if (m != null) {
                    dispatch(m);
                }
            }
        } catch (EOFException e) {
            log.info("{}: closed by the switch", this);
        } catch (IOException e) {
            if (!closed.isDone()) {
                log.warn("{}: connection lost: {}", this, e.getMessage());
            }
        } finally {
            close();
        }
    }

    private void dispatch(OFMessage m) throws IOException {
        if (m.getType() == OFType.ECHO_REQUEST) {
            OFEchoRequest echo = (OFEchoRequest) m;
            send(factory.buildEchoReply().setXid(echo.getXid()).setData(echo.getData()).build());
            return;
        }
        if (m.getType() == OFType.HELLO) {
            // Version negotiation (OpenFlow 1.3.5 section 6.3.1): the lower of the two versions.
            if (m.getVersion().compareTo(OFVersion.OF_13) < 0) {
                log.error("{}: the switch speaks {} only; OpenFlow 1.3 is needed", this, m.getVersion());
                close();
            }
            // Never a reply: the switch's HELLO may carry the xid of a request in flight (seen with
            // three controllers: it completed the features request and failed the handshake).
            return;
        }
        Pending p = isReply(m.getType()) ? pending.get(m.getXid()) : null;
        if (p != null) {
            p.parts.add(m);
            if (m instanceof OFErrorMsg) {
                pending.remove(m.getXid());
                p.future.completeExceptionally(new OpenFlowErrorException((OFErrorMsg) m));
                return;
            }
            if (!(m instanceof OFStatsReply) || !((OFStatsReply) m).getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
                pending.remove(m.getXid());
                p.future.complete(List.copyOf(p.parts));
            }
            return;
        }
        listener.accept(m);
    }

    /**
     * Whether a message type answers a request: only those complete a pending request with the
     * same xid. The switch numbers its own messages (HELLO, PACKET_IN, PORT_STATUS) from its own
     * counter, which may meet one of ours (OVS's HELLO once completed the features request).
     */
    private static boolean isReply(OFType type) {
        switch (type) {
            case FEATURES_REPLY:
            case STATS_REPLY:
            case BARRIER_REPLY:
            case ROLE_REPLY:
            case ECHO_REPLY:
            case GET_CONFIG_REPLY:
            case GET_ASYNC_REPLY:
            case QUEUE_GET_CONFIG_REPLY:
            case ERROR:
                return true;
            default:
                return false;
        }
    }

    /**
     * Returns a future completed when the connection is closed.
     *
     * @return future
     */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    /**
     * Returns whether the connection is closed.
     *
     * @return true when closed
     */
    public boolean isClosed() {
        return closed.isDone();
    }

    /**
     * Returns how many messages were received and sent.
     *
     * @return {received, sent}
     */
    public long[] messageCounts() {
        synchronized (writeBuf) {
            return new long[]{received, sent};
        }
    }

    @Override
    public void close() {
        if (closed.isDone()) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("{}: close: {}", this, e.getMessage());
        }
        IOException gone = new IOException("OpenFlow connection closed");
        pending.values().forEach(p -> p.future.completeExceptionally(gone));
        pending.clear();
        closed.complete(null);
    }

    @Override
    public String toString() {
        return "OpenFlow channel " + socket.getRemoteSocketAddress();
    }
}
