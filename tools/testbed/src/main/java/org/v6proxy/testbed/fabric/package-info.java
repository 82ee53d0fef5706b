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
 * The switch as the testbed's services see it ({@link org.v6proxy.testbed.fabric.Datapath}; Open vSwitch
 * over OpenFlow in {@code org.v6proxy.testbed.openflow}) and the impairers that sit on impaired hosts'
 * links in front of it (TAP to TAP, since this kernel has no netem).
 */
package org.v6proxy.testbed.fabric;
