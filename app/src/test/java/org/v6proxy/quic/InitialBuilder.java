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

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;

/**
 * Builds client Initial packets the way a QUIC client protects them (RFC 9001 sections 5.3 and 5.4): the header
 * of RFC 9000 section 17.2.2 with a 2-byte Length and a 4-byte packet number, the frames given, PADDING up to a
 * size, AES-128-GCM over the payload with the header as associated data, then AES-ECB header protection. The
 * keys come from {@link InitialKeys}, which {@code InitialKeysTest} checks against the RFCs' values.
 */
public final class InitialBuilder {
    private static final int PN_LENGTH = 4;
    private static final int TAG = 16;

    private QuicVersion version = QuicVersion.V1;
    private byte[] dcid = RfcVectors.hex("c0ffee0123456789");
    private byte[] scid = RfcVectors.hex("5c1d");
    private byte[] token = new byte[0];

    /**
     * Sets the version.
     *
     * @param v version
     * @return this
     */
    public InitialBuilder version(QuicVersion v) {
        version = v;
        return this;
    }

    /**
     * Sets the Destination Connection ID.
     *
     * @param id connection ID
     * @return this
     */
    public InitialBuilder dcid(byte[] id) {
        dcid = id.clone();
        return this;
    }

    /**
     * Sets the token.
     *
     * @param t token
     * @return this
     */
    public InitialBuilder token(byte[] t) {
        token = t.clone();
        return this;
    }

    /**
     * Returns a CRYPTO frame (RFC 9000 section 19.6) carrying {@code data[from, from + len)} at stream offset
     * {@code from}.
     *
     * @param data the whole CRYPTO stream
     * @param from first byte of the frame's data
     * @param len data length
     * @return frame bytes
     */
    public static byte[] cryptoFrame(byte[] data, int from, int len) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(0x06);
        varint(o, from);
        varint(o, len);
        o.write(data, from, len);
        return o.toByteArray();
    }

    /**
     * Writes a varint in its 4-byte form (RFC 9000 section 16).
     *
     * @param o output
     * @param v value below 2^30
     */
    static void varint(ByteArrayOutputStream o, long v) {
        o.write((int) (0x80 | (v >>> 24)));
        o.write((int) (v >>> 16));
        o.write((int) (v >>> 8));
        o.write((int) v);
    }

    /**
     * Builds one protected Initial packet.
     *
     * @param pn packet number
     * @param size packet size to pad to with PADDING frames (0: no padding)
     * @param frames the frames, in order
     * @return the packet
     */
    public byte[] packet(long pn, int size, byte[]... frames) {
        return packet(version.initialType(), pn, size, frames);
    }

    /**
     * Builds one protected long-header packet of any type (for 0-RTT and Handshake packets too).
     *
     * @param type long packet type bits
     * @param pn packet number
     * @param size packet size to pad to with PADDING frames (0: no padding)
     * @param frames the frames
     * @return the packet
     */
    public byte[] packet(int type, long pn, int size, byte[]... frames) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0xc0 | (type << 4) | (PN_LENGTH - 1));
        int v = version.number();
        h.write(v >>> 24);
        h.write(v >>> 16);
        h.write(v >>> 8);
        h.write(v);
        h.write(dcid.length);
        h.write(dcid, 0, dcid.length);
        h.write(scid.length);
        h.write(scid, 0, scid.length);
        if (type == version.initialType()) {
            varint(h, token.length);
            h.write(token, 0, token.length);
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            payload.write(f, 0, f.length);
        }
        int headerLen = h.size() + 4 + PN_LENGTH;
        while (headerLen + payload.size() + TAG < size) {
            payload.write(0);
        }
        varint(h, PN_LENGTH + payload.size() + TAG);
        int pnOffset = h.size();
        for (int i = PN_LENGTH - 1; i >= 0; i--) {
            h.write((int) (pn >>> (8 * i)));
        }
        byte[] header = h.toByteArray();
        InitialKeys k = InitialKeys.derive(version, dcid, 0, dcid.length);
        try {
            byte[] nonce = k.iv();
            for (int i = 0; i < 8; i++) {
                nonce[nonce.length - 1 - i] ^= (byte) (pn >>> (8 * i));
            }
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k.key(), "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(header);
            byte[] sealed = gcm.doFinal(payload.toByteArray());
            byte[] out = new byte[header.length + sealed.length];
            System.arraycopy(header, 0, out, 0, header.length);
            System.arraycopy(sealed, 0, out, header.length, sealed.length);
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k.hp(), "AES"));
            byte[] mask = ecb.doFinal(out, pnOffset + 4, 16);
            out[0] ^= (byte) (mask[0] & 0x0f);
            for (int i = 0; i < PN_LENGTH; i++) {
                out[pnOffset + i] ^= mask[1 + i];
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Concatenates packets into one datagram (coalescing, RFC 9000 section 12.2).
     *
     * @param packets the packets
     * @return datagram payload
     */
    public static byte[] datagram(byte[]... packets) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : packets) {
            o.write(p, 0, p.length);
        }
        return o.toByteArray();
    }
}
