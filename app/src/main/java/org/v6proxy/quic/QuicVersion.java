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

/**
 * The QUIC versions whose Initial packets can be read: what differs between them for a reader of a client's
 * Initial is the version number, the Initial salt, the HKDF labels of the packet protection keys and the
 * long-header type bits of an Initial packet.
 */
public enum QuicVersion {
    /**
     * QUIC version 1. RFC 9001 section 5.2: initial_salt = 0x38762cf7f55934b34d179ae6a4c80cadccbb7f0a; section 5.1:
     * labels "quic key", "quic iv", "quic hp"; RFC 9000 section 17.2 table 5: Initial is type 0x00.
     */
    V1(0x00000001, "38762cf7f55934b34d179ae6a4c80cadccbb7f0a", "quic ", 0),
    /**
     * QUIC version 2. RFC 9369 section 3.1: version 0x6b3343cf; 3.3.1: initial_salt =
     * 0x0dede3def700a6db819381be6e269dcbf9bd2ed9; 3.3.2: labels "quicv2 key", "quicv2 iv", "quicv2 hp";
     * 3.2: Initial is type 0b01.
     */
    V2(0x6b3343cf, "0dede3def700a6db819381be6e269dcbf9bd2ed9", "quicv2 ", 1);

    private final int number;
    private final byte[] salt;
    private final String labelPrefix;
    private final int initialType;

    QuicVersion(int number, String saltHex, String labelPrefix, int initialType) {
        this.number = number;
        this.salt = new byte[saltHex.length() / 2];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) Integer.parseInt(saltHex.substring(2 * i, 2 * i + 2), 16);
        }
        this.labelPrefix = labelPrefix;
        this.initialType = initialType;
    }

    /**
     * Returns the version with a wire number.
     *
     * @param number the long header's Version field
     * @return the version, or null if it is not one this reader knows
     */
    public static QuicVersion of(int number) {
        if (number == V1.number) {
            return V1;
        }
        return number == V2.number ? V2 : null;
    }

    /**
     * Returns the version number as carried in the long header.
     *
     * @return version number
     */
    public int number() {
        return number;
    }

    /**
     * Returns the long-header packet type (bits 0x30 of the first byte, shifted down) of an Initial packet.
     *
     * @return 0 for v1, 1 for v2
     */
    public int initialType() {
        return initialType;
    }

    byte[] salt() {
        return salt.clone();
    }

    /**
     * Returns the label of a packet protection key: "quic key" for v1, "quicv2 key" for v2.
     *
     * @param suffix "key", "iv" or "hp"
     * @return label
     */
    String label(String suffix) {
        return labelPrefix + suffix;
    }
}
