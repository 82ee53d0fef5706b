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
package org.v6proxy.cli;

import com.google.common.collect.ImmutableList;
import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Protocol;
import org.v6proxy.api.Route;
import org.v6proxy.api.ServiceMode;
import org.v6proxy.api.VirtualService;
import org.v6proxy.testing.Fixtures;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Tests of v6proxy-service-add.
 */
public class ServiceAddCommandTest {
    private final TestShell sh = new TestShell();

    private ServiceAddCommand command(String name, String vip, String port, String mode) {
        ServiceAddCommand cmd = TestCommands.serviceAdd(sh);
        cmd.name = name;
        cmd.vip = vip;
        cmd.port = port;
        cmd.mode = mode;
        return cmd;
    }

    /** Runs the command and checks that it failed with the message and changed nothing. */
    private void assertRejected(ServiceAddCommand cmd, String message) {
        List<VirtualService> before = ImmutableList.copyOf(sh.proxy.getServices());
        cmd.doExecute();
        assertEquals(ImmutableList.of("Error: " + message), sh.err);
        assertTrue(sh.out.isEmpty());
        assertEquals(before, ImmutableList.copyOf(sh.proxy.getServices()));
        assertEquals(0, sh.proxy.changes);
    }

    @Test
    public void addsL4ServiceWithDefault() {
        ServiceAddCommand cmd = command("iperf", "10.0.0.43", "5201", "l4");
        cmd.defaultBackend = "[2001:db8::1]:5201";
        cmd.doExecute();
        assertEquals(ImmutableList.of("Added service iperf"), sh.out);
        assertEquals(Fixtures.iperf(), sh.proxy.getService("iperf").get());
    }

    @Test
    public void addsUdpService() {
        ServiceAddCommand cmd = command("dns", "10.0.0.53", "53", "L4");
        cmd.defaultBackend = "[2001:db8::53]:53";
        cmd.protocol = "udp";
        cmd.doExecute();
        assertEquals(Protocol.UDP, sh.proxy.getService("dns").get().protocol());
    }

    @Test
    public void addsQuicServiceOverUdpOnly() {
        ServiceAddCommand cmd = command("h3", "10.0.0.42", "443", "quic");
        cmd.routes = ImmutableList.of("a.example=[2001:db8::1]:443");
        assertRejected(cmd, "service \"h3\": mode quic needs protocol udp");
        cmd = command("h3", "10.0.0.42", "443", "quic");
        cmd.routes = ImmutableList.of("a.example=[2001:db8::1]:443");
        cmd.protocol = "udp";
        cmd.doExecute();
        VirtualService s = sh.proxy.getService("h3").get();
        assertEquals(ServiceMode.QUIC, s.mode());
        assertEquals(Protocol.UDP, s.protocol());
    }

    @Test
    public void addsPrefixServiceWithRoutesAndTimeout() {
        ServiceAddCommand cmd = command("seed", "10.0.0.42", "80", "prefix");
        cmd.routes = ImmutableList.of("A=[2001:db8::1]:80", "k=v=[2001:db8::2]:80");
        cmd.prereadTimeout = "250";
        cmd.doExecute();
        VirtualService expected = VirtualService.builder().name("seed").vip(Ip4Address.valueOf("10.0.0.42"))
                .port(80).mode(ServiceMode.PREFIX).prereadTimeoutMs(250)
                .routes(ImmutableList.of(new Route("A", Backend.parse("[2001:db8::1]:80")),
                                         new Route("k=v", Backend.parse("[2001:db8::2]:80")))).build();
        assertEquals(expected, sh.proxy.getService("seed").get());
        assertTrue(sh.err.isEmpty());
    }

    @Test
    public void existingNameIsRejected() {
        sh.proxy.add(Fixtures.iperf());
        ServiceAddCommand cmd = command("iperf", "10.0.0.44", "5201", "l4");
        cmd.defaultBackend = "[2001:db8::1]:5201";
        assertRejected(cmd, "service \"iperf\" already exists");
    }

    @Test
    public void badVipIsRejected() {
        ServiceAddCommand cmd = command("x", "10.0.0", "80", "l4");
        cmd.defaultBackend = "[2001:db8::1]:80";
        assertRejected(cmd, "VIP \"10.0.0\" is not an IPv4 address");
    }

    @Test
    public void badPortIsRejected() {
        ServiceAddCommand cmd = command("x", "10.0.0.1", "http", "l4");
        cmd.defaultBackend = "[2001:db8::1]:80";
        assertRejected(cmd, "port \"http\" is not a number 1..65535");
    }

    @Test
    public void outOfRangePortIsRejected() {
        ServiceAddCommand cmd = command("x", "10.0.0.1", "65536", "l4");
        cmd.defaultBackend = "[2001:db8::1]:80";
        assertRejected(cmd, "port \"65536\" is not a number 1..65535");
    }

    @Test
    public void unknownModeIsRejected() {
        assertRejected(command("x", "10.0.0.1", "53", "dns"),
                       "unknown mode \"dns\" (expected l4, prefix, http, tls or quic)");
    }

    @Test
    public void delayedBindingNeedsRouteOrDefault() {
        assertRejected(command("x", "10.0.0.1", "80", "http"),
                       "service \"x\": needs at least one route or a defaultBackend");
    }

    @Test
    public void udpNeedsL4() {
        ServiceAddCommand cmd = command("x", "10.0.0.1", "80", "http");
        cmd.defaultBackend = "[2001:db8::1]:80";
        cmd.protocol = "udp";
        assertRejected(cmd, "service \"x\": protocol udp needs mode l4 or quic, not http");
    }

    @Test
    public void badBackendIsRejected() {
        ServiceAddCommand cmd = command("x", "10.0.0.1", "80", "l4");
        cmd.defaultBackend = "2001:db8::1:80";
        assertRejected(cmd, "backend \"2001:db8::1:80\" is not of the form [IPv6]:port");
    }

    @Test
    public void routeWithoutBackendIsRejected() {
        ServiceAddCommand cmd = command("x", "10.0.0.1", "80", "prefix");
        cmd.routes = ImmutableList.of("A");
        assertRejected(cmd, "route \"A\" is not of the form MATCH=[IPv6]:port");
    }

    @Test
    public void badPrereadTimeoutIsRejected() {
        ServiceAddCommand cmd = command("x", "10.0.0.1", "80", "l4");
        cmd.defaultBackend = "[2001:db8::1]:80";
        cmd.prereadTimeout = "-1";
        assertRejected(cmd, "preread timeout \"-1\" is not a positive number");
    }
}
