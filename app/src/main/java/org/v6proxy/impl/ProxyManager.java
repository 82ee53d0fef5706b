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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import org.onlab.packet.Ip6Address;
import org.onosproject.codec.CodecService;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.event.AbstractListenerManager;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigListener;
import org.onosproject.net.config.NetworkConfigRegistry;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.host.HostService;
import org.onosproject.net.packet.PacketPriority;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionStats;
import org.v6proxy.api.Direction;
import org.v6proxy.api.ProxyAdminService;
import org.v6proxy.api.ProxyCounters;
import org.v6proxy.api.ProxyEvent;
import org.v6proxy.api.ProxyListener;
import org.v6proxy.api.ProxyService;
import org.v6proxy.api.ProxySettings;
import org.v6proxy.api.Route;
import org.v6proxy.api.VirtualService;
import org.v6proxy.codec.V6ProxyCodecs;
import org.v6proxy.neighbor.BackendResolver;
import org.v6proxy.tcp.SynCookies;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static org.onlab.util.Tools.groupedThreads;
import static org.onosproject.net.config.basics.SubjectFactories.APP_SUBJECT_FACTORY;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * The v6proxy application: applies the network config (the single source of
 * truth for services), keeps packet intercepts in line with it, runs the
 * packet processor and the connection reaper, and serves the read and admin
 * APIs. Admin changes are written back to network config, never kept here.
 */
@Component(immediate = true, service = {ProxyService.class, ProxyAdminService.class})
public class ProxyManager extends AbstractListenerManager<ProxyEvent, ProxyListener>
        implements ProxyAdminService {
    /** Application name, also the netcfg subject. */
    public static final String APP_NAME = "org.v6proxy";
    private static final long REAP_PERIOD_MS = 1000;
    /** Reaper runs between two sweeps of stale 4-tuple claims (one scan of the claims map). */
    private static final int CLAIM_SWEEP_EVERY = 60;
    /** Reaper runs so far (on the timer thread only). */
    private long reapRuns;

    private final Logger log = getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected PacketService packetService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected NetworkConfigRegistry cfgService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected HostService hostService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ConnectionStore store;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CodecService codecService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected MastershipService mastershipService;

    private ApplicationId appId;
    // The store is injected after construction: read it when a snapshot is taken.
    private final ProxyCounterSet counters = new ProxyCounterSet((p, b) -> store.addTraffic(p, b));
    private final NetworkConfigListener cfgListener = new InternalConfigListener();
    private final ConfigFactory<ApplicationId, V6ProxyConfig> factory =
            new ConfigFactory<ApplicationId, V6ProxyConfig>(APP_SUBJECT_FACTORY, V6ProxyConfig.class,
                                                            V6ProxyConfig.CONFIG_KEY) {
                @Override
                public V6ProxyConfig createConfig() {
                    return new V6ProxyConfig();
                }
            };

    private volatile ServiceTable table = ServiceTable.EMPTY;
    private Set<TrafficSelector> intercepts = new HashSet<>();
    private ScheduledExecutorService timer;
    private ProxyPacketProcessor processor;
    private volatile String lastConfigError;

    @Activate
    protected void activate() {
        appId = coreService.registerApplication(APP_NAME);
        eventDispatcher.addSink(ProxyEvent.class, listenerRegistry);
        V6ProxyCodecs.register(codecService);
        ScheduledThreadPoolExecutor stpe =
                new ScheduledThreadPoolExecutor(1, groupedThreads("v6proxy", "timer-%d", log));
        stpe.setRemoveOnCancelPolicy(true); // cancelled timeouts leave the queue at once
        timer = stpe;
        processor = new ProxyPacketProcessor(this::table, store, counters, packetService, hostService, timer,
                                             new SynCookies(store.cookieSecret()),
                                             this::expiresHere);
        processor.activate();
        cfgService.registerConfigFactory(factory);
        cfgService.addListener(cfgListener);
        packetService.addProcessor(processor, PacketProcessor.director(1));
        applyConfig();
        timer.scheduleWithFixedDelay(this::reap, REAP_PERIOD_MS, REAP_PERIOD_MS, TimeUnit.MILLISECONDS);
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        cfgService.removeListener(cfgListener);
        cfgService.unregisterConfigFactory(factory);
        packetService.removeProcessor(processor);
        synchronized (this) {
            for (TrafficSelector s : intercepts) {
                packetService.cancelPackets(s, PacketPriority.REACTIVE, appId);
            }
            intercepts.clear();
        }
        processor.deactivate();
        timer.shutdownNow();
        eventDispatcher.removeSink(ProxyEvent.class);
        V6ProxyCodecs.unregister(codecService);
        log.info("Stopped");
    }

    ServiceTable table() {
        return table;
    }

    /**
     * Returns the message of the last rejected config, if any.
     *
     * @return message or null
     */
    public String lastConfigError() {
        return lastConfigError;
    }

    /**
     * Whether this instance expires the connections of clients on a device:
     * its master does; a device without a master sends nobody packet-ins, so
     * every instance may expire its idle connections (removal is idempotent).
     */
    private boolean expiresHere(DeviceId device) {
        return mastershipService.isLocalMaster(device) || mastershipService.getMasterFor(device) == null;
    }

    private void reap() {
        try {
            processor.reap(System.nanoTime());
            // Left-over 4-tuple claims (an instance died between two writes) are rare: look now and then.
            if (++reapRuns % CLAIM_SWEEP_EVERY == 0 && store instanceof DistributedConnectionStore) {
                int n = ((DistributedConnectionStore) store).sweepClaims(System.currentTimeMillis(),
                                                                         cp -> expiresHere(cp.deviceId()));
                if (n > 0) {
                    log.info("Removed {} stale 4-tuple claims", n);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Connection reaper failed", e);
        }
    }

    /** Reads the config and, if valid, puts it in force; an invalid one leaves the running config alone. */
    private synchronized void applyConfig() {
        V6ProxyConfig cfg = cfgService.getConfig(appId, V6ProxyConfig.class);
        ServiceTable next;
        Map<Ip6Address, BackendResolver.Endpoint> pins = Map.of();
        if (cfg == null) {
            next = ServiceTable.EMPTY;
        } else {
            try {
                cfg.isValid();
                next = new ServiceTable(cfg.settings(), cfg.services());
                pins = cfg.backendPins();
            } catch (RuntimeException e) {
                lastConfigError = e.getMessage();
                log.error("Rejected v6proxy config, the running config stays in force: {}", e.getMessage());
                return;
            }
        }
        lastConfigError = null;
        ServiceTable prev = table;
        table = next;
        processor.pinBackends(pins);
        updateIntercepts(next);
        // Connections carry addresses inside the client prefix: a new prefix strands them.
        boolean prefixChanged = prev.settings() != null && next.settings() != null
                && !prev.settings().clientPrefix().equals(next.settings().clientPrefix());
        for (VirtualService old : prev.all()) {
            VirtualService now = next.byName(old.name());
            if (prefixChanged && now != null && sameEndpoint(old, now)) {
                processor.resetService(old.name());
            }
            if (now == null || !sameEndpoint(old, now)) {
                processor.resetService(old.name());
                post(new ProxyEvent(ProxyEvent.Type.SERVICE_REMOVED, old));
            } else if (!now.equals(old)) {
                post(new ProxyEvent(ProxyEvent.Type.SERVICE_UPDATED, now));
            }
        }
        for (VirtualService now : next.all()) {
            VirtualService old = prev.byName(now.name());
            if (old == null || !sameEndpoint(old, now)) {
                post(new ProxyEvent(ProxyEvent.Type.SERVICE_ADDED, now));
            }
        }
        log.info("Applied config: {} services", next.all().size());
    }

    private static boolean sameEndpoint(VirtualService a, VirtualService b) {
        return a.vip().equals(b.vip()) && a.port() == b.port() && a.protocol() == b.protocol();
    }

    private void updateIntercepts(ServiceTable next) {
        Set<TrafficSelector> wanted = InterceptPlan.of(next);
        for (TrafficSelector s : Sets.difference(intercepts, wanted)) {
            packetService.cancelPackets(s, PacketPriority.REACTIVE, appId);
        }
        for (TrafficSelector s : Sets.difference(wanted, intercepts)) {
            packetService.requestPackets(s, PacketPriority.REACTIVE, appId);
        }
        intercepts = new HashSet<>(wanted);
    }

    // ---- ProxyService

    @Override
    public Optional<ProxySettings> getSettings() {
        return Optional.ofNullable(table.settings());
    }

    @Override
    public Collection<VirtualService> getServices() {
        return ImmutableList.copyOf(table.all());
    }

    @Override
    public Optional<VirtualService> getService(String name) {
        return Optional.ofNullable(table.byName(checkNotNull(name, "name")));
    }

    @Override
    public Collection<Connection> getConnections() {
        return store.connections();
    }

    @Override
    public int getConnectionCount(String service) {
        int n = 0;
        for (Connection c : store.connections()) {
            if (c.service().equals(service)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Optional<ConnectionStats> getConnectionStats(ConnectionKey key) {
        ConnectionEntry e = store.entry(checkNotNull(key, "key"));
        if (e == null) {
            return Optional.empty();
        }
        long[] packets = new long[Direction.values().length];
        long[] bytes = new long[packets.length];
        for (Direction d : Direction.values()) {
            packets[d.ordinal()] = e.packets(d);
            bytes[d.ordinal()] = e.bytes(d);
        }
        long idle = e.seenLocally() ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - e.lastSeenNanos()) : -1;
        return Optional.of(new ConnectionStats(packets, bytes, idle));
    }

    @Override
    public ProxyCounters getCounters() {
        return counters.snapshot();
    }

    // ---- ProxyAdminService: every change goes through network config

    @Override
    public synchronized void addService(VirtualService service) {
        checkNotNull(service, "service");
        List<VirtualService> list = new ArrayList<>(configuredServices());
        checkArgument(list.stream().noneMatch(s -> s.name().equals(service.name())),
                      "service \"%s\" already exists", service.name());
        list.add(service);
        writeServices(list);
    }

    @Override
    public synchronized boolean removeService(String name) {
        List<VirtualService> list = new ArrayList<>(configuredServices());
        if (!list.removeIf(s -> s.name().equals(name))) {
            return false;
        }
        writeServices(list);
        return true;
    }

    @Override
    public synchronized void addRoute(String service, Route route) {
        checkNotNull(route, "route");
        List<VirtualService> list = new ArrayList<>(configuredServices());
        int i = indexOf(list, service);
        VirtualService s = list.get(i);
        checkArgument(s.routes().stream().noneMatch(r -> r.match().equalsIgnoreCase(route.match())),
                      "service \"%s\" already has a route for \"%s\"", service, route.match());
        List<Route> routes = new ArrayList<>(s.routes());
        routes.add(route);
        list.set(i, s.toBuilder().routes(routes).build());
        writeServices(list);
    }

    @Override
    public synchronized boolean removeRoute(String service, String match) {
        List<VirtualService> list = new ArrayList<>(configuredServices());
        int i = indexOf(list, service);
        VirtualService s = list.get(i);
        List<Route> routes = new ArrayList<>(s.routes());
        if (!routes.removeIf(r -> r.match().equals(match))) {
            return false;
        }
        list.set(i, s.toBuilder().routes(routes).build());
        writeServices(list);
        return true;
    }

    @Override
    public boolean removeConnection(ConnectionKey key) {
        return processor.reset(checkNotNull(key, "key"));
    }

    @Override
    public void resetCounters() {
        counters.reset();
    }

    private static int indexOf(List<VirtualService> list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no service named \"" + name + "\"");
    }

    private List<VirtualService> configuredServices() {
        V6ProxyConfig cfg = cfgService.getConfig(appId, V6ProxyConfig.class);
        checkArgument(cfg != null, "v6proxy is not configured: push a netcfg with clientPrefix and gatewayMac first");
        return cfg.services();
    }

    /** Validates the whole candidate config before it reaches network config. */
    private void writeServices(List<VirtualService> list) {
        V6ProxyConfig current = cfgService.getConfig(appId, V6ProxyConfig.class);
        checkArgument(current != null, "v6proxy is not configured");
        ObjectMapper mapper = new ObjectMapper();
        V6ProxyConfig candidate = new V6ProxyConfig();
        candidate.init(appId, V6ProxyConfig.CONFIG_KEY, current.node().deepCopy(), mapper, c -> { });
        candidate.services(list);
        try {
            candidate.isValid();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        cfgService.applyConfig(appId, V6ProxyConfig.class, (ObjectNode) candidate.node());
    }

    private class InternalConfigListener implements NetworkConfigListener {
        @Override
        public boolean isRelevant(NetworkConfigEvent event) {
            return Objects.equals(event.configClass(), V6ProxyConfig.class);
        }

        @Override
        public void event(NetworkConfigEvent event) {
            switch (event.type()) {
                case CONFIG_ADDED:
                case CONFIG_UPDATED:
                case CONFIG_REMOVED:
                    applyConfig();
                    break;
                default:
                    break;
            }
        }
    }
}
