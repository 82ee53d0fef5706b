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

import org.v6proxy.packet.Bytes;
import org.v6proxy.packet.Checksum;
import org.v6proxy.packet.Ip4;
import org.v6proxy.packet.Ip6;
import org.v6proxy.packet.IpProto;
import org.v6proxy.packet.Tcp;

import java.util.Arrays;

/**
 * The translation of one TCP connection's ordinary segments, worked out once
 * when the connection is created: its four addresses never change, so the
 * address part of the checksum update (RFC 1624, RFC 7915 sections 4.5 and
 * 5.5) and the IPv4 header's constant words are precomputed here.
 *
 * <p>It covers only the common case, which {@link Translator} would translate
 * the same way: TCP without IPv4 options or IPv6 extension headers, not a
 * fragment, not a SYN (whose MSS option is clamped), hop limit above one,
 * fitting the next MTU, valid IPv4 header checksum, the connection's own
 * addresses. For anything else the methods return null and the caller uses
 * {@link Translator}, which implements every rule; the results of the two are
 * byte-identical where both apply (tested). Immutable and thread-safe; the
 * only allocation is the output array.
 */
public final class FlowTemplate {
    private static final int ADDR6 = Ip6.ADDR_LEN;
    private static final int V4_HEADER = Ip4.MIN_HEADER_LEN;
    private static final int VERSION_IHL_WORD = 0x4500;
    private static final int BYTE = 8;
    private static final int FULL16 = 0xffff;
    private static final int FRAGMENT_BITS = 0x3fff;
    private static final int DST_PORT = 2;

    private final int client4;
    private final int vip4;
    private final long client6Hi;
    private final long client6Lo;
    private final long backend6Hi;
    private final long backend6Lo;
    private final int vipPort;
    private final int backendPort;
    private final boolean eligible;
    /**
     * RFC 1624 equation 3, HC' = ~(~HC + ~m + m'), with ~m + m' (the address
     * pairs, and the port when it changes) summed once here: per segment only
     * ~HC is added and the result folded. The sums stay positive, so the
     * result is the same as the translator's two successive updates.
     */
    private final int delta4to6;
    private final int delta6to4;
    /** The constant words of an IPv4 header toward the client (all but TOS, length, ID, flags, TTL, checksum). */
    private final int header4Sum;

    /**
     * Precomputes a connection's translation.
     *
     * @param client4 client IPv4 address
     * @param vip4 VIP
     * @param client6 the client's IPv6 address (16 bytes)
     * @param backend6 the backend's address (16 bytes)
     * @param vipPort service port
     * @param backendPort backend port
     */
    public FlowTemplate(int client4, int vip4, byte[] client6, byte[] backend6, int vipPort, int backendPort) {
        if (client6.length != ADDR6 || backend6.length != ADDR6) {
            throw new IllegalArgumentException("IPv6 addresses must have 16 bytes");
        }
        this.client4 = client4;
        this.vip4 = vip4;
        this.client6Hi = Bytes.getLong(client6, 0);
        this.client6Lo = Bytes.getLong(client6, Long.BYTES);
        this.backend6Hi = Bytes.getLong(backend6, 0);
        this.backend6Lo = Bytes.getLong(backend6, Long.BYTES);
        this.vipPort = vipPort;
        this.backendPort = backendPort;
        // Sources the translator would refuse (RFC 1812 5.3.7, RFC 4291) keep it on the full path.
        this.eligible = AddrCheck.unicastSource4(client4) && AddrCheck.unicastSource6(backend6, 0);
        int sum4 = Checksum.add(Checksum.sum32(client4), Checksum.sum32(vip4));
        int sum6 = Checksum.sum(Checksum.sum(client6, 0, ADDR6), backend6, 0, ADDR6);
        int ports4to6 = backendPort == vipPort ? 0 : (~vipPort & FULL16) + backendPort;
        int ports6to4 = backendPort == vipPort ? 0 : (~backendPort & FULL16) + vipPort;
        this.delta4to6 = (~sum4 & FULL16) + sum6 + ports4to6;
        this.delta6to4 = (~sum6 & FULL16) + sum4 + ports6to4;
        this.header4Sum = Checksum.add(VERSION_IHL_WORD + IpProto.TCP, sum4);
    }

    /**
     * Translates a client segment (IPv4, to the VIP) for the backend, the way
     * {@link Translator#translate4to6} would, plus the destination port
     * change from the service port to the backend's.
     *
     * @param t translator in force (MTU, traffic class policy)
     * @param in packet
     * @param ipOff offset of the IPv4 header
     * @param ipLen bytes available from ipOff
     * @param headroom bytes left free before the IPv6 header in the output
     * @return the new array (IPv6 header at headroom), or null if the segment needs {@link Translator}
     */
    public byte[] clientToBackend(Translator t, byte[] in, int ipOff, int ipLen, int headroom) {
        if (!eligible || ipLen < V4_HEADER + Tcp.MIN_HEADER_LEN
                || (in[ipOff] & 0xff) != (VERSION_IHL_WORD >>> BYTE)
                || Ip4.protocol(in, ipOff) != IpProto.TCP
                || (Ip4.flagsFragment(in, ipOff) & FRAGMENT_BITS) != 0
                || Ip4.ttl(in, ipOff) <= 1
                || Ip4.src(in, ipOff) != client4 || Ip4.dst(in, ipOff) != vip4) {
            return null;
        }
        int total = Ip4.totalLength(in, ipOff);
        int l4Len = total - V4_HEADER;
        int l4Off = ipOff + V4_HEADER;
        if (total > ipLen || l4Len < Tcp.MIN_HEADER_LEN || (Tcp.flags(in, l4Off) & Tcp.SYN) != 0
                || Tcp.dataOffset(in, l4Off) < Tcp.MIN_HEADER_LEN || Tcp.dataOffset(in, l4Off) > l4Len
                || Ip6.HEADER_LEN + l4Len > t.ipv6Mtu()
                || Checksum.sum(in, ipOff, V4_HEADER) != FULL16) {
            return null;
        }
        byte[] out = new byte[headroom + Ip6.HEADER_LEN + l4Len];
        int o = headroom;
        // RFC 7915 section 4.1: traffic class from TOS (or zero), flow label zero, hop limit = TTL - 1.
        Ip6.setVersionClassFlow(out, o, t.copyTos() ? Ip4.tos(in, ipOff) : 0, 0);
        Ip6.setPayloadLength(out, o, l4Len);
        Ip6.setNextHeader(out, o, IpProto.TCP);
        Ip6.setHopLimit(out, o, Ip4.ttl(in, ipOff) - 1);
        Bytes.putLong(out, o + Ip6.SRC_OFFSET, client6Hi);
        Bytes.putLong(out, o + Ip6.SRC_OFFSET + Long.BYTES, client6Lo);
        Bytes.putLong(out, o + Ip6.DST_OFFSET, backend6Hi);
        Bytes.putLong(out, o + Ip6.DST_OFFSET + Long.BYTES, backend6Lo);
        int ol4 = o + Ip6.HEADER_LEN;
        System.arraycopy(in, l4Off, out, ol4, l4Len);
        // RFC 7915 section 4.5: only the pseudo-header's addresses differ (and the port, for the proxy).
        if (backendPort != vipPort) {
            Bytes.putU16(out, ol4 + DST_PORT, backendPort);
        }
        Tcp.setChecksum(out, ol4, update(Tcp.checksum(out, ol4), delta4to6));
        return out;
    }

    /**
     * Translates a backend segment (IPv6) for the client, the way
     * {@link Translator#translate6to4} would, plus the source port change
     * from the backend's port to the service port.
     *
     * @param t translator in force (MTU, traffic class policy)
     * @param in packet
     * @param ipOff offset of the IPv6 header
     * @param ipLen bytes available from ipOff
     * @param headroom bytes left free before the IPv4 header in the output
     * @return the new array (IPv4 header at headroom), or null if the segment needs {@link Translator}
     */
    public byte[] backendToClient(Translator t, byte[] in, int ipOff, int ipLen, int headroom) {
        if (!eligible || ipLen < Ip6.HEADER_LEN + Tcp.MIN_HEADER_LEN || Ip6.version(in, ipOff) != Ip6.VERSION
                || Ip6.nextHeader(in, ipOff) != IpProto.TCP || Ip6.hopLimit(in, ipOff) <= 1) {
            return null;
        }
        int l4Len = Ip6.payloadLength(in, ipOff);
        int l4Off = ipOff + Ip6.HEADER_LEN;
        int outLen = V4_HEADER + l4Len;
        if (l4Len > ipLen - Ip6.HEADER_LEN || l4Len < Tcp.MIN_HEADER_LEN || (Tcp.flags(in, l4Off) & Tcp.SYN) != 0
                || Tcp.dataOffset(in, l4Off) < Tcp.MIN_HEADER_LEN || Tcp.dataOffset(in, l4Off) > l4Len
                || outLen > t.ipv4Mtu()
                || Bytes.getLong(in, ipOff + Ip6.SRC_OFFSET) != backend6Hi
                || Bytes.getLong(in, ipOff + Ip6.SRC_OFFSET + Long.BYTES) != backend6Lo
                || Bytes.getLong(in, ipOff + Ip6.DST_OFFSET) != client6Hi
                || Bytes.getLong(in, ipOff + Ip6.DST_OFFSET + Long.BYTES) != client6Lo) {
            return null;
        }
        // The segment already sits where it goes, behind the longer IPv6 header: copying from there
        // allocates the output without zeroing it first and moves the segment in the same step.
        int from = l4Off - headroom - V4_HEADER;
        byte[] out;
        if (from >= 0) {
            out = Arrays.copyOfRange(in, from, l4Off + l4Len);
            Arrays.fill(out, 0, headroom, (byte) 0);
        } else {
            out = new byte[headroom + outLen];
            System.arraycopy(in, l4Off, out, headroom + V4_HEADER, l4Len);
        }
        int o = headroom;
        // RFC 7915 section 5.1: TOS from the traffic class (or zero), TTL = hop limit - 1, DF clear
        // with a generated identification up to 1260 bytes, DF set (ID 0) above.
        int tos = t.copyTos() ? Ip6.trafficClass(in, ipOff) : 0;
        int ttl = Ip6.hopLimit(in, ipOff) - 1;
        int idFlags = t.idFlagsWord(outLen, vip4, client4, IpProto.TCP);
        out[o] = (byte) (VERSION_IHL_WORD >>> BYTE);
        out[o + 1] = (byte) tos;
        Ip4.setTotalLength(out, o, outLen);
        Ip4.setIdentification(out, o, idFlags >>> Short.SIZE);
        Ip4.setFlagsFragment(out, o, idFlags & FULL16);
        Ip4.setTtl(out, o, ttl);
        Ip4.setProtocol(out, o, IpProto.TCP);
        Ip4.setSrc(out, o, vip4);
        Ip4.setDst(out, o, client4);
        long words = (long) header4Sum + tos + outLen + (ttl << BYTE) + (idFlags >>> Short.SIZE) + (idFlags & FULL16);
        Ip4.setHeaderChecksum(out, o, ~Checksum.fold(words) & FULL16);
        int ol4 = o + V4_HEADER;
        // RFC 7915 section 5.5: only the pseudo-header's addresses differ (and the port, for the proxy).
        if (backendPort != vipPort) {
            Bytes.putU16(out, ol4, vipPort);
        }
        Tcp.setChecksum(out, ol4, update(Tcp.checksum(out, ol4), delta6to4));
        return out;
    }

    private static int update(int checksum, int delta) {
        return ~Checksum.fold((~checksum & FULL16) + delta) & FULL16;
    }
}
