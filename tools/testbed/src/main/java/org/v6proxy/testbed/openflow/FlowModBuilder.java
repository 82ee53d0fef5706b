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
package org.v6proxy.testbed.openflow;

import org.onlab.packet.IpPrefix;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.EthCriterion;
import org.onosproject.net.flow.criteria.EthTypeCriterion;
import org.onosproject.net.flow.criteria.IPCriterion;
import org.onosproject.net.flow.criteria.IPProtocolCriterion;
import org.onosproject.net.flow.criteria.IcmpTypeCriterion;
import org.onosproject.net.flow.criteria.Icmpv6TypeCriterion;
import org.onosproject.net.flow.criteria.PortCriterion;
import org.onosproject.net.flow.criteria.TcpPortCriterion;
import org.onosproject.net.flow.criteria.UdpPortCriterion;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions.OutputInstruction;
import org.onosproject.net.flow.instructions.L2ModificationInstruction;
import org.onosproject.net.flow.instructions.L2ModificationInstruction.ModEtherInstruction;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.ICMPv4Type;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv4AddressWithMask;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.IPv6AddressWithMask;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U8;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns ONOS selectors into OpenFlow 1.3 matches and ONOS treatments into OpenFlow actions,
 * as ONOS's OpenFlow provider does (its FlowModBuilder and packet-out handling), for the
 * criteria and instructions the testbed's users give.
 */
public final class FlowModBuilder {

    /** Largest "max_len" of an output to the controller: the whole frame, no switch buffer (OFPCML_NO_BUFFER). */
    public static final int NO_BUFFER = 0xffff;

    private final OFFactory factory;

    /**
     * Creates a builder for one protocol version.
     *
     * @param factory openflowj factory of the negotiated version
     */
    public FlowModBuilder(OFFactory factory) {
        this.factory = factory;
    }

    /**
     * Builds the match of a selector.
     *
     * @param selector ONOS selector
     * @return the match
     * @throws IllegalArgumentException naming a criterion the testbed does not translate
     */
    public Match match(TrafficSelector selector) {
        Match.Builder m = factory.buildMatch();
        for (Criterion c : selector.criteria()) {
            switch (c.type()) {
                case IN_PORT:
                    m.setExact(MatchField.IN_PORT, OFPort.of((int) ((PortCriterion) c).port().toLong()));
                    break;
                case ETH_TYPE:
                    m.setExact(MatchField.ETH_TYPE, EthType.of(((EthTypeCriterion) c).ethType().toShort() & 0xffff));
                    break;
                case ETH_DST:
                    m.setExact(MatchField.ETH_DST, MacAddress.of(((EthCriterion) c).mac().toBytes()));
                    break;
                case ETH_SRC:
                    m.setExact(MatchField.ETH_SRC, MacAddress.of(((EthCriterion) c).mac().toBytes()));
                    break;
                case IP_PROTO:
                    m.setExact(MatchField.IP_PROTO, IpProtocol.of(((IPProtocolCriterion) c).protocol()));
                    break;
                case IPV4_SRC:
                    m.setMasked(MatchField.IPV4_SRC, ip4(((IPCriterion) c).ip()));
                    break;
                case IPV4_DST:
                    m.setMasked(MatchField.IPV4_DST, ip4(((IPCriterion) c).ip()));
                    break;
                case IPV6_SRC:
                    m.setMasked(MatchField.IPV6_SRC, ip6(((IPCriterion) c).ip()));
                    break;
                case IPV6_DST:
                    m.setMasked(MatchField.IPV6_DST, ip6(((IPCriterion) c).ip()));
                    break;
                case TCP_SRC:
                    m.setExact(MatchField.TCP_SRC, TransportPort.of(((TcpPortCriterion) c).tcpPort().toInt()));
                    break;
                case TCP_DST:
                    m.setExact(MatchField.TCP_DST, TransportPort.of(((TcpPortCriterion) c).tcpPort().toInt()));
                    break;
                case UDP_SRC:
                    m.setExact(MatchField.UDP_SRC, TransportPort.of(((UdpPortCriterion) c).udpPort().toInt()));
                    break;
                case UDP_DST:
                    m.setExact(MatchField.UDP_DST, TransportPort.of(((UdpPortCriterion) c).udpPort().toInt()));
                    break;
                case ICMPV4_TYPE:
                    m.setExact(MatchField.ICMPV4_TYPE, ICMPv4Type.of(((IcmpTypeCriterion) c).icmpType()));
                    break;
                case ICMPV6_TYPE:
                    m.setExact(MatchField.ICMPV6_TYPE, U8.of(((Icmpv6TypeCriterion) c).icmpv6Type()));
                    break;
                default:
                    throw new IllegalArgumentException("criterion " + c + " is not translated to OpenFlow here");
            }
        }
        return m.build();
    }

    private static IPv4AddressWithMask ip4(IpPrefix p) {
        return IPv4AddressWithMask.of(IPv4Address.of(p.address().toOctets()),
                                      IPv4Address.ofCidrMaskLength(p.prefixLength()));
    }

    private static IPv6AddressWithMask ip6(IpPrefix p) {
        return IPv6AddressWithMask.of(IPv6Address.of(p.address().toOctets()),
                                      IPv6Address.ofCidrMaskLength(p.prefixLength()));
    }

    /**
     * Builds the actions of a packet-out treatment: outputs (a physical port equal to the
     * ingress port becomes IN_PORT, which OpenFlow requires for sending a frame back where it
     * came from), Ethernet source/destination rewrites; NOACTION ends the list.
     *
     * @param treatment ONOS treatment
     * @param inPort ingress port of the packet-in being answered, or 0 for none
     * @return actions
     * @throws IllegalArgumentException naming an instruction the testbed does not translate
     */
    public List<OFAction> actions(TrafficTreatment treatment, int inPort) {
        List<OFAction> actions = new ArrayList<>();
        for (Instruction i : treatment.allInstructions()) {
            switch (i.type()) {
                case OUTPUT:
                    actions.add(output(port(((OutputInstruction) i).port(), inPort)));
                    break;
                case L2MODIFICATION:
                    actions.add(setEther((L2ModificationInstruction) i));
                    break;
                case NOACTION:
                    return actions;
                default:
                    throw new IllegalArgumentException("instruction " + i + " is not translated to OpenFlow here");
            }
        }
        return actions;
    }

    /**
     * Builds one output action.
     *
     * @param port OpenFlow port
     * @return the action; to the controller it carries the whole frame
     */
    public OFAction output(OFPort port) {
        return factory.actions().buildOutput().setPort(port)
                .setMaxLen(port.equals(OFPort.CONTROLLER) ? NO_BUFFER : 0).build();
    }

    private OFAction setEther(L2ModificationInstruction i) {
        MacAddress mac = MacAddress.of(((ModEtherInstruction) i).mac().toBytes());
        switch (i.subtype()) {
            case ETH_DST:
                return factory.actions().setField(factory.oxms().ethDst(mac));
            case ETH_SRC:
                return factory.actions().setField(factory.oxms().ethSrc(mac));
            default:
                throw new IllegalArgumentException("instruction " + i + " is not translated to OpenFlow here");
        }
    }

    /**
     * Maps an ONOS port number to an OpenFlow port.
     *
     * @param port ONOS port (physical or logical)
     * @param inPort ingress port of the frame, or 0 for none
     * @return OpenFlow port
     */
    static OFPort port(PortNumber port, int inPort) {
        if (port.equals(PortNumber.FLOOD)) {
            return OFPort.FLOOD;
        } else if (port.equals(PortNumber.ALL)) {
            return OFPort.ALL;
        } else if (port.equals(PortNumber.IN_PORT)) {
            return OFPort.IN_PORT;
        } else if (port.equals(PortNumber.TABLE)) {
            return OFPort.TABLE;
        } else if (port.equals(PortNumber.NORMAL)) {
            return OFPort.NORMAL;
        } else if (port.equals(PortNumber.CONTROLLER)) {
            return OFPort.CONTROLLER;
        } else if (port.equals(PortNumber.LOCAL)) {
            return OFPort.LOCAL;
        }
        int n = (int) port.toLong();
        return n == inPort ? OFPort.IN_PORT : OFPort.of(n);
    }
}
