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
package org.v6proxy.quic;

import org.junit.Test;

import static org.junit.Assert.assertArrayEquals;
import static org.v6proxy.quic.RfcVectors.hex;

/**
 * Initial key derivation against RFC 9001 section A.1 (v1) and RFC 9369 section A.1 (v2).
 */
public class InitialKeysTest {

    @Test
    public void v1ClientKeysAreTheRfcs() {
        byte[] dcid = hex(RfcVectors.DCID);
        InitialKeys k = InitialKeys.derive(QuicVersion.V1, dcid, 0, dcid.length);
        assertArrayEquals(hex(RfcVectors.V1_CLIENT_SECRET), k.clientSecret());
        assertArrayEquals(hex(RfcVectors.V1_KEY), k.key());
        assertArrayEquals(hex(RfcVectors.V1_IV), k.iv());
        assertArrayEquals(hex(RfcVectors.V1_HP), k.hp());
    }

    @Test
    public void v2ClientKeysAreTheRfcs() {
        byte[] dcid = hex(RfcVectors.DCID);
        InitialKeys k = InitialKeys.derive(QuicVersion.V2, dcid, 0, dcid.length);
        assertArrayEquals(hex(RfcVectors.V2_CLIENT_SECRET), k.clientSecret());
        assertArrayEquals(hex(RfcVectors.V2_KEY), k.key());
        assertArrayEquals(hex(RfcVectors.V2_IV), k.iv());
        assertArrayEquals(hex(RfcVectors.V2_HP), k.hp());
    }

    @Test
    public void theConnectionIdIsReadInPlace() {
        byte[] dcid = hex(RfcVectors.DCID);
        byte[] framed = new byte[dcid.length + 7];
        System.arraycopy(dcid, 0, framed, 5, dcid.length);
        InitialKeys k = InitialKeys.derive(QuicVersion.V1, framed, 5, dcid.length);
        assertArrayEquals(hex(RfcVectors.V1_KEY), k.key());
    }
}
