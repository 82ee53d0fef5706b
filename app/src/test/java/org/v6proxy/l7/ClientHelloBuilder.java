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
package org.v6proxy.l7;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Writes a TLS 1.3 ClientHello handshake message field by field (RFC 8446 section 4.1.2), shaped like a current
 * browser's: 16 cipher suites, a 32-byte legacy_session_id, an X25519MLKEM768 key share of 1216 bytes plus an
 * X25519 one, many ALPN names, and server_name after them. It remembers where the length fields that the sniffer
 * walks are, so tests can corrupt each one; {@link #records} frames the message in TLS records.
 */
public final class ClientHelloBuilder {

    /** RFC 8446 section 4.2 ExtensionType values. */
    static final int SERVER_NAME = 0;
    static final int SUPPORTED_GROUPS = 10;
    static final int EC_POINT_FORMATS = 11;
    static final int SIGNATURE_ALGORITHMS = 13;
    static final int ALPN = 16;
    static final int PADDING = 21;
    static final int EXTENDED_MASTER_SECRET = 23;
    static final int SESSION_TICKET = 35;
    static final int SUPPORTED_VERSIONS = 43;
    static final int PSK_KEY_EXCHANGE_MODES = 45;
    static final int KEY_SHARE = 51;
    static final int RENEGOTIATION_INFO = 0xff01;
    /** NamedGroup X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem): 1184-byte ML-KEM-768 key + 32-byte X25519 share. */
    static final int X25519_MLKEM768 = 0x11ec;
    static final int X25519 = 0x001d;
    static final int MLKEM_SHARE_LENGTH = 1216;

    private String serverName = "a.example";
    private byte[] serverNameData;
    private boolean serverNameFirst;
    private boolean duplicateServerName;
    private boolean extensions = true;
    private int alpnCount = 27;
    private int paddingLength = -1;
    private int legacyVersion = 0x0303;
    private int sessionIdLength = 32;
    private final List<int[]> walked = new ArrayList<>();

    /**
     * Sets the host_name (null: no server_name extension).
     *
     * @param name the name, as ASCII
     * @return this
     */
    public ClientHelloBuilder serverName(String name) {
        serverName = name;
        return this;
    }

    /**
     * Sets the server_name extension_data verbatim (for malformed lists).
     *
     * @param data extension_data
     * @return this
     */
    ClientHelloBuilder serverNameData(byte[] data) {
        serverNameData = data;
        return this;
    }

    /**
     * Puts server_name first instead of after key_share and ALPN.
     *
     * @return this
     */
    ClientHelloBuilder serverNameFirst() {
        serverNameFirst = true;
        return this;
    }

    /**
     * Adds a second server_name extension (for another name) at the end.
     *
     * @return this
     */
    ClientHelloBuilder duplicateServerName() {
        duplicateServerName = true;
        return this;
    }

    /**
     * Ends the ClientHello after compression_methods, as TLS 1.2 and earlier allow.
     *
     * @return this
     */
    ClientHelloBuilder noExtensions() {
        extensions = false;
        return this;
    }

    /**
     * Sets how many ALPN names (besides h2 and http/1.1) are offered.
     *
     * @param count names of 11 bytes each
     * @return this
     */
    public ClientHelloBuilder alpnCount(int count) {
        alpnCount = count;
        return this;
    }

    /**
     * Adds a padding extension (RFC 7685) with this many data bytes at the end (-1: none).
     *
     * @param length data length
     * @return this
     */
    public ClientHelloBuilder padding(int length) {
        paddingLength = length;
        return this;
    }

    /**
     * Sets legacy_version.
     *
     * @param version e.g. 0x0303
     * @return this
     */
    ClientHelloBuilder legacyVersion(int version) {
        legacyVersion = version;
        return this;
    }

    /**
     * Sets the legacy_session_id length.
     *
     * @param length 0..32 (or more, to break it)
     * @return this
     */
    ClientHelloBuilder sessionIdLength(int length) {
        sessionIdLength = length;
        return this;
    }

    /**
     * Returns the length fields the sniffer walks, after {@link #build}: {offset in the message, width in bytes}.
     *
     * @return handshake length, session id, cipher suites, compression methods, extensions, each extension's
     *         length, server_name_list and HostName lengths
     */
    List<int[]> walkedLengthFields() {
        return walked;
    }

    /**
     * Writes the handshake message.
     *
     * @return Handshake(client_hello) bytes, header included
     */
    public byte[] build() {
        walked.clear();
        Random rnd = new Random(8446);
        Wire w = new Wire();
        // struct { HandshakeType msg_type; uint24 length; ClientHello body; } Handshake;
        w.u8(1);
        int hs = w.open(3, true);
        w.u16(legacyVersion);                        // ProtocolVersion legacy_version
        w.bytes(random(rnd, 32));                    // Random random
        int sid = w.open(1, true);                   // opaque legacy_session_id<0..32>
        w.bytes(random(rnd, sessionIdLength));
        w.close(sid);
        int suites = w.open(2, true);                // CipherSuite cipher_suites<2..2^16-2>
        for (int s : new int[] {0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
                                0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035, 0x00ff}) {
            w.u16(s);
        }
        w.close(suites);
        int comp = w.open(1, true);                  // opaque legacy_compression_methods<1..2^8-1>
        w.u8(0);
        w.close(comp);
        if (extensions) {
            int exts = w.open(2, true);              // Extension extensions<8..2^16-1>
            if (serverNameFirst) {
                serverNameExtension(w, serverName);
            }
            extension(w, SUPPORTED_VERSIONS, x -> {
                int l = x.open(1, false);
                x.u16(0x0304).u16(0x0303);
                x.close(l);
            });
            extension(w, SUPPORTED_GROUPS, x -> {
                int l = x.open(2, false);
                x.u16(X25519_MLKEM768).u16(X25519).u16(0x0017).u16(0x0018);
                x.close(l);
            });
            extension(w, SIGNATURE_ALGORITHMS, x -> {
                int l = x.open(2, false);
                for (int s : new int[] {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601}) {
                    x.u16(s);
                }
                x.close(l);
            });
            extension(w, EC_POINT_FORMATS, x -> {
                int l = x.open(1, false);
                x.u8(0);
                x.close(l);
            });
            extension(w, PSK_KEY_EXCHANGE_MODES, x -> {
                int l = x.open(1, false);
                x.u8(1);
                x.close(l);
            });
            // struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry;
            // struct { KeyShareEntry client_shares<0..2^16-1>; } KeyShareClientHello;
            extension(w, KEY_SHARE, x -> {
                int l = x.open(2, false);
                x.u16(X25519_MLKEM768);
                int k = x.open(2, false);
                x.bytes(random(rnd, MLKEM_SHARE_LENGTH));
                x.close(k);
                x.u16(X25519);
                k = x.open(2, false);
                x.bytes(random(rnd, 32));
                x.close(k);
                x.close(l);
            });
            // opaque ProtocolName<1..2^8-1>; struct { ProtocolName protocol_name_list<2..2^16-1> } (RFC 7301)
            extension(w, ALPN, x -> {
                int l = x.open(2, false);
                alpnName(x, "h2");
                alpnName(x, "http/1.1");
                for (int i = 0; i < alpnCount; i++) {
                    alpnName(x, String.format("x-proto-%02d", i));
                }
                x.close(l);
            });
            if (!serverNameFirst) {
                serverNameExtension(w, serverName);
            }
            extension(w, SESSION_TICKET, x -> { });
            extension(w, EXTENDED_MASTER_SECRET, x -> { });
            extension(w, RENEGOTIATION_INFO, x -> x.u8(0));
            if (duplicateServerName) {
                serverNameExtension(w, "b.example");
            }
            if (paddingLength >= 0) {
                extension(w, PADDING, x -> x.bytes(new byte[paddingLength]));
            }
            w.close(exts);
        }
        w.close(hs);
        return w.toArray();
    }

    private void serverNameExtension(Wire w, String name) {
        if (serverNameData != null) {
            extension(w, SERVER_NAME, x -> x.bytes(serverNameData));
            return;
        }
        if (name == null) {
            return;
        }
        extension(w, SERVER_NAME, x -> {
            int list = x.open(2, true);               // ServerName server_name_list<1..2^16-1>
            x.u8(0);                                  // NameType host_name(0)
            int host = x.open(2, true);               // opaque HostName<1..2^16-1>
            x.bytes(name.getBytes(StandardCharsets.ISO_8859_1));
            x.close(host);
            x.close(list);
        });
    }

    private static void alpnName(Wire w, String name) {
        int l = w.open(1, false);
        w.bytes(name.getBytes(StandardCharsets.US_ASCII));
        w.close(l);
    }

    /** Writes one extension: uint16 extension_type, opaque extension_data<0..2^16-1>. */
    private static void extension(Wire w, int type, java.util.function.Consumer<Wire> data) {
        w.u16(type);
        int l = w.open(2, true);
        data.accept(w);
        w.close(l);
    }

    private static byte[] random(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    /**
     * Frames a handshake message in TLS records (type 22, legacy_record_version 0x0301) with the given fragment
     * lengths; the last fragment takes what is left.
     *
     * @param msg the handshake message
     * @param fragments lengths of all but the last fragment
     * @return the stream
     */
    static byte[] records(byte[] msg, int... fragments) {
        byte[] out = new byte[msg.length + 5 * (fragments.length + 1)];
        int in = 0;
        int o = 0;
        for (int i = 0; i <= fragments.length; i++) {
            int len = i < fragments.length ? fragments[i] : msg.length - in;
            out[o] = 22;
            out[o + 1] = 3;
            out[o + 2] = 1;
            out[o + 3] = (byte) (len >> 8);
            out[o + 4] = (byte) len;
            System.arraycopy(msg, in, out, o + 5, len);
            in += len;
            o += 5 + len;
        }
        return out;
    }

    /**
     * Returns the stream offsets of the record length fields that {@link #records} writes.
     *
     * @param msgLength handshake message length
     * @param fragments as given to records
     * @return offsets of each uint16 length
     */
    static int[] recordLengthOffsets(int msgLength, int... fragments) {
        int[] at = new int[fragments.length + 1];
        int o = 0;
        for (int i = 0; i <= fragments.length; i++) {
            at[i] = o + 3;
            o += 5 + (i < fragments.length ? fragments[i] : 0);
        }
        return at;
    }

    /** A growable big-endian writer whose length fields are filled in when their vector is closed. */
    private final class Wire {
        private byte[] b = new byte[256];
        private int n;
        private final List<int[]> open = new ArrayList<>();

        Wire u8(int v) {
            ensure(1);
            b[n++] = (byte) v;
            return this;
        }

        Wire u16(int v) {
            return u8(v >> 8).u8(v);
        }

        Wire bytes(byte[] v) {
            ensure(v.length);
            System.arraycopy(v, 0, b, n, v.length);
            n += v.length;
            return this;
        }

        /** Reserves a length field of {@code width} bytes; returns a handle for close. */
        int open(int width, boolean walkedBySniffer) {
            int at = n;
            for (int i = 0; i < width; i++) {
                u8(0);
            }
            if (walkedBySniffer) {
                walked.add(new int[] {at, width});
            }
            open.add(new int[] {at, width});
            return open.size() - 1;
        }

        void close(int handle) {
            int at = open.get(handle)[0];
            int width = open.get(handle)[1];
            int len = n - at - width;
            for (int i = width - 1; i >= 0; i--) {
                b[at + i] = (byte) (len >> (8 * (width - 1 - i)));
            }
        }

        private void ensure(int more) {
            if (n + more > b.length) {
                b = Arrays.copyOf(b, Math.max(2 * b.length, n + more));
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(b, n);
        }
    }
}
