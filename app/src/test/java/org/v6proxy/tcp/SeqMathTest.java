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

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Tests of {@link SeqMath}: comparisons across the 2^32 wrap.
 */
public class SeqMathTest {

    @Test
    public void orderWithoutWrap() {
        assertTrue(SeqMath.before(1, 2));
        assertFalse(SeqMath.before(2, 1));
        assertFalse(SeqMath.before(5, 5));
        assertTrue(SeqMath.beforeOrEqual(5, 5));
        assertTrue(SeqMath.after(2, 1));
        assertFalse(SeqMath.after(5, 5));
        assertTrue(SeqMath.afterOrEqual(5, 5));
        assertFalse(SeqMath.afterOrEqual(4, 5));
    }

    @Test
    public void orderAcrossWrap() {
        int nearTop = 0xfffffff0;
        int pastZero = 0x00000010;
        assertTrue(SeqMath.before(nearTop, pastZero));
        assertTrue(SeqMath.after(pastZero, nearTop));
        assertFalse(SeqMath.before(pastZero, nearTop));
        assertTrue(SeqMath.before(0xffffffff, 0));
        assertTrue(SeqMath.after(0, 0xffffffff));
        // Signed int order would say the opposite.
        assertTrue(0x7fffffff > 0x80000000);
        assertTrue(SeqMath.before(0x7fffffff, 0x80000000));
    }

    @Test
    public void halfSpaceBoundary() {
        // Up to 2^31 - 1 ahead is after; exactly 2^31 apart is undefined (RFC 1982 s. 3.2):
        // documented as "each before the other".
        assertTrue(SeqMath.before(0, 0x7fffffff));
        assertTrue(SeqMath.after(0, 0x80000001));
        assertTrue(SeqMath.before(0, 0x80000000));
        assertTrue(SeqMath.before(0x80000000, 0));
    }

    @Test
    public void betweenAcrossWrap() {
        assertTrue(SeqMath.between(0xfffffff8, 0xfffffff0, 0x10));
        assertTrue(SeqMath.between(0, 0xfffffff0, 0x10));
        assertTrue(SeqMath.between(0x10, 0xfffffff0, 0x10));
        assertTrue(SeqMath.between(0xfffffff0, 0xfffffff0, 0x10));
        assertFalse(SeqMath.between(0x11, 0xfffffff0, 0x10));
        assertFalse(SeqMath.between(0xffffffef, 0xfffffff0, 0x10));
        assertTrue(SeqMath.between(7, 7, 7));
        assertFalse(SeqMath.between(8, 7, 7));
    }

    @Test
    public void inWindowIsHalfOpen() {
        assertTrue(SeqMath.inWindow(0xfffffffe, 0xfffffffe, 4));
        assertTrue(SeqMath.inWindow(1, 0xfffffffe, 4));
        assertFalse(SeqMath.inWindow(2, 0xfffffffe, 4));
        assertFalse(SeqMath.inWindow(0xfffffffd, 0xfffffffe, 4));
        assertFalse(SeqMath.inWindow(5, 5, 0));
    }

    @Test
    public void minMaxDistance() {
        assertEquals(0x10, SeqMath.max(0xfffffff0, 0x10));
        assertEquals(0xfffffff0, SeqMath.min(0xfffffff0, 0x10));
        assertEquals(0x20L, SeqMath.distance(0xfffffff0, 0x10));
        assertEquals(0xffffffe0L, SeqMath.distance(0x10, 0xfffffff0));
        assertEquals(0L, SeqMath.distance(3, 3));
    }
}
