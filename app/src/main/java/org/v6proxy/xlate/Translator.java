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

import org.v6proxy.api.DropReason;
import org.v6proxy.packet.Ip4;

/**
 * Stateless IP/ICMP translation, RFC 7915 (SIIT), of one packet at a time. Immutable and
 * thread-safe; each call allocates exactly one array, the output, and never throws:
 * every bad input becomes a {@link XlatResult.Kind#DROPPED} result with a reason.
 *
 * <table>
 * <caption>Where each rule lives and is tested</caption>
 * <tr><th>RFC 7915</th><th>method</th><th>test</th></tr>
 * <tr><td>4.1 header fields, TOS, flow label</td><td>V4ToV6.writeHeader</td>
 *     <td>V4ToV6Test.tcpSynExactBytes, tosCopiedOrZeroed</td></tr>
 * <tr><td>4.1 TTL (router)</td><td>V4ToV6.timeExceeded</td>
 *     <td>V4ToV6Test.ttlOneOrZeroGivesTimeExceeded</td></tr>
 * <tr><td>4.1 options, source route</td><td>V4ToV6.checkOptions, sourceRouteFailed</td>
 *     <td>V4ToV6Test.optionsAreDropped, unexpiredSourceRoute, badOptionLengths</td></tr>
 * <tr><td>4.1 fragment header, identification</td><td>V4ToV6.writeHeader</td>
 *     <td>V4ToV6Test.firstFragment, laterFragment</td></tr>
 * <tr><td>4.1 / 1.4 DF and MTU</td><td>V4ToV6.tooBig</td>
 *     <td>V4ToV6Test.tooBigWithDf, tooBigWithoutDf, withoutDfNoFragmentHeader</td></tr>
 * <tr><td>4.2 echo</td><td>V4ToV6.translateEcho, echoTo6</td><td>IcmpXlatTest.echoRequest4to6</td></tr>
 * <tr><td>4.2 error types, codes, pointers</td><td>IcmpMaps.error4to6, pointer4to6</td>
 *     <td>IcmpMapsTest, IcmpXlatTest.paramProblem4to6</td></tr>
 * <tr><td>4.2 fragmentation needed MTU</td><td>V4ToV6.packetTooBigMtu</td>
 *     <td>IcmpXlatTest.fragNeededToPacketTooBig</td></tr>
 * <tr><td>4.2 dropped types</td><td>V4ToV6.translateIcmp</td><td>IcmpXlatTest.untranslatableTypes4to6</td></tr>
 * <tr><td>4.3 embedded packet, 1280 limit</td><td>V4ToV6.translateIcmpError</td>
 *     <td>IcmpXlatTest.portUnreachable4to6, errorTruncatedTo1280</td></tr>
 * <tr><td>4.4 ICMPv4 errors sent back</td><td>IcmpErrors.reply4</td>
 *     <td>V4ToV6Test.ttlOneOrZeroGivesTimeExceeded</td></tr>
 * <tr><td>4.5 TCP/UDP checksums, zero UDP checksum</td><td>V4ToV6.updateTransport, checkTransport</td>
 *     <td>V4ToV6Test.udpZeroChecksumComputed, wrongChecksumStaysWrong</td></tr>
 * <tr><td>5.1 header fields, DF/ID (1260-byte rule, generator)</td><td>V6ToV4.writeHeader,
 *     idFlagsWord, FragmentIds</td><td>V6ToV4Test.tcpExactBytes, dontFragmentClearUpTo1260Bytes,
 *     identificationsComeFromTheGenerator</td></tr>
 * <tr><td>5.1 extension headers, routing</td><td>ExtChain.walk, V6ToV4.routingHeader</td>
 *     <td>V6ToV4Test.skippedExtensionHeaders, extensionHeadersBeforeTheFragmentHeader,
 *     routingWithSegmentsLeft</td></tr>
 * <tr><td>5.1 / 5.5 other transports, No Next Header</td><td>V6ToV4.translate</td>
 *     <td>V6ToV4Test.otherTransportsCopied</td></tr>
 * <tr><td>5.1.1 fragment header (also atomic, also ICMPv6)</td><td>V6ToV4.writeHeader</td>
 *     <td>V6ToV4Test.fragmentHeaderTranslated, atomicFragmentKeepsIdentification,
 *     echoWithAtomicFragmentHeader</td></tr>
 * <tr><td>5.1.1 extension header after the fragment header (5.4 error)</td>
 *     <td>V6ToV4.extensionHeader</td><td>V6ToV4Test.untranslatableExtensionHeaders</td></tr>
 * <tr><td>5.1 MTU</td><td>V6ToV4.tooBig</td><td>V6ToV4Test.tooBigGivesPacketTooBig</td></tr>
 * <tr><td>5.2 echo, errors, pointers, PTB MTU</td><td>V6ToV4.translateEcho, IcmpMaps.error6to4,
 *     pointer6to4, fragNeededMtu</td><td>IcmpXlatTest.echoReply6to4, packetTooBig6to4, IcmpMapsTest,
 *     IcmpRulesTest.packetTooBigToFragmentationNeededMtu</td></tr>
 * <tr><td>5.3 embedded packet (DF/ID rule inside too)</td><td>V6ToV4.translateIcmpError</td>
 *     <td>IcmpXlatTest.portUnreachable6to4, IcmpRulesTest.embeddedChecksumsOfIcmpv6ErrorsTranslated</td></tr>
 * <tr><td>5.4 ICMPv6 errors sent back</td><td>IcmpErrors.reply6</td>
 *     <td>V6ToV4Test.hopLimitOneGivesTimeExceeded,
 *     IcmpRulesTest.hopLimitExpirySilentForIcmpv6ErrorsAndMulticast</td></tr>
 * <tr><td>5.5 TCP/UDP checksums</td><td>V6ToV4.updateTransport</td><td>V6ToV4Test.udpChecksumUpdated</td></tr>
 * <tr><td>4.1 illegal source of an ICMPv4 error translated</td><td>V4ToV6.translate</td>
 *     <td>IcmpRulesTest.illegalSourceOfAnIcmpv4ErrorIsTranslated</td></tr>
 * <tr><td>4.1 / 4.5 other transports</td><td>V4ToV6.translate</td><td>V4ToV6Test.otherTransportsCopied</td></tr>
 * <tr><td>MSS clamping (1.4)</td><td>Mss.clamp</td><td>MssTest, V4ToV6Test.mssClamped</td></tr>
 * </table>
 *
 * <p>Deliberate choices, where RFC 7915 leaves room or this translator does less (the full
 * list with reasons: docs/rfc7915.md):</p>
 * <ul>
 * <li>One packet in, one packet out: an IPv4 packet without DF that is too big for ipv6Mtu
 *     is dropped here (PACKET_TOO_BIG); its callers fragment it first (packet.Ip4Split) and
 *     translate each fragment, as section 4.1 suggests: the proxy's path and tools/xlat both
 *     do. ipv6Mtu plays the role of the RFC's "lowest-ipv6-mtu". An IPv6 packet (fragment or
 *     not) too big for ipv4Mtu gets a Packet Too Big (MTU ipv4Mtu + 20).</li>
 * <li>IPv6 to IPv4 without a fragment header: DF clear with an identification from
 *     {@link FragmentIds} (hashed counters, RFC 7739 5.3) up to 1260 bytes; above, DF set and
 *     identification 0 (RFC 6864 4.1: an atomic datagram's identification has no meaning; the
 *     RFC's generator is used only where it can matter).</li>
 * <li>Every transport crosses (4.1 "Next Header", 5.1 "Protocol"), except IPv4 protocol numbers
 *     that only IPv6 defines (extension headers 0, 43, 44, 60, 135, 140 and ICMPv6 58: the IPv6
 *     receiver would parse the payload as one; dropped, UNSUPPORTED_PROTOCOL); only TCP and UDP get their
 *     checksum updated (DCCP's pseudo-header checksum, an OPTIONAL of 4.5 / 5.5, is not).
 *     Extension headers other than hop-by-hop, destination options, routing (segments left
 *     0) and fragment are dropped (EXTENSION_HEADER): silently, except after a fragment header
 *     (5.1.1, with 5.4's Destination Unreachable code 1).</li>
 * <li>A zero UDP checksum: computed for a whole IPv4 datagram, a fragment is dropped
 *     (FRAGMENT, 4.5's SHOULD, without the ICMPv4 error); in IPv6 it is invalid and dropped
 *     (MALFORMED).</li>
 * <li>ICMP errors: the incoming checksum is verified (MALFORMED if wrong) because the
 *     outgoing one is computed from scratch; ICMP echo checksums are updated
 *     incrementally. RFC 4884 extensions ({@link IcmpExtensions}): the embedded packet ends
 *     where the length attribute says; the extension goes on, opaque, behind the translated
 *     packet padded to 128 octets and the other side's word size, with the attribute adjusted
 *     (4.2 / 5.2), when the new type has one (not Packet Too Big or ICMPv6 Parameter Problem)
 *     and its header fits; cut to the size limit otherwise ("simply truncated").
 *     Translated ICMPv4 errors are cut to 576 bytes (RFC 1812 4.3.2.3).</li>
 * <li>An ICMPv6 error whose outer source does not map (an IPv6 router) takes the mapped
 *     destination of the packet in error as its source (RFC 6791 leaves the choice open);
 *     configurable. An ICMPv4 error's source is mapped like any address (the proxy embeds an
 *     unknown one in the client prefix, RFC 6052), even 0.0.0.0 or 127/8 (4.1).</li>
 * <li>Illegal sources (RFC 1812 5.3.7, ::, ::1, multicast) of anything but an ICMPv4 error
 *     are dropped as UNMAPPABLE_ADDRESS; an unexpired source route gets the RFC's "source
 *     route failed" error (reason SOURCE_ROUTE); a routing header with segments left gets a
 *     parameter problem (reason EXTENSION_HEADER).</li>
 * <li>Other discards (unmappable address, untranslatable ICMP) are silent drops: the
 *     "administratively prohibited" errors of 4.4 / 5.4 are not sent.</li>
 * <li>IPv4 to IPv6 maps the addresses straight into the output array, so an unmappable
 *     TCP/UDP/echo packet costs one discarded allocation.</li>
 * </ul>
 */
public final class Translator {

    /** Smallest IPv4 MTU (RFC 791). */
    public static final int MIN_IPV4_MTU = 68;
    /** Largest headroom accepted. */
    public static final int MAX_HEADROOM = 256;
    /**
     * RFC 7915 sections 5 and 5.1: an IPv4 packet translated from IPv6 without a Fragment
     * Header gets DF clear up to this total length (the IPv4 size of a 1280-byte IPv6
     * packet), DF set above it.
     */
    public static final int DF_THRESHOLD = 1260;

    private final int ipv4Mtu;
    private final int ipv6Mtu;
    private final boolean copyTos;
    private final boolean icmpSourceFallback;
    private final FragmentIds ids;

    /**
     * Creates a translator with the RFC defaults: TOS and traffic class copied, ICMP error
     * source fallback on.
     *
     * @param ipv4Mtu MTU of the IPv4 side (68..65535)
     * @param ipv6Mtu MTU of the IPv6 side (1280..65535)
     * @throws IllegalArgumentException if an MTU is out of range
     */
    public Translator(int ipv4Mtu, int ipv6Mtu) {
        this(ipv4Mtu, ipv6Mtu, true, true);
    }

    /**
     * Creates a translator.
     *
     * @param ipv4Mtu            MTU of the IPv4 side (68..65535)
     * @param ipv6Mtu            MTU of the IPv6 side (1280..65535)
     * @param copyTos            true to copy TOS to traffic class and back (RFC 7915 4.1, 5.1
     *                           default), false to write 0
     * @param icmpSourceFallback true to let a translated ICMP error whose source does not
     *                           map take the embedded packet's destination as its source
     * @throws IllegalArgumentException if an MTU is out of range
     */
    public Translator(int ipv4Mtu, int ipv6Mtu, boolean copyTos, boolean icmpSourceFallback) {
        this(ipv4Mtu, ipv6Mtu, copyTos, icmpSourceFallback, new FragmentIds());
    }

    /**
     * Creates a translator with its own Fragment Identification generator.
     *
     * @param ipv4Mtu            MTU of the IPv4 side (68..65535)
     * @param ipv6Mtu            MTU of the IPv6 side (1280..65535)
     * @param copyTos            true to copy TOS to traffic class and back
     * @param icmpSourceFallback true to let a translated ICMP error whose source does not
     *                           map take the embedded packet's destination as its source
     * @param ids                identification generator for DF-clear IPv4 packets (RFC 7915 5.1)
     * @throws IllegalArgumentException if an MTU is out of range or ids is null
     */
    public Translator(int ipv4Mtu, int ipv6Mtu, boolean copyTos, boolean icmpSourceFallback, FragmentIds ids) {
        if (ids == null) {
            throw new IllegalArgumentException("ids must not be null");
        }
        if (ipv4Mtu < MIN_IPV4_MTU || ipv4Mtu > 0xffff) {
            throw new IllegalArgumentException("ipv4Mtu must be 68..65535: " + ipv4Mtu);
        }
        if (ipv6Mtu < 1280 || ipv6Mtu > 0xffff) {
            throw new IllegalArgumentException("ipv6Mtu must be 1280..65535: " + ipv6Mtu);
        }
        this.ipv4Mtu = ipv4Mtu;
        this.ipv6Mtu = ipv6Mtu;
        this.copyTos = copyTos;
        this.icmpSourceFallback = icmpSourceFallback;
        this.ids = ids;
    }

    /**
     * Returns the Fragment Identification generator (RFC 7915 section 5.1).
     *
     * @return generator
     */
    public FragmentIds fragmentIds() {
        return ids;
    }

    /**
     * RFC 7915 section 5.1 "Identification" and "Flags" for an IPv4 packet of totalLen
     * bytes translated from IPv6 without a Fragment Header: DF clear and an identification
     * from the generator up to {@link #DF_THRESHOLD} bytes; DF set (identification 0, an
     * atomic datagram, RFC 6864 section 4.1) above.
     *
     * @param totalLen IPv4 total length
     * @param src      IPv4 source
     * @param dst      IPv4 destination
     * @param proto    IPv4 protocol
     * @return the 32-bit word at IPv4 header offset 4: identification, flags, offset
     */
    int idFlagsWord(int totalLen, int src, int dst, int proto) {
        if (totalLen > DF_THRESHOLD) {
            return Ip4.FLAG_DF;
        }
        return ids.next(src, dst, proto) << 16;
    }

    /**
     * Returns the IPv4 side's MTU.
     *
     * @return MTU
     */
    public int ipv4Mtu() {
        return ipv4Mtu;
    }

    /**
     * Returns the IPv6 side's MTU.
     *
     * @return MTU
     */
    public int ipv6Mtu() {
        return ipv6Mtu;
    }

    /**
     * Tells whether TOS and traffic class are copied.
     *
     * @return true if copied
     */
    public boolean copyTos() {
        return copyTos;
    }

    /**
     * Tells whether ICMP errors with an unmappable source use the embedded destination.
     *
     * @return true if so
     */
    public boolean icmpSourceFallback() {
        return icmpSourceFallback;
    }

    /**
     * Translates the IPv4 packet in[ipOff, ipOff+ipLen) to IPv6, leaving headroom bytes
     * free at the front of the output. Bytes after the IPv4 total length (link padding)
     * are ignored. Never throws; the input array is not modified.
     *
     * @param in       input array
     * @param ipOff    offset of the IPv4 header
     * @param ipLen    bytes available from ipOff
     * @param m        address mapper
     * @param headroom free bytes wanted in front of the IP header (0..{@link #MAX_HEADROOM})
     * @param r        result, overwritten
     */
    public void translate4to6(byte[] in, int ipOff, int ipLen, AddressMapper m, int headroom, XlatResult r) {
        if (r == null) {
            return;
        }
        if (!argumentsValid(in, ipOff, ipLen, m, headroom, r)) {
            return;
        }
        V4ToV6.translate(this, in, ipOff, ipLen, m, headroom, r);
    }

    /**
     * Translates the IPv6 packet in[ipOff, ipOff+ipLen) to IPv4, leaving headroom bytes
     * free at the front of the output. Bytes after the IPv6 payload length are ignored.
     * Never throws; the input array is not modified.
     *
     * @param in       input array
     * @param ipOff    offset of the IPv6 header
     * @param ipLen    bytes available from ipOff
     * @param m        address mapper
     * @param headroom free bytes wanted in front of the IP header (0..{@link #MAX_HEADROOM})
     * @param r        result, overwritten
     */
    public void translate6to4(byte[] in, int ipOff, int ipLen, AddressMapper m, int headroom, XlatResult r) {
        if (r == null) {
            return;
        }
        if (!argumentsValid(in, ipOff, ipLen, m, headroom, r)) {
            return;
        }
        V6ToV4.translate(this, in, ipOff, ipLen, m, headroom, r);
    }

    private static boolean argumentsValid(byte[] in, int ipOff, int ipLen, AddressMapper m, int headroom,
                                          XlatResult r) {
        if (m == null || headroom < 0 || headroom > MAX_HEADROOM) {
            r.drop(DropReason.INTERNAL_ERROR);
            return false;
        }
        if (in == null || ipOff < 0 || ipLen < 0 || ipLen > in.length - ipOff) {
            r.drop(DropReason.MALFORMED);
            return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return "Translator{ipv4Mtu=" + ipv4Mtu + ", ipv6Mtu=" + ipv6Mtu + ", copyTos=" + copyTos
                + ", icmpSourceFallback=" + icmpSourceFallback + "}";
    }
}
