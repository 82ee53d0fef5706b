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

import org.v6proxy.packet.Ip6;
import org.v6proxy.packet.Ip6Ext;
import org.v6proxy.packet.IpProto;

/**
 * Walks the IPv6 extension header chain (RFC 8200 section 4) as RFC 7915 section 5.1
 * and 5.1.1 need it. The result is packed into a long so that the walk allocates
 * nothing; read it with the static accessors.
 *
 * <pre>
 * bits  0..23  offset of the upper-layer header relative to the IPv6 header
 *              (for {@link #ROUTING}: of the routing header)
 * bits 24..31  upper-layer protocol (the last Next Header)
 * bits 32..55  offset of the fragment header relative to the IPv6 header, plus 1 (0: none)
 * bits 56..63  status: {@link #OK}, {@link #MALFORMED}, {@link #EXTENSION}, {@link #ROUTING}
 * </pre>
 */
final class ExtChain {

    /** The chain is fine. */
    static final int OK = 0;
    /** A header runs past the end, or two fragment headers. */
    static final int MALFORMED = 1;
    /** An extension header that cannot be translated (RFC 7915 section 5.1.1, AH, ...). */
    static final int EXTENSION = 2;
    /** A routing header with segments left (RFC 7915 section 5.1). */
    static final int ROUTING = 3;

    private static final int MASK24 = 0xffffff;

    private ExtChain() {
    }

    /**
     * Walks the chain of the IPv6 packet at ipOff whose payload ends at end.
     *
     * @param b            packet
     * @param ipOff        offset of the IPv6 header
     * @param end          end (exclusive) of the bytes to look at
     * @param checkRouting true to stop at a routing header with segments left (outer packet)
     * @return packed result
     */
    static long walk(byte[] b, int ipOff, int end, boolean checkRouting) {
        int nh = Ip6.nextHeader(b, ipOff);
        int p = ipOff + Ip6.HEADER_LEN;
        int frag = 0;
        while (true) {
            if (nh == IpProto.HOPOPT || nh == IpProto.IPV6_OPTS || nh == IpProto.IPV6_ROUTE) {
                if (frag != 0) {
                    // RFC 7915 5.1.1: an extension header after the fragment header: drop.
                    return pack(EXTENSION, p - ipOff, nh, frag);
                }
                if (end - p < Ip6Ext.MIN_LEN) {
                    return pack(MALFORMED, p - ipOff, nh, frag);
                }
                int len = Ip6Ext.length(b, p);
                if (len > end - p) {
                    return pack(MALFORMED, p - ipOff, nh, frag);
                }
                if (nh == IpProto.IPV6_ROUTE && checkRouting && Ip6Ext.segmentsLeft(b, p) != 0) {
                    return pack(ROUTING, p - ipOff, nh, frag);
                }
                nh = Ip6Ext.nextHeader(b, p);
                p += len;
            } else if (nh == IpProto.IPV6_FRAG) {
                if (frag != 0 || end - p < Ip6Ext.FRAG_HEADER_LEN) {
                    return pack(MALFORMED, p - ipOff, nh, frag);
                }
                frag = p - ipOff + 1;
                nh = Ip6Ext.nextHeader(b, p);
                boolean first = Ip6Ext.fragmentOffset(b, p) == 0;
                p += Ip6Ext.FRAG_HEADER_LEN;
                if (isExtension(nh)) {
                    return pack(EXTENSION, p - ipOff, nh, frag);
                }
                if (!first) {
                    return pack(OK, p - ipOff, nh, frag);     // the rest is opaque fragment data
                }
            } else if (isExtension(nh)) {
                // AH, Mobility, HIP, Shim6, experimental: not translatable.
                return pack(EXTENSION, p - ipOff, nh, frag);
            } else {
                return pack(OK, p - ipOff, nh, frag);
            }
        }
    }

    /**
     * RFC 7915 section 5.1.1 "extension header (except ESP, but including AH)".
     *
     * @param nh next header value
     * @return true for extension headers
     */
    static boolean isExtension(int nh) {
        switch (nh) {
            case IpProto.HOPOPT:
            case IpProto.IPV6_ROUTE:
            case IpProto.IPV6_FRAG:
            case IpProto.IPV6_OPTS:
            case IpProto.AH:
            case IpProto.MOBILITY:
            case IpProto.HIP:
            case IpProto.SHIM6:
            case 253:                                         // RFC 3692 experimentation
            case 254:
                return true;
            default:
                return false;
        }
    }

    private static long pack(int status, int l4Rel, int nh, int fragRel1) {
        return (long) status << 56 | (long) (fragRel1 & MASK24) << 32 | (long) (nh & 0xff) << 24 | (l4Rel & MASK24);
    }

    /**
     * Returns the status.
     *
     * @param w packed result
     * @return status
     */
    static int status(long w) {
        return (int) (w >>> 56);
    }

    /**
     * Returns the upper-layer offset relative to the IPv6 header.
     *
     * @param w packed result
     * @return relative offset
     */
    static int l4(long w) {
        return (int) (w & MASK24);
    }

    /**
     * Returns the upper-layer protocol.
     *
     * @param w packed result
     * @return protocol
     */
    static int protocol(long w) {
        return (int) (w >>> 24) & 0xff;
    }

    /**
     * Returns the fragment header offset relative to the IPv6 header, or -1 if none.
     *
     * @param w packed result
     * @return relative offset or -1
     */
    static int fragment(long w) {
        return (int) (w >>> 32 & MASK24) - 1;
    }
}
