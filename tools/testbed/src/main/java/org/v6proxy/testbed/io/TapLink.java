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

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A TAP interface (IFF_TAP | IFF_NO_PI) living in a network namespace, attached through
 * {@code /dev/net/tun}. Each read returns one whole Ethernet frame; each write sends one.
 * The descriptor is non-blocking; an empty read is followed by a bounded poll(2) so that
 * the reading thread notices a stop request within {@link #POLL_MILLIS}.
 */
public final class TapLink implements FrameLink {

    /** Longest wait in one {@link #read} call when no frame is queued. */
    static final int POLL_MILLIS = 200;

    private final int fd;
    private final String name;
    private final Memory pollFd = new Memory(8);
    private volatile boolean closed;

    private TapLink(int fd, String name) {
        this.fd = fd;
        this.name = name;
        // struct pollfd { int fd; short events; short revents; }
        pollFd.setInt(0, fd);
        pollFd.setShort(4, LibC.POLLIN);
    }

    /**
     * Returns an opener that attaches to TAP {@code ifName} inside namespace {@code netns}.
     *
     * @param netns name under /run/netns, or null for the caller's own namespace
     * @param ifName TAP interface name
     * @return opener to run on the reading thread
     */
    public static Opener opener(String netns, String ifName) {
        return () -> open(netns, ifName);
    }

    /**
     * Attaches to an existing TAP interface. The calling thread enters the namespace for
     * the duration of the call and returns to its own one afterwards; the descriptor keeps
     * working from any thread and namespace.
     *
     * @param netns name under /run/netns, or null for the caller's own namespace
     * @param ifName TAP interface name (at most 15 bytes)
     * @return the link
     * @throws IOException naming the namespace and the interface when it is missing or busy
     */
    public static TapLink open(String netns, String ifName) throws IOException {
        byte[] nameBytes = ifName.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length == 0 || nameBytes.length >= LibC.IFNAMSIZ) {
            throw new IOException("bad interface name '" + ifName + "'");
        }
        String where = ifName + (netns == null ? "" : "@" + netns);
        int selfNs = -1;
        int targetNs = -1;
        try {
            if (netns != null) {
                try {
                    targetNs = LibC.open("/run/netns/" + netns, LibC.O_RDONLY | LibC.O_CLOEXEC);
                } catch (LastErrorException e) {
                    throw new IOException("network namespace " + netns + " does not exist (/run/netns/" + netns
                                                  + ": " + LibC.errnoName(e.getErrorCode())
                                                  + "); create the topology first (tools/demo/up)", e);
                }
                selfNs = LibC.open("/proc/thread-self/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC);
                LibC.setns(targetNs, LibC.CLONE_NEWNET);
            }
            try {
                return attach(ifName, nameBytes, where);
            } finally {
                if (selfNs >= 0) {
                    LibC.setns(selfNs, LibC.CLONE_NEWNET);
                }
            }
        } catch (LastErrorException e) {
            throw new IOException(where + ": " + LibC.errnoName(e.getErrorCode())
                                          + (e.getErrorCode() == LibC.EPERM ? " (needs root / CAP_SYS_ADMIN)" : ""), e);
        } finally {
            closeQuietly(selfNs);
            closeQuietly(targetNs);
        }
    }

    private static TapLink attach(String ifName, byte[] nameBytes, String where) throws IOException {
        // Without this check TUNSETIFF would silently create a fresh, unconfigured TAP.
        if (LibC.ifNameToIndex(ifName) == 0) {
            throw new IOException("TAP " + where + " does not exist; create the topology first (tools/demo/up)");
        }
        int fd;
        try {
            fd = LibC.open("/dev/net/tun", LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open /dev/net/tun: " + LibC.errnoName(e.getErrorCode()), e);
        }
        try (Memory ifreq = new Memory(LibC.IFREQ_SIZE)) {
            ifreq.clear();
            ifreq.write(0, nameBytes, 0, nameBytes.length);
            ifreq.setShort(LibC.IFNAMSIZ, (short) (LibC.IFF_TAP | LibC.IFF_NO_PI));
            LibC.ioctl(fd, LibC.TUNSETIFF, ifreq);
        } catch (LastErrorException e) {
            closeQuietly(fd);
            if (e.getErrorCode() == LibC.EBUSY) {
                throw new IOException("TAP " + where + " is busy (EBUSY): another process still holds it;"
                                              + " stop the other testbed (tools/demo/down) first", e);
            }
            if (e.getErrorCode() == LibC.EINVAL) {
                throw new IOException("TAP " + where + " refused attach (EINVAL): is it a TUN or a multi-queue"
                                              + " device? recreate it with `ip tuntap add dev " + ifName
                                              + " mode tap`", e);
            }
            throw new IOException("TUNSETIFF " + where + ": " + LibC.errnoName(e.getErrorCode()), e);
        }
        return new TapLink(fd, where);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        Pointer p = Native.getDirectBufferPointer(dst);
        while (!closed) {
            long n = LibC.read(fd, p, dst.capacity());
            if (n > 0) {
                return (int) n;
            }
            int errno = n < 0 ? Native.getLastError() : 0;
            if (n == 0 || errno == LibC.EAGAIN || errno == LibC.EINTR) {
                try {
                    if (LibC.poll(pollFd, 1, POLL_MILLIS) == 0) {
                        return 0;
                    }
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != LibC.EINTR) {
                        throw new IOException(name + ": poll: " + LibC.errnoName(e.getErrorCode()), e);
                    }
                }
                continue;
            }
            throw new IOException(name + ": read: " + LibC.errnoName(errno)
                                          + (errno == LibC.EBADFD ? " (the TAP interface was deleted)" : ""));
        }
        return 0;
    }

    @Override
    public void write(ByteBuffer src, int len) throws IOException {
        long n = LibC.write(fd, Native.getDirectBufferPointer(src), len);
        if (n != len) {
            throw new IOException(name + ": write of " + len + " bytes: "
                                          + (n < 0 ? LibC.errnoName(Native.getLastError()) : "short write " + n));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly(fd);
        }
    }

    private static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                LibC.close(fd);
            } catch (LastErrorException e) {
                // Nothing useful to do: the descriptor is gone either way.
                return;
            }
        }
    }
}
