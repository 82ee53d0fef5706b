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

/**
 * QUIC Initial packets read without terminating the connection: long-header parsing, Initial key derivation,
 * header protection removal and decryption (RFC 9000, RFC 9001, RFC 9369), and the reassembly of the client's
 * CRYPTO stream up to the ClientHello's server_name.
 */
package org.v6proxy.quic;
