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
package org.v6proxy.cluster;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.Protocol;
import org.v6proxy.impl.ClusterApp;
import org.v6proxy.impl.DistributedConnectionStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * An application instance as a process, to be SIGKILLed by a test: an Atomix client member
 * that becomes master of a device, opens connections of clients on that device in the app's
 * connection store, prints {@code READY <n>} once they are all in the map, and halts when
 * its standard input closes.
 * <pre>
 *   java ... StoreInstanceMain ID m1=PORT,... DEVICE COUNT
 * </pre>
 */
public final class StoreInstanceMain {

    private StoreInstanceMain() {
    }

    /**
     * The i-th connection such an instance opens: client 10.1.x.y on the device's port 3.
     *
     * @param device the clients' device
     * @param i index
     * @return record
     */
    static Connection connection(DeviceId device, int i) {
        ConnectionKey key = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf(0x0a010000 | i), 40000,
                                              Ip4Address.valueOf("10.0.0.42"), 80);
        return Connection.direct(key, ConnectPoint.deviceConnectPoint(device + "/3"),
                                 MacAddress.valueOf("02:00:00:00:00:03"), "web", Backend.parse("[2001:db8::1]:80"),
                                 Ip6Address.valueOf(v6(i)),
                                 ConnectionState.ESTABLISHED, System.currentTimeMillis());
    }

    private static String v6(int i) {
        return String.format("2001:db8:46::a01:%x", i);
    }

    /**
     * Runs the instance until standard input closes.
     *
     * @param args id, members as id=port list, device, connection count
     * @throws Exception when it cannot start
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Thread lifeline = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    continue;
                }
            } catch (IOException e) {
                out.flush();
            }
            Runtime.getRuntime().halt(0);
        }, "v6p-instance-stdin");
        lifeline.setDaemon(true);
        lifeline.start();
        ClusterMember.Builder b = ClusterMember.builder(args[0]).client();
        for (String m : args[1].split(",")) {
            String[] kv = m.split("=", 2);
            b.member(kv[0], Integer.parseInt(kv[1]));
        }
        DeviceId device = DeviceId.deviceId(args[2]);
        int n = Integer.parseInt(args[3]);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ClusterMember member = b.start(port);
        AtomixStorageService storage = new AtomixStorageService(member);
        AtomixMastershipService mastership = new AtomixMastershipService(new AtomixLeadershipService(member));
        mastership.requestRoleFor(device).join();
        out.println("CANDIDATE " + device + " master " + mastership.getMasterFor(device));
        DistributedConnectionStore store = ClusterApp.store(storage);
        for (int i = 1; i <= n; i++) {
            if (store.create(connection(device, i)) == null) {
                out.println("FAILED " + i);
            }
        }
        store.awaitWrites(60_000);
        out.println("READY " + n);
    }
}
