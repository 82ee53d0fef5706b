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
package org.v6proxy.testbed.fabric;

import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;

import java.util.List;

/**
 * The switch as the testbed's ONOS services see it (what ONOS's device, packet and flow
 * providers give ONOS): its ports, packet-ins, packet-outs and packet intercepts.
 */
public interface Datapath {

    /**
     * Returns the device id.
     *
     * @return device id
     */
    DeviceId deviceId();

    /**
     * Returns the switch's port numbers, lowest first.
     *
     * @return port numbers
     */
    List<Integer> portNumbers();

    /**
     * Returns whether the switch has a port.
     *
     * @param number port number
     * @return true when it has
     */
    default boolean hasPort(int number) {
        return portNumbers().contains(number);
    }

    /**
     * Sets the handler of every packet-in; a frame it leaves unhandled is forwarded by the switch
     * as it forwards traffic nobody asked for.
     *
     * @param handler handler, or null for none
     */
    void setPacketInHandler(PacketInHandler handler);

    /**
     * Adds an observer of the packet-ins (host learning sees what ONOS's host provider sees).
     *
     * @param observer observer
     */
    void addObserver(FrameObserver observer);

    /**
     * Sends a frame with a treatment (a packet-out).
     *
     * @param treatment the treatment
     * @param frame the frame; never changed
     * @param inPort ingress port of the packet-in being answered, or 0 for none
     */
    void apply(TrafficTreatment treatment, byte[] frame, int inPort);

    /**
     * Sends a frame out of every port except one.
     *
     * @param exceptPort port to leave out, or 0 for none
     * @param frame the frame
     */
    void flood(int exceptPort, byte[] frame);

    /**
     * Starts or stops sending the packets a selector matches to the controller (what ONOS's
     * packet manager turns a packet request into: a flow rule of the requesting application).
     *
     * @param selector what to intercept
     * @param priority flow priority
     * @param appId numeric id of the requesting application (the rule's cookie)
     * @param on true to intercept, false to stop
     */
    void intercept(TrafficSelector selector, int priority, short appId, boolean on);
}
