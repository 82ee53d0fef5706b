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

import org.onosproject.event.DefaultEventSinkRegistry;
import org.onosproject.event.Event;
import org.onosproject.event.EventDeliveryService;
import org.onosproject.event.EventSink;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventDeliveryService stand-in: delivers each event to its sink on the posting thread (ONOS
 * uses a dispatch thread; ordering per sink is the same).
 */
@Component(immediate = true, service = EventDeliveryService.class)
public class StandinEventDispatcher extends DefaultEventSinkRegistry implements EventDeliveryService {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private volatile long dispatchTimeLimit = 2000;

    @Override
    @SuppressWarnings("unchecked")
    public void post(Event event) {
        EventSink<Event> sink = (EventSink<Event>) getSink((Class<Event>) event.getClass());
        if (sink == null) {
            log.warn("No sink for event {}", event);
            return;
        }
        try {
            sink.process(event);
        } catch (RuntimeException e) {
            log.warn("Sink failed on event {}", event, e);
        }
    }

    @Override
    public void setDispatchTimeLimit(long millis) {
        dispatchTimeLimit = millis;
    }

    @Override
    public long getDispatchTimeLimit() {
        return dispatchTimeLimit;
    }
}
