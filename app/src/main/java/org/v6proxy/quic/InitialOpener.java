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

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * Removes the header protection of a client's Initial packet and decrypts its payload, with the JDK's own
 * AES (javax.crypto), without touching the packet's bytes: the datagram is forwarded as it came once its
 * backend is known. One opener per thread ({@link #get()}); its Cipher objects are reused, and the AES key
 * schedule of the header protection key is kept while consecutive packets use the same key.
 */
final class InitialOpener {
    /** RFC 9001 section 5.4.2: the sample starts 4 bytes after the start of the Packet Number field. */
    static final int SAMPLE_OFFSET = 4;
    /** RFC 9001 section 5.4.2: 16 bytes of ciphertext are sampled (AES block size). */
    static final int SAMPLE_LENGTH = 16;
    /** AEAD_AES_128_GCM tag length (RFC 5116 section 5.1). */
    static final int TAG_LENGTH = 16;
    /** RFC 9001 section 5.4.1: a long header's first byte keeps its 4 high bits; 0x0f are protected. */
    private static final int LONG_HEADER_PROTECTED_BITS = 0x0f;
    /** RFC 9000 section 17.2: Packet Number Length is first byte's two low bits, plus one. */
    private static final int PN_LENGTH_BITS = 0x03;
    /** RFC 9000 section 17.2: Reserved Bits 0x0c must be 0 once header protection is removed. */
    private static final int RESERVED_BITS = 0x0c;
    /** RFC 9000 section 17.1: packet numbers are 0 to 2^62 - 1. */
    private static final long MAX_PACKET_NUMBER = (1L << 62) - 1;
    /** The largest datagram an IPv4 UDP packet can carry: the plaintext of one Initial fits in it. */
    static final int MAX_PLAINTEXT = 65535;

    private static final ThreadLocal<InitialOpener> OPENERS = ThreadLocal.withInitial(InitialOpener::new);

    private final Cipher ecb;
    private final Cipher gcm;
    private SecretKeySpec ecbKey;
    private final byte[] mask = new byte[SAMPLE_LENGTH];
    private final byte[] firstByte = new byte[1];
    private final byte[] pnBytes = new byte[4];
    private final byte[] nonce = new byte[InitialKeys.IV_LENGTH];
    /** The plaintext of the last packet opened. */
    final byte[] plain = new byte[MAX_PLAINTEXT];
    /** The packet number of the last packet opened. */
    long packetNumber;

    private InitialOpener() {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            // Every Java SE platform must support AES/ECB/NoPadding and AES/GCM/NoPadding (Cipher's class comment).
            throw new IllegalStateException("AES missing", e);
        }
    }

    /**
     * Returns this thread's opener.
     *
     * @return opener
     */
    static InitialOpener get() {
        return OPENERS.get();
    }

    /**
     * Opens one Initial packet {@code b[start, end)} whose Packet Number field starts at {@code pnOffset}
     * (RFC 9001 section 5.4 then 5.3): the plaintext goes to {@link #plain}, the packet number to
     * {@link #packetNumber}.
     *
     * @param keys the client's Initial keys
     * @param b buffer
     * @param start the packet's first byte
     * @param pnOffset first byte of the Packet Number field
     * @param end one past the packet's last byte (the end of its Length)
     * @param largestPn the largest packet number opened so far for this client, or -1
     * @return plaintext length, or -1 if the packet does not authenticate or its reserved bits are set
     */
    int open(InitialKeys keys, byte[] b, int start, int pnOffset, int end, long largestPn) {
        int sample = pnOffset + SAMPLE_OFFSET;
        if (sample + SAMPLE_LENGTH > end) {
            return -1;
        }
        try {
            // RFC 9001 section 5.4.3: mask = AES-ECB(hp_key, sample).
            if (ecbKey != keys.hpSpec()) {
                ecb.init(Cipher.ENCRYPT_MODE, keys.hpSpec());
                ecbKey = keys.hpSpec();
            }
            ecb.doFinal(b, sample, SAMPLE_LENGTH, mask, 0);
            // RFC 9001 section 5.4.1: unmask the low 4 bits of a long header's first byte, then the packet number.
            int first = (b[start] ^ (mask[0] & LONG_HEADER_PROTECTED_BITS)) & 0xff;
            int pnLen = (first & PN_LENGTH_BITS) + 1;
            if ((first & RESERVED_BITS) != 0 || pnOffset + pnLen + TAG_LENGTH > end) {
                return -1;
            }
            long truncated = 0;
            for (int i = 0; i < pnLen; i++) {
                pnBytes[i] = (byte) (b[pnOffset + i] ^ mask[1 + i]);
                truncated = (truncated << Byte.SIZE) | (pnBytes[i] & 0xff);
            }
            packetNumber = decodePacketNumber(largestPn, truncated, pnLen * Byte.SIZE);
            // RFC 9001 section 5.3: nonce = iv XOR the packet number left-padded to the IV's length.
            byte[] iv = keys.ivBytes();
            System.arraycopy(iv, 0, nonce, 0, nonce.length);
            for (int i = 0; i < Long.BYTES; i++) {
                nonce[nonce.length - 1 - i] ^= (byte) (packetNumber >>> (Byte.SIZE * i));
            }
            gcm.init(Cipher.DECRYPT_MODE, keys.keySpec(), new GCMParameterSpec(TAG_LENGTH * Byte.SIZE, nonce));
            // The associated data is the header with protection removed, from the first byte to the packet number.
            firstByte[0] = (byte) first;
            gcm.updateAAD(firstByte, 0, 1);
            gcm.updateAAD(b, start + 1, pnOffset - start - 1);
            gcm.updateAAD(pnBytes, 0, pnLen);
            int payload = pnOffset + pnLen;
            return gcm.doFinal(b, payload, end - payload, plain, 0);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            // Keys and lengths are checked above; a provider that still refuses is treated as a bad packet.
            return -1;
        }
    }

    /**
     * Recovers the full packet number from its truncated encoding (RFC 9000 appendix A.3).
     *
     * @param largestPn largest packet number received so far, -1 if none
     * @param truncated the encoded bits
     * @param bits how many bits were encoded
     * @return the packet number
     */
    static long decodePacketNumber(long largestPn, long truncated, int bits) {
        long expected = largestPn + 1;
        long win = 1L << bits;
        long hwin = win / 2;
        long pnMask = win - 1;
        long candidate = (expected & ~pnMask) | truncated;
        if (candidate <= expected - hwin && candidate < (1L << 62) - win) {
            return candidate + win;
        }
        if (candidate > expected + hwin && candidate >= win) {
            return candidate - win;
        }
        return Math.min(candidate, MAX_PACKET_NUMBER);
    }
}
