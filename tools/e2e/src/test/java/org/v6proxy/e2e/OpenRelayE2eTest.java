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
package org.v6proxy.e2e;

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Test;
import org.v6proxy.api.Direction;
import org.v6proxy.api.DropReason;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.e2e.E2e.H1;
import static org.v6proxy.e2e.E2e.H3;

/**
 * No open relay either way: what is not a connection of a configured service does not
 * cross. Listeners on the other side write whatever arrives to a file, which must stay
 * empty: unsolicited IPv6 from a backend to a client's mapped address (UDP and a TCP
 * SYN), IPv4 to a VIP port that no service owns (answered with a RST, counted), and
 * IPv4 to an address that is no VIP.
 */
public class OpenRelayE2eTest {
    private final Servers servers = new Servers();

    @BeforeClass
    public static void setUp() {
        E2e.assumeAvailable();
    }

    @After
    public void tearDown() {
        servers.close();
    }

    private static long drops(DropReason r) {
        return E2e.proxy().getCounters().drops(r);
    }

    private static long translated(Direction d) {
        return E2e.proxy().getCounters().packets(d);
    }

    private static String read(File f) {
        try {
            return f.exists() ? new String(Files.readAllBytes(f.toPath())) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    public void unsolicitedIpv6ToAClientsMappedAddressDoesNotCross() {
        File got = new File(E2e.workDir("relay6"), "got");
        servers.spawn(H3, 7777, "socat", "-u", "UDP4-RECV:7777", "OPEN:" + got + ",creat,append");
        servers.spawn(H3, 7778, "socat", "-u", "TCP4-LISTEN:7778,reuseaddr,fork", "OPEN:" + got + ",creat,append");
        long before = drops(DropReason.NO_CONNECTION);
        long toClients = translated(Direction.BACKEND_TO_CLIENT);
        Cmd.sh(H1, 20, "echo relay | socat -u - UDP6:[2001:db8:46::a00:3]:7777");
        Cmd.Result tcp = Cmd.sh(H1, 20, "echo relay | socat -T 3 - TCP6:[2001:db8:46::a00:3]:7778,connect-timeout=3");
        E2e.sleep(1000);
        assertEquals("nothing reached h3", "", read(got));
        assertTrue("the SYN got no connection: " + tcp, tcp.exit != 0);
        assertEquals("nothing translated toward clients", toClients, translated(Direction.BACKEND_TO_CLIENT));
        assertTrue("counted as no-connection", drops(DropReason.NO_CONNECTION) >= before + 2);
    }

    @Test
    public void ipv4ToAnUnownedVipPortIsRefusedAndDoesNotCross() {
        File got = new File(E2e.workDir("relay4"), "got");
        servers.spawn(H1, 7779, "socat", "-u", "TCP6-LISTEN:7779,reuseaddr,fork", "OPEN:" + got + ",creat,append");
        servers.spawn(H1, 7780, "socat", "-u", "UDP6-RECV:7780", "OPEN:" + got + ",creat,append");
        long before = drops(DropReason.NO_SERVICE);
        long toBackends = translated(Direction.CLIENT_TO_BACKEND);
        Cmd.Result tcp = Cmd.sh(H3, 20, "echo relay | socat -T 3 - TCP:10.0.0.43:7779,connect-timeout=3");
        Cmd.sh(H3, 20, "echo relay | socat -u - UDP:10.0.0.43:7780");
        E2e.sleep(1000);
        assertTrue("refused like a closed port: " + tcp, tcp.exit != 0 && tcp.toString().contains("refused"));
        assertEquals("nothing reached h1", "", read(got));
        assertEquals("nothing translated toward backends", toBackends, translated(Direction.CLIENT_TO_BACKEND));
        assertTrue("counted as no-service", drops(DropReason.NO_SERVICE) >= before + 2);
    }

    @Test
    public void ipv4ToANonVipAddressDoesNotCross() {
        File got = new File(E2e.workDir("relayx"), "got");
        servers.spawn(H1, 7781, "socat", "-u", "TCP6-LISTEN:7781,reuseaddr,fork", "OPEN:" + got + ",creat,append");
        long toBackends = translated(Direction.CLIENT_TO_BACKEND);
        Cmd.Result tcp = Cmd.sh(H3, 20, "echo relay | socat -T 3 - TCP:10.0.0.99:7781,connect-timeout=3");
        E2e.sleep(1000);
        assertTrue("no one answers for 10.0.0.99: " + tcp, tcp.exit != 0);
        assertEquals("nothing reached h1", "", read(got));
        assertEquals("nothing translated toward backends", toBackends, translated(Direction.CLIENT_TO_BACKEND));
    }
}
