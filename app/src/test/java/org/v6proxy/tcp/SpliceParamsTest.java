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
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

/**
 * Tests of {@link SpliceParams}: offset and the effective window shifts of both legs.
 */
public class SpliceParamsTest {

    @Test
    public void offsetIsBackendMinusAppModulo32() {
        assertEquals(0x20, SpliceParams.of(0xfffffff0, 0x10, 7, 7, 7, 1440, true).seqOffset());
        assertEquals(0xffffffe0, SpliceParams.of(0x10, 0xfffffff0, 7, 7, 7, 1440, true).seqOffset());
        assertEquals(0, SpliceParams.of(5, 5, 7, 7, 7, 1440, true).seqOffset());
    }

    @Test
    public void bothLegsScaled() {
        SpliceParams p = SpliceParams.of(1, 2, 8, 7, 9, 1440, true);
        assertEquals(9, p.backendSendShift());
        assertEquals(7, p.clientReceiveShift());
        assertEquals(8, p.clientSendShift());
        assertEquals(8, p.backendReceiveShift());
    }

    @Test
    public void clientWithoutWindowScaleMeansNoScalingAnywhere() {
        // The app then sends no window scale to either peer (RFC 7323 s. 1.3).
        SpliceParams p = SpliceParams.of(1, 2, -1, 7, 9, 1440, true);
        assertEquals(0, p.backendSendShift());
        assertEquals(0, p.clientReceiveShift());
        assertEquals(0, p.clientSendShift());
        assertEquals(0, p.backendReceiveShift());
    }

    @Test
    public void backendRefusedWindowScale() {
        SpliceParams p = SpliceParams.of(1, 2, 8, 7, -1, 1440, true);
        assertEquals(0, p.backendSendShift());
        assertEquals(7, p.clientReceiveShift());
        assertEquals(8, p.clientSendShift());
        assertEquals(0, p.backendReceiveShift());
    }

    @Test
    public void appAnnouncedNoWindowScale() {
        SpliceParams p = SpliceParams.of(1, 2, 8, -1, 9, 1440, true);
        assertEquals(9, p.backendSendShift());
        assertEquals(0, p.clientReceiveShift());
        assertEquals(0, p.clientSendShift());
        assertEquals(8, p.backendReceiveShift());
    }

    @Test
    public void scalesClampedAndNormalized() {
        SpliceParams p = SpliceParams.of(1, 2, 15, 200, -7, 1440, false);
        assertEquals(14, p.clientWscale());
        assertEquals(14, p.appWscale());
        assertEquals(SpliceParams.WSCALE_NONE, p.backendWscale());
        assertFalse(p.sackOk());
        assertEquals(1440, p.mssToBackend());
    }

    @Test
    public void valueSemantics() {
        SpliceParams a = SpliceParams.of(100, 300, 7, 7, 7, 1440, true);
        SpliceParams b = SpliceParams.ofOffset(200, 7, 7, 7, 1440, true);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, SpliceParams.ofOffset(201, 7, 7, 7, 1440, true));
        assertNotEquals(a, SpliceParams.ofOffset(200, 7, 7, 7, 1440, false));
        assertNotEquals(a, SpliceParams.ofOffset(200, 7, 6, 7, 1440, true));
        assertTrue(SpliceParams.ofOffset(-1, 7, 7, 7, 1440, true).toString().contains("seqOffset=4294967295"));
    }
}
