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
package org.v6proxy.xlate;

/**
 * Maps addresses between the two families for {@link Translator}. Implementations are
 * called on the per-packet path: they must not allocate and must be thread-safe if the
 * translator is used from several threads.
 */
public interface AddressMapper {

    /**
     * Writes the IPv6 address for IPv4 address v4 into out[outOff..outOff+16).
     *
     * @param v4     IPv4 address
     * @param out    destination array
     * @param outOff offset in out
     * @return false if the address is unmappable (out may then hold garbage)
     */
    boolean map4to6(int v4, byte[] out, int outOff);

    /**
     * Returns the IPv4 address for the IPv6 address at in[off..off+16).
     *
     * @param in  array holding the address
     * @param off offset of the address
     * @return the IPv4 address as an unsigned value, or -1 if unmappable
     */
    long map6to4(byte[] in, int off);
}
