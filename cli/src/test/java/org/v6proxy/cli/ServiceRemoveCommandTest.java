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
package org.v6proxy.cli;

import com.google.common.collect.ImmutableList;
import org.junit.Test;
import org.v6proxy.testing.Fixtures;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Tests of v6proxy-service-remove.
 */
public class ServiceRemoveCommandTest {
    private final TestShell sh = new TestShell();

    @Test
    public void removesService() {
        sh.proxy.add(Fixtures.iperf());
        ServiceRemoveCommand cmd = TestCommands.serviceRemove(sh);
        cmd.name = "iperf";
        cmd.doExecute();
        assertEquals(ImmutableList.of("Removed service iperf"), sh.out);
        assertFalse(sh.proxy.getService("iperf").isPresent());
    }

    @Test
    public void unknownServiceIsAnError() {
        sh.proxy.add(Fixtures.iperf());
        ServiceRemoveCommand cmd = TestCommands.serviceRemove(sh);
        cmd.name = "ipref";
        cmd.doExecute();
        assertEquals(ImmutableList.of("Error: no service named \"ipref\""), sh.err);
        assertTrue(sh.out.isEmpty());
        assertTrue(sh.proxy.getService("iperf").isPresent());
    }
}
