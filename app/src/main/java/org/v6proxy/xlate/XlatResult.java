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

/**
 * The outcome of one {@link Translator} call. Mutable: the caller owns one instance per
 * thread and passes it to every call, which overwrites all fields; the translator keeps
 * no reference to it.
 *
 * <ul>
 * <li>{@link Kind#TRANSLATED}: {@link #packet()} holds the translated packet in the other
 *     family at [{@link #ipOffset()}, {@link #ipOffset()} + {@link #ipLength()}).</li>
 * <li>{@link Kind#ICMP_ERROR}: the input was not forwarded ({@link #reason()} says why);
 *     {@link #packet()} holds an ICMP error in the <em>input</em> packet's family,
 *     addressed to the input's source, to be sent back where the input came from. Its
 *     source address is the input packet's destination address: the translator has no
 *     address of its own, and the destination is the address the sender was talking to
 *     (RFC 7915 sections 4.4 and 5.4 leave the source to the implementation).</li>
 * <li>{@link Kind#DROPPED}: nothing to send; {@link #reason()} says why.</li>
 * </ul>
 * In the first two cases the array has {@code headroom} free bytes in front of the IP
 * header (for the caller's Ethernet header): {@code ipOffset == headroom}.
 */
public final class XlatResult {

    /** What the translator produced. */
    public enum Kind {
        /** A translated packet in the other family. */
        TRANSLATED,
        /** An ICMP error in the input's family, back to the input's source. */
        ICMP_ERROR,
        /** Nothing. */
        DROPPED
    }

    private Kind kind = Kind.DROPPED;
    private byte[] packet;
    private int ipOffset;
    private int ipLength;
    private int l4Offset = -1;
    private int protocol;
    private DropReason reason = DropReason.INTERNAL_ERROR;

    /**
     * Returns what the translator produced.
     *
     * @return kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the output array (null when dropped).
     *
     * @return packet array, owned by the caller from now on
     */
    public byte[] packet() {
        return packet;
    }

    /**
     * Returns the offset of the IP header in {@link #packet()} (the headroom).
     *
     * @return offset
     */
    public int ipOffset() {
        return ipOffset;
    }

    /**
     * Returns the length of the IP packet in {@link #packet()}.
     *
     * @return length
     */
    public int ipLength() {
        return ipLength;
    }

    /**
     * Returns the offset in {@link #packet()} of the output's L4 (TCP, UDP, ICMP, ICMPv6)
     * header, or -1 if there is none (a non-first fragment) or nothing was produced.
     *
     * @return offset or -1
     */
    public int l4Offset() {
        return l4Offset;
    }

    /**
     * Returns the output's L4 protocol number: 6, 17, 1 or 58 (0 when dropped).
     *
     * @return protocol
     */
    public int protocol() {
        return protocol;
    }

    /**
     * Returns why the input was not forwarded (for {@link Kind#DROPPED} and
     * {@link Kind#ICMP_ERROR}); null for {@link Kind#TRANSLATED}.
     *
     * @return reason or null
     */
    public DropReason reason() {
        return reason;
    }

    void translated(byte[] p, int ipOff, int ipLen, int l4Off, int proto) {
        set(Kind.TRANSLATED, p, ipOff, ipLen, l4Off, proto, null);
    }

    void icmpError(byte[] p, int ipOff, int ipLen, int l4Off, int proto, DropReason why) {
        set(Kind.ICMP_ERROR, p, ipOff, ipLen, l4Off, proto, why);
    }

    void drop(DropReason why) {
        set(Kind.DROPPED, null, 0, 0, -1, 0, why);
    }

    private void set(Kind k, byte[] p, int ipOff, int ipLen, int l4Off, int proto, DropReason why) {
        this.kind = k;
        this.packet = p;
        this.ipOffset = ipOff;
        this.ipLength = ipLen;
        this.l4Offset = l4Off;
        this.protocol = proto;
        this.reason = why;
    }

    @Override
    public String toString() {
        return "XlatResult{" + kind + (reason == null ? "" : " " + reason)
                + (packet == null ? "" : " ip@" + ipOffset + "+" + ipLength + " l4@" + l4Offset + " proto " + protocol)
                + "}";
    }
}
