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
package org.v6proxy.packet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian (network order) reads and writes on byte arrays. No bounds checks beyond
 * the JVM's own: callers check lengths first.
 */
public final class Bytes {
    // One load (plus a byte swap) instead of eight byte loads and shifts.
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    /**
     * Reads an unsigned byte.
     *
     * @param b   array
     * @param off offset
     * @return value 0..255
     */
    public static int getU8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    /**
     * Reads an unsigned 16-bit big-endian value.
     *
     * @param b   array
     * @param off offset
     * @return value 0..65535
     */
    public static int getU16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    /**
     * Reads a 32-bit big-endian value.
     *
     * @param b   array
     * @param off offset
     * @return value (as a signed int; use {@code & 0xffffffffL} for unsigned)
     */
    public static int getInt(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    /**
     * Reads an unsigned 48-bit big-endian value (a MAC address).
     *
     * @param b   array
     * @param off offset
     * @return value in the low 48 bits
     */
    public static long getU48(byte[] b, int off) {
        return (long) getU16(b, off) << 32 | (getInt(b, off + 2) & 0xffffffffL);
    }

    /**
     * Writes one byte.
     *
     * @param b   array
     * @param off offset
     * @param v   value (low 8 bits)
     */
    public static void putU8(byte[] b, int off, int v) {
        b[off] = (byte) v;
    }

    /**
     * Writes a 16-bit big-endian value.
     *
     * @param b   array
     * @param off offset
     * @param v   value (low 16 bits)
     */
    public static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    /**
     * Reads a 64-bit big-endian value (half an IPv6 address).
     *
     * @param b   array
     * @param off offset
     * @return value
     * @throws IndexOutOfBoundsException if the 8 bytes are not all in b
     */
    public static long getLong(byte[] b, int off) {
        return (long) LONG_BE.get(b, off);
    }

    /**
     * Writes a 64-bit big-endian value.
     *
     * @param b   array
     * @param off offset
     * @param v   value
     * @throws IndexOutOfBoundsException if the 8 bytes are not all in b
     */
    public static void putLong(byte[] b, int off, long v) {
        LONG_BE.set(b, off, v);
    }

    /**
     * Writes a 32-bit big-endian value.
     *
     * @param b   array
     * @param off offset
     * @param v   value
     */
    public static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    /**
     * Writes a 48-bit big-endian value (a MAC address).
     *
     * @param b   array
     * @param off offset
     * @param v   value (low 48 bits)
     */
    public static void putU48(byte[] b, int off, long v) {
        putU16(b, off, (int) (v >>> 32));
        putInt(b, off + 2, (int) v);
    }
}
