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
package org.v6proxy.tcp;

import java.util.Objects;

/**
 * The fixed parameters of one spliced connection (immutable).
 *
 * <p>Two handshakes are joined. Client leg: client ISN {@code c}, app ISN {@code a}
 * (the SYN cookie). Backend leg: the app reuses {@code c} as its own ISN, the backend
 * answers with {@code b}. So the client's sequence space is the same on both legs and
 * only the server side differs, by {@code seqOffset = b - a} (mod 2^32):</p>
 * <ul>
 *   <li>backend to client: {@code seq' = seq - seqOffset};</li>
 *   <li>client to backend: {@code ack' = ack + seqOffset}, and SACK edges likewise.</li>
 * </ul>
 *
 * <p>Window scaling (RFC 7323 section 2.2) is in effect on a leg only if both of its
 * SYNs carried the option; otherwise windows on that leg are unscaled (shift 0). The app
 * sends the client's own window scale in its SYN to the backend and a window scale in
 * its SYN-ACK only if the client sent one (RFC 7323 section 1.3). From the three values
 * seen in the handshakes this class derives the four shifts used to rescale windows:</p>
 * <pre>
 * client leg scaled  = clientWscale present and appWscale present
 * backend leg scaled = clientWscale present and backendWscale present
 * backendSendShift    = backend leg scaled ? backendWscale : 0   (backend's windows)
 * clientReceiveShift  = client leg scaled  ? appWscale     : 0   (how the client reads them)
 * clientSendShift     = client leg scaled  ? clientWscale  : 0   (client's windows)
 * backendReceiveShift = backend leg scaled ? clientWscale  : 0   (how the backend reads them)
 * </pre>
 * <p>Normally clientSendShift equals backendReceiveShift (the backend was told the
 * client's own scale) and client windows pass unchanged; they differ only when the
 * backend refused window scaling.</p>
 */
public final class SpliceParams {

    /** Window scale value meaning "option absent". */
    public static final int WSCALE_NONE = -1;

    private final int seqOffset;
    private final int clientWscale;
    private final int appWscale;
    private final int backendWscale;
    private final int mssToBackend;
    private final boolean sackOk;

    private SpliceParams(int seqOffset, int clientWscale, int appWscale, int backendWscale,
                         int mssToBackend, boolean sackOk) {
        this.seqOffset = seqOffset;
        this.clientWscale = normalize(clientWscale);
        this.appWscale = normalize(appWscale);
        this.backendWscale = normalize(backendWscale);
        this.mssToBackend = mssToBackend;
        this.sackOk = sackOk;
    }

    /**
     * Builds the parameters from the two server-side ISNs. Never throws: a window scale
     * above 14 is taken as 14 (RFC 7323 section 2.3), a negative one as absent.
     *
     * @param appIsn        ISN of the app's SYN-ACK to the client (the cookie)
     * @param backendIsn    ISN of the backend's SYN-ACK to the app
     * @param clientWscale  window scale in the client's SYN (also sent to the backend), or -1
     * @param appWscale     window scale in the app's SYN-ACK to the client, or -1
     * @param backendWscale window scale in the backend's SYN-ACK, or -1
     * @param mssToBackend  MSS the app announced to the backend
     * @param sackOk        whether SACK is permitted on the backend leg (both SYNs had it)
     * @return parameters
     */
    public static SpliceParams of(int appIsn, int backendIsn, int clientWscale, int appWscale,
                                  int backendWscale, int mssToBackend, boolean sackOk) {
        return new SpliceParams(backendIsn - appIsn, clientWscale, appWscale, backendWscale,
                                mssToBackend, sackOk);
    }

    /**
     * Builds the parameters from an already computed offset (e.g. read back from a store).
     *
     * @param seqOffset     backend ISN - app ISN, mod 2^32
     * @param clientWscale  window scale in the client's SYN, or -1
     * @param appWscale     window scale in the app's SYN-ACK, or -1
     * @param backendWscale window scale in the backend's SYN-ACK, or -1
     * @param mssToBackend  MSS the app announced to the backend
     * @param sackOk        whether SACK is permitted on the backend leg
     * @return parameters
     */
    public static SpliceParams ofOffset(int seqOffset, int clientWscale, int appWscale,
                                        int backendWscale, int mssToBackend, boolean sackOk) {
        return new SpliceParams(seqOffset, clientWscale, appWscale, backendWscale, mssToBackend, sackOk);
    }

    private static int normalize(int wscale) {
        return wscale < 0 ? WSCALE_NONE : Math.min(wscale, SynCookies.MAX_WSCALE);
    }

    /**
     * Returns backend ISN - app ISN (mod 2^32).
     *
     * @return offset
     */
    public int seqOffset() {
        return seqOffset;
    }

    /**
     * Returns the window scale the client sent (and the app forwarded to the backend).
     *
     * @return 0..14 or -1
     */
    public int clientWscale() {
        return clientWscale;
    }

    /**
     * Returns the window scale the app announced to the client.
     *
     * @return 0..14 or -1
     */
    public int appWscale() {
        return appWscale;
    }

    /**
     * Returns the window scale the backend announced.
     *
     * @return 0..14 or -1
     */
    public int backendWscale() {
        return backendWscale;
    }

    /**
     * Returns the MSS the app announced to the backend.
     *
     * @return MSS
     */
    public int mssToBackend() {
        return mssToBackend;
    }

    /**
     * Tells whether SACK is permitted on the backend leg; if not, SACK options from the
     * client are blanked before they reach the backend (RFC 2018 section 2).
     *
     * @return true if SACK is permitted
     */
    public boolean sackOk() {
        return sackOk;
    }

    private boolean clientLegScaled() {
        return clientWscale >= 0 && appWscale >= 0;
    }

    private boolean backendLegScaled() {
        return clientWscale >= 0 && backendWscale >= 0;
    }

    /**
     * Returns the shift of the window fields the backend sends.
     *
     * @return 0..14
     */
    public int backendSendShift() {
        return backendLegScaled() ? backendWscale : 0;
    }

    /**
     * Returns the shift the client applies to window fields it receives.
     *
     * @return 0..14
     */
    public int clientReceiveShift() {
        return clientLegScaled() ? appWscale : 0;
    }

    /**
     * Returns the shift of the window fields the client sends.
     *
     * @return 0..14
     */
    public int clientSendShift() {
        return clientLegScaled() ? clientWscale : 0;
    }

    /**
     * Returns the shift the backend applies to window fields it receives.
     *
     * @return 0..14
     */
    public int backendReceiveShift() {
        return backendLegScaled() ? clientWscale : 0;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SpliceParams)) {
            return false;
        }
        SpliceParams p = (SpliceParams) o;
        return seqOffset == p.seqOffset && clientWscale == p.clientWscale && appWscale == p.appWscale
                && backendWscale == p.backendWscale && mssToBackend == p.mssToBackend && sackOk == p.sackOk;
    }

    @Override
    public int hashCode() {
        return Objects.hash(seqOffset, clientWscale, appWscale, backendWscale, mssToBackend, sackOk);
    }

    @Override
    public String toString() {
        return "SpliceParams{seqOffset=" + Integer.toUnsignedString(seqOffset)
                + ", clientWscale=" + clientWscale + ", appWscale=" + appWscale
                + ", backendWscale=" + backendWscale + ", mssToBackend=" + mssToBackend
                + ", sackOk=" + sackOk + "}";
    }
}
