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

import com.sun.jna.FunctionMapper;
import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.util.Map;

/**
 * The few libc calls the TAP links need, bound with JNA direct mapping (the fastest JNA
 * calling convention: no proxy, no per-call argument conversion for primitives and Pointers).
 * Buffers are passed as {@link Pointer}s to direct memory so that JNA never copies them.
 */
final class LibC {
    /** open(2) flag: read and write. */
    static final int O_RDWR = 0x0002;
    /** open(2) flag: read only. */
    static final int O_RDONLY = 0x0000;
    /** open(2) flag: non-blocking (x86_64 and aarch64 value). */
    static final int O_NONBLOCK = 0x0800;
    /** open(2) flag: close on exec. */
    static final int O_CLOEXEC = 0x80000;
    /** setns(2) type: network namespace. */
    static final int CLONE_NEWNET = 0x40000000;
    /** ioctl request _IOW('T', 202, int): attach to / create a TUN/TAP interface. */
    static final long TUNSETIFF = 0x400454caL;
    /** ifreq flag: TAP (Ethernet frames). */
    static final short IFF_TAP = 0x0002;
    /** ifreq flag: no packet-information header before each frame. */
    static final short IFF_NO_PI = 0x1000;
    /** sizeof(struct ifreq) on 64-bit Linux. */
    static final int IFREQ_SIZE = 40;
    /** IFNAMSIZ: interface name field length, NUL included. */
    static final int IFNAMSIZ = 16;
    /** poll(2) event: data to read. */
    static final short POLLIN = 0x0001;

    /** errno: operation not permitted. */
    static final int EPERM = 1;
    /** errno: no such file or directory. */
    static final int ENOENT = 2;
    /** errno: interrupted system call. */
    static final int EINTR = 4;
    /** errno: try again (non-blocking descriptor has no data). */
    static final int EAGAIN = 11;
    /** errno: permission denied. */
    static final int EACCES = 13;
    /** errno: device or resource busy. */
    static final int EBUSY = 16;
    /** errno: invalid argument. */
    static final int EINVAL = 22;
    /** errno: file descriptor in bad state (TAP interface deleted). */
    static final int EBADFD = 77;

    static {
        // Java names follow checkstyle; the mapper gives the C names that differ.
        FunctionMapper names = (library, method) ->
                method.getName().equals("ifNameToIndex") ? "if_nametoindex" : method.getName();
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME,
                                                              Map.of(Library.OPTION_FUNCTION_MAPPER, names)));
    }

    private LibC() {
    }

    static native int open(String path, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int ioctl(int fd, long request, Pointer arg) throws LastErrorException;

    static native int setns(int fd, int nstype) throws LastErrorException;

    static native int poll(Pointer fds, long nfds, int timeoutMillis) throws LastErrorException;

    // read/write report errors through Native.getLastError(): no exception on the per-frame path.
    static native long read(int fd, Pointer buf, long count);

    static native long write(int fd, Pointer buf, long count);

    static native int ifNameToIndex(String name);

    /**
     * Returns a short name for the errno values the links report.
     *
     * @param errno error number
     * @return symbolic name with the number
     */
    static String errnoName(int errno) {
        switch (errno) {
            case EPERM: return "EPERM(1)";
            case ENOENT: return "ENOENT(2)";
            case EINTR: return "EINTR(4)";
            case EAGAIN: return "EAGAIN(11)";
            case EACCES: return "EACCES(13)";
            case EBUSY: return "EBUSY(16)";
            case EINVAL: return "EINVAL(22)";
            case EBADFD: return "EBADFD(77)";
            default: return "errno " + errno;
        }
    }
}
