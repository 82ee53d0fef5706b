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
 * Sniffer for http services: the host of the client's first HTTP/1.x request (RFC 9112).
 * <pre>
 *   HTTP-message = start-line CRLF *( field-line CRLF ) CRLF [ message-body ]    RFC 9112 section 2.1
 *   request-line = method SP request-target SP HTTP-version                     RFC 9112 section 3
 *   field-line   = field-name ":" OWS field-value OWS                           RFC 9112 section 5
 *   Host         = uri-host [ ":" port ]                                        RFC 9110 section 7.2
 * </pre>
 * The host is the authority of an absolute-form request-target ({@code GET http://a.example/ HTTP/1.1}), which
 * wins over Host (RFC 9112 section 3.2.2), else the value of the one Host field; the port is dropped and the name
 * lower-cased (see {@link Sniffer#matchedName()}). The decision is made at the empty line that ends the header
 * block, so the whole head is checked: a request without a usable host (HTTP/1.0 without Host, empty Host) and
 * every request a server must reject with 400 because of its head (two Host fields, whitespace before a colon,
 * obs-fold, bare CR, NUL, a request line that is not exactly {@code method SP target SP HTTP/1.x}) is NO_MATCH.
 * A bare LF ends a line like CRLF, and empty lines before the request line are skipped (both RFC 9112 section 2.2).
 * <p>
 * Bytes are read once each, in order, by a small state machine, so a stream that is not HTTP is NO_MATCH at its
 * first impossible byte (a TLS record's 0x16 at once); a head longer than {@link #MAX_HEADER_BYTES} is NO_MATCH.
 */
public final class HttpHostSniffer extends ResumableSniffer {

    /**
     * Bytes of the request head (request line, header fields and the empty line) read at most. Browsers send 1-2
     * KB; servers refuse far less than 16 KiB on one line (nginx's default large_client_header_buffers is 4 x 8k)
     * and Node.js's default limit for the whole head is 16 KiB. A head not complete within this many bytes of the
     * stream is NO_MATCH.
     */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    /** "HTTP/1." of HTTP-version = HTTP-name "/" DIGIT "." DIGIT, case-sensitive (RFC 9112 section 2.3). */
    private static final byte[] HTTP_1 = {'H', 'T', 'T', 'P', '/', '1', '.'};

    private enum Phase {
        /** Reading the method token (or empty lines before it). */
        METHOD,
        /** After the CR of an empty line before the request line. */
        LEADING_LF,
        /** Reading the request-target. */
        TARGET,
        /** Reading the HTTP-version and the CR or LF after it. */
        VERSION,
        /** After the CR that ends the request line. */
        REQUEST_LF,
        /** Reading field lines up to the empty line. */
        HEADERS
    }

    private Phase phase;
    /** Stream offset of the next byte to read. */
    private int pos;
    /** Bytes of the method, or of the version, read so far. */
    private int tokenLen;
    private int targetStart;
    private int targetEnd;
    /** Stream offset of the first byte of the field line being read. */
    private int lineStart;
    /** Whether the previous byte in a field line was CR. */
    private boolean afterCr;
    /** Host field value without OWS, as stream offsets; hostStart -1 if no Host field yet. */
    private int hostStart;
    private int hostEnd;
    /** Authority of an absolute-form target, as stream offsets; authStart -1 if none. */
    private int authStart;
    private int authEnd;

    /**
     * Creates a sniffer for one connection.
     */
    public HttpHostSniffer() {
        reset();
    }

    @Override
    void restart() {
        phase = Phase.METHOD;
        pos = 0;
        tokenLen = 0;
        targetStart = 0;
        targetEnd = 0;
        lineStart = 0;
        afterCr = false;
        hostStart = -1;
        hostEnd = -1;
        authStart = -1;
        authEnd = -1;
    }

    @Override
    SniffStatus scan(byte[] buf, int off, int len, boolean last) {
        int n = Math.min(len, MAX_HEADER_BYTES);
        while (pos < n) {
            if (!step(buf, off, buf[off + pos] & 0xff)) {
                return status == SniffStatus.MATCHED ? status : noMatch();
            }
            pos++;
        }
        return last || len >= MAX_HEADER_BYTES ? noMatch() : SniffStatus.NEED_MORE;
    }

    /**
     * Reads the byte at {@code pos}.
     *
     * @return true to go on, false when decided (status MATCHED) or invalid
     */
    private boolean step(byte[] buf, int off, int c) {
        switch (phase) {
            case METHOD:
                // method = token (RFC 9110 section 9.1); RFC 9112 section 2.2: a server SHOULD ignore at least
                // one empty line (CRLF) received before the request-line.
                if (Names.isTchar(c)) {
                    tokenLen++;
                } else if (c == ' ' && tokenLen > 0) {
                    phase = Phase.TARGET;
                    targetStart = pos + 1;
                } else if (tokenLen == 0 && c == '\r') {
                    phase = Phase.LEADING_LF;
                } else if (tokenLen != 0 || c != '\n') {
                    return false;
                }
                return true;
            case LEADING_LF:
                phase = Phase.METHOD;
                return c == '\n';
            case TARGET:
                // The target is free of whitespace and controls; its form is looked at when it is complete.
                if (c == ' ') {
                    targetEnd = pos;
                    phase = Phase.VERSION;
                    tokenLen = 0;
                    return targetEnd > targetStart;
                }
                return c > ' ' && c != 0x7f;
            case VERSION:
                if (tokenLen < HTTP_1.length) {
                    tokenLen++;
                    return c == HTTP_1[tokenLen - 1];
                }
                if (tokenLen == HTTP_1.length) {
                    tokenLen++;
                    return Names.isDigit(c);
                }
                if (c == '\r') {
                    phase = Phase.REQUEST_LF;
                    return true;
                }
                return c == '\n' && requestLineDone(buf, off);
            case REQUEST_LF:
                return c == '\n' && requestLineDone(buf, off);
            case HEADERS:
                return headerByte(buf, off, c);
            default:
                return false;
        }
    }

    private boolean headerByte(byte[] buf, int off, int c) {
        if (c == '\n') {
            int end = afterCr ? pos - 1 : pos;
            afterCr = false;
            if (end == lineStart) {
                decide(buf, off);
                return false;
            }
            int start = lineStart;
            lineStart = pos + 1;
            return fieldLine(buf, off, start, end);
        }
        // RFC 9112 section 2.2: a bare CR is invalid; RFC 9110 section 5.5: NUL in a field is invalid.
        if (afterCr || c == 0) {
            return false;
        }
        afterCr = c == '\r';
        return true;
    }

    /**
     * The request line ended at {@code pos}. An absolute-form target's authority is remembered (RFC 9112 section
     * 3.2.2); origin-form, asterisk-form and authority-form (CONNECT) targets leave the choice to Host.
     * <pre>
     *   absolute-URI = scheme ":" hier-part [ "?" query ]                  RFC 3986 section 4.3
     *   hier-part    = "//" authority path-abempty / ...                   RFC 3986 section 3
     *   authority    = [ userinfo "@" ] host [ ":" port ]                  RFC 3986 section 3.2
     *   scheme       = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )          RFC 3986 section 3.1
     * </pre>
     */
    private boolean requestLineDone(byte[] buf, int off) {
        phase = Phase.HEADERS;
        lineStart = pos + 1;
        if (!Names.isLetter(buf[off + targetStart] & 0xff)) {
            return true;
        }
        int q = targetStart + 1;
        while (q < targetEnd && isSchemeChar(buf[off + q] & 0xff)) {
            q++;
        }
        if (targetEnd - q < 3 || buf[off + q] != ':' || buf[off + q + 1] != '/' || buf[off + q + 2] != '/') {
            return true;
        }
        int a = q + 3;
        int e = a;
        while (e < targetEnd && buf[off + e] != '/' && buf[off + e] != '?' && buf[off + e] != '#') {
            // RFC 9110 section 4.2.4: a recipient SHOULD treat userinfo in an http(s) URI as an error.
            if (buf[off + e] == '@') {
                return false;
            }
            e++;
        }
        authStart = a;
        authEnd = e;
        return true;
    }

    private static boolean isSchemeChar(int c) {
        return Names.isLetter(c) || Names.isDigit(c) || c == '+' || c == '-' || c == '.';
    }

    /**
     * Checks one field line {@code [start, end)} (without its line end) and remembers a Host value.
     * RFC 9112 section 5.1: no whitespace between field name and colon (a server MUST reject it); section 5.2:
     * obs-fold (a line starting with SP or HTAB) is rejected here rather than unfolded; RFC 9112 section 3.2: a
     * request with more than one Host field line MUST be rejected.
     */
    private boolean fieldLine(byte[] buf, int off, int start, int end) {
        int i = start;
        while (i < end && Names.isTchar(buf[off + i] & 0xff)) {
            i++;
        }
        if (i == start || i == end || buf[off + i] != ':') {
            return false;
        }
        if (i - start == 4 && isHost(buf, off + start)) {
            if (hostStart >= 0) {
                return false;
            }
            int v = i + 1;
            int w = end;
            while (v < w && isOws(buf[off + v])) {
                v++;
            }
            while (w > v && isOws(buf[off + w - 1])) {
                w--;
            }
            hostStart = v;
            hostEnd = w;
        }
        return true;
    }

    private static boolean isHost(byte[] buf, int p) {
        return Names.toLower(buf[p] & 0xff) == 'h' && Names.toLower(buf[p + 1] & 0xff) == 'o'
                && Names.toLower(buf[p + 2] & 0xff) == 's' && Names.toLower(buf[p + 3] & 0xff) == 't';
    }

    /** OWS = *( SP / HTAB ), RFC 9110 section 5.6.3. */
    private static boolean isOws(byte c) {
        return c == ' ' || c == '\t';
    }

    /** The header block is complete: the target's authority, else the Host value, chooses. */
    private void decide(byte[] buf, int off) {
        String h = null;
        if (authStart >= 0) {
            h = Names.authorityHost(buf, off + authStart, off + authEnd);
        } else if (hostStart >= 0) {
            h = Names.authorityHost(buf, off + hostStart, off + hostEnd);
        }
        if (h == null) {
            status = SniffStatus.NO_MATCH;
        } else {
            name = h;
            status = SniffStatus.MATCHED;
        }
    }

}
