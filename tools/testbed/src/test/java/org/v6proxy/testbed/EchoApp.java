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
package org.v6proxy.testbed;

import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.event.AbstractListenerManager;
import org.onosproject.net.PortNumber;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigListener;
import org.onosproject.net.config.NetworkConfigRegistry;
import org.onosproject.net.config.basics.SubjectFactories;
import org.onosproject.net.packet.PacketContext;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketService;
import org.onosproject.store.serializers.KryoNamespaces;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Versioned;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

import java.nio.ByteBuffer;

/**
 * A fixture ONOS app built like the real one: an AbstractListenerManager (whose event
 * dispatcher reference is in onos-api's superclass), a packet processor that echoes
 * frames of EtherType 0x88b5 back out of their ingress port, a config from netcfg and a
 * ConsistentMap of echo counts.
 */
@Component(immediate = true, service = EchoService.class)
public class EchoApp extends AbstractListenerManager<EchoEvent, EchoListener> implements EchoService {

    /** Config of the echo app: {"greeting": "..."}. */
    public static final class EchoConfig extends Config<ApplicationId> {
        @Override
        public boolean isValid() {
            return hasOnlyFields("greeting");
        }
    }

    private final ConfigFactory<ApplicationId, EchoConfig> factory =
            new ConfigFactory<ApplicationId, EchoConfig>(SubjectFactories.APP_SUBJECT_FACTORY, EchoConfig.class,
                                                         "echo") {
                @Override
                public EchoConfig createConfig() {
                    return new EchoConfig();
                }
            };

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected PacketService packetService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected NetworkConfigRegistry cfgRegistry;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected StorageService storageService;

    private final PacketProcessor processor = this::process;
    private final NetworkConfigListener cfgListener = this::configEvent;
    private ApplicationId appId;
    private ConsistentMap<Integer, Integer> counts;
    private volatile String greeting;
    private volatile boolean active;

    @Activate
    protected void activate() {
        appId = coreService.registerApplication("org.v6proxy.echo");
        eventDispatcher.addSink(EchoEvent.class, listenerRegistry);
        counts = storageService.<Integer, Integer>consistentMapBuilder().withName("echo-counts")
                .withSerializer(Serializer.using(KryoNamespaces.BASIC)).build();
        cfgRegistry.addListener(cfgListener);
        cfgRegistry.registerConfigFactory(factory);
        packetService.addProcessor(processor, PacketProcessor.director(2));
        active = true;
    }

    @Deactivate
    protected void deactivate() {
        packetService.removeProcessor(processor);
        cfgRegistry.unregisterConfigFactory(factory);
        cfgRegistry.removeListener(cfgListener);
        eventDispatcher.removeSink(EchoEvent.class);
        active = false;
    }

    private void configEvent(NetworkConfigEvent event) {
        if (event.configClass() == EchoConfig.class && event.config().isPresent()) {
            greeting = ((EchoConfig) event.config().get()).node().path("greeting").asText();
        }
    }

    private void process(PacketContext context) {
        ByteBuffer frame = context.inPacket().unparsed();
        if (context.isHandled() || frame.remaining() < 14 || frame.getShort(12) != (short) 0x88b5) {
            return;
        }
        int port = (int) context.inPacket().receivedFrom().port().toLong();
        context.treatmentBuilder().setOutput(PortNumber.IN_PORT);
        context.send();
        counts.compute(port, (k, v) -> v == null ? 1 : v + 1);
        post(new EchoEvent("port " + port));
    }

    /**
     * Returns the app id.
     *
     * @return app id
     */
    public ApplicationId appId() {
        return appId;
    }

    /**
     * Returns whether the app is between activate and deactivate.
     *
     * @return true when active
     */
    public boolean isActive() {
        return active;
    }

    @Override
    public String greeting() {
        return greeting;
    }

    @Override
    public int echoed(int port) {
        Versioned<Integer> v = counts.get(port);
        return v == null ? 0 : v.value();
    }
}
