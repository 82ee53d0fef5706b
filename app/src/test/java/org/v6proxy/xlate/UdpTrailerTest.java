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

import org.junit.Test;
import org.v6proxy.api.DropReason;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.v6proxy.xlate.Pkt.UDP;
import static org.v6proxy.xlate.Pkt.cat;
import static org.v6proxy.xlate.Pkt.csum6;
import static org.v6proxy.xlate.Pkt.ip;
import static org.v6proxy.xlate.Pkt.ipv4;
import static org.v6proxy.xlate.Pkt.udp;

/**
 * An IPv4 UDP datagram sent without a checksum whose UDP length is shorter than the IP payload
 * (bytes after the datagram, which RFC 768's length excludes): the checksum RFC 7915 section 4.5
 * has the translator compute covers the UDP length only, as the receiver checks it, and the
 * trailing bytes travel on unchanged; a UDP length beyond the payload is malformed.
 */
public class UdpTrailerTest {
    private static final byte[] TRAILER = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef};
    private final Translator xlat = new Translator(1500, 1500);
    private final XlatResult r = new XlatResult();

    @Test
    public void zeroChecksumIsComputedOverTheUdpLengthOnly() {
        byte[] datagram = udp(5353, 53, "no checksum".getBytes());
        byte[] in = ipv4(64, UDP, V4ToV6Test.CLIENT, V4ToV6Test.SERVER, cat(datagram, TRAILER));
        xlat.translate4to6(in, 0, in.length, V4ToV6Test.POOL_NN, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        byte[] out = ip(r);
        assertEquals("IPv6 payload length = IPv4 payload", datagram.length + TRAILER.length, Pkt.u16(out, 4));
        byte[] ref = csum6(udp(5353, 53, "no checksum".getBytes()), 6, Pkt.slice(out, 8, 16),
                           Pkt.slice(out, 24, 16), UDP);
        assertArrayEquals("UDP header and data with the checksum over the UDP length", ref,
                          Pkt.slice(out, 40, ref.length));
        assertArrayEquals("trailer copied", TRAILER, Pkt.slice(out, 40 + ref.length, TRAILER.length));
    }

    @Test
    public void udpLengthBeyondThePayloadIsMalformed() {
        byte[] datagram = udp(5353, 53, "short".getBytes());
        byte[] ok = ipv4(64, UDP, V4ToV6Test.CLIENT, V4ToV6Test.SERVER, datagram);
        xlat.translate4to6(ok, 0, ok.length, V4ToV6Test.POOL_NN, 0, r);
        assertEquals(XlatResult.Kind.TRANSLATED, r.kind());
        Pkt.put16(datagram, 4, datagram.length + 1);
        byte[] in = ipv4(64, UDP, V4ToV6Test.CLIENT, V4ToV6Test.SERVER, datagram);
        xlat.translate4to6(in, 0, in.length, V4ToV6Test.POOL_NN, 0, r);
        assertEquals(DropReason.MALFORMED, r.reason());
    }
}
