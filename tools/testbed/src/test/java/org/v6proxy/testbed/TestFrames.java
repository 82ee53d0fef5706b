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
package org.v6proxy.testbed;

/**
 * Hand-built frames for tests, one comment per field.
 */
public final class TestFrames {

    /** Experimental EtherType (IEEE 802 local experimental 1). */
    public static final int ETH_EXPERIMENTAL = 0x88b5;

    private TestFrames() {
    }

    /**
     * Parses a MAC written as aa:bb:cc:dd:ee:ff.
     *
     * @param mac text
     * @return 6 bytes
     */
    public static byte[] mac(String mac) {
        String[] parts = mac.split(":");
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    /**
     * Builds an Ethernet frame.
     *
     * @param dst destination MAC
     * @param src source MAC
     * @param type EtherType
     * @param payload payload bytes
     * @return frame
     */
    public static byte[] ethernet(String dst, String src, int type, byte[] payload) {
        byte[] f = new byte[14 + payload.length];
        System.arraycopy(mac(dst), 0, f, 0, 6);          // destination
        System.arraycopy(mac(src), 0, f, 6, 6);          // source
        f[12] = (byte) (type >>> 8);                     // EtherType
        f[13] = (byte) type;
        System.arraycopy(payload, 0, f, 14, payload.length);
        return f;
    }

    /**
     * Builds an experimental-EtherType frame carrying a 4-byte sequence number.
     *
     * @param dst destination MAC
     * @param src source MAC
     * @param seq sequence number
     * @return frame
     */
    public static byte[] numbered(String dst, String src, int seq) {
        return ethernet(dst, src, ETH_EXPERIMENTAL,
                        new byte[] {(byte) (seq >>> 24), (byte) (seq >>> 16), (byte) (seq >>> 8), (byte) seq});
    }

    /**
     * Reads the sequence number of a {@link #numbered} frame.
     *
     * @param f frame
     * @return sequence number
     */
    public static int seq(byte[] f) {
        return (f[14] & 0xff) << 24 | (f[15] & 0xff) << 16 | (f[16] & 0xff) << 8 | (f[17] & 0xff);
    }

    /**
     * Builds an ARP packet (Ethernet + 28 bytes).
     *
     * @param op 1 request, 2 reply
     * @param srcMac sender MAC (also the Ethernet source)
     * @param srcIp sender IPv4 address, 4 bytes
     * @param dstMac Ethernet destination
     * @param targetIp target IPv4 address, 4 bytes
     * @return frame
     */
    public static byte[] arp(int op, String srcMac, byte[] srcIp, String dstMac, byte[] targetIp) {
        byte[] a = new byte[28];
        a[1] = 1;                                        // htype Ethernet
        a[2] = 0x08;                                     // ptype IPv4
        a[4] = 6;                                        // hlen
        a[5] = 4;                                        // plen
        a[7] = (byte) op;                                // opcode
        System.arraycopy(mac(srcMac), 0, a, 8, 6);       // sender MAC
        System.arraycopy(srcIp, 0, a, 14, 4);            // sender IP
        System.arraycopy(targetIp, 0, a, 24, 4);         // target IP (target MAC zero)
        return ethernet(dstMac, srcMac, 0x0806, a);
    }

    /**
     * Builds an IPv4 packet with an empty UDP-less payload (protocol 253, experimental).
     *
     * @param srcMac Ethernet source
     * @param dstMac Ethernet destination
     * @param src source address, 4 bytes
     * @param dst destination address, 4 bytes
     * @return frame (checksum left zero: nothing here checks it)
     */
    public static byte[] ipv4(String srcMac, String dstMac, byte[] src, byte[] dst) {
        byte[] ip = new byte[20];
        ip[0] = 0x45;                                    // version 4, IHL 5
        ip[3] = 20;                                      // total length
        ip[8] = 64;                                      // TTL
        ip[9] = (byte) 253;                              // protocol: experimental
        System.arraycopy(src, 0, ip, 12, 4);             // source
        System.arraycopy(dst, 0, ip, 16, 4);             // destination
        return ethernet(dstMac, srcMac, 0x0800, ip);
    }

    /**
     * Builds an IPv6 packet.
     *
     * @param srcMac Ethernet source
     * @param dstMac Ethernet destination
     * @param src source address, 16 bytes
     * @param dst destination address, 16 bytes
     * @param nextHeader next header
     * @param payload payload
     * @return frame
     */
    public static byte[] ipv6(String srcMac, String dstMac, byte[] src, byte[] dst, int nextHeader, byte[] payload) {
        byte[] ip = new byte[40 + payload.length];
        ip[0] = 0x60;                                    // version 6
        ip[4] = (byte) (payload.length >>> 8);           // payload length
        ip[5] = (byte) payload.length;
        ip[6] = (byte) nextHeader;                       // next header
        ip[7] = (byte) 255;                              // hop limit
        System.arraycopy(src, 0, ip, 8, 16);             // source
        System.arraycopy(dst, 0, ip, 24, 16);            // destination
        System.arraycopy(payload, 0, ip, 40, payload.length);
        return ethernet(dstMac, srcMac, 0x86dd, ip);
    }

    /**
     * Builds a neighbour advertisement for a target (checksum left zero).
     *
     * @param srcMac Ethernet source
     * @param src IPv6 source
     * @param target target address
     * @return frame
     */
    public static byte[] neighborAdvertisement(String srcMac, byte[] src, byte[] target) {
        byte[] na = new byte[24];
        na[0] = (byte) 136;                              // type NA
        na[4] = 0x60;                                    // flags: solicited, override
        System.arraycopy(target, 0, na, 8, 16);          // target address
        byte[] allNodes = new byte[16];
        allNodes[0] = (byte) 0xff;
        allNodes[1] = 0x02;
        allNodes[15] = 1;
        return ipv6(srcMac, "33:33:00:00:00:01", src, allNodes, 58, na);
    }

    /**
     * Returns IPv6 address bytes 2001:db8::N.
     *
     * @param n last byte
     * @return 16 bytes
     */
    public static byte[] docV6(int n) {
        byte[] a = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[2] = 0x0d;
        a[3] = (byte) 0xb8;
        a[15] = (byte) n;
        return a;
    }

    /**
     * Returns IPv4 address bytes 10.0.0.N.
     *
     * @param n last byte
     * @return 4 bytes
     */
    public static byte[] net10(int n) {
        return new byte[] {10, 0, 0, (byte) n};
    }
}
