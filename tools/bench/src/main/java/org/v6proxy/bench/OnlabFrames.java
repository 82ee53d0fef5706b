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
package org.v6proxy.bench;

import org.onlab.packet.Ethernet;
import org.onlab.packet.IPv4;
import org.onlab.packet.IPv6;
import org.onlab.packet.MacAddress;
import org.onlab.packet.TCP;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.packet.DefaultOutboundPacket;
import org.onosproject.net.packet.PacketService;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The conventional implementations' frame building, the usual ONOS way:
 * {@code org.onlab.packet} objects serialized, then checksummed from scratch
 * ({@link Rfc1071}: the library's own sums fold the carry once).
 */
final class OnlabFrames {
    /** Ethernet header length. */
    static final int ETH_HEADER = 14;
    /** Left in checksum fields so that serialize() does not compute its own (Rfc1071 fills them). */
    static final short CHECKSUM_PLACEHOLDER = 1;
    private static final byte DF = 0x2;
    private static final int DF_THRESHOLD = 1260;
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final int OPT_END = 0;
    private static final int OPT_NOP = 1;
    private static final int BYTE = 0xff;

    private OnlabFrames() {
    }

    /**
     * Finds the next TCP option of a kind (RFC 9293 section 3.1: kind,
     * length, value; NOP and END are one byte): the walk stops at END and at
     * a length that is malformed or runs past the options.
     *
     * @param o the options
     * @param from where to start (an option boundary)
     * @param kind option kind
     * @return its offset in o, or -1
     */
    static int nextOption(byte[] o, int from, int kind) {
        int i = from;
        while (i < o.length) {
            int k = o[i] & BYTE;
            if (k == OPT_END) {
                return -1;
            }
            if (k == OPT_NOP) {
                i++;
                continue;
            }
            if (i + 1 >= o.length || (o[i + 1] & BYTE) < 2 || i + (o[i + 1] & BYTE) > o.length) {
                return -1;
            }
            if (k == kind) {
                return i;
            }
            i += o[i + 1] & BYTE;
        }
        return -1;
    }

    /**
     * Sends a frame out of a port: the packet-out every ONOS app builds.
     *
     * @param packetService where to emit
     * @param at output port
     * @param frame the frame
     */
    static void emit(PacketService packetService, ConnectPoint at, byte[] frame) {
        packetService.emit(new DefaultOutboundPacket(at.deviceId(),
                                                     DefaultTrafficTreatment.builder().setOutput(at.port()).build(),
                                                     ByteBuffer.wrap(frame)));
    }

    /**
     * An IPv4 frame toward a client (RFC 7915 section 5.1: TOS from the
     * traffic class, DF and identification per RFC 7915 5.1).
     *
     * @param tcp segment (checksum placeholder set)
     * @param tos type of service
     * @param ttl time to live
     * @param src source address (the VIP)
     * @param dst destination address (the client)
     * @param dstMac client MAC
     * @param srcMac gateway MAC
     * @return serialized frame with both checksums
     */
    static byte[] ip4(TCP tcp, byte tos, byte ttl, int src, int dst, MacAddress dstMac, MacAddress srcMac) {
        IPv4 ip4 = new IPv4();
        ip4.setVersion((byte) 4);
        ip4.setDiffServ(tos);
        ip4.setIdentification((short) 0);
        ip4.setFlags(DF);
        ip4.setFragmentOffset((short) 0);
        ip4.setTtl(ttl);
        ip4.setProtocol(IPv4.PROTOCOL_TCP);
        ip4.setSourceAddress(src);
        ip4.setDestinationAddress(dst);
        ip4.setChecksum(CHECKSUM_PLACEHOLDER);
        ip4.setPayload(tcp);
        Ethernet e4 = new Ethernet();
        e4.setDestinationMACAddress(dstMac);
        e4.setSourceMACAddress(srcMac);
        e4.setEtherType(Ethernet.TYPE_IPV4);
        e4.setPayload(ip4);
        byte[] f = e4.serialize();
        if (f.length - ETH_HEADER <= DF_THRESHOLD) {
            // RFC 7915 section 5.1, as v6proxy: DF clear and a fresh identification up to 1260 bytes.
            int id = IDS.getAndIncrement();
            f[ETH_HEADER + 4] = (byte) (id >>> 8);
            f[ETH_HEADER + 5] = (byte) id;
            f[ETH_HEADER + 6] = 0;
        }
        Rfc1071.ip4Header(f, ETH_HEADER);
        Rfc1071.tcp4(f, ETH_HEADER);
        return f;
    }

    /**
     * An IPv6 frame toward a backend (RFC 7915 section 4.1: traffic class
     * from TOS, flow label 0).
     *
     * @param tcp segment (checksum placeholder set)
     * @param trafficClass traffic class
     * @param hopLimit hop limit
     * @param src source address
     * @param dst destination address
     * @param dstMac backend MAC
     * @param srcMac gateway MAC
     * @return serialized frame with the TCP checksum
     */
    static byte[] ip6(TCP tcp, byte trafficClass, byte hopLimit, byte[] src, byte[] dst, MacAddress dstMac,
                      MacAddress srcMac) {
        IPv6 ip6 = new IPv6();
        ip6.setVersion((byte) 6);
        ip6.setTrafficClass(trafficClass);
        ip6.setFlowLabel(0);
        ip6.setNextHeader(IPv6.PROTOCOL_TCP);
        ip6.setHopLimit(hopLimit);
        ip6.setSourceAddress(src);
        ip6.setDestinationAddress(dst);
        ip6.setPayload(tcp);
        Ethernet e6 = new Ethernet();
        e6.setDestinationMACAddress(dstMac);
        e6.setSourceMACAddress(srcMac);
        e6.setEtherType(Ethernet.TYPE_IPV6);
        e6.setPayload(ip6);
        byte[] f = e6.serialize();
        Rfc1071.tcp6(f, ETH_HEADER);
        return f;
    }
}
