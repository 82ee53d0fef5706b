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
package org.v6proxy.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.v6proxy.packet.Checksum;
import org.v6proxy.packet.Eth;
import org.v6proxy.packet.Ip4;
import org.v6proxy.packet.Ip4Split;
import org.v6proxy.packet.Tcp;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.v6proxy.fuzz.Ref.check;
import static org.v6proxy.fuzz.Ref.u16;

/**
 * Fuzz targets of the packet flyweights (org.v6proxy.packet): the bounds-checked
 * accessors that read attacker frames in place, the incremental checksum arithmetic the
 * zero-copy path relies on, and IPv4 fragmentation.
 */
class PacketFuzzTest {

    /**
     * The bounds-checked readers (Ethernet payload offset, EtherType, VLAN id; IPv4 header
     * checksum; TCP option walk) at any offset and length: no exception, and every answer
     * lies inside the frame they were given and agrees with a reference reading.
     */
    @FuzzTest
    void readers(FuzzedDataProvider in) {
        int off = in.consumeInt(-2, 80);
        int len = in.consumeInt(-2, 200);
        int kind = in.consumeInt(2, 30);
        byte[] b = in.consumeRemainingAsBytes();

        int p = Eth.payloadOffset(b, off, len);
        int et = Eth.etherType(b, off, len);
        int vlan = Eth.vlanId(b, off, len);
        boolean fits = off >= 0 && len >= 14 && off + 14 <= b.length;
        if (!fits) {
            check(p == -1 && et == -1 && vlan == -1, "short frame read", p, et, vlan);
        } else {
            boolean tagged = u16(b, off + 12) == 0x8100;
            boolean tagFits = len >= 18 && off + 18 <= b.length;
            int expect = !tagged ? off + 14 : tagFits ? off + 18 : -1;
            check(p == expect, "payload offset", p, expect);
            check(et == (p < 0 ? -1 : u16(b, p - 2)), "EtherType", et);
            check(vlan == (tagged && tagFits ? u16(b, off + 14) & 0x0fff : -1), "VLAN id", vlan);
        }

        if (off >= 0 && off <= b.length) {
            boolean valid = Ip4.headerChecksumValid(b, off, len);
            int ihl = off + 20 <= b.length ? (b[off] & 0x0f) * 4 : 0;
            boolean expect = len >= 20 && ihl >= 20 && ihl <= len && off + ihl <= b.length
                    && Ref.sum(0, b, off, ihl) == 0xffff;
            check(valid == expect, "IPv4 header checksum verdict", valid, expect);
        }

        int opt = Tcp.findOption(b, off, kind);
        Tcp.optionsWellFormed(b, off);
        if (opt >= 0) {
            int hl = (b[off + 12] & 0xf0) >>> 2;
            check(opt >= off + 20 && opt + 1 < off + hl && (b[opt] & 0xff) == kind, "option position", opt);
            int olen = Tcp.optionLength(b, opt);
            check(olen >= 2 && opt + olen <= off + hl && off + hl <= b.length, "option length", olen);
        }
    }

    /**
     * RFC 1624 incremental updates (Checksum.replace16 / replace32), as the zero-copy path
     * rewrites ports, addresses and sequence numbers: after any number of word changes the
     * checksum still verifies, as one computed from scratch does (unless the covered data
     * are all zero, see below).
     */
    @FuzzTest
    void incrementalChecksum(FuzzedDataProvider in) {
        int n = in.consumeInt(2, 40) * 2;
        byte[] b = in.consumeBytes(n);
        if (b.length < 4 || b.length % 2 != 0) {
            return;
        }
        b[0] = 0;
        b[1] = 0;
        int c = ~Ref.sum(0, b, 0, b.length) & 0xffff;
        b[0] = (byte) (c >>> 8);
        b[1] = (byte) c;
        int edits = in.consumeInt(1, 20);
        for (int i = 0; i < edits && in.remainingBytes() > 0; i++) {
            if (in.consumeBoolean() && b.length >= 6) {
                int at = 2 + 2 * in.consumeInt(0, (b.length - 6) / 2);
                int old = (u16(b, at) << 16) | u16(b, at + 2);
                int now = in.consumeInt();
                b[at] = (byte) (now >>> 24);
                b[at + 1] = (byte) (now >>> 16);
                b[at + 2] = (byte) (now >>> 8);
                b[at + 3] = (byte) now;
                Checksum.replace32(b, 0, old, now);
            } else {
                int at = 2 + 2 * in.consumeInt(0, (b.length - 4) / 2);
                int old = u16(b, at);
                int now = in.consumeInt(0, 0xffff);
                b[at] = (byte) (now >>> 8);
                b[at + 1] = (byte) now;
                Checksum.replace16(b, 0, old, now);
            }
            // Equation 3 cannot give covered data that sums to +0 (all zero) a verifying checksum:
            // only ICMPv4 can carry such data (no pseudo-header), and its one caller sees to it.
            check(Ref.sum(0, b, 2, b.length - 2) == 0 || Ref.sum(0, b, 0, b.length) == 0xffff,
                  "incremental checksum does not verify", Ref.hex(b, 0, 64));
        }
    }

    /**
     * IPv4 fragmentation (Ip4Split, RFC 791 section 3.2): the pieces of a packet carry at
     * most maxData bytes each (a multiple of 8 but the last), valid headers, offsets that
     * follow each other, MF on all but the last one of the datagram, and together exactly
     * the original data.
     */
    @FuzzTest
    void split(FuzzedDataProvider in) {
        int link = in.consumeInt(0, 18);
        int maxData = in.consumeInt(-8, 1600);
        byte[] frame = in.consumeRemainingAsBytes();
        int ip = link;
        if (frame.length < ip + 20) {
            return;
        }
        int total = u16(frame, ip + 2);
        List<byte[]> pieces = Ip4Split.split(frame, 0, ip, maxData);
        if (pieces.isEmpty()) {
            return;
        }
        check((frame[ip] & 0x0f) == 5 && (u16(frame, ip + 6) & 0x4000) == 0 && ip + total <= frame.length,
              "split a packet it must not");
        int firstOffset = (u16(frame, ip + 6) & 0x1fff) * 8;
        boolean lastOfDatagram = (u16(frame, ip + 6) & 0x2000) == 0;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int expectOffset = firstOffset;
        for (int i = 0; i < pieces.size(); i++) {
            byte[] f = pieces.get(i);
            int t = u16(f, ip + 2);
            int ff = u16(f, ip + 6);
            boolean last = i == pieces.size() - 1;
            check(f.length == ip + t && t > 20 && t - 20 <= maxData, "piece size", t, maxData);
            check(last || (t - 20) % 8 == 0, "a non-last piece not a multiple of 8", t);
            check(Ref.ip4HeaderOk(f, ip), "piece header checksum");
            check((ff & 0x1fff) * 8 == expectOffset, "piece offset (wrapped past 65535?)", ff, expectOffset);
            check(((ff & 0x2000) != 0) == (!last || !lastOfDatagram), "MF", ff);
            data.write(f, ip + 20, t - 20);
            expectOffset += t - 20;
        }
        byte[] got = data.toByteArray();
        check(got.length == total - 20, "data length", got.length, total - 20);
        for (int i = 0; i < got.length; i++) {
            if (got[i] != frame[ip + 20 + i]) {
                check(false, "data differs at", i);
            }
        }
    }
}
