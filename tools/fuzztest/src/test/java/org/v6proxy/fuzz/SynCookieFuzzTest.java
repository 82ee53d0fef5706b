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
import org.v6proxy.tcp.SynCookies;

import static org.v6proxy.fuzz.Ref.check;

/**
 * Fuzz target of SYN cookie validation (RFC 4987 section 3.6), the check an attacker's
 * handshake-completing ACK meets before any state exists.
 */
class SynCookieFuzzTest {

    private static final SynCookies COOKIES = new SynCookies(new byte[]{
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});

    /**
     * Any ACK: validation never throws and answers INVALID or options that a SYN could
     * carry. A cookie the app issued: validated in its slice it gives back exactly the
     * options it encodes (MSS class, window scale capped at 14 or none, SACK); in the next
     * slice it is still valid; validation never depends on anything but its arguments.
     */
    @FuzzTest
    void validate(FuzzedDataProvider in) {
        int clientIp = in.consumeInt();
        int clientPort = in.consumeInt(0, 0xffff);
        int vip = in.consumeInt();
        int vipPort = in.consumeInt(0, 0xffff);
        long now = in.consumeLong();
        int isn = in.consumeInt();
        int mss = in.consumeInt();
        int wscale = in.consumeInt();
        boolean sack = in.consumeBoolean();
        int ack = in.consumeInt();
        int seq = in.consumeInt();

        SynCookies.Decoded any = COOKIES.validate(clientIp, clientPort, vip, vipPort, ack, seq, now);
        if (any.isValid()) {
            checkOptions(any);
        } else {
            check(any.mssIndex() == -1, "invalid with an MSS class", any.mssIndex());
        }
        check(sameAs(any, COOKIES.validate(clientIp, clientPort, vip, vipPort, ack, seq, now)),
              "validation not deterministic");

        int mssIndex = SynCookies.mssIndexFor(mss);
        check(mssIndex >= 0 && mssIndex < SynCookies.MSS_CLASSES, "MSS class out of range", mss, mssIndex);
        check(SynCookies.mssOf(mssIndex) <= Math.max(mss, 536), "MSS class above the client's MSS", mss);
        int cookie = COOKIES.issue(clientIp, clientPort, vip, vipPort, isn, mssIndex, wscale, sack, now);
        SynCookies.Decoded d = COOKIES.validate(clientIp, clientPort, vip, vipPort, cookie + 1, isn + 1, now);
        check(d.isValid(), "own cookie refused in its slice");
        check(d.mssIndex() == mssIndex, "MSS class", mssIndex, d.mssIndex());
        int w = wscale < 0 ? SynCookies.WSCALE_NONE : Math.min(wscale, SynCookies.MAX_WSCALE);
        check(d.wscale() == w, "window scale", wscale, d.wscale());
        check(d.sackOk() == sack, "SACK-permitted");
        if (now <= Long.MAX_VALUE - SynCookies.SLICE_MILLIS) {
            check(COOKIES.validate(clientIp, clientPort, vip, vipPort, cookie + 1, isn + 1,
                                   now + SynCookies.SLICE_MILLIS).isValid(), "own cookie refused one slice later");
        }
    }

    private static void checkOptions(SynCookies.Decoded d) {
        check(d.mssIndex() >= 0 && d.mssIndex() < SynCookies.MSS_CLASSES, "MSS class", d.mssIndex());
        check(d.wscale() == SynCookies.WSCALE_NONE || d.wscale() >= 0 && d.wscale() <= SynCookies.MAX_WSCALE,
              "window scale", d.wscale());
    }

    private static boolean sameAs(SynCookies.Decoded a, SynCookies.Decoded b) {
        return a.isValid() == b.isValid() && a.mssIndex() == b.mssIndex() && a.wscale() == b.wscale()
                && a.sackOk() == b.sackOk();
    }
}
