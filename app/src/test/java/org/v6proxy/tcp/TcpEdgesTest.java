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
package org.v6proxy.tcp;

import org.junit.Test;

import java.security.SecureRandom;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

/**
 * Edges of the splice arithmetic that mutation testing found unpinned: window scale 0
 * (an option sent with shift 0 is scaling in effect, RFC 7323 section 2.2), parameter
 * equality, a fresh secret per cookie issuer, exact-size headers and checksum updates of
 * bytes at odd offsets.
 */
public class TcpEdgesTest {

    @Test
    public void beforeOrEqualIsFalseWhenAfter() {
        assertTrue(SeqMath.beforeOrEqual(1, 1));
        assertTrue(SeqMath.beforeOrEqual(1, 2));
        assertFalse(SeqMath.beforeOrEqual(2, 1));
        assertFalse("across the wrap", SeqMath.beforeOrEqual(5, 0xfffffff0));
    }

    @Test
    public void windowScaleZeroIsScalingInEffect() {
        // Client sent wscale 0, app 7, backend 5: both legs scale (RFC 7323 2.2: the option was exchanged).
        SpliceParams p = SpliceParams.of(1000, 5000, 0, 7, 5, 1440, true);
        assertEquals(7, p.clientReceiveShift());
        assertEquals(0, p.clientSendShift());
        assertEquals(5, p.backendSendShift());
        assertEquals(0, p.backendReceiveShift());
        SpliceParams zeros = SpliceParams.of(1000, 5000, 3, 0, 0, 1440, true);
        assertEquals(0, zeros.clientReceiveShift());
        assertEquals("app's shift 0 still scales the client leg", 3, zeros.clientSendShift());
        assertEquals("backend's shift 0 still scales the backend leg", 3, zeros.backendReceiveShift());
        SpliceParams none = SpliceParams.of(1000, 5000, 3, -1, -1, 1440, true);
        assertEquals("app sent none: no scaling on the client leg", 0, none.clientSendShift());
        assertEquals(0, none.backendReceiveShift());
    }

    @Test
    public void paramsAreEqualByValue() {
        SpliceParams a = SpliceParams.of(1000, 5000, 7, 7, 7, 1440, true);
        SpliceParams b = SpliceParams.ofOffset(4000, 7, 7, 7, 1440, true);
        assertTrue(a.equals(a));
        assertTrue(a.equals(b));
        assertEquals(a.hashCode(), b.hashCode());
        assertFalse(a.equals(SpliceParams.ofOffset(4000, 7, 7, 7, 1440, false)));
        assertFalse(a.equals(SpliceParams.ofOffset(4001, 7, 7, 7, 1440, true)));
        assertFalse(a.equals("not params"));
    }

    @Test
    public void eachIssuerDrawsItsOwnSecret() {
        SecureRandom r = new SecureRandom();
        SynCookies one = new SynCookies(r);
        SynCookies two = new SynCookies(r);
        SynCookies zero = new SynCookies(new byte[16]);
        int isn = one.issue(0x0a000003, 40000, 0x0a00002b, 80, 1000, 3, 7, true, 0);
        // 24 of 32 bits hash the secret: equal ISNs from two secrets are a 2^-24 chance.
        assertNotEquals(isn, two.issue(0x0a000003, 40000, 0x0a00002b, 80, 1000, 3, 7, true, 0));
        assertNotEquals(isn, zero.issue(0x0a000003, 40000, 0x0a00002b, 80, 1000, 3, 7, true, 0));
        assertTrue(one.validate(0x0a000003, 40000, 0x0a00002b, 80, isn + 1, 1001, 0).isValid());
    }

    @Test
    public void headerThatEndsTheBuffer() {
        byte[] b = Segments.tcp(80, 50000, 1, 2, 0x10, 1000, new byte[0], new byte[0]);
        assertEquals(20, b.length);
        assertEquals(20, TcpEdit.headerLength(b, 0, 20));
        assertEquals(-1, TcpEdit.headerLength(b, 0, 19));
        assertEquals(-1, TcpEdit.headerLength(b, 1, 20));
    }

    @Test
    public void fillAtAnOddOffsetKeepsTheChecksum() {
        // NOP then a timestamp option at an odd offset from the TCP header (21): its bytes straddle words.
        byte[] opts = {1, 8, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        byte[] p = Segments.ip4(Segments.tcp(80, 50000, 1, 2, 0x10, 1000, opts, new byte[] {1, 2, 3}));
        int t = Segments.tcpOff(p);
        assertEquals(0, Segments.checksumError(p));
        TcpEdit.fill(p, t, t + 21, 10, 1);
        assertEquals(0, Segments.checksumError(p));
        for (int i = 21; i < 31; i++) {
            assertEquals(1, p[t + i]);
        }
        assertEquals("the byte after is kept", 9, p[t + 31]);
    }

    @Test
    public void mssAlreadyAtTheLimitIsNotClamped() {
        byte[] p = Segments.ip4(Segments.tcp(50000, 80, 1, 0, 0x02, 1000, new byte[] {2, 4, 0x05, (byte) 0xa0},
                                             new byte[0]));
        byte[] before = p.clone();
        int t = Segments.tcpOff(p);
        assertEquals(SpliceAdjust.OK, SpliceAdjust.stripTimestampsAndClampMss(p, t, Segments.tcpLen(p), 1440));
        assertArrayEquals(before, p);
        assertEquals(SpliceAdjust.MSS_CLAMPED, SpliceAdjust.stripTimestampsAndClampMss(p, t, Segments.tcpLen(p),
                                                                                       1439));
        assertEquals(1439, Segments.u16(p, t + 22));
        assertEquals(0, Segments.checksumError(p));
    }
}
