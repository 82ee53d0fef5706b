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

import org.onlab.packet.Data;
import org.onlab.packet.DeserializationException;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IPacket;
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
import org.v6proxy.api.Protocol;
import org.v6proxy.impl.DistributedConnectionStore;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The comparison implementation of the delayed-binding benchmark: an http
 * (Host header) IPv4-to-IPv6 TCP proxy written the way ONOS apps usually
 * handle packets. Each frame is deserialized into {@code org.onlab.packet}
 * objects. The client's SYN creates a half-open entry in a
 * ConcurrentHashMap and is answered with a SYN-ACK carrying a random ISN
 * (no cookies); the client's ACK completes the handshake; its data
 * segments are kept (the deserialized packets) and their payload appended
 * to a buffer until the request headers end; the Host header is read with
 * String methods and looked up in the service's routes; the connection
 * record goes into a ConsistentMap and local tables, and a SYN is built for
 * the backend with the client's own ISN. The backend's SYN-ACK fixes the
 * sequence offset (written to the ConsistentMap), the handshake is
 * completed toward the backend and the kept segments are replayed,
 * translated with the client's acks moved into the backend's sequence
 * space. Every output is a new Ethernet/IPv4-or-IPv6/TCP object tree,
 * serialized, checksummed from scratch by {@link Rfc1071} and emitted with
 * a treatment built for it.
 *
 * <p>What v6proxy also does but the benchmark does not exercise is left
 * out: out-of-order client data is dropped (the client retransmits), host
 * routes are exact names (no wildcards), SACK blocks are not rewritten,
 * there are no timers (pre-read timeout, SYN retransmission), and ICMP,
 * FIN/RST tracking and the reaper are absent.
 */
public final class OnlabDelayedProxy {
    private static final int ETH_HEADER = OnlabFrames.ETH_HEADER;
    private static final int IP4_HEADER = 20;
    private static final int IP6_HEADER = 40;
    private static final int TCP_HEADER = 20;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;
    private static final int OPT_NOP = 1;
    private static final int OPT_MSS = 2;
    private static final int OPT_WSCALE = 3;
    private static final int OPT_SACK_OK = 4;
    private static final int BYTE = 0xff;
    private static final int WORD = 0xffff;
    private static final byte TTL = 64;
    private static final int V4_IN_V6 = 12;
    private static final int V6_LEN = 16;
    private static final int NO_WSCALE = -1;
    /** Window scale announced to clients that offer scaling (RFC 7323 section 2.3), as v6proxy does. */
    private static final int APP_WSCALE = 7;
    /** Window of the SYN-ACK: bounds what a client sends before the backend is chosen. */
    private static final int PREREAD_WINDOW = 32 * 1024;
    /** Request bytes read for the Host header at most. */
    private static final int MAX_REQUEST = 16 * 1024;
    /** Any non-zero value: tells the serializers not to compute the checksum themselves. */
    private static final short CHECKSUM_PLACEHOLDER = OnlabFrames.CHECKSUM_PLACEHOLDER;
    private static final String HEADERS_END = "\r\n\r\n";
    private static final String CRLF = "\r\n";
    private static final String HOST = "host:";

    private final Ip6Prefix clientPrefix;
    private final MacAddress gatewayMac;
    private final int ipv4Mtu;
    private final int ipv6Mtu;
    private final HostService hostService;
    private final PacketService packetService;
    private final ConsistentMap<ConnectionKey, Connection> records;
    private final Random random = new Random();
    private final Map<ServiceKey, HttpService> services = new ConcurrentHashMap<>();
    private final Map<ConnectionKey, HalfOpen> halfOpen = new ConcurrentHashMap<>();
    private final Map<ConnectionKey, Conn> by4 = new ConcurrentHashMap<>();
    private final Map<V6Key, Conn> by6 = new ConcurrentHashMap<>();

    /**
     * Creates the proxy.
     *
     * @param clientPrefix /96 prefix that embeds client IPv4 addresses (RFC 6052)
     * @param gatewayMac source MAC of emitted frames
     * @param ipv4Mtu IPv4-side MTU
     * @param ipv6Mtu IPv6-side MTU
     * @param hostService where backends are located
     * @param packetService where frames are emitted
     * @param storage storage for the shared connection map
     */
    public OnlabDelayedProxy(Ip6Prefix clientPrefix, MacAddress gatewayMac, int ipv4Mtu, int ipv6Mtu,
                             HostService hostService, PacketService packetService, StorageService storage) {
        this.clientPrefix = clientPrefix;
        this.gatewayMac = gatewayMac;
        this.ipv4Mtu = ipv4Mtu;
        this.ipv6Mtu = ipv6Mtu;
        this.hostService = hostService;
        this.packetService = packetService;
        this.records = storage.<ConnectionKey, Connection>consistentMapBuilder()
                .withName("onlab-delayed-connections")
                .withSerializer(DistributedConnectionStore.SERIALIZER)
                .build();
    }

    /**
     * Adds an http service: the backend is chosen by the request's Host header.
     *
     * @param name service name
     * @param vip virtual IPv4 address
     * @param port service port
     * @param routes backend per host name (exact, case-insensitive)
     * @param defaultBackend backend for other hosts, or null to refuse them
     */
    public void addHttpService(String name, Ip4Address vip, int port, Map<String, Backend> routes,
                               Backend defaultBackend) {
        Map<String, Backend> lower = new HashMap<>();
        routes.forEach((h, b) -> lower.put(h.toLowerCase(Locale.ROOT), b));
        services.put(new ServiceKey(vip, port), new HttpService(name, lower, defaultBackend));
    }

    /**
     * Handles one frame.
     *
     * @param frame Ethernet frame
     * @param ingress where it entered
     * @return true if a frame was emitted for it
     */
    public boolean process(byte[] frame, ConnectPoint ingress) {
        Ethernet eth;
        try {
            eth = Ethernet.deserializer().deserialize(frame, 0, frame.length);
        } catch (DeserializationException e) {
            return false;
        }
        if (eth.getEtherType() == Ethernet.TYPE_IPV4 && eth.getPayload() instanceof IPv4) {
            IPv4 ip4 = (IPv4) eth.getPayload();
            if (ip4.getProtocol() != IPv4.PROTOCOL_TCP || !(ip4.getPayload() instanceof TCP)) {
                return false;
            }
            return fromClient(eth, ip4, (TCP) ip4.getPayload(), ingress);
        }
        if (eth.getEtherType() == Ethernet.TYPE_IPV6 && eth.getPayload() instanceof IPv6) {
            IPv6 ip6 = (IPv6) eth.getPayload();
            if (ip6.getNextHeader() != IPv6.PROTOCOL_TCP || !(ip6.getPayload() instanceof TCP)) {
                return false;
            }
            return fromBackend(ip6, (TCP) ip6.getPayload(), frame.length - ETH_HEADER);
        }
        return false;
    }

    // ---- client side

    private boolean fromClient(Ethernet eth, IPv4 ip4, TCP tcp, ConnectPoint ingress) {
        ConnectionKey key = new ConnectionKey(Protocol.TCP, Ip4Address.valueOf(ip4.getSourceAddress()),
                                              tcp.getSourcePort(), Ip4Address.valueOf(ip4.getDestinationAddress()),
                                              tcp.getDestinationPort());
        Conn c = by4.get(key);
        if (c != null) {
            synchronized (c) {
                if (c.record.state() == ConnectionState.SYN_SENT) {
                    // The backend has not answered yet: keep the segment for the replay.
                    if (payloadLength(tcp) > 0) {
                        c.held.add(ip4);
                    }
                    return false;
                }
            }
            return toBackend(c, ip4, tcp);
        }
        int flags = tcp.getFlags();
        if ((flags & RST) != 0) {
            halfOpen.remove(key);
            return false;
        }
        if ((flags & (SYN | ACK)) == SYN) {
            return answerSyn(key, eth, ip4, tcp, ingress);
        }
        HalfOpen h = halfOpen.get(key);
        if (h == null || (flags & ACK) == 0) {
            return false;
        }
        Backend backend;
        synchronized (h) {
            if (!h.acked) {
                if (tcp.getAcknowledge() != h.appIsn + 1) {
                    return false;
                }
                h.acked = true;
            }
            h.clientWindow = tcp.getWindowSize() & WORD;
            int n = payloadLength(tcp);
            if (n == 0) {
                return false;
            }
            if (tcp.getSequence() != h.clientIsn + 1 + h.request.size()) {
                return false;
            }
            if (h.request.size() + n > MAX_REQUEST) {
                halfOpen.remove(key);
                return false;
            }
            byte[] data = tcp.getPayload().serialize();
            h.request.write(data, 0, data.length);
            h.held.add(ip4);
            String host = hostHeader(h.request.toByteArray());
            if (host == null) {
                return false;
            }
            HttpService svc = services.get(new ServiceKey(key.vip(), key.vipPort()));
            backend = svc == null ? null : svc.routes.getOrDefault(host, svc.defaultBackend);
            halfOpen.remove(key);
            if (backend == null) {
                return false;
            }
            return bind(h, svc.name, backend);
        }
    }

    /** Remembers the client's SYN with a random ISN and answers it (a retransmitted SYN gets the same ISN). */
    private boolean answerSyn(ConnectionKey key, Ethernet eth, IPv4 ip4, TCP tcp, ConnectPoint ingress) {
        HttpService svc = services.get(new ServiceKey(key.vip(), key.vipPort()));
        if (svc == null) {
            return false;
        }
        HalfOpen fresh = new HalfOpen(key, ingress, eth.getSourceMAC(), tcp.getSequence(), random.nextInt(),
                                      tcp.getWindowSize() & WORD, tcp.getOptions());
        HalfOpen h = halfOpen.putIfAbsent(key, fresh);
        if (h == null) {
            h = fresh;
        }
        int ourMss = Math.min(ipv6Mtu - IP6_HEADER - TCP_HEADER, ipv4Mtu - IP4_HEADER - TCP_HEADER);
        TCP out = new TCP();
        out.setSourcePort(key.vipPort());
        out.setDestinationPort(key.clientPort());
        out.setSequence(h.appIsn);
        out.setAcknowledge(h.clientIsn + 1);
        out.setFlags((short) (SYN | ACK));
        out.setWindowSize((short) PREREAD_WINDOW);
        out.setChecksum(CHECKSUM_PLACEHOLDER);
        setOptions(out, synOptions(ourMss, h.clientWscale == NO_WSCALE ? NO_WSCALE : APP_WSCALE, h.sackOk));
        byte[] f = OnlabFrames.ip4(out, (byte) 0, TTL, key.vip().toInt(), key.client().toInt(), eth.getSourceMAC(),
                                   gatewayMac);
        OnlabFrames.emit(packetService, ingress, f);
        return true;
    }

    /** Writes the record, fills the local tables and sends the SYN toward the backend. Caller holds h. */
    private boolean bind(HalfOpen h, String service, Backend backend) {
        Host host = null;
        for (Host x : hostService.getHostsByIp(backend.address())) {
            host = x;
        }
        if (host == null) {
            return false;
        }
        ConnectionKey key = h.key;
        byte[] v6 = clientPrefix.address().toOctets();
        System.arraycopy(key.client().toOctets(), 0, v6, V4_IN_V6, V6_LEN - V4_IN_V6);
        int mss = Math.min(h.clientMss, ipv6Mtu - IP6_HEADER - TCP_HEADER);
        Connection rec = new Connection(key, h.ingress, h.clientMac, service, backend, Ip6Address.valueOf(v6),
                                        ConnectionState.SYN_SENT, System.currentTimeMillis(), 0, h.clientWscale,
                                        Connection.NO_WSCALE, mss, h.sackOk);
        Conn c = new Conn(rec, new V6Key(backend.address(), backend.port(), key.client(), key.clientPort()),
                          host.mac(), host.location(), h);
        if (by6.putIfAbsent(c.key6, c) != null) {
            return false;
        }
        by4.put(key, c);
        records.put(key, rec);
        TCP syn = new TCP();
        syn.setSourcePort(key.clientPort());
        syn.setDestinationPort(backend.port());
        syn.setSequence(h.clientIsn);
        syn.setAcknowledge(0);
        syn.setFlags((short) SYN);
        syn.setWindowSize((short) Math.min(WORD, h.clientWindow << Math.max(0, h.clientWscale)));
        syn.setChecksum(CHECKSUM_PLACEHOLDER);
        setOptions(syn, synOptions(mss, h.clientWscale, h.sackOk));
        OnlabFrames.emit(packetService, c.backendAt, ip6Frame(c, rec.clientV6(), syn, TTL));
        return true;
    }

    /** Translates a client segment of a spliced connection: the client's ack moves into the backend's space. */
    private boolean toBackend(Conn c, IPv4 ip4, TCP tcp) {
        int ttl = ip4.getTtl() & BYTE;
        int ipLen = ip4.getTotalLength() & WORD;
        if (ttl <= 1 || ipLen - ip4.getHeaderLength() * 4 + IP6_HEADER > ipv6Mtu) {
            return false;
        }
        Connection rec = c.record;
        TCP out = new TCP();
        out.setSourcePort(tcp.getSourcePort());
        out.setDestinationPort(rec.backend().port());
        out.setSequence(tcp.getSequence());
        out.setAcknowledge(tcp.getAcknowledge() + rec.seqOffset());
        out.setDataOffset(tcp.getDataOffset());
        out.setFlags(tcp.getFlags());
        // Both legs see the client's window in the client's own scale: no rescaling this way.
        out.setWindowSize(tcp.getWindowSize());
        out.setUrgentPointer(tcp.getUrgentPointer());
        out.setChecksum(CHECKSUM_PLACEHOLDER);
        if (tcp.getOptions() != null) {
            out.setOptions(tcp.getOptions());
        }
        out.setPayload(tcp.getPayload());
        OnlabFrames.emit(packetService, c.backendAt, ip6Frame(c, rec.clientV6(), out, (byte) (ttl - 1)));
        return true;
    }

    // ---- backend side

    private boolean fromBackend(IPv6 ip6, TCP tcp, int ipLen) {
        byte[] dst = ip6.getDestinationAddress();
        if (!clientPrefix.contains(Ip6Address.valueOf(dst))) {
            return false;
        }
        Conn c = by6.get(V6Key.fromBackend(ip6, tcp));
        if (c == null) {
            return false;
        }
        List<IPv4> replay;
        synchronized (c) {
            if (c.record.state() == ConnectionState.SYN_SENT) {
                int flags = tcp.getFlags();
                if ((flags & (SYN | ACK)) != (SYN | ACK) || tcp.getAcknowledge() != c.clientIsn + 1) {
                    return false;
                }
                int backendIsn = tcp.getSequence();
                int backendWscale = wscale(tcp.getOptions());
                boolean sack = c.record.sackOk() && sackOk(tcp.getOptions());
                c.record = c.record.withSplice(ConnectionState.ESTABLISHED, backendIsn - c.appIsn, backendWscale,
                                               sack);
                records.put(c.record.key(), c.record);
                TCP ack = new TCP();
                ack.setSourcePort(c.record.key().clientPort());
                ack.setDestinationPort(c.record.backend().port());
                ack.setSequence(c.clientIsn + 1);
                ack.setAcknowledge(backendIsn + 1);
                ack.setFlags((short) ACK);
                ack.setWindowSize((short) c.clientWindow);
                ack.setChecksum(CHECKSUM_PLACEHOLDER);
                OnlabFrames.emit(packetService, c.backendAt, ip6Frame(c, c.record.clientV6(), ack, TTL));
                replay = new ArrayList<>(c.held);
                c.held.clear();
            } else {
                replay = null;
            }
        }
        if (replay != null) {
            for (IPv4 ip4 : replay) {
                toBackend(c, ip4, (TCP) ip4.getPayload());
            }
            return true;
        }
        return toClient(c, ip6, tcp, ipLen);
    }

    /** Translates a backend segment of a spliced connection: its seq moves into the app's space. */
    private boolean toClient(Conn c, IPv6 ip6, TCP tcp, int ipLen) {
        int hop = ip6.getHopLimit() & BYTE;
        if (hop <= 1 || ipLen - IP6_HEADER + IP4_HEADER > ipv4Mtu) {
            return false;
        }
        Connection rec = c.record;
        TCP out = new TCP();
        out.setSourcePort(rec.key().vipPort());
        out.setDestinationPort(tcp.getDestinationPort());
        out.setSequence(tcp.getSequence() - rec.seqOffset());
        out.setAcknowledge(tcp.getAcknowledge());
        out.setDataOffset(tcp.getDataOffset());
        out.setFlags(tcp.getFlags());
        out.setWindowSize((short) rescale(tcp.getWindowSize() & WORD, rec.backendWscale(), c.appWscale));
        out.setUrgentPointer(tcp.getUrgentPointer());
        out.setChecksum(CHECKSUM_PLACEHOLDER);
        if (tcp.getOptions() != null) {
            out.setOptions(tcp.getOptions());
        }
        out.setPayload(tcp.getPayload());
        // RFC 7915 section 5.1: TTL = hop limit - 1.
        byte[] f = OnlabFrames.ip4(out, ip6.getTrafficClass(), (byte) (hop - 1), rec.key().vip().toInt(),
                                   rec.key().client().toInt(), rec.clientMac(), gatewayMac);
        OnlabFrames.emit(packetService, rec.clientLocation(), f);
        return true;
    }

    // ---- frames

    /** Serializes an IPv6 frame toward the connection's backend and checksums its TCP segment. */
    private byte[] ip6Frame(Conn c, Ip6Address src, TCP tcp, byte hopLimit) {
        return OnlabFrames.ip6(tcp, (byte) 0, hopLimit, src.toOctets(), c.record.backend().address().toOctets(),
                               c.backendMac, gatewayMac);
    }

    /** MSS, then SACK-permitted and window scale when in use, each padded with NOPs to 4 bytes. */
    private static byte[] synOptions(int mss, int wscale, boolean sack) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(OPT_MSS);
        o.write(4);
        o.write(mss >>> 8);
        o.write(mss & BYTE);
        if (sack) {
            o.write(OPT_NOP);
            o.write(OPT_NOP);
            o.write(OPT_SACK_OK);
            o.write(2);
        }
        if (wscale >= 0) {
            o.write(OPT_NOP);
            o.write(OPT_WSCALE);
            o.write(3);
            o.write(wscale);
        }
        return o.toByteArray();
    }

    private static void setOptions(TCP tcp, byte[] options) {
        tcp.setOptions(options);
        tcp.setDataOffset((byte) (5 + options.length / 4));
    }

    private static int payloadLength(TCP tcp) {
        IPacket p = tcp.getPayload();
        return p instanceof Data ? ((Data) p).getData().length : 0;
    }

    /** Value of a SYN's option, or -1 (options are kind, length, value; NOP and END have no length). */
    private static int option(byte[] o, int wanted) {
        if (o == null) {
            return -1;
        }
        for (int i = OnlabFrames.nextOption(o, 0, wanted); i >= 0;
             i = OnlabFrames.nextOption(o, i + (o[i + 1] & BYTE), wanted)) {
            int len = o[i + 1] & BYTE;
            if (wanted == OPT_MSS && len == 4) {
                return ((o[i + 2] & BYTE) << 8) | (o[i + 3] & BYTE);
            }
            if (wanted == OPT_WSCALE && len == 3) {
                return Math.min(o[i + 2] & BYTE, 14);
            }
            if (wanted == OPT_SACK_OK && len == 2) {
                return 1;
            }
        }
        return -1;
    }

    private static int wscale(byte[] o) {
        return option(o, OPT_WSCALE);
    }

    private static boolean sackOk(byte[] o) {
        return option(o, OPT_SACK_OK) > 0;
    }

    private static int rescale(int window, int fromShift, int toShift) {
        long w = (long) window << Math.max(0, fromShift);
        return (int) Math.min(WORD, w >> Math.max(0, toShift));
    }

    /**
     * Returns the lower-cased Host header value of a request whose headers
     * are complete (without a port), or null while they are not or if it
     * has none.
     *
     * @param request the request bytes so far
     * @return host or null
     */
    public static String hostHeader(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        int end = text.indexOf(HEADERS_END);
        if (end < 0) {
            return null;
        }
        int line = text.indexOf(CRLF) + CRLF.length();
        while (line < end + CRLF.length()) {
            int next = text.indexOf(CRLF, line);
            if (text.regionMatches(true, line, HOST, 0, HOST.length())) {
                String host = text.substring(line + HOST.length(), next).trim();
                int colon = host.lastIndexOf(':');
                if (colon >= 0 && host.indexOf(']') < colon) {
                    host = host.substring(0, colon);
                }
                return host.toLowerCase(Locale.ROOT);
            }
            line = next + CRLF.length();
        }
        return null;
    }

    /**
     * Forgets a connection (half-open, locally and in the shared map).
     *
     * @param key connection key
     * @return true if it was known locally
     */
    public boolean remove(ConnectionKey key) {
        halfOpen.remove(key);
        Conn c = by4.remove(key);
        if (c != null) {
            by6.remove(c.key6, c);
        }
        records.remove(key);
        return c != null;
    }

    /**
     * Returns the number of bound connections in the local tables.
     *
     * @return count
     */
    public int size() {
        return by4.size();
    }

    /**
     * Returns the number of half-open connections (SYN answered, backend not chosen).
     *
     * @return count
     */
    public int halfOpenCount() {
        return halfOpen.size();
    }

    /**
     * Returns the number of records in the shared map.
     *
     * @return count
     */
    public int recordCount() {
        return records.size();
    }

    /** A service's name and routes. */
    private static final class HttpService {
        final String name;
        final Map<String, Backend> routes;
        final Backend defaultBackend;

        HttpService(String name, Map<String, Backend> routes, Backend defaultBackend) {
            this.name = name;
            this.routes = routes;
            this.defaultBackend = defaultBackend;
        }
    }

    /** A connection whose SYN was answered and whose backend is not chosen yet. Guarded by its monitor. */
    private static final class HalfOpen {
        final ConnectionKey key;
        final ConnectPoint ingress;
        final MacAddress clientMac;
        final int clientIsn;
        final int appIsn;
        final int clientMss;
        final int clientWscale;
        final boolean sackOk;
        int clientWindow;
        final ByteArrayOutputStream request = new ByteArrayOutputStream();
        final List<IPv4> held = new ArrayList<>();
        boolean acked;

        HalfOpen(ConnectionKey key, ConnectPoint ingress, MacAddress clientMac, int clientIsn, int appIsn,
                 int window, byte[] options) {
            this.key = key;
            this.ingress = ingress;
            this.clientMac = clientMac;
            this.clientIsn = clientIsn;
            this.appIsn = appIsn;
            int mss = option(options, OPT_MSS);
            // RFC 9293 section 3.7.1: 536 without the option.
            this.clientMss = mss < 0 ? 536 : mss;
            this.clientWscale = wscale(options);
            this.sackOk = sackOk(options);
            this.clientWindow = window;
        }
    }

    /** Local state of one bound connection. Guarded by its monitor while the backend is connecting. */
    private static final class Conn {
        volatile Connection record;
        final V6Key key6;
        final MacAddress backendMac;
        final ConnectPoint backendAt;
        final int clientIsn;
        final int appIsn;
        final int clientWindow;
        final int appWscale;
        final List<IPv4> held;

        Conn(Connection record, V6Key key6, MacAddress backendMac, ConnectPoint backendAt, HalfOpen h) {
            this.record = record;
            this.key6 = key6;
            this.backendMac = backendMac;
            this.backendAt = backendAt;
            this.clientIsn = h.clientIsn;
            this.appIsn = h.appIsn;
            this.clientWindow = h.clientWindow;
            this.appWscale = h.clientWscale == NO_WSCALE ? NO_WSCALE : APP_WSCALE;
            this.held = new ArrayList<>(h.held);
        }
    }
}
