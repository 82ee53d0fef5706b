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

package org.v6proxy.karaf.standins;

import org.onosproject.security.AuditService;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AuditService stand-in: onos-cli's AbstractShellCommand looks it up before every command.
 * Auditing is off, as in a default ONOS.
 */
@Component(immediate = true, service = AuditService.class)
public class StandinAuditService implements AuditService {

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Override
    public boolean isAuditing() {
        return false;
    }

    @Override
    public void logUserAction(String user, String action) {
        log.debug("{}: {}", user, action);
    }
}
