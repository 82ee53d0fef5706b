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
package org.v6proxy.l7;

/**
 * What every resumable sniffer shares: the decision is sticky, an impossible
 * slice is NO_MATCH, a shorter prefix than before means the caller restarted
 * the stream, and {@link #finish} is {@link #sniff} with "no more bytes".
 * Subclasses may keep their scan position and read only the new bytes (the
 * HTTP and TLS sniffers do); a short fixed prefix may simply be re-read.
 */
abstract class ResumableSniffer implements Sniffer {
    /** The decision so far; NEED_MORE until decided. */
    SniffStatus status = SniffStatus.NEED_MORE;
    /** What matched, once MATCHED. */
    String name;
    /** Largest length seen: a shorter prefix means the caller restarted. */
    private int seen;

    @Override
    public final SniffStatus sniff(byte[] buf, int off, int len) {
        return look(buf, off, len, false);
    }

    @Override
    public final SniffStatus finish(byte[] buf, int off, int len) {
        return look(buf, off, len, true);
    }

    @Override
    public final String matchedName() {
        return name;
    }

    private SniffStatus look(byte[] buf, int off, int len, boolean last) {
        if (status != SniffStatus.NEED_MORE) {
            return status;
        }
        if (!Names.validSlice(buf, off, len)) {
            return noMatch();
        }
        if (len < seen) {
            reset();
        }
        seen = len;
        return scan(buf, off, len, last);
    }

    /**
     * Reads what is new in the stream prefix {@code buf[off, off + len)}.
     *
     * @param buf array holding the prefix
     * @param off index of the stream's first byte
     * @param len bytes available (already checked to lie inside buf)
     * @param last whether no more bytes will come
     * @return the decision, NEED_MORE only when {@code last} is false
     */
    abstract SniffStatus scan(byte[] buf, int off, int len, boolean last);

    /**
     * Forgets the scan state of a subclass (the stream restarted).
     */
    abstract void restart();

    /** Forgets everything read. */
    final void reset() {
        status = SniffStatus.NEED_MORE;
        name = null;
        seen = 0;
        restart();
    }

    /**
     * Decides "no match" for good.
     *
     * @return NO_MATCH
     */
    final SniffStatus noMatch() {
        status = SniffStatus.NO_MATCH;
        name = null;
        return status;
    }
}
