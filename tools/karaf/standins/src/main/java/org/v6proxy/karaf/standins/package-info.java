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
 * Stand-ins for the ONOS core services (the onos-core bundles are not on Maven Central), so that
 * the v6proxy .oar can be installed and its components activated in a bare Apache Karaf 4.2.9 by
 * tools/karaf/check: StorageService (in-memory maps), NetworkConfigRegistry (a real in-memory
 * config store, preloaded from etc/network-cfg.json like ONOS's NetworkConfigLoader), CoreService,
 * EventDeliveryService (synchronous), ApiDocService (ONOS's is in onos-rest), AuditService (for
 * onos-cli's AbstractShellCommand), and HostService, MastershipService, PacketService and
 * UiExtensionService (the onos-api tests adapters, which this runtime attaches to onos-api as a
 * fragment). CodecService is ONOS's own CodecManager from onos-core-common. Nothing here is
 * shipped; it is not an ONOS core.
 */
package org.v6proxy.karaf.standins;
