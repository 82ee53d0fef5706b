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

import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.edge.EdgePortServiceAdapter;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.TrafficTreatment;
import org.v6proxy.testbed.fabric.Datapath;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every port of the testbed switch is an edge port (a host is behind each one).
 */
public final class TestbedEdgePortService extends EdgePortServiceAdapter {

    private final Datapath fabric;

    /**
     * Creates the service.
     *
     * @param fabric the switch
     */
    public TestbedEdgePortService(Datapath fabric) {
        this.fabric = fabric;
    }

    @Override
    public boolean isEdgePoint(ConnectPoint point) {
        return point.deviceId().equals(fabric.deviceId()) && !point.port().isLogical()
                && fabric.hasPort((int) point.port().toLong());
    }

    @Override
    public Iterable<ConnectPoint> getEdgePoints() {
        List<ConnectPoint> list = new ArrayList<>();
        fabric.portNumbers().forEach(p -> list.add(new ConnectPoint(fabric.deviceId(), PortNumber.portNumber(p))));
        return list;
    }

    @Override
    public Iterable<ConnectPoint> getEdgePoints(DeviceId deviceId) {
        return deviceId.equals(fabric.deviceId()) ? getEdgePoints() : List.of();
    }

    @Override
    public void emitPacket(ByteBuffer data, Optional<TrafficTreatment> treatment) {
        emitPacket(fabric.deviceId(), data, treatment);
    }

    @Override
    public void emitPacket(DeviceId deviceId, ByteBuffer data, Optional<TrafficTreatment> treatment) {
        if (!deviceId.equals(fabric.deviceId())) {
            return;
        }
        byte[] frame = TestbedPacketService.bytes(data);
        // As ONOS's edge manager: the given treatment plus an output to each edge port.
        for (int port : fabric.portNumbers()) {
            TrafficTreatment.Builder builder = treatment.map(DefaultTrafficTreatment::builder)
                    .orElse(DefaultTrafficTreatment.builder());
            fabric.apply(builder.setOutput(PortNumber.portNumber(port)).build(), frame, 0);
        }
    }
}
