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
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import static org.junit.Assert.assertTrue;

/**
 * Path MTU discovery across the translation, with a client behind a link
 * narrower than the backends' path ({@link NarrowLink}: namespace v6pe-c3
 * behind h3 over a 1400-byte link). The backend's full-size segments (1500
 * bytes as IPv6, 1480 as IPv4) do not fit that link; h3 answers each with
 * ICMPv4 Fragmentation Needed to the VIP, which the proxy must turn into
 * ICMPv6 Packet Too Big for the backend (RFC 7915 section 4.2). Without that
 * the download stalls: a black hole.
 */
public class PmtuE2eTest {
    /** Client 10.0.1.2 behind h3's r0. */
    private static final NarrowLink LINK = new NarrowLink("v6pe-c3", "r0", 1);

    private final Servers servers = new Servers();

    @BeforeClass
    public static void setUp() {
        E2e.assumeAvailable();
        LINK.up();
    }

    @AfterClass
    public static void tearDownClass() {
        LINK.down();
    }

    @Before
    public void forgetLearnedMtu() {
        LINK.forgetLearnedMtu();
        assertTrue("no path MTU known before", !LINK.backendRoute().contains("mtu"));
    }

    @After
    public void tearDown() {
        servers.close();
    }

    @Test
    public void l4DownloadFindsThePathMtu() {
        LINK.downloadFindsThePathMtu(servers, "http://10.0.0.43/big.bin", "10.0.0.43");
    }

    @Test
    public void splicedDownloadFindsThePathMtu() {
        // The http service splices: the quoted segment's sequence number must go back to the backend's space.
        LINK.downloadFindsThePathMtu(servers, "http://10.0.0.42:8080/big.bin", "a.example");
    }
}
