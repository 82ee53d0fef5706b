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
package org.v6proxy.xlate;

import org.v6proxy.packet.Icmp;
import org.v6proxy.packet.Icmp6;

/**
 * RFC 4884 ICMP extension structures in translated ICMP errors (RFC 7915 sections 4.2 and
 * 5.2: the translator adjusts the length attribute to the translated "original datagram"
 * field and passes the extensions on as opaque bytes).
 * <p>
 * RFC 4884 section 4: the length attribute gives the length of the "original datagram" field
 * (the embedded packet, zero padded), in 32-bit words in the sixth octet of an ICMPv4
 * Destination Unreachable, Time Exceeded or Parameter Problem, in 64-bit words in the fifth
 * octet of an ICMPv6 Destination Unreachable or Time Exceeded; 0 means no extension. With an
 * extension structure the field holds at least 128 octets, zero padded. Section 7: the
 * extension structure (a 4-byte header, version 2, with a checksum over the structure
 * alone) follows the field and ends the message; its checksum does not change when it moves.
 */
final class IcmpExtensions {

    /** RFC 4884 section 4: the shortest "original datagram" field that an extension may follow. */
    static final int MIN_ORIGINAL = 128;
    /** RFC 4884 section 7: the extension header (version, reserved, checksum). */
    static final int HEADER_LEN = 4;
    /** Octet of the ICMPv4 header holding the length attribute (RFC 4884 section 4). */
    static final int V4_LENGTH_OFFSET = 5;
    /** Octet of the ICMPv6 header holding the length attribute (RFC 4884 section 4). */
    static final int V6_LENGTH_OFFSET = 4;
    /** ICMPv4 length unit: 32-bit words. */
    static final int V4_UNIT = 4;
    /** ICMPv6 length unit: 64-bit words. */
    static final int V6_UNIT = 8;

    private IcmpExtensions() {
    }

    /**
     * RFC 4884 section 4: ICMPv4 types with a length attribute.
     *
     * @param type ICMPv4 type
     * @return true for Destination Unreachable, Time Exceeded, Parameter Problem
     */
    static boolean hasLength4(int type) {
        return type == Icmp.DEST_UNREACH || type == Icmp.TIME_EXCEEDED || type == Icmp.PARAM_PROBLEM;
    }

    /**
     * RFC 4884 section 4: ICMPv6 types with a length attribute.
     *
     * @param type ICMPv6 type
     * @return true for Destination Unreachable and Time Exceeded
     */
    static boolean hasLength6(int type) {
        return type == Icmp6.DEST_UNREACH || type == Icmp6.TIME_EXCEEDED;
    }

    /**
     * Length of the "original datagram" field of an ICMP error whose length attribute says
     * {@code attribute} units, when an extension structure follows it; -1 when the message
     * has none that can be carried: attribute 0 (RFC 4884 section 4: no extension), a field
     * shorter than 128 octets (a sender that is not RFC 4884's: the octet was "unused"), or
     * one that leaves no room for the extension header after it in the body.
     *
     * @param attribute the length attribute
     * @param unit      its unit in bytes ({@link #V4_UNIT} or {@link #V6_UNIT})
     * @param body      bytes of the message after its 8-byte header
     * @return the field's length in bytes, or -1
     */
    static int originalLength(int attribute, int unit, int body) {
        int len = attribute * unit;
        return attribute == 0 || len < MIN_ORIGINAL || len > body - HEADER_LEN ? -1 : len;
    }

    /**
     * Length of a translated "original datagram" field holding {@code len} bytes of the
     * translated embedded packet: zero padded to a multiple of the unit and to at least 128
     * octets (RFC 4884 section 4).
     *
     * @param len  bytes of the translated embedded packet
     * @param unit {@link #V4_UNIT} or {@link #V6_UNIT}
     * @return the padded length
     */
    static int padded(int len, int unit) {
        int p = (len + unit - 1) / unit * unit;
        return Math.max(p, MIN_ORIGINAL);
    }

    /**
     * How many bytes of an extension structure go behind a translated field of {@code field}
     * bytes, which is then {@link #padded padded}: the structure is cut to what the error may
     * still hold ("SHOULD be simply truncated", RFC 4884 section 5), and left out when the
     * translated type has no length attribute or not even its header fits.
     *
     * @param extLen    bytes of the extension structure received (0: none)
     * @param hasLength whether the translated type carries a length attribute
     * @param field     bytes of the translated field before padding
     * @param unit      {@link #V4_UNIT} or {@link #V6_UNIT}
     * @param room      bytes the error may hold behind its ICMP header
     * @return bytes of the extension to copy; 0 when it is left out (the field is then not padded)
     */
    static int fitting(int extLen, boolean hasLength, int field, int unit, int room) {
        if (extLen <= 0 || !hasLength) {
            return 0;
        }
        int left = room - padded(field, unit);
        return left >= HEADER_LEN ? Math.min(extLen, left) : 0;
    }
}
