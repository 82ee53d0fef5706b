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

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.v6proxy.impl.ProxyManager;
import org.v6proxy.impl.V6ProxyConfig;

import java.io.File;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.e2e.E2e.H1;
import static org.v6proxy.e2e.E2e.H3;

/**
 * The proxy with a /64 client prefix (RFC 6052 section 2.2: the client's IPv4
 * address in bits 72..103, after the zero "u" octet) instead of the suite's
 * /96: the backend must see the client as 2001:db8:46:0:a:0:300:0 (10.0.0.3),
 * and whole downloads must arrive through an l4 service and a spliced one --
 * their ordinary segments take the per-connection fast path (FlowTemplate),
 * which must put the client's address where the full translator does.
 */
public class ClientPrefix64E2eTest {
    private static final String PREFIX64 = "2001:db8:46::/64";
    /** 10.0.0.3 under 2001:db8:46::/64: u octet 0, then 0a 00 00 03, then zero suffix. */
    private static final String CLIENT_V6 = "2001:db8:46:0:a:0:300:0";

    private static ObjectNode original;
    private final Servers servers = new Servers();

    private static ApplicationId app() {
        return E2e.testbed().service(CoreService.class).getAppId(ProxyManager.APP_NAME);
    }

    @BeforeClass
    public static void setUp() {
        E2e.assumeAvailable();
        V6ProxyConfig c = E2e.testbed().netcfg().getConfig(app(), V6ProxyConfig.class);
        original = (ObjectNode) c.node().deepCopy();
        ObjectNode changed = original.deepCopy();
        changed.put("clientPrefix", PREFIX64);
        E2e.testbed().netcfg().applyConfig(app(), V6ProxyConfig.class, changed);
        // The backends reach the wider prefix on-link (the suite routes only the /96).
        Cmd.run(null, 10, "ip", "-n", H1, "-6", "route", "add", PREFIX64, "dev", "eth0");
        long end = System.currentTimeMillis() + 5000;
        while (!PREFIX64.equals(prefixInForce()) && System.currentTimeMillis() < end) {
            E2e.sleep(100);
        }
        assertEquals(PREFIX64, prefixInForce());
    }

    private static String prefixInForce() {
        return E2e.proxy().getSettings().map(s -> s.clientPrefix().toString()).orElse("");
    }

    @AfterClass
    public static void tearDownClass() {
        Cmd.run(null, 10, "ip", "-n", H1, "-6", "route", "del", PREFIX64, "dev", "eth0");
        if (original != null) {
            E2e.testbed().netcfg().applyConfig(app(), V6ProxyConfig.class, original);
            E2e.awaitNoConnections(10000);
        }
    }

    @After
    public void tearDown() {
        servers.close();
    }

    private void check(String base, String host) {
        File root = E2e.workDir("www64");
        File big = Files2.random(root, "big.bin", 2);
        servers.nginx(H1, 8080, root);
        Cmd.Result who = Cmd.run(H3, 20, "curl", "-sS", "--max-time", "10", "-H", "Host: " + host, base + "/whoami");
        assertEquals(who.toString(), 0, who.exit);
        assertTrue("the backend sees the client's RFC 6052 /64 address: " + who.out(),
                   who.out().contains(" " + CLIENT_V6));
        File got = new File(E2e.workDir("got64"), "big.bin");
        Cmd.Result r = Cmd.run(H3, 60, "curl", "-sS", "--max-time", "30", "-H", "Host: " + host, "-o",
                               got.getPath(), base + "/big.bin");
        assertEquals("download with a /64 client prefix: " + r, 0, r.exit);
        assertEquals(Files2.sha256(big), Files2.sha256(got));
    }

    @Test
    public void l4ServiceWithA64Prefix() {
        check("http://10.0.0.43", "10.0.0.43");
    }

    @Test
    public void splicedServiceWithA64Prefix() {
        check("http://10.0.0.42:8080", "a.example");
    }
}
