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

/**
 * Sniffer for tls services: the server_name (SNI, RFC 6066 section 3) of the client's ClientHello (RFC 8446
 * section 4.1.2; RFC 5246 section 7.4.1.2 for TLS 1.2 and earlier, the same layout).
 * <p>
 * The ClientHello is one handshake message carried in one or more TLS records of type handshake, and the records
 * in one or more TCP segments; ClientHellos with post-quantum key shares are 1.5-2 KB, so both kinds of split are
 * common. Record headers are read incrementally as bytes arrive; once the whole message is there (it must end where
 * a record ends, see below) it is walked once: in place when it sits in one record, else after copying the record
 * fragments into one array. Every length is checked against its container; anything that does not fit, a
 * ClientHello without exactly one host_name, or a name that is not a DNS name is NO_MATCH. The first byte of the
 * stream must be 22 (handshake), so other protocols, and SSL 2.0-style hellos (first byte with the high bit set),
 * are NO_MATCH at once. A ClientHello whose records do not end within {@link #MAX_CLIENT_HELLO_BYTES} of the stream
 * is NO_MATCH.
 */
public final class TlsSniSniffer extends ResumableSniffer {

    /**
     * Bytes of the stream (record headers included) within which the ClientHello must end. Browsers' ClientHellos
     * with an X25519MLKEM768 key share are under 2 KB; 16 KiB is one full record (2^14) and leaves room for
     * clients that pad or offer several large key shares, while bounding what an unbound connection may buffer.
     */
    public static final int MAX_CLIENT_HELLO_BYTES = 16 * 1024;

    /*
     * RFC 8446 section 5.1:
     *   struct {
     *       ContentType type;                       -- handshake(22)
     *       ProtocolVersion legacy_record_version;  -- 0x0301 or 0x0303 in a ClientHello
     *       uint16 length;                          -- MUST NOT exceed 2^14
     *       opaque fragment[TLSPlaintext.length];
     *   } TLSPlaintext;
     */
    private static final int RECORD_HEADER = 5;
    private static final int CONTENT_HANDSHAKE = 22;
    private static final int TLS_MAJOR = 3;
    private static final int MAX_FRAGMENT = 1 << 14;

    /*
     * RFC 8446 section 4:
     *   struct {
     *       HandshakeType msg_type;    -- client_hello(1)
     *       uint24 length;             -- remaining bytes in message
     *       select (Handshake.msg_type) { case client_hello: ClientHello; ... };
     *   } Handshake;
     */
    private static final int HANDSHAKE_HEADER = 4;
    /** Bytes of the handshake header (msg_type and uint24 length) that {@link #clientHelloLength} reads. */
    public static final int HANDSHAKE_HEADER_BYTES = HANDSHAKE_HEADER;
    private static final int CLIENT_HELLO = 1;
    private static final int RANDOM_LENGTH = 32;
    /** legacy_session_id&lt;0..32&gt;. */
    private static final int MAX_SESSION_ID = 32;
    /** ExtensionType server_name(0), RFC 6066 section 3. */
    private static final int EXT_SERVER_NAME = 0;
    /** NameType host_name(0), RFC 6066 section 3. */
    private static final int HOST_NAME = 0;

    /** Stream offset of the header of the first record not yet complete. */
    private int recordStart;
    /** Handshake-message bytes in the complete records before recordStart. */
    private int hsBefore;
    /** How many of the 4 handshake-header bytes have been read, and their value (big-endian). */
    private int hsHeaderRead;
    private int hsHeader;

    /**
     * Creates a sniffer for one connection.
     */
    public TlsSniSniffer() {
        reset();
    }

    @Override
    void restart() {
        recordStart = 0;
        hsBefore = 0;
        hsHeaderRead = 0;
        hsHeader = 0;
    }

    @Override
    SniffStatus scan(byte[] buf, int off, int len, boolean last) {
        int n = Math.min(len, MAX_CLIENT_HELLO_BYTES);
        while (n > recordStart) {
            int r = off + recordStart;
            int avail = n - recordStart;
            // Check the header bytes that are there, so a stream that is not TLS is refused at its first byte.
            // RFC 8446 section 5.1: handshake messages MUST NOT be interleaved with other record types.
            if ((buf[r] & 0xff) != CONTENT_HANDSHAKE || (avail > 1 && buf[r + 1] != TLS_MAJOR)) {
                return noMatch();
            }
            if (avail < RECORD_HEADER) {
                break;
            }
            int fragLen = u16(buf, r + 3);
            // RFC 8446 section 5.1: length MUST NOT exceed 2^14; no zero-length handshake fragments.
            if (fragLen == 0 || fragLen > MAX_FRAGMENT) {
                return noMatch();
            }
            int fragStart = recordStart + RECORD_HEADER;
            int fragEnd = fragStart + fragLen;
            int here = Math.min(n, fragEnd) - fragStart;
            if (!readHandshakeHeader(buf, off + fragStart, here)) {
                return noMatch();
            }
            if (hsHeaderRead == HANDSHAKE_HEADER) {
                int msgEnd = HANDSHAKE_HEADER + (hsHeader & 0xffffff);
                // Where the message's last record ends in the stream, at the earliest: here, or after one more
                // record header if the message goes on past this record.
                int rest = msgEnd - hsBefore - fragLen;
                if ((long) fragEnd + (rest > 0 ? RECORD_HEADER + rest : 0) > MAX_CLIENT_HELLO_BYTES) {
                    return noMatch();
                }
                if (rest <= 0) {
                    // The message ends in this record and must end with it: the client sends nothing else before
                    // the server's answer, and RFC 8446 section 5.1 requires a message before a key change (the
                    // ClientHello in TLS 1.3) to end at a record boundary.
                    if (rest != 0) {
                        return noMatch();
                    }
                    if (fragEnd <= n) {
                        return walk(buf, off, msgEnd);
                    }
                }
            }
            if (fragEnd > n) {
                break;
            }
            hsBefore += fragLen;
            recordStart = fragEnd;
        }
        return last || len >= MAX_CLIENT_HELLO_BYTES ? noMatch() : SniffStatus.NEED_MORE;
    }

    /**
     * Reads what is still missing of the handshake header from the current record's fragment, whose first
     * {@code here} bytes start at {@code p}; the header may span records.
     *
     * @return false if the message is not a ClientHello
     */
    private boolean readHandshakeHeader(byte[] buf, int p, int here) {
        while (hsHeaderRead < HANDSHAKE_HEADER && hsHeaderRead < hsBefore + here) {
            hsHeader = (hsHeader << 8) | (buf[p + hsHeaderRead - hsBefore] & 0xff);
            hsHeaderRead++;
            if (hsHeaderRead == 1 && hsHeader != CLIENT_HELLO) {
                return false;
            }
        }
        return true;
    }

    /** The ClientHello of {@code msgLen} bytes (header included) is complete in the records from offset 0. */
    private SniffStatus walk(byte[] buf, int off, int msgLen) {
        String sni;
        if (hsBefore == 0) {
            sni = clientHello(buf, off + RECORD_HEADER, msgLen);
        } else {
            byte[] msg = new byte[msgLen];
            int copied = 0;
            int r = off;
            while (copied < msgLen) {
                int fragLen = u16(buf, r + 3);
                System.arraycopy(buf, r + RECORD_HEADER, msg, copied, fragLen);
                copied += fragLen;
                r += RECORD_HEADER + fragLen;
            }
            sni = clientHello(msg, 0, msgLen);
        }
        if (sni == null) {
            return noMatch();
        }
        name = sni;
        status = SniffStatus.MATCHED;
        return status;
    }

    /**
     * Returns the length of the handshake message that starts at {@code b[off]}, header included, if it is a
     * ClientHello: for callers that get the handshake stream without TLS records, such as QUIC, whose CRYPTO frames
     * carry the handshake messages directly (RFC 9001 section 4.1.3).
     *
     * @param b buffer holding at least {@link #HANDSHAKE_HEADER_BYTES} bytes from {@code off}
     * @param off index of the message's first byte
     * @return the message length (4 + its uint24 length), or -1 if it is not a ClientHello
     */
    public static int clientHelloLength(byte[] b, int off) {
        if ((b[off] & 0xff) != CLIENT_HELLO) {
            return -1;
        }
        return HANDSHAKE_HEADER + (((b[off + 1] & 0xff) << 16) | u16(b, off + 2));
    }

    /**
     * Returns the server_name of a complete ClientHello handshake message {@code b[off, off + len)} (header
     * included) that came without TLS record framing, checked exactly as the records' content is: its length must
     * be the message's, and the ClientHello must hold exactly one valid host_name.
     *
     * @param b buffer
     * @param off index of the message's first byte (its msg_type)
     * @param len message length, header included
     * @return the host name, or null if the message is invalid or names no host
     */
    public static String serverNameOf(byte[] b, int off, int len) {
        if (!Names.validSlice(b, off, len) || len < HANDSHAKE_HEADER || clientHelloLength(b, off) != len) {
            return null;
        }
        return clientHello(b, off, len);
    }

    /**
     * Walks a complete ClientHello handshake message {@code b[start, start + msgLen)}.
     *
     * @return the host_name, or null if invalid or absent
     */
    private static String clientHello(byte[] b, int start, int msgLen) {
        int end = start + msgLen;
        int p = start + HANDSHAKE_HEADER;
        /*
         * RFC 8446 section 4.1.2:
         *   struct {
         *       ProtocolVersion legacy_version = 0x0303;    -- TLS v1.2
         *       Random random;                              -- 32 bytes
         *       opaque legacy_session_id<0..32>;
         *       CipherSuite cipher_suites<2..2^16-2>;       -- CipherSuite is uint8[2]
         *       opaque legacy_compression_methods<1..2^8-1>;
         *       Extension extensions<8..2^16-1>;
         *   } ClientHello;
         * In TLS 1.2 and earlier (RFC 5246 section 7.4.1.2) the extensions may be absent: no SNI then.
         */
        if (end - p < 2 + RANDOM_LENGTH + 1 || b[p] != TLS_MAJOR) {
            return null;
        }
        p += 2 + RANDOM_LENGTH;
        int sessionId = b[p] & 0xff;
        p++;
        if (sessionId > MAX_SESSION_ID || sessionId > end - p) {
            return null;
        }
        p += sessionId;
        if (end - p < 2) {
            return null;
        }
        int suites = u16(b, p);
        p += 2;
        if (suites < 2 || (suites & 1) != 0 || suites > end - p) {
            return null;
        }
        p += suites;
        if (end - p < 1) {
            return null;
        }
        int compressions = b[p] & 0xff;
        p++;
        if (compressions < 1 || compressions > end - p) {
            return null;
        }
        p += compressions;
        if (end - p < 2) {
            return null;
        }
        int extensions = u16(b, p);
        p += 2;
        if (extensions != end - p) {
            return null;
        }
        /*
         * RFC 8446 section 4.2:
         *   struct {
         *       ExtensionType extension_type;           -- uint16
         *       opaque extension_data<0..2^16-1>;
         *   } Extension;
         * "There MUST NOT be more than one extension of the same type in a given extension block."
         */
        String sni = null;
        boolean sawServerName = false;
        while (p < end) {
            if (end - p < 4) {
                return null;
            }
            int type = u16(b, p);
            int dataLen = u16(b, p + 2);
            p += 4;
            if (dataLen > end - p) {
                return null;
            }
            if (type == EXT_SERVER_NAME) {
                if (sawServerName) {
                    return null;
                }
                sawServerName = true;
                sni = serverName(b, p, p + dataLen);
                if (sni == null) {
                    return null;
                }
            }
            p += dataLen;
        }
        return sni;
    }

    /**
     * Reads the extension_data of server_name in a ClientHello, {@code b[p, end)}.
     * <pre>
     * RFC 6066 section 3:
     *   struct {
     *       NameType name_type;
     *       select (name_type) {
     *           case host_name: HostName;
     *       } name;
     *   } ServerName;
     *   enum { host_name(0), (255) } NameType;
     *   opaque HostName&lt;1..2^16-1&gt;;
     *   struct {
     *       ServerName server_name_list&lt;1..2^16-1&gt;
     *   } ServerNameList;
     * </pre>
     * The list must hold exactly one entry, a host_name: "MUST NOT contain more than one name of the same
     * name_type", and host_name is the only type defined (an entry of another type has no defined length).
     *
     * @return the name, or null
     */
    private static String serverName(byte[] b, int p, int end) {
        if (end - p < 2 || u16(b, p) != end - p - 2) {
            return null;
        }
        p += 2;
        if (end - p < 3 || (b[p] & 0xff) != HOST_NAME) {
            return null;
        }
        int nameLen = u16(b, p + 1);
        p += 3;
        if (nameLen != end - p) {
            return null;
        }
        return Names.dnsName(b, p, end);
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

}
