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

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The packet protection keys of a client's Initial packets, derived from the Destination Connection ID of its
 * first Initial (RFC 9001 section 5.2), so anyone on the path can compute them:
 * <pre>
 *   initial_secret        = HKDF-Extract(initial_salt, client_dst_connection_id)
 *   client_initial_secret = HKDF-Expand-Label(initial_secret, "client in", "", 32)
 *   key = HKDF-Expand-Label(client_initial_secret, "quic key", "", 16)   -- AEAD_AES_128_GCM
 *   iv  = HKDF-Expand-Label(client_initial_secret, "quic iv", "", 12)
 *   hp  = HKDF-Expand-Label(client_initial_secret, "quic hp", "", 16)   -- AES-128-ECB header protection
 * </pre>
 * with the version's salt and labels ({@link QuicVersion}). HKDF is RFC 5869 over HMAC-SHA256 (the hash of
 * TLS_AES_128_GCM_SHA256, RFC 9001 section 5.2); HKDF-Expand-Label is RFC 8446 section 7.1. Immutable.
 */
public final class InitialKeys {
    /** RFC 9001 section 5.2: the client's Initial secret is as long as the SHA-256 output. */
    static final int SECRET_LENGTH = 32;
    /** AEAD_AES_128_GCM key length (RFC 5116 section 5.1). */
    static final int KEY_LENGTH = 16;
    /** AEAD nonce length N_MIN = N_MAX = 12 (RFC 5116 section 5.1). */
    static final int IV_LENGTH = 12;
    /** AES-128 header protection key length (RFC 9001 section 5.4.3). */
    static final int HP_LENGTH = 16;
    private static final String HMAC = "HmacSHA256";
    private static final byte[] CLIENT_IN = "client in".getBytes(StandardCharsets.US_ASCII);
    /** RFC 8446 section 7.1: every HKDF label starts with "tls13 ". */
    private static final byte[] TLS13 = "tls13 ".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(InitialKeys::newMac);

    private final byte[] secret;
    private final SecretKeySpec key;
    private final byte[] iv;
    private final SecretKeySpec hp;

    private InitialKeys(byte[] secret, byte[] key, byte[] iv, byte[] hp) {
        this.secret = secret;
        this.key = new SecretKeySpec(key, "AES");
        this.iv = iv;
        this.hp = new SecretKeySpec(hp, "AES");
    }

    /**
     * Derives the client's Initial keys.
     *
     * @param version QUIC version (salt and labels)
     * @param b buffer holding the Destination Connection ID
     * @param off its first byte
     * @param len its length
     * @return the keys
     */
    public static InitialKeys derive(QuicVersion version, byte[] b, int off, int len) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(version.salt(), HMAC));
            mac.update(b, off, len);
            byte[] initial = mac.doFinal();
            byte[] client = expandLabel(mac, initial, CLIENT_IN, SECRET_LENGTH);
            return new InitialKeys(client,
                                   expandLabel(mac, client, ascii(version.label("key")), KEY_LENGTH),
                                   expandLabel(mac, client, ascii(version.label("iv")), IV_LENGTH),
                                   expandLabel(mac, client, ascii(version.label("hp")), HP_LENGTH));
        } catch (GeneralSecurityException e) {
            // HmacSHA256 with a non-empty key cannot fail on a conforming JDK.
            throw new IllegalStateException("HKDF failed", e);
        }
    }

    /**
     * HKDF-Expand-Label(secret, label, "", length) for length at most one SHA-256 block (RFC 8446 section 7.1):
     * <pre>
     *   struct {
     *       uint16 length = Length;
     *       opaque label&lt;7..255&gt; = "tls13 " + Label;
     *       opaque context&lt;0..255&gt; = Context;
     *   } HkdfLabel;
     * </pre>
     * and HKDF-Expand (RFC 5869 section 2.3) with one block: T(1) = HMAC(secret, HkdfLabel | 0x01).
     */
    private static byte[] expandLabel(Mac mac, byte[] secret, byte[] label, int length)
            throws GeneralSecurityException {
        mac.init(new SecretKeySpec(secret, HMAC));
        mac.update((byte) (length >>> 8));
        mac.update((byte) length);
        mac.update((byte) (TLS13.length + label.length));
        mac.update(TLS13);
        mac.update(label);
        mac.update((byte) 0);
        mac.update((byte) 1);
        return Arrays.copyOf(mac.doFinal(), length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(HMAC);
        } catch (GeneralSecurityException e) {
            // Every Java SE platform must support HmacSHA256 (javax.crypto.Mac's class comment).
            throw new IllegalStateException(HMAC + " missing", e);
        }
    }

    /**
     * Returns client_initial_secret.
     *
     * @return a copy of the 32-byte secret
     */
    public byte[] clientSecret() {
        return secret.clone();
    }

    /**
     * Returns the AEAD key.
     *
     * @return a copy of the 16-byte key
     */
    public byte[] key() {
        return key.getEncoded();
    }

    /**
     * Returns the AEAD IV.
     *
     * @return a copy of the 12-byte IV
     */
    public byte[] iv() {
        return iv.clone();
    }

    /**
     * Returns the header protection key.
     *
     * @return a copy of the 16-byte key
     */
    public byte[] hp() {
        return hp.getEncoded();
    }

    SecretKeySpec keySpec() {
        return key;
    }

    SecretKeySpec hpSpec() {
        return hp;
    }

    // The IV itself, not a copy: only read.
    byte[] ivBytes() {
        return iv;
    }
}
