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
package org.v6proxy.testbed.services;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.MacAddress;

/**
 * The frames the testbed sends to resolve an address ({@code HostService.requestMac}):
 * <ul>
 *   <li>IPv4: an ARP request from the testbed MAC with sender address 0.0.0.0 (an RFC 5227
 *       probe: the owner answers with a unicast reply, and no host caches a mapping for the
 *       testbed);</li>
 *   <li>IPv6: a neighbour solicitation (RFC 4861 section 4.3) from the link-local address
 *       derived from the testbed MAC (RFC 4291 appendix A, {@code fe80::ff:fe00:fe} for
 *       02:00:00:00:00:fe) to the target's solicited-node multicast group, hop limit 255,
 *       with a source link-layer address option, so that the owner answers unicast.</li>
 * </ul>
 * Built by hand, checksum included, because {@code org.onlab.packet}'s checksum folds the
 * carry only once.
 */
public final class ProbeFrames {

    /** Source MAC of the testbed's probes; answers to it are consumed, never forwarded. */
    public static final MacAddress PROBE_MAC = MacAddress.valueOf("02:00:00:00:00:fe");

    private static final int ETH_HEADER = 14;
    private static final int ARP_LENGTH = 28;
    private static final int IPV6_HEADER = 40;
    /** ICMPv6 NS: type, code, checksum, reserved (8) + target (16) + SLLA option (8). */
    private static final int NS_LENGTH = 32;
    private static final int ICMPV6 = 58;
    private static final int ND_HOP_LIMIT = 255;
    private static final int TYPE_NEIGHBOR_SOLICITATION = 135;
    private static final int OPTION_SOURCE_LL_ADDRESS = 1;

    private ProbeFrames() {
    }

    /**
     * Builds an ARP probe for an IPv4 address.
     *
     * @param src sender MAC
     * @param target address to resolve
     * @return the frame (42 bytes)
     */
    public static byte[] arpRequest(MacAddress src, Ip4Address target) {
        byte[] f = new byte[ETH_HEADER + ARP_LENGTH];
        // Ethernet: broadcast destination, our source, EtherType ARP.
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) 0xff;
        }
        System.arraycopy(src.toBytes(), 0, f, 6, 6);
        f[12] = 0x08;
        f[13] = 0x06;
        int a = ETH_HEADER;
        f[a + 1] = 1;                 // htype Ethernet
        f[a + 2] = 0x08;              // ptype IPv4
        f[a + 4] = 6;                 // hlen
        f[a + 5] = 4;                 // plen
        f[a + 7] = 1;                 // opcode request
        System.arraycopy(src.toBytes(), 0, f, a + 8, 6);  // sender MAC; sender IP stays 0.0.0.0
        System.arraycopy(target.toOctets(), 0, f, a + 24, 4);  // target MAC 0, target IP
        return f;
    }

    /**
     * Builds a neighbour solicitation for an IPv6 address.
     *
     * @param src sender MAC
     * @param target address to resolve
     * @return the frame (86 bytes)
     */
    public static byte[] neighborSolicitation(MacAddress src, Ip6Address target) {
        byte[] t = target.toOctets();
        byte[] f = new byte[ETH_HEADER + IPV6_HEADER + NS_LENGTH];
        // Ethernet destination 33:33 + low 32 bits of ff02::1:ffXX:XXXX (RFC 2464 section 7).
        f[0] = 0x33;
        f[1] = 0x33;
        f[2] = (byte) 0xff;
        f[3] = t[13];
        f[4] = t[14];
        f[5] = t[15];
        System.arraycopy(src.toBytes(), 0, f, 6, 6);
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xdd;
        int ip = ETH_HEADER;
        f[ip] = 0x60;
        f[ip + 4] = 0;
        f[ip + 5] = NS_LENGTH;
        f[ip + 6] = ICMPV6;
        f[ip + 7] = (byte) ND_HOP_LIMIT;
        byte[] linkLocal = linkLocal(src);
        System.arraycopy(linkLocal, 0, f, ip + 8, 16);
        // Solicited-node multicast ff02::1:ff00:0/104 + low 24 bits (RFC 4291 section 2.7.1).
        int dst = ip + 24;
        f[dst] = (byte) 0xff;
        f[dst + 1] = 0x02;
        f[dst + 11] = 0x01;
        f[dst + 12] = (byte) 0xff;
        f[dst + 13] = t[13];
        f[dst + 14] = t[14];
        f[dst + 15] = t[15];
        int icmp = ip + IPV6_HEADER;
        f[icmp] = (byte) TYPE_NEIGHBOR_SOLICITATION;
        System.arraycopy(t, 0, f, icmp + 8, 16);
        f[icmp + 24] = OPTION_SOURCE_LL_ADDRESS;
        f[icmp + 25] = 1;             // option length in units of 8 bytes
        System.arraycopy(src.toBytes(), 0, f, icmp + 26, 6);
        int sum = icmpv6Checksum(f, ip, icmp, NS_LENGTH);
        f[icmp + 2] = (byte) (sum >>> 8);
        f[icmp + 3] = (byte) sum;
        return f;
    }

    /**
     * Returns the modified EUI-64 link-local address of a MAC (RFC 4291 appendix A).
     *
     * @param mac MAC address
     * @return 16 address bytes
     */
    public static byte[] linkLocal(MacAddress mac) {
        byte[] m = mac.toBytes();
        byte[] a = new byte[16];
        a[0] = (byte) 0xfe;
        a[1] = (byte) 0x80;
        a[8] = (byte) (m[0] ^ 0x02);
        a[9] = m[1];
        a[10] = m[2];
        a[11] = (byte) 0xff;
        a[12] = (byte) 0xfe;
        a[13] = m[3];
        a[14] = m[4];
        a[15] = m[5];
        return a;
    }

    /**
     * Computes the ICMPv6 checksum (RFC 4443 section 2.3) over the RFC 8200 section 8.1
     * pseudo-header and the message, whose checksum field must be zero.
     *
     * @param f frame
     * @param ip offset of the IPv6 header
     * @param icmp offset of the ICMPv6 message
     * @param len ICMPv6 message length
     * @return the checksum, 16 bits
     */
    static int icmpv6Checksum(byte[] f, int ip, int icmp, int len) {
        long sum = 0;
        for (int i = ip + 8; i < ip + 40; i += 2) {
            sum += ((f[i] & 0xff) << 8) | (f[i + 1] & 0xff);
        }
        sum += len;
        sum += ICMPV6;
        for (int i = icmp; i < icmp + len; i += 2) {
            int hi = f[i] & 0xff;
            int lo = i + 1 < icmp + len ? f[i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
