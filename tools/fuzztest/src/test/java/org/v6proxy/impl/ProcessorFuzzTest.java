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
package org.v6proxy.impl;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.TestApplicationId;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.PortNumber;
import org.v6proxy.api.DropReason;

import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target of the whole packet path: frames from clients (IPv4) and backends (IPv6),
 * ARP and neighbour discovery, into the proxy's packet processor, wired as on an ONOS
 * instance (the app's own test adapters), with an l4 TCP and UDP, a prefix, an http, a
 * tls and a quic service. In the package of the code under test (its adapters are not
 * public).
 * <p>The input is a sequence of records: a control byte, a 16-bit length and a frame.
 * Control bits 0-1: ingress port (1, 2 = backends h1 and h2, 3, 4 = clients); bit 2:
 * recompute the IPv4 header checksum; bit 3: the TCP/UDP checksum; bit 4: acknowledge the
 * last SYN-ACK the proxy sent (its SYN cookie + 1), so the fuzzer gets past the cookie
 * check into pre-read, sniffing and splicing as a real client does.</p>
 */
class ProcessorFuzzTest {

    static final String CONFIG = "{ \"clientPrefix\": \"2001:db8:46::/96\", \"gatewayMac\": \"02:00:00:00:46:01\","
            + " \"services\": ["
            + "  { \"name\": \"iperf\", \"vip\": \"10.0.0.43\", \"port\": 5201, \"mode\": \"l4\","
            + "    \"defaultBackend\": \"[2001:db8::1]:5201\" },"
            + "  { \"name\": \"dns\", \"vip\": \"10.0.0.43\", \"port\": 53, \"protocol\": \"udp\", \"mode\": \"l4\","
            + "    \"defaultBackend\": \"[2001:db8::1]:5353\" },"
            + "  { \"name\": \"seed\", \"vip\": \"10.0.0.42\", \"port\": 80, \"mode\": \"prefix\","
            + "    \"routes\": [ { \"match\": \"A\", \"backend\": \"[2001:db8::1]:80\" },"
            + "                  { \"match\": \"B\", \"backend\": \"[2001:db8::2]:80\" } ],"
            + "    \"defaultBackend\": \"[2001:db8::1]:80\" },"
            + "  { \"name\": \"web\", \"vip\": \"10.0.0.42\", \"port\": 8080, \"mode\": \"http\","
            + "    \"routes\": [ { \"match\": \"a.example\", \"backend\": \"[2001:db8::1]:8080\" },"
            + "                  { \"match\": \"*.b.example\", \"backend\": \"[2001:db8::2]:8080\" } ],"
            + "    \"defaultBackend\": \"[2001:db8::1]:8080\" },"
            + "  { \"name\": \"tls\", \"vip\": \"10.0.0.42\", \"port\": 443, \"mode\": \"tls\","
            + "    \"routes\": [ { \"match\": \"a.example\", \"backend\": \"[2001:db8::2]:443\" } ] },"
            + "  { \"name\": \"h3\", \"vip\": \"10.0.0.42\", \"port\": 443, \"protocol\": \"udp\", \"mode\": \"quic\","
            + "    \"routes\": [ { \"match\": \"a.example\", \"backend\": \"[2001:db8::2]:443\" } ],"
            + "    \"defaultBackend\": \"[2001:db8::1]:443\" }"
            + " ] }";

    private static final DeviceId DEV = DeviceId.deviceId("of:0000000000000001");
    private static final ConnectPoint[] PORTS = {
        new ConnectPoint(DEV, PortNumber.portNumber(1)), new ConnectPoint(DEV, PortNumber.portNumber(2)),
        new ConnectPoint(DEV, PortNumber.portNumber(3)), new ConnectPoint(DEV, PortNumber.portNumber(4))};
    private static final int ETH = 14;

    /**
     * No exception escapes the processor and none is caught inside it either (the
     * INTERNAL_ERROR counter stays 0: an unexpected exception is a bug that the catch-all
     * only contains); every frame the proxy sends is a consistent Ethernet frame (IPv4: a
     * header checksum that verifies and a total length inside the frame; IPv6: a payload
     * length inside the frame).
     */
    @FuzzTest
    void frames(byte[] data) {
        ApplicationId appId = new TestApplicationId(ProxyManager.APP_NAME);
        RecordingPacketService pkt = new RecordingPacketService();
        TestConfigRegistry cfg = new TestConfigRegistry();
        TestHostService hosts = new TestHostService();
        ProxyManager mgr = new ProxyManager();
        DistributedConnectionStore store = new DistributedConnectionStore();
        ManagerWiring.wire(mgr, store, new SharedStorageService(), pkt, cfg, hosts, new TestMastership(), appId);
        try {
            cfg.apply(appId, V6ProxyConfig.class, CONFIG);
            hosts.add(IpAddress.valueOf("2001:db8::1"), MacAddress.valueOf("02:00:00:00:00:01"),
                      new HostLocation(PORTS[0], 0));
            hosts.add(IpAddress.valueOf("2001:db8::2"), MacAddress.valueOf("02:00:00:00:00:02"),
                      new HostLocation(PORTS[1], 0));
            int lastSynAckSeq = 0;
            int at = 0;
            while (at + 3 <= data.length) {
                int control = data[at] & 0xff;
                int len = Math.min((data[at + 1] & 0xff) << 8 | data[at + 2] & 0xff, data.length - at - 3);
                byte[] frame = Arrays.copyOfRange(data, at + 3, at + 3 + len);
                at += 3 + len;
                fix(frame, control, lastSynAckSeq);
                pkt.inject(PORTS[control & 3], frame);
                long internal = mgr.getCounters().drops().getOrDefault(DropReason.INTERNAL_ERROR, 0L);
                if (internal != 0) {
                    throw new AssertionError("an exception inside the processor (INTERNAL_ERROR) on frame "
                                                     + hex(frame));
                }
                List<RecordingPacketService.Emitted> out = pkt.drain();
                for (RecordingPacketService.Emitted e : out) {
                    checkEmitted(e.frame);
                    if (isSynAck4(e.frame)) {
                        lastSynAckSeq = u32(e.frame, ETH + 20 + 4);
                    }
                }
            }
        } finally {
            mgr.deactivate();
            store.deactivate();
        }
    }

    private static void fix(byte[] f, int control, int synAckSeq) {
        if (f.length < ETH + 20 || u16(f, 12) != 0x0800) {
            return;
        }
        int ihl = (f[ETH] & 0x0f) * 4;
        int total = u16(f, ETH + 2);
        if (ihl < 20 || total < ihl || ETH + total > f.length) {
            return;
        }
        int proto = f[ETH + 9] & 0xff;
        int l4 = ETH + ihl;
        if ((control & 0x10) != 0 && proto == 6 && total - ihl >= 20) {
            put32(f, l4 + 8, synAckSeq + 1);
        }
        if ((control & 0x08) != 0 && (proto == 6 || proto == 17) && total - ihl >= (proto == 6 ? 20 : 8)) {
            int at = l4 + (proto == 6 ? 16 : 6);
            put16(f, at, 0);
            long acc = sum(f, ETH + 12, 8) + proto + total - ihl + sum(f, l4, total - ihl);
            put16(f, at, ~fold(acc) & 0xffff);
        }
        if ((control & 0x04) != 0) {
            put16(f, ETH + 10, 0);
            put16(f, ETH + 10, ~fold(sum(f, ETH, ihl)) & 0xffff);
        }
    }

    private static boolean isSynAck4(byte[] f) {
        return f.length >= ETH + 40 && u16(f, 12) == 0x0800 && (f[ETH + 9] & 0xff) == 6
                && (f[ETH] & 0x0f) == 5 && (f[ETH + 20 + 13] & 0x12) == 0x12;
    }

    private static void checkEmitted(byte[] f) {
        check(f.length >= ETH, "a frame shorter than an Ethernet header");
        int type = u16(f, 12);
        if (type == 0x0800) {
            check(f.length >= ETH + 20, "short IPv4 frame", hex(f));
            int ihl = (f[ETH] & 0x0f) * 4;
            check((f[ETH] & 0xf0) == 0x40 && ihl >= 20 && ETH + ihl <= f.length, "IPv4 header", hex(f));
            check(fold(sum(f, ETH, ihl)) == 0xffff, "IPv4 header checksum of a sent frame", hex(f));
            check(u16(f, ETH + 2) >= ihl && ETH + u16(f, ETH + 2) <= f.length, "IPv4 total length", hex(f));
        } else if (type == 0x86dd) {
            check(f.length >= ETH + 40 && (f[ETH] & 0xf0) == 0x60, "IPv6 header", hex(f));
            check(ETH + 40 + u16(f, ETH + 4) <= f.length, "IPv6 payload length", hex(f));
        }
    }

    private static long sum(byte[] b, int off, int len) {
        long acc = 0;
        for (int i = 0; i < len; i += 2) {
            acc += (b[off + i] & 0xff) << 8 | (i + 1 < len ? b[off + i + 1] & 0xff : 0);
        }
        return acc;
    }

    private static int fold(long acc) {
        while (acc > 0xffff) {
            acc = (acc & 0xffff) + (acc >>> 16);
        }
        return (int) acc;
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | b[off + 1] & 0xff;
    }

    private static int u32(byte[] b, int off) {
        return u16(b, off) << 16 | u16(b, off + 2);
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void put32(byte[] b, int off, int v) {
        put16(b, off, v >>> 16);
        put16(b, off + 2, v);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length && i < 128; i++) {
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }

    private static void check(boolean ok, String what, Object... details) {
        if (!ok) {
            throw new AssertionError(what + " " + Arrays.toString(details));
        }
    }
}
