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

import org.onlab.packet.ChassisId;
import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.DefaultAnnotations;
import org.onosproject.net.DefaultDevice;
import org.onosproject.net.DefaultPort;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.onosproject.net.provider.ProviderId;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The testbed's one device and its ports, all enabled and available; port N is named after
 * host N's namespace.
 */
public final class TestbedDeviceService extends DeviceServiceAdapter {

    /** Provider id of everything the testbed describes. */
    public static final ProviderId PROVIDER = new ProviderId("testbed", "org.v6proxy.testbed");

    private final Device device;
    private final List<Port> ports;

    /**
     * Creates the service for ports 1..N.
     *
     * @param deviceId device id
     * @param portNames names of ports 1..N
     */
    public TestbedDeviceService(DeviceId deviceId, List<String> portNames) {
        this(deviceId, IntStream.rangeClosed(1, portNames.size()).boxed()
                .collect(Collectors.toList()), portNames);
    }

    /**
     * Creates the service for the switch's ports.
     *
     * @param deviceId device id
     * @param numbers port numbers
     * @param portNames their names, in the same order
     */
    public TestbedDeviceService(DeviceId deviceId, List<Integer> numbers, List<String> portNames) {
        device = new DefaultDevice(PROVIDER, deviceId, Device.Type.SWITCH, "v6proxy", "testbed", "1.0",
                                   "0", new ChassisId(1));
        List<Port> list = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            list.add(new DefaultPort(device, PortNumber.portNumber(numbers.get(i)), true,
                                     DefaultAnnotations.builder()
                                             .set(AnnotationKeys.PORT_NAME, portNames.get(i)).build()));
        }
        ports = List.copyOf(list);
    }

    /**
     * Returns the device.
     *
     * @return device
     */
    public Device device() {
        return device;
    }

    @Override
    public int getDeviceCount() {
        return 1;
    }

    @Override
    public int getAvailableDeviceCount() {
        return 1;
    }

    @Override
    public Iterable<Device> getDevices() {
        return List.of(device);
    }

    @Override
    public Iterable<Device> getAvailableDevices() {
        return List.of(device);
    }

    @Override
    public Iterable<Device> getDevices(Device.Type type) {
        return type == Device.Type.SWITCH ? List.of(device) : List.of();
    }

    @Override
    public Iterable<Device> getAvailableDevices(Device.Type type) {
        return getDevices(type);
    }

    @Override
    public Device getDevice(DeviceId deviceId) {
        return device.id().equals(deviceId) ? device : null;
    }

    @Override
    public MastershipRole getRole(DeviceId deviceId) {
        return device.id().equals(deviceId) ? MastershipRole.MASTER : MastershipRole.NONE;
    }

    @Override
    public List<Port> getPorts(DeviceId deviceId) {
        return device.id().equals(deviceId) ? ports : List.of();
    }

    @Override
    public Port getPort(DeviceId deviceId, PortNumber portNumber) {
        if (!device.id().equals(deviceId)) {
            return null;
        }
        return ports.stream().filter(p -> p.number().equals(portNumber)).findFirst().orElse(null);
    }

    @Override
    public boolean isAvailable(DeviceId deviceId) {
        return device.id().equals(deviceId);
    }

    @Override
    public String localStatus(DeviceId deviceId) {
        return device.id().equals(deviceId) ? "connected (testbed)" : null;
    }
}
