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
package org.v6proxy.packet;

/**
 * Flyweight accessors for an Ethernet II header, optionally with one IEEE 802.1Q tag.
 * All methods take the frame array and the offset of the Ethernet header; nothing is
 * allocated and nothing is checked beyond what each method documents.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Destination MAC (6 octets)                    |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                   Source MAC (6 octets)                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   EtherType (or TPID 0x8100)  |  [802.1Q: PCP|DEI|   VID   ] |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | [802.1Q: inner EtherType]     |  payload ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Eth {

    /** Length of an untagged Ethernet II header. */
    public static final int HEADER_LEN = 14;
    /** Length of an 802.1Q tag (TPID + TCI). */
    public static final int VLAN_TAG_LEN = 4;
    /** Length of a MAC address. */
    public static final int MAC_LEN = 6;

    /** Offset of the destination MAC. */
    public static final int DST_OFFSET = 0;
    /** Offset of the source MAC. */
    public static final int SRC_OFFSET = 6;
    /** Offset of the EtherType (or the 802.1Q TPID). */
    public static final int ETHERTYPE_OFFSET = 12;

    /** EtherType of IPv4. */
    public static final int ETHERTYPE_IPV4 = 0x0800;
    /** EtherType of ARP. */
    public static final int ETHERTYPE_ARP = 0x0806;
    /** EtherType (TPID) of an IEEE 802.1Q tag. */
    public static final int ETHERTYPE_VLAN = 0x8100;
    /** EtherType of IPv6. */
    public static final int ETHERTYPE_IPV6 = 0x86dd;

    private Eth() {
    }

    /**
     * Copies the destination MAC into out[outOff, outOff+6).
     *
     * @param b      frame
     * @param off    offset of the Ethernet header
     * @param out    destination array
     * @param outOff offset in out
     */
    public static void copyDstMac(byte[] b, int off, byte[] out, int outOff) {
        System.arraycopy(b, off + DST_OFFSET, out, outOff, MAC_LEN);
    }

    /**
     * Copies the source MAC into out[outOff, outOff+6).
     *
     * @param b      frame
     * @param off    offset of the Ethernet header
     * @param out    destination array
     * @param outOff offset in out
     */
    public static void copySrcMac(byte[] b, int off, byte[] out, int outOff) {
        System.arraycopy(b, off + SRC_OFFSET, out, outOff, MAC_LEN);
    }

    /**
     * Returns the destination MAC as the low 48 bits of a long (no allocation).
     *
     * @param b   frame
     * @param off offset of the Ethernet header
     * @return destination MAC
     */
    public static long dstMac(byte[] b, int off) {
        return Bytes.getU48(b, off + DST_OFFSET);
    }

    /**
     * Returns the source MAC as the low 48 bits of a long (no allocation).
     *
     * @param b   frame
     * @param off offset of the Ethernet header
     * @return source MAC
     */
    public static long srcMac(byte[] b, int off) {
        return Bytes.getU48(b, off + SRC_OFFSET);
    }

    /**
     * Returns whether the MAC at b[off] has the group (I/G) bit set:
     * multicast or broadcast (IEEE 802, bit 0 of the first octet).
     *
     * @param b buffer
     * @param off offset of the MAC
     * @return true for a group address
     */
    public static boolean isGroupMac(byte[] b, int off) {
        return (b[off] & 1) != 0;
    }

    /**
     * Returns the outer EtherType field (0x8100 for a tagged frame).
     *
     * @param b   frame
     * @param off offset of the Ethernet header
     * @return EtherType at offset 12
     */
    public static int outerEtherType(byte[] b, int off) {
        return Bytes.getU16(b, off + ETHERTYPE_OFFSET);
    }

    /**
     * Returns the EtherType of the payload, looking through one 802.1Q tag.
     *
     * @param b   frame
     * @param off offset of the Ethernet header
     * @param len bytes of the frame available from off
     * @return EtherType, or -1 if the frame is too short
     */
    public static int etherType(byte[] b, int off, int len) {
        int p = payloadOffset(b, off, len);
        return p < 0 ? -1 : Bytes.getU16(b, p - 2);
    }

    /**
     * Returns the VLAN id of the one 802.1Q tag, or -1 if the frame is untagged or short.
     *
     * @param b   frame
     * @param off offset of the Ethernet header
     * @param len bytes of the frame available from off
     * @return VLAN id (0..4095) or -1
     */
    public static int vlanId(byte[] b, int off, int len) {
        if (len < HEADER_LEN + VLAN_TAG_LEN || !inBounds(b, off, HEADER_LEN + VLAN_TAG_LEN)
                || outerEtherType(b, off) != ETHERTYPE_VLAN) {
            return -1;
        }
        return Bytes.getU16(b, off + HEADER_LEN) & 0x0fff;
    }

    /**
     * Returns the offset (in b) of the Ethernet payload, after at most one 802.1Q tag.
     *
     * @param b   frame
     * @param off offset of the Ethernet header
     * @param len bytes of the frame available from off
     * @return payload offset, or -1 if the headers do not fit in len (or in b)
     */
    public static int payloadOffset(byte[] b, int off, int len) {
        if (b == null || off < 0 || len < HEADER_LEN || !inBounds(b, off, HEADER_LEN)) {
            return -1;
        }
        if (outerEtherType(b, off) != ETHERTYPE_VLAN) {
            return off + HEADER_LEN;
        }
        if (len < HEADER_LEN + VLAN_TAG_LEN || !inBounds(b, off, HEADER_LEN + VLAN_TAG_LEN)) {
            return -1;
        }
        return off + HEADER_LEN + VLAN_TAG_LEN;
    }

    /**
     * Writes an untagged Ethernet II header.
     *
     * @param out       destination frame
     * @param off       offset of the header in out
     * @param dstMac6   destination MAC (6 bytes)
     * @param srcMac6   source MAC (6 bytes)
     * @param etherType EtherType
     * @return offset just after the header (off + 14)
     */
    public static int writeHeader(byte[] out, int off, byte[] dstMac6, byte[] srcMac6, int etherType) {
        System.arraycopy(dstMac6, 0, out, off + DST_OFFSET, MAC_LEN);
        System.arraycopy(srcMac6, 0, out, off + SRC_OFFSET, MAC_LEN);
        Bytes.putU16(out, off + ETHERTYPE_OFFSET, etherType);
        return off + HEADER_LEN;
    }

    /**
     * Writes an untagged Ethernet II header from MACs given as longs (low 48 bits).
     *
     * @param out       destination frame
     * @param off       offset of the header in out
     * @param dstMac    destination MAC
     * @param srcMac    source MAC
     * @param etherType EtherType
     * @return offset just after the header (off + 14)
     */
    public static int writeHeader(byte[] out, int off, long dstMac, long srcMac, int etherType) {
        Bytes.putU48(out, off + DST_OFFSET, dstMac);
        Bytes.putU48(out, off + SRC_OFFSET, srcMac);
        Bytes.putU16(out, off + ETHERTYPE_OFFSET, etherType);
        return off + HEADER_LEN;
    }

    private static boolean inBounds(byte[] b, int off, int n) {
        return off >= 0 && off <= b.length - n;
    }
}
