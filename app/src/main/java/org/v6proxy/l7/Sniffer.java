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
 * Looks at the first bytes of one client stream and decides what it is addressed to.
 * <p>
 * Contract (the delayed-binding path's view):
 * <ul>
 * <li>One sniffer per connection; not thread-safe. Create it with {@link RouteMatcher#newSniffer()}.</li>
 * <li>The caller buffers the client's segments in order, without gaps, and calls {@link #sniff} each time more
 *     contiguous bytes are there, always with the <em>whole</em> prefix of the stream so far (offset 0 of the stream
 *     at {@code buf[off]}). The array may be a different one on each call; only the contents of the prefix must be
 *     the same. The HTTP and TLS sniffers remember how far they got, so a call costs only the new bytes (the TLS
 *     sniffer walks the ClientHello once, when it is complete); the prefix sniffer compares at most the routes'
 *     bytes. A call with a shorter prefix than before restarts from scratch.</li>
 * <li>The answer is {@link SniffStatus#NEED_MORE} until decided; once {@link SniffStatus#MATCHED} or
 *     {@link SniffStatus#NO_MATCH}, every later call returns the same. The decision depends only on the first
 *     {@link #MAX_SNIFF_BYTES} bytes of the stream, never on how they were split into calls.</li>
 * <li>When the stream cannot grow any more (the client sent FIN, the pre-read timer fired, or the buffer limit
 *     was reached) the caller asks for a final decision with {@link #finish}, which never answers NEED_MORE.
 *     This matters for prefix routes: with routes {@code A} and {@code AB}, a client that sends {@code A} and then
 *     FIN is routed by {@code A}.</li>
 * <li>No method throws, whatever the bytes: bad input is {@code NO_MATCH}. Nothing outside
 *     {@code buf[off, off + len)} is read; an impossible slice (null array, negative or out-of-range bounds) is
 *     {@code NO_MATCH}.</li>
 * <li>Apart from the matched name, built once when the decision is made, a sniffer allocates nothing per call,
 *     except the TLS sniffer, which copies a ClientHello that spans several TLS records into one array once.</li>
 * </ul>
 */
public interface Sniffer {

    /**
     * Bytes of the stream any sniffer looks at, at most: with this many bytes buffered, {@link #sniff} has decided.
     * The caller's per-connection pre-read buffer need not be larger. It is the limit of the HTTP and TLS sniffers
     * ({@link HttpHostSniffer#MAX_HEADER_BYTES}, {@link TlsSniSniffer#MAX_CLIENT_HELLO_BYTES}); prefix routes
     * longer than this can never match.
     */
    int MAX_SNIFF_BYTES = 16 * 1024;

    /**
     * Looks at the stream's first {@code len} bytes, which are {@code buf[off, off + len)}.
     *
     * @param buf array holding the prefix of the stream
     * @param off index in {@code buf} of the stream's first byte
     * @param len number of stream bytes available (the whole prefix so far)
     * @return NEED_MORE until decided, then MATCHED or NO_MATCH for good
     */
    SniffStatus sniff(byte[] buf, int off, int len);

    /**
     * Decides with the bytes there are, because no more will come: the same as {@link #sniff} except that where
     * {@code sniff} would answer NEED_MORE, the prefix sniffer matches the longest route seen so far and the HTTP
     * and TLS sniffers answer NO_MATCH (an incomplete header block or ClientHello is not trusted).
     *
     * @param buf array holding the prefix of the stream
     * @param off index in {@code buf} of the stream's first byte
     * @param len number of stream bytes available (the whole stream)
     * @return MATCHED or NO_MATCH, never NEED_MORE
     */
    SniffStatus finish(byte[] buf, int off, int len);

    /**
     * Returns what matched, once {@link SniffStatus#MATCHED} has been returned: the host name for HTTP and TLS
     * (lower-case, without port or trailing dot; an IPv6 literal Host keeps its brackets, e.g. {@code [2001:db8::1]}),
     * or the matching route's {@code match} text for prefix routes. Pass it to
     * {@link RouteMatcher#backendForName(String)}.
     *
     * @return the matched name, or null if not (or not yet) matched
     */
    String matchedName();
}
