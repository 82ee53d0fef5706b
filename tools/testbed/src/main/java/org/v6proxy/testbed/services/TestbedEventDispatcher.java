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
package org.v6proxy.testbed.services;

import org.onosproject.event.Event;
import org.onosproject.event.EventDeliveryService;
import org.onosproject.event.EventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Event delivery as ONOS's core event dispatcher does it: events are posted to the sink
 * registered for their class and delivered, in posting order, on one dispatch thread, so a
 * listener never runs on the thread that changed the state. The testbed's own services
 * deliver their events through it too ({@link org.onosproject.event.ListenerRegistry} sinks).
 */
public final class TestbedEventDispatcher implements EventDeliveryService {

    private static final long DEFAULT_LIMIT_MILLIS = 2000;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Map<Class<? extends Event>, EventSink<? extends Event>> sinks = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "v6p-tb-events");
        t.setDaemon(true);
        return t;
    });
    private volatile long limitMillis = DEFAULT_LIMIT_MILLIS;

    @Override
    @SuppressWarnings("unchecked")
    public void post(Event event) {
        checkNotNull(event, "event");
        EventSink<Event> sink = (EventSink<Event>) sinks.get(event.getClass());
        if (sink == null) {
            log.debug("no sink for {}", event);
            return;
        }
        try {
            executor.execute(() -> deliver(sink, event));
        } catch (RejectedExecutionException e) {
            log.debug("stopped; {} not delivered", event.type());
        }
    }

    private void deliver(EventSink<Event> sink, Event event) {
        long start = System.nanoTime();
        try {
            sink.process(event);
        } catch (RuntimeException e) {
            log.warn("sink for {} failed", event.type(), e);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (millis > limitMillis) {
            log.warn("delivering {} took {} ms (limit {} ms)", event.type(), millis, limitMillis);
            sink.onProcessLimit();
        }
    }

    /**
     * Waits until every event posted before this call has been delivered.
     *
     * @param timeoutMillis how long to wait
     * @return true when drained in time
     */
    public boolean awaitIdle(long timeoutMillis) {
        Future<?> marker = executor.submit(() -> { });
        try {
            marker.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /**
     * Stops the dispatch thread after delivering what is queued (at most a second).
     */
    public void shutdown() {
        executor.shutdown();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    @Override
    public <E extends Event> void addSink(Class<E> eventClass, EventSink<E> sink) {
        sinks.put(checkNotNull(eventClass, "eventClass"), checkNotNull(sink, "sink"));
    }

    @Override
    public <E extends Event> void removeSink(Class<E> eventClass) {
        sinks.remove(eventClass);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E extends Event> EventSink<E> getSink(Class<E> eventClass) {
        return (EventSink<E>) sinks.get(eventClass);
    }

    @Override
    public Set<Class<? extends Event>> getSinks() {
        return Set.copyOf(sinks.keySet());
    }

    @Override
    public void setDispatchTimeLimit(long millis) {
        this.limitMillis = millis;
    }

    @Override
    public long getDispatchTimeLimit() {
        return limitMillis;
    }
}
