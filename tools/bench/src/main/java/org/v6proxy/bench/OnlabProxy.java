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
package org.v6proxy.bench;

import org.onlab.packet.DeserializationException;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IPv4;
import org.onlab.packet.IPv6;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.Ip6Prefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.TCP;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Host;
import org.onosproject.net.host.HostService;
import org.onosproject.net.packet.PacketService;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.StorageService;
import org.v6proxy.api.Backend;
import org.v6proxy.api.Connection;
import org.v6proxy.api.ConnectionKey;
import org.v6proxy.api.ConnectionState;
import org.v6proxy.api.Direction;
import org.v6proxy.api.Protocol;
import org.v6proxy.impl.DistributedConnectionStore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The comparison implementation of the benchmarks: an L4 IPv4-to-IPv6 TCP
 * proxy written the way ONOS apps usually handle packets. Each frame is
 * deserialized into {@code org.onlab.packet} objects, the connection is
 * looked up in hash maps keyed by address objects, new IPv6/IPv4 and TCP
 * objects are built with the mapped addresses and ports and serialized, and
 * the output is emitted with a treatment built for it. It does what
 * v6proxy's l4 path does to a TCP segment (RFC 7915 header translation,
 * TTL/hop limit decrement, MSS clamping on SYNs, service port to backend
 * port, phase tracking written to a ConsistentMap) so that both produce
 * byte-identical frames; ICMP, UDP, fragments and error replies are left out
 * (the benchmarks do not send them).
 *
 * <p>Checksums are computed from scratch over the serialized bytes by
 * {@link Rfc1071} (one pass, like the serializers' own code, which is
 * skipped by presetting a non-zero checksum: it folds the carry only once).
 */
public final class OnlabProxy {
    private static final int ETH_HEADER = OnlabFrames.ETH_HEADER;
    private static final int IP4_HEADER = 20;
    private static final int IP6_HEADER = 40;
    private static final int TCP_HEADER = 20;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int FIN = 0x01;
    private static final int ACK = 0x10;
    private static final int OPT_MSS = 2;
    private static final int OPT_MSS_LEN = 4;
    private static final int BYTE = 0xff;
    private static final int V4_IN_V6 = 12;
    private static final int V6_LEN = 16;
    /** Any non-zero value: tells the serializers not to compute the checksum themselves. */
    private static final short CHECKSUM_PLACEHOLDER = OnlabFrames.CHECKSUM_PLACEHOLDER;

    private final Ip6Prefix clientPrefix;
    private final MacAddress gatewayMac;
    private final int ipv4Mtu;
    private final int ipv6Mtu;
    private final HostService hostService;
    private final PacketService packetService;
    private final ConsistentMap<ConnectionKey, Connection> records;
    private final Map<ServiceKey, Service> services = new ConcurrentHashMap<>();
    private final Map<ConnectionKey, Conn> by4 = new ConcurrentHashMap<>();
    private final Map<V6Key, Conn> by6 = new ConcurrentHashMap<>();
    private final LongAdder[] packets = {new LongAdder(), new LongAdder()};
    private final LongAdder[] bytes = {new LongAdder(), new LongAdder()};

    /**
     * Creates the proxy.
     *
     * @param clientPrefix /96 prefix that embeds client IPv4 addresses (RFC 6052)
     * @param gatewayMac source MAC of emitted frames
     * @param ipv4Mtu IPv4-side MTU
     * @param ipv6Mtu IPv6-side MTU
     * @param hostService where backends are located
     * @param packetService where frames are emitted
     * @param storage storage for the shared connection map, or null for local tables only
     */
    public OnlabProxy(Ip6Prefix clientPrefix, MacAddress gatewayMac, int ipv4Mtu, int ipv6Mtu,
                      HostService hostService, PacketService packetService, StorageService storage) {
        this.clientPrefix = clientPrefix;
        this.gatewayMac = gatewayMac;
        this.ipv4Mtu = ipv4Mtu;
        this.ipv6Mtu = ipv6Mtu;
        this.hostService = hostService;
        this.packetService = packetService;
        this.records = storage == null ? null : storage.<ConnectionKey, Connection>consistentMapBuilder()
                .withName("onlab-connections")
                .withSerializer(DistributedConnectionStore.SERIALIZER)
                .build();
    }

    /**
     * Adds an l4 service.
     *
     * @param name service name
     * @param vip virtual IPv4 address
     * @param port service port
     * @param backend backend every connection goes to
     */
    public void addService(String name, Ip4Address vip, int port, Backend backend) {
        services.put(new ServiceKey(vip, port), new Service(name, backend));
    }

    /**
     * Handles one frame.
     *
     * @param frame Ethernet frame
     * @param ingress where it entered
     * @return true if a translated frame was emitted
     */
    public boolean process(byte[] frame, ConnectPoint ingress) {
        Ethernet eth;
        try {
            eth = Ethernet.deserializer().deserialize(frame, 0, frame.length);
        } catch (DeserializationException e) {
            return false;
        }
        if (eth.getEtherType() == Ethernet.TYPE_IPV4 && eth.getPayload() instanceof IPv4) {
            return fromClient(eth, (IPv4) eth.getPayload(), ingress);
        }
        if (eth.getEtherType() == Ethernet.TYPE_IPV6 && eth.getPayload() instanceof IPv6) {
            return fromBackend((IPv6) eth.getPayload(), frame.length - ETH_HEADER);
        }
        return false;
    }

    private boolean fromClient(Ethernet eth, IPv4 ip4, ConnectPoint ingress) {
        if (ip4.getProtocol() != IPv4.PROTOCOL_TCP || !(ip4.getPayload() instanceof TCP)) {
            return false;
        }
        TCP tcp = (TCP) ip4.getPayload();
        ConnectionKey key = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf(ip4.getSourceAddress()),
                                              tcp.getSourcePort(), Ip4Address.valueOf(ip4.getDestinationAddress()),
                                              tcp.getDestinationPort());
        Conn c = by4.get(key);
        if (c == null) {
            if ((tcp.getFlags() & (SYN | ACK | RST)) != SYN) {
                return false;
            }
            c = open(key, eth.getSourceMAC(), ingress);
            if (c == null) {
                return false;
            }
        }
        int ttl = ip4.getTtl() & BYTE;
        int ipLen = ip4.getTotalLength() & 0xffff;
        if (ttl <= 1 || ipLen - ip4.getHeaderLength() * 4 + IP6_HEADER > ipv6Mtu) {
            return false;
        }
        Connection rec = c.record;
        TCP out = copy(tcp, tcp.getSourcePort(), rec.backend().port(), ipv6Mtu - IP6_HEADER - TCP_HEADER);
        // RFC 7915 section 4.1: hop limit = TTL - 1.
        byte[] f = OnlabFrames.ip6(out, ip4.getDiffServ(), (byte) (ttl - 1), rec.clientV6().toOctets(),
                                   rec.backend().address().toOctets(), c.backendMac, gatewayMac);
        track(c, true, tcp.getFlags());
        c.touch(Direction.CLIENT_TO_BACKEND, ipLen);
        count(Direction.CLIENT_TO_BACKEND, ipLen);
        OnlabFrames.emit(packetService, c.backendAt, f);
        return true;
    }

    private boolean fromBackend(IPv6 ip6, int ipLen) {
        if (ip6.getNextHeader() != IPv6.PROTOCOL_TCP || !(ip6.getPayload() instanceof TCP)) {
            return false;
        }
        byte[] dst = ip6.getDestinationAddress();
        if (!clientPrefix.contains(Ip6Address.valueOf(dst))) {
            return false;
        }
        TCP tcp = (TCP) ip6.getPayload();
        Conn c = by6.get(V6Key.fromBackend(ip6, tcp));
        if (c == null) {
            return false;
        }
        int hop = ip6.getHopLimit() & BYTE;
        if (hop <= 1 || ipLen - IP6_HEADER + IP4_HEADER > ipv4Mtu) {
            return false;
        }
        Connection rec = c.record;
        TCP out = copy(tcp, rec.key().vipPort(), tcp.getDestinationPort(), ipv4Mtu - IP4_HEADER - TCP_HEADER);
        // RFC 7915 section 5.1: TTL = hop limit - 1.
        byte[] f = OnlabFrames.ip4(out, ip6.getTrafficClass(), (byte) (hop - 1), rec.key().vip().toInt(),
                                   rec.key().client().toInt(), rec.clientMac(), gatewayMac);
        track(c, false, tcp.getFlags());
        c.touch(Direction.BACKEND_TO_CLIENT, ipLen);
        count(Direction.BACKEND_TO_CLIENT, ipLen);
        OnlabFrames.emit(packetService, rec.clientLocation(), f);
        return true;
    }

    /** A new TCP object with the given ports and the segment's other fields; a SYN's MSS clamped to mss. */
    private static TCP copy(TCP in, int srcPort, int dstPort, int mss) {
        TCP out = new TCP();
        out.setSourcePort(srcPort);
        out.setDestinationPort(dstPort);
        out.setSequence(in.getSequence());
        out.setAcknowledge(in.getAcknowledge());
        out.setDataOffset(in.getDataOffset());
        out.setFlags(in.getFlags());
        out.setWindowSize(in.getWindowSize());
        out.setUrgentPointer(in.getUrgentPointer());
        out.setChecksum(CHECKSUM_PLACEHOLDER);
        byte[] options = in.getOptions();
        if (options != null) {
            out.setOptions((in.getFlags() & SYN) != 0 ? clampMss(options, mss) : options);
        }
        out.setPayload(in.getPayload());
        return out;
    }

    /** RFC 6691 / RFC 7915 section 1.4: lowers a larger MSS option to mss. */
    private static byte[] clampMss(byte[] options, int mss) {
        byte[] o = options.clone();
        for (int i = OnlabFrames.nextOption(o, 0, OPT_MSS); i >= 0;
             i = OnlabFrames.nextOption(o, i + (o[i + 1] & BYTE), OPT_MSS)) {
            if ((o[i + 1] & BYTE) == OPT_MSS_LEN) {
                int cur = ((o[i + 2] & BYTE) << 8) | (o[i + 3] & BYTE);
                if (cur > mss) {
                    o[i + 2] = (byte) (mss >>> 8);
                    o[i + 3] = (byte) mss;
                }
            }
        }
        return o;
    }

    private Conn open(ConnectionKey key, MacAddress clientMac, ConnectPoint ingress) {
        Service svc = services.get(new ServiceKey(key.vip(), key.vipPort()));
        if (svc == null) {
            return null;
        }
        byte[] v6 = clientPrefix.address().toOctets();
        System.arraycopy(key.client().toOctets(), 0, v6, V4_IN_V6, V6_LEN - V4_IN_V6);
        Connection rec = Connection.direct(key, ingress, clientMac, svc.name, svc.backend, Ip6Address.valueOf(v6),
                                           ConnectionState.SYN_SENT, System.currentTimeMillis());
        Conn c = table(rec);
        if (c != null && records != null) {
            records.put(key, rec);
        }
        return c;
    }

    /**
     * Adds a connection to the local tables only, as a listener on the
     * shared map would for a record written by another instance.
     *
     * @param rec connection record
     * @return false if the backend is unknown or the IPv6 side is taken
     */
    public boolean mirror(Connection rec) {
        return table(rec) != null;
    }

    private Conn table(Connection rec) {
        Host host = null;
        for (Host h : hostService.getHostsByIp(rec.backend().address())) {
            host = h;
        }
        if (host == null) {
            return null;
        }
        ConnectionKey key = rec.key();
        Conn c = new Conn(rec, new V6Key(rec.backend().address(), rec.backend().port(), key.client(),
                                         key.clientPort()), host.mac(), host.location());
        if (by6.putIfAbsent(c.key6, c) != null) {
            return null;
        }
        by4.put(key, c);
        return c;
    }

    /**
     * Forgets a connection (locally and in the shared map).
     *
     * @param key connection key
     * @return true if it was known locally
     */
    public boolean remove(ConnectionKey key) {
        Conn c = by4.remove(key);
        if (c != null) {
            by6.remove(c.key6, c);
        }
        if (records != null) {
            records.remove(key);
        }
        return c != null;
    }

    /**
     * Returns the number of connections in the local tables.
     *
     * @return count
     */
    public int size() {
        return by4.size();
    }

    /**
     * Returns packets translated in one direction.
     *
     * @param d direction
     * @return count
     */
    public long packets(Direction d) {
        return packets[d.ordinal()].sum();
    }

    private void count(Direction d, int ipLen) {
        packets[d.ordinal()].increment();
        bytes[d.ordinal()].add(ipLen);
    }

    /** Phases as v6proxy follows them: SYN-ACK from the backend, FIN from each side, RST. */
    private void track(Conn c, boolean fromClient, int flags) {
        ConnectionState next = null;
        if ((flags & RST) != 0) {
            next = ConnectionState.CLOSING;
        } else if ((flags & FIN) != 0) {
            next = c.fin(fromClient) ? ConnectionState.CLOSING : ConnectionState.HALF_CLOSED;
        } else if (!fromClient && (flags & (SYN | ACK)) == (SYN | ACK)
                && c.record.state() == ConnectionState.SYN_SENT) {
            next = ConnectionState.ESTABLISHED;
        }
        if (next != null && next != c.record.state() && c.record.state() != ConnectionState.CLOSING) {
            c.record = c.record.withState(next);
            if (records != null) {
                records.put(c.record.key(), c.record);
            }
        }
    }

    /** A service's name and backend. */
    private static final class Service {
        final String name;
        final Backend backend;

        Service(String name, Backend backend) {
            this.name = name;
            this.backend = backend;
        }
    }

    /** Local state of one connection. */
    private static final class Conn {
        volatile Connection record;
        final V6Key key6;
        final MacAddress backendMac;
        final ConnectPoint backendAt;
        volatile long lastSeenNanos;
        volatile boolean clientFin;
        volatile boolean backendFin;
        final AtomicLongArray traffic = new AtomicLongArray(2 * Direction.values().length);

        Conn(Connection record, V6Key key6, MacAddress backendMac, ConnectPoint backendAt) {
            this.record = record;
            this.key6 = key6;
            this.backendMac = backendMac;
            this.backendAt = backendAt;
            this.lastSeenNanos = System.nanoTime();
        }

        void touch(Direction d, int ipLen) {
            lastSeenNanos = System.nanoTime();
            traffic.incrementAndGet(2 * d.ordinal());
            traffic.addAndGet(2 * d.ordinal() + 1, ipLen);
        }

        boolean fin(boolean fromClient) {
            if (fromClient) {
                clientFin = true;
            } else {
                backendFin = true;
            }
            return clientFin && backendFin;
        }
    }
}
