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

import org.v6proxy.tcp.SeqMath;
import org.v6proxy.tcp.SpliceParams;

/**
 * What a RST or a FIN that crosses the proxy may change in a connection's
 * state. The proxy is not an endpoint: it forwards segments and lets the
 * endpoints' stacks decide, but its own state (the phase, and with it the
 * idle timeout and the record's end) must not be moved by a segment an
 * endpoint would reject, or a blind attacker who guesses the 4-tuple ends
 * connections on the proxy that the endpoints keep.
 * <p>
 * The receiver's RCV.NXT is taken from what the receiver said itself: the
 * ack number of its last ACK (or, equally exact, the sender's next sequence
 * number as seen here); RCV.WND from the window of that ACK, scaled by the
 * shift the receiver announced (the largest, 14, when unknown).
 */
final class SegmentRules {
    /** Largest receive window, RFC 7323 section 2.3: 65535 shifted by 14. */
    private static final long MAX_WINDOW = 0xffffL << 14;
    /** What to do with a RST. */
    enum Rst {
        /** Exactly at RCV.NXT: forward, the connection is closing. */
        ACCEPT,
        /** In the window but not exact: forward (the receiver answers with a challenge ACK), change nothing. */
        CHALLENGE,
        /** Outside the window: drop and count. */
        IGNORE
    }

    private SegmentRules() {
    }

    /**
     * RFC 5961 section 3.2 (and RFC 9293 section 3.10.7.4, "first, check
     * sequence number"): a RST whose sequence number is exactly RCV.NXT
     * resets the connection; one elsewhere in the receive window gets a
     * challenge ACK and resets nothing; one outside the window is dropped.
     * The challenge ACK comes from the receiver's own stack (Linux follows
     * RFC 5961), to which the in-window RST is forwarded; if the RST was
     * genuine its sender answers the challenge with an exact RST.
     *
     * @param e the connection
     * @param fromClient whether the client sent the RST
     * @param seq its sequence number (as sent)
     * @return what to do
     */
    static Rst rst(ConnectionEntry e, boolean fromClient, int seq) {
        boolean receiverAcked = e.ackKnown(!fromClient);
        int rcvNxt = receiverAcked ? rcvNxt(e, fromClient) : 0;
        if ((receiverAcked && seq == rcvNxt) || (e.seqKnown(fromClient) && seq == nextSeq(e, fromClient))) {
            return Rst.ACCEPT;
        }
        if (!receiverAcked) {
            // Nothing known of the receiver's window (a record taken over from another instance): let its stack judge.
            return Rst.CHALLENGE;
        }
        long wnd = Math.max(1, Math.min(Integer.MAX_VALUE, e.receiveWindow(!fromClient)));
        return SeqMath.inWindow(seq, rcvNxt, (int) wnd) ? Rst.CHALLENGE : Rst.IGNORE;
    }

    /**
     * RFC 9293 section 3.10.7.4: a FIN is processed only in a segment that
     * is acceptable, i.e. in the receive window; the FIN's own sequence
     * number (after the segment's data) must lie in [RCV.NXT - 1, RCV.NXT +
     * RCV.WND] (RCV.NXT - 1 for a retransmitted FIN the receiver already
     * acknowledged).
     *
     * @param e the connection
     * @param fromClient whether the client sent the FIN
     * @param finSeq sequence number of the FIN (segment sequence number plus data length)
     * @return true if the FIN may change the phase
     */
    static boolean finAcceptable(ConnectionEntry e, boolean fromClient, int finSeq) {
        if (!e.ackKnown(!fromClient)) {
            return true;
        }
        int rcvNxt = rcvNxt(e, fromClient);
        long wnd = Math.min(Integer.MAX_VALUE - 1, e.receiveWindow(!fromClient));
        return SeqMath.inWindow(finSeq, rcvNxt - 1, (int) wnd + 2);
    }

    /**
     * Whether a segment may move what is tracked of its sender (its next
     * sequence number, its FIN): RFC 9293 section 3.10.7.4's acceptability
     * test, widened backwards by one window for retransmissions. A blind
     * attacker's segment far outside the window is still forwarded (the
     * receiver drops it) but teaches the proxy nothing, so it cannot set up
     * the numbers an exact RST is later checked against.
     *
     * @param e the connection
     * @param fromClient whether the client sent it
     * @param seq its sequence number
     * @return true if acceptable
     */
    static boolean acceptable(ConnectionEntry e, boolean fromClient, int seq) {
        if (!e.ackKnown(!fromClient)) {
            return true;
        }
        long wnd = Math.min(MAX_WINDOW, e.receiveWindow(!fromClient));
        return SeqMath.inWindow(seq, rcvNxt(e, fromClient) - (int) wnd, (int) (2 * wnd + 1));
    }

    /**
     * RFC 5961 section 5: an ACK is acceptable only if it acknowledges no
     * more than its receiver has sent (SEG.ACK &lt;= SND.NXT) and not more
     * than the largest window back; an ACK that is not cannot move the
     * acknowledgment an exact RST is checked against.
     *
     * @param e the connection
     * @param fromClient whether the client sent the ACK
     * @param ack its acknowledgment number
     * @return true if acceptable
     */
    static boolean ackAcceptable(ConnectionEntry e, boolean fromClient, int ack) {
        if (!e.seqKnown(!fromClient)) {
            return true;
        }
        int sndNxt = nextSeq(e, !fromClient);
        SpliceParams sp = e.splice();
        if (fromClient && sp != null) {
            // The client acknowledges the backend's bytes in the app's sequence space.
            sndNxt -= sp.seqOffset();
        }
        return SeqMath.between(ack, sndNxt - (int) MAX_WINDOW, sndNxt);
    }

    /** The receiver's RCV.NXT in the sender's sequence space (a spliced backend's differs from the client's). */
    private static int rcvNxt(ConnectionEntry e, boolean fromClient) {
        int ack = e.lastAck(!fromClient);
        SpliceParams sp = e.splice();
        return !fromClient && sp != null ? ack + sp.seqOffset() : ack;
    }

    private static int nextSeq(ConnectionEntry e, boolean fromClient) {
        return fromClient ? e.clientNextSeq() : e.backendNextSeq();
    }
}
