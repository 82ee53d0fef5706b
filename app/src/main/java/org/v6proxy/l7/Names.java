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

import java.util.Locale;

/**
 * Host-name checks shared by the sniffers and the route matcher.
 * <p>
 * Names are accepted in the DNS "preferred name syntax" widened by {@code _} (seen in real names): ASCII letters,
 * digits, {@code -} and {@code _}, in dot-separated non-empty labels. One trailing dot (the root) is dropped and
 * the result is lower-case, so {@code A.Example.} and {@code a.example} are the same name. Anything else (spaces,
 * control or non-ASCII bytes, {@code *}, empty labels) is not a name: the connection cannot be routed by it and
 * goes to the default backend.
 */
final class Names {

    /** RFC 1035 section 2.3.4: 255 octets on the wire, i.e. 253 characters written without the trailing dot. */
    static final int MAX_NAME_LENGTH = 253;
    /** RFC 1035 section 2.3.4: labels are 63 octets or less. */
    static final int MAX_LABEL_LENGTH = 63;
    /** Decimal digits of a port number, 0..65535. */
    private static final int MAX_PORT_DIGITS = 5;

    private Names() {
    }

    /**
     * Checks that a slice is a readable part of an array.
     *
     * @param buf array, may be null
     * @param off start index
     * @param len length
     * @return true if {@code buf[off, off + len)} exists
     */
    static boolean validSlice(byte[] buf, int off, int len) {
        return buf != null && off >= 0 && len >= 0 && len <= buf.length - off;
    }

    /**
     * Returns the DNS name in {@code b[from, to)}, lower-case and without a trailing dot.
     *
     * @param b bytes
     * @param from first byte of the name
     * @param to index after the last byte
     * @return the name, or null if the bytes are not a name
     */
    static String dnsName(byte[] b, int from, int to) {
        int end = to;
        if (end > from && b[end - 1] == '.') {
            end--;
        }
        int len = end - from;
        if (len < 1 || len > MAX_NAME_LENGTH) {
            return null;
        }
        char[] out = new char[len];
        int label = 0;
        for (int i = 0; i < len; i++) {
            int c = b[from + i] & 0xff;
            if (c == '.') {
                if (label == 0) {
                    return null;
                }
                label = 0;
            } else if (isLetter(c) || isDigit(c) || c == '-' || c == '_') {
                label++;
                if (label > MAX_LABEL_LENGTH) {
                    return null;
                }
            } else {
                return null;
            }
            out[i] = (char) toLower(c);
        }
        // A trailing "a.." leaves an empty last label.
        return label == 0 ? null : new String(out);
    }

    /**
     * Returns the host of an HTTP authority {@code host [ ":" port ]} in {@code b[from, to)} (RFC 9110 section
     * 7.2 Host, RFC 3986 section 3.2.2 host): a DNS name or IPv4 address as {@link #dnsName} returns it, or an
     * IPv6 literal {@code [...]} lower-case with its brackets. The port, if any, must be digits; it is dropped.
     *
     * @param b bytes
     * @param from first byte of the authority
     * @param to index after the last byte
     * @return the host, or null if the authority is not valid (or is an IPvFuture literal)
     */
    static String authorityHost(byte[] b, int from, int to) {
        if (from >= to) {
            return null;
        }
        int hostEnd;
        boolean literal = b[from] == '[';
        if (literal) {
            hostEnd = from + 1;
            boolean colon = false;
            while (hostEnd < to && b[hostEnd] != ']') {
                int c = b[hostEnd] & 0xff;
                if (!isHex(c) && c != ':' && c != '.') {
                    return null;
                }
                colon |= c == ':';
                hostEnd++;
            }
            if (hostEnd == to || !colon) {
                return null;
            }
            hostEnd++;
        } else {
            hostEnd = from;
            while (hostEnd < to && b[hostEnd] != ':') {
                hostEnd++;
            }
        }
        if (hostEnd < to) {
            // RFC 3986 section 3.2.3: port = *DIGIT (may be empty).
            if (b[hostEnd] != ':' || to - hostEnd - 1 > MAX_PORT_DIGITS) {
                return null;
            }
            for (int i = hostEnd + 1; i < to; i++) {
                if (!isDigit(b[i] & 0xff)) {
                    return null;
                }
            }
        }
        if (!literal) {
            return dnsName(b, from, hostEnd);
        }
        char[] out = new char[hostEnd - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = (char) toLower(b[from + i] & 0xff);
        }
        return new String(out);
    }

    /**
     * Normalizes a name given as text (a route's match, or a name from elsewhere): lower-case, one trailing dot
     * dropped. Does not validate.
     *
     * @param name the name
     * @return the normalized name
     */
    static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.length() > 1 && n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /**
     * Returns whether a byte is an RFC 9110 section 5.6.2 {@code tchar}, the characters of a token (method, field
     * name): {@code ! # $ % & ' * + - . ^ _ ` | ~}, digits and letters.
     *
     * @param c unsigned byte
     * @return true for a token character
     */
    static boolean isTchar(int c) {
        if (isLetter(c) || isDigit(c)) {
            return true;
        }
        switch (c) {
            case '!': case '#': case '$': case '%': case '&': case '\'': case '*':
            case '+': case '-': case '.': case '^': case '_': case '`': case '|': case '~':
                return true;
            default:
                return false;
        }
    }

    /**
     * Returns whether a byte is an ASCII letter.
     *
     * @param c unsigned byte
     * @return true for A-Z and a-z
     */
    static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * Returns whether a byte is an ASCII digit.
     *
     * @param c unsigned byte
     * @return true for 0-9
     */
    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * Lower-cases an ASCII letter.
     *
     * @param c unsigned byte
     * @return the byte, lower-case if it is an upper-case letter
     */
    static int toLower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
