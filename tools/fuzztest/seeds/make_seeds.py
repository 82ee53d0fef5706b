#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tools/fuzztest) from real frame layouts.

Run from anywhere: python3 tools/fuzztest/seeds/make_seeds.py. Standard library only.
Each file is one input: for the translator targets a mode byte (0: checksums as written,
see Fixup.java) and an IP packet; for the sniffers a split seed byte and a client's first
bytes; for netcfg a JSON document; for the FuzzedDataProvider targets (packet readers,
incremental checksum, split, SYN cookies, fragment queue) byte strings from a fixed
pseudo-random generator and frames, which the provider cuts into numbers and bytes.
"""
import os
import random
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'test', 'resources', 'org',
                    'v6proxy')


def csum(data):
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while s > 0xffff:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def a4(text):
    return bytes(int(x) for x in text.split('.'))


def a6(text):
    import ipaddress
    return ipaddress.IPv6Address(text).packed


CLIENT4, VIP4 = a4('10.0.0.5'), a4('192.0.2.42')
CLIENT6 = a6('64:ff9b::a00:5')          # 10.0.0.5 in the well-known prefix (RFC 6052)
BACKEND6 = a6('2001:db8:100::2a')       # 192.0.2.42 through the explicit mapping (RFC 7757)


def ip4(proto, payload, src=CLIENT4, dst=VIP4, ttl=64, flags=0x4000, ident=0x1c46, options=b'', tos=0,
        total=None):
    ihl = 20 + len(options)
    total = ihl + len(payload) if total is None else total
    h = struct.pack('!BBHHHBBH4s4s', 0x40 | ihl // 4, tos, total, ident, flags, ttl, proto, 0, src, dst) + options
    h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
    return h + payload


def l4_4(proto, seg, src=CLIENT4, dst=VIP4):
    at = {6: 16, 17: 6, 1: 2}[proto]
    pseudo = b'' if proto == 1 else src + dst + struct.pack('!BBH', 0, proto, len(seg))
    c = csum(pseudo + seg)
    if proto == 17 and c == 0:
        c = 0xffff
    return seg[:at] + struct.pack('!H', c) + seg[at + 2:]


def l4_6(proto, seg, src, dst):
    at = {6: 16, 17: 6, 58: 2}[proto]
    pseudo = src + dst + struct.pack('!IxxxB', len(seg), proto)
    return seg[:at] + struct.pack('!H', csum(pseudo + seg)) + seg[at + 2:]


def tcp(sport, dport, seq, ack, flags, data=b'', options=b'', window=64240):
    while len(options) % 4:
        options += b'\x01'
    off = (20 + len(options)) // 4
    return struct.pack('!HHIIBBHHH', sport, dport, seq, ack, off << 4, flags, window, 0, 0) + options + data


def udp(sport, dport, data):
    return struct.pack('!HHHH', sport, dport, 8 + len(data), 0) + data


SYN_OPTS = b'\x02\x04\x05\xb4\x04\x02\x08\x0a\x00\x01\x02\x03\x00\x00\x00\x00\x01\x03\x03\x07'
HTTP_REQ = b'GET /index.html HTTP/1.1\r\nHost: a.example\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n'
DNS_Q = bytes.fromhex('1234010000010000000000000161076578616d706c650000010001')


def client_hello(sni, extra_ext=b''):
    exts = b''
    if sni is not None:
        name = sni.encode()
        entry = b'\x00' + struct.pack('!H', len(name)) + name
        lst = struct.pack('!H', len(entry)) + entry
        exts += struct.pack('!HH', 0, len(lst)) + lst
    exts += struct.pack('!HH', 0x000a, 4) + b'\x00\x02\x00\x1d'                        # supported_groups
    exts += struct.pack('!HH', 0x002b, 3) + b'\x02\x03\x04'                            # supported_versions
    kx = bytes(range(32))
    ks = struct.pack('!HH', 0x001d, 32) + kx
    exts += struct.pack('!HHH', 0x0033, len(ks) + 2, len(ks)) + ks                      # key_share
    exts += extra_ext
    body = b'\x03\x03' + bytes(32) + b'\x20' + bytes(range(32)) + b'\x00\x04\x13\x01\x13\x02' + b'\x01\x00'
    body += struct.pack('!H', len(exts)) + exts
    hs = b'\x01' + struct.pack('!I', len(body))[1:] + body
    return hs


def tls_records(hs, split=None):
    parts = [hs] if split is None else [hs[:split], hs[split:]]
    return b''.join(b'\x16\x03\x01' + struct.pack('!H', len(p)) + p for p in parts)


def ip6(nh, payload, src=BACKEND6, dst=CLIENT6, hop=64, tc=0, flow=0x12345):
    return struct.pack('!IHBB', 6 << 28 | tc << 20 | flow, len(payload), nh, hop) + src + dst + payload


def write(group, method, name, data):
    d = os.path.join(ROOT, group + 'Inputs', method)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'seed-' + name), 'wb') as f:
        f.write(data)


def translator():
    syn = ip4(6, l4_4(6, tcp(40000, 80, 1000, 0, 0x02, options=SYN_OPTS)))
    req = ip4(6, l4_4(6, tcp(40000, 80, 1001, 5001, 0x18, HTTP_REQ)))
    hello = ip4(6, l4_4(6, tcp(40001, 443, 7, 9, 0x18, tls_records(client_hello('a.example')))))
    dns = ip4(17, l4_4(17, udp(53000, 53, DNS_Q)))
    udp0 = ip4(17, udp(53001, 53, DNS_Q), flags=0)
    echo = ip4(1, l4_4(1, struct.pack('!BBHHH', 8, 0, 0, 0x77, 1) + b'abcdefgh' * 7))
    big = ip4(6, l4_4(6, tcp(40000, 80, 1, 1, 0x10, bytes(1460))))
    ttl1 = ip4(6, l4_4(6, tcp(40000, 80, 1, 1, 0x10, b'x')), ttl=1)
    rr = ip4(17, l4_4(17, udp(1, 2, b'opt')), options=b'\x07\x07\x04\x00\x00\x00\x00\x00')
    lsrr = ip4(17, l4_4(17, udp(1, 2, b'opt')), options=b'\x83\x07\x04\xc0\x00\x02\x01\x00')
    whole = l4_4(17, udp(5000, 5001, bytes(range(256)) * 4))
    frag1 = ip4(17, whole[:512], flags=0x2000, ident=0x4242)
    frag2 = ip4(17, whole[512:], flags=512 // 8, ident=0x4242)
    # ICMPv4 errors from a router about a packet the VIP sent to the client (it quotes that packet).
    quoted_udp = ip4(17, l4_4(17, udp(53, 53000, DNS_Q), VIP4, CLIENT4), src=VIP4, dst=CLIENT4)
    quoted_tcp = ip4(6, l4_4(6, tcp(80, 40000, 5000, 1001, 0x18, b'HTTP/1.1 200 OK\r\n'), VIP4, CLIENT4),
                     src=VIP4, dst=CLIENT4)
    router = a4('10.0.0.1')

    def icmp_err(t, c, rest, quoted):
        return ip4(1, l4_4(1, struct.pack('!BBHI', t, c, 0, rest) + quoted[:548]), src=router, dst=VIP4, flags=0)
    errors = {
        'icmp-port-unreachable': icmp_err(3, 3, 0, quoted_udp),
        'icmp-frag-needed': icmp_err(3, 4, 1400, quoted_tcp),
        'icmp-frag-needed-mtu0': icmp_err(3, 4, 0, quoted_tcp),
        'icmp-time-exceeded': icmp_err(11, 0, 0, quoted_tcp),
        'icmp-param-problem': icmp_err(12, 0, 8 << 24, quoted_tcp),
        'icmp-host-prohibited': icmp_err(3, 10, 0, quoted_udp),
    }
    four = {'tcp-syn': syn, 'http-request': req, 'tls-clienthello': hello, 'udp-dns': dns, 'udp-zero-checksum': udp0,
            'icmp-echo': echo, 'tcp-1500': big, 'ttl-1': ttl1, 'ip-options-rr': rr, 'ip-options-lsrr': lsrr,
            'fragment-first': frag1, 'fragment-later': frag2}
    four.update(errors)
    for name, p in four.items():
        write('fuzz/TranslatorFuzzTest', 'translate4to6', name, b'\0' + p)
        if not name.startswith('icmp-') or name == 'icmp-echo':
            write('fuzz/TranslatorFuzzTest', 'roundTrip4to6to4', name, b'\0' + p)

    synack = ip6(6, l4_6(6, tcp(80, 40000, 5000, 1001, 0x12, options=SYN_OPTS), BACKEND6, CLIENT6))
    resp = ip6(6, l4_6(6, tcp(80, 40000, 5001, 1090, 0x18, b'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'),
                       BACKEND6, CLIENT6))
    dns6 = ip6(17, l4_6(17, udp(53, 53000, DNS_Q + bytes(16)), BACKEND6, CLIENT6))
    echo6 = ip6(58, l4_6(58, struct.pack('!BBHHH', 129, 0, 0, 0x77, 1) + b'abcdefgh' * 7, BACKEND6, CLIENT6))
    q6_udp = ip6(17, l4_6(17, udp(53000, 53, DNS_Q), CLIENT6, BACKEND6), src=CLIENT6, dst=BACKEND6)
    q6_tcp = ip6(6, l4_6(6, tcp(40000, 80, 1001, 5001, 0x18, HTTP_REQ), CLIENT6, BACKEND6), src=CLIENT6, dst=BACKEND6)
    router6 = a6('2001:db8:100::1')

    def icmp6_err(t, c, rest, quoted):
        body = struct.pack('!BBHI', t, c, 0, rest) + quoted[:1232]
        return ip6(58, l4_6(58, body, router6, CLIENT6), src=router6)
    fh = lambda nh, off, m, ident: struct.pack('!BBHI', nh, 0, off << 3 | m, ident)
    whole6 = l4_6(17, udp(53, 53000, bytes(range(256)) * 4), BACKEND6, CLIENT6)
    six = {
        'tcp-synack': synack, 'http-response': resp, 'udp-dns': dns6, 'icmp6-echo-reply': echo6,
        'icmp6-port-unreachable': icmp6_err(1, 4, 0, q6_udp),
        'icmp6-packet-too-big': icmp6_err(2, 0, 1280, q6_tcp),
        'icmp6-time-exceeded': icmp6_err(3, 0, 0, q6_tcp),
        'icmp6-param-problem': icmp6_err(4, 0, 40, q6_tcp),
        'fragment-first': ip6(44, fh(17, 0, 1, 0xabcdef) + whole6[:512]),
        'fragment-later': ip6(44, fh(17, 64, 0, 0xabcdef) + whole6[512:]),
        'atomic-fragment': ip6(44, fh(6, 0, 0, 7) + l4_6(6, tcp(80, 40000, 1, 1, 0x10, b'x'), BACKEND6, CLIENT6)),
        'hop-by-hop-dest-options': ip6(0, struct.pack('!BB6x', 60, 0) + struct.pack('!BB6x', 6, 0)
                                       + l4_6(6, tcp(80, 40000, 1, 1, 0x10, b'y'), BACKEND6, CLIENT6)),
        'routing-segments-left': ip6(43, struct.pack('!BBBB4x', 6, 2, 0, 1) + bytes(16)
                                     + l4_6(6, tcp(80, 40000, 1, 1, 0x10, b'z'), BACKEND6, CLIENT6)),
        'hop-limit-1': ip6(17, l4_6(17, udp(53, 53000, b'q'), BACKEND6, CLIENT6), hop=1),
        'no-next-header': ip6(59, b''),
    }
    for name, p in six.items():
        write('fuzz/TranslatorFuzzTest', 'translate6to4', name, b'\0' + p)


def sniffers():
    prefix = [b'GET /api/v1', b'AB', b'A', b'SSH-2.0-OpenSSH_9.6\r\n', 'été'.encode(), b'GET /', b'\x00\xff']
    for i, s in enumerate(prefix):
        write('fuzz/SnifferFuzzTest', 'prefix', str(i), bytes([i * 37 & 0xff]) + s)
    http = [
        HTTP_REQ,
        b'GET / HTTP/1.1\r\nHOST: A.Example.:8080\r\n\r\n',
        b'GET http://b.b.example/x HTTP/1.1\r\nHost: other\r\n\r\n',
        b'POST /f HTTP/1.0\nUser-Agent: x\nHost: [2001:db8::1]:80\n\ndata',
        b'GET / HTTP/1.1\r\nX-Long: ' + b'a' * 3000 + b'\r\nHost: a.example\r\n\r\n',
        b'GET / HTTP/1.1\r\nHost:a.example\r\nHost: b.example\r\n\r\n',
        b'GET / HTTP/1.1\r\n Host: folded\r\n\r\n',
        b'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
    ]
    for i, s in enumerate(http):
        write('fuzz/SnifferFuzzTest', 'httpHost', str(i), bytes([i * 53 & 0xff]) + s)
    hs = client_hello('a.example')
    pad = struct.pack('!HH', 0x0015, 1200) + bytes(1200)
    tls = [
        tls_records(hs),
        tls_records(hs, split=40),
        tls_records(client_hello('Www.B.Example.')),
        tls_records(client_hello(None)),
        tls_records(client_hello('x.b.example', pad)),
        tls_records(hs)[:60],
    ]
    for i, s in enumerate(tls):
        write('fuzz/SnifferFuzzTest', 'tlsSni', str(i), bytes([i * 71 & 0xff]) + s)


def netcfg():
    example = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'demo', 'netcfg.json')).read()
    inner = example[example.index('"v6proxy": {') + len('"v6proxy": '):example.rindex('} } }')].strip()
    docs = {
        'demo': inner,
        'all-fields': '{"clientPrefix": "64:ff9b::/96", "gatewayMac": "02:00:00:00:46:01", "ipv4Mtu": 1400,'
                      ' "ipv6Mtu": 9000, "tcpEstablishedIdleSec": 100, "tcpTransitoryIdleSec": 5, "udpIdleSec": 30,'
                      ' "services": [{"name": "t", "vip": "10.0.0.9", "port": 443, "mode": "tls",'
                      ' "routes": [{"match": "*.example", "backend": "[2001:db8::9]:8443"}],'
                      ' "defaultBackend": "[2001:db8::1]:443", "prereadTimeoutMs": 100},'
                      ' {"name": "q", "vip": "10.0.0.9", "port": 443, "protocol": "udp", "mode": "quic",'
                      ' "routes": [{"match": "a.example", "backend": "[2001:db8::2]:443"}]}]}',
        'prefix-32': '{"clientPrefix": "2001:db8::/32", "gatewayMac": "02:00:00:00:46:01", "services": []}',
        'bad-backend': '{"clientPrefix": "2001:db8:46::/96", "gatewayMac": "02:00:00:00:46:01", "services":'
                       ' [{"name": "x", "vip": "10.0.0.1", "port": 80, "mode": "l4", "defaultBackend": "10.0.0.1:80"}]}',
        'wrong-types': '{"clientPrefix": 7, "gatewayMac": [], "ipv4Mtu": "big", "services": {"name": null}}',
        'duplicates': '{"clientPrefix": "2001:db8:46::/96", "gatewayMac": "02:00:00:00:46:01", "services":'
                      ' [{"name": "a", "vip": "10.0.0.1", "port": 80, "mode": "l4", "defaultBackend": "[::1]:80"},'
                      ' {"name": "a", "vip": "10.0.0.1", "port": 80, "mode": "http"}]}',
        'numbers': '{"clientPrefix": "2001:db8:46::/96", "gatewayMac": "02:00:00:00:46:01", "ipv4Mtu": 1e400,'
                   ' "udpIdleSec": -1, "services": [{"name": "n", "vip": "10.0.0.1", "port": 70000, "mode": "l4"}]}',
    }
    for name, text in docs.items():
        write('impl/NetcfgFuzzTest', 'config', name, text.encode())


def provider_blobs():
    rnd = random.Random(6052)
    frames = [ip4(6, l4_4(6, tcp(1, 2, 3, 4, 0x02, options=SYN_OPTS))),
              b'\x00' * 12 + b'\x81\x00\x00\x05\x08\x00' + ip4(17, l4_4(17, udp(1, 2, b'v')))]
    for method, count in (('readers', 6), ('incrementalChecksum', 4), ('split', 6)):
        for i in range(count):
            blob = bytes(rnd.getrandbits(8) for _ in range(rnd.randint(16, 120)))
            if i < len(frames):
                blob = bytes(rnd.getrandbits(8) for _ in range(8)) + frames[i]
            write('fuzz/PacketFuzzTest', method, str(i), blob)
    for i in range(4):
        write('fuzz/SynCookieFuzzTest', 'validate', str(i), bytes(rnd.getrandbits(8) for _ in range(64)))
    for i in range(6):
        write('impl/FragmentQueueFuzzTest', 'fragments', str(i),
              bytes(rnd.getrandbits(8) for _ in range(rnd.randint(40, 400))))


GW_MAC = bytes.fromhex('020000004601')
H1_MAC, H2_MAC, C_MAC = bytes.fromhex('020000000001'), bytes.fromhex('020000000002'), bytes.fromhex('020000000003')
PC4, PVIP43, PVIP42 = a4('10.0.0.3'), a4('10.0.0.43'), a4('10.0.0.42')
PH1 = a6('2001:db8::1')
PC6 = a6('2001:db8:46::a00:3')


def eth(dst, src, etype, payload):
    return dst + src + struct.pack('!H', etype) + payload


def record(control, frame):
    return bytes([control]) + struct.pack('!H', len(frame)) + frame


def client_tcp(dport, seq, ack, flags, data=b'', options=b'', vip=PVIP42, sport=40000):
    seg = l4_4(6, tcp(sport, dport, seq, ack, flags, data, options), PC4, vip)
    return eth(GW_MAC, C_MAC, 0x0800, ip4(6, seg, src=PC4, dst=vip))


def delayed_flow(dport, payload):
    """SYN, the ACK of the proxy's cookie (control bit 4), then the first bytes."""
    return (record(2, client_tcp(dport, 1000, 0, 0x02, options=SYN_OPTS))
            + record(2 | 0x10 | 0x08, client_tcp(dport, 1001, 0, 0x10))
            + record(2 | 0x10 | 0x08, client_tcp(dport, 1001, 0, 0x18, payload)))


def processor():
    l4 = (record(2, client_tcp(5201, 1000, 0, 0x02, options=SYN_OPTS, vip=PVIP43))
          + record(0, eth(GW_MAC, H1_MAC, 0x86dd,
                          ip6(6, l4_6(6, tcp(5201, 40000, 5000, 1001, 0x12, options=SYN_OPTS), PH1, PC6),
                              src=PH1, dst=PC6)))
          + record(2, client_tcp(5201, 1001, 5001, 0x10, b'data', vip=PVIP43))
          + record(2, client_tcp(5201, 1005, 5001, 0x04, vip=PVIP43)))
    dns = eth(GW_MAC, C_MAC, 0x0800, ip4(17, l4_4(17, udp(53000, 53, DNS_Q), PC4, PVIP43), src=PC4, dst=PVIP43))
    arp = eth(b'\xff' * 6, C_MAC, 0x0806, struct.pack('!HHBBH', 1, 0x0800, 6, 4, 1) + C_MAC + PC4 + bytes(6) + PVIP42)
    ns_target = PC6
    ns = struct.pack('!BBHI', 135, 0, 0, 0) + ns_target + b'\x01\x01' + H1_MAC
    sol = a6('ff02::1:ff00:3')
    ndp = eth(bytes.fromhex('3333ff000003'), H1_MAC, 0x86dd,
              ip6(58, l4_6(58, ns, PH1, sol), src=PH1, dst=sol, hop=255))
    whole = l4_4(6, tcp(40002, 8080, 1001, 0, 0x18, HTTP_REQ * 20), PC4, PVIP42)
    frags = b''.join(record(2 | 0x10 | 0x08 if i == 0 else 2, eth(GW_MAC, C_MAC, 0x0800, ip4(
        6, whole[i:i + 800], src=PC4, dst=PVIP42, flags=(0x2000 if i + 800 < len(whole) else 0) | i // 8,
        ident=77))) for i in range(0, len(whole), 800))
    router = a4('192.0.2.1')
    quoted = ip4(6, l4_4(6, tcp(5201, 40000, 5000, 1001, 0x10), PVIP43, PC4), src=PVIP43, dst=PC4)
    icmp_err = eth(GW_MAC, C_MAC, 0x0800, ip4(1, l4_4(1, struct.pack('!BBHI', 3, 4, 0, 1400) + quoted),
                                                 src=router, dst=PVIP43, flags=0))
    quic = eth(GW_MAC, C_MAC, 0x0800, ip4(17, l4_4(17, udp(50000, 443, b'\xc3\x00\x00\x00\x01\x08' + bytes(1200)),
                                                   PC4, PVIP42), src=PC4, dst=PVIP42))
    flows = {
        'l4-tcp': l4, 'l4-udp': record(2, dns), 'arp': record(2, arp), 'ndp': record(0, ndp),
        'prefix': delayed_flow(80, b'AB hello'), 'http': delayed_flow(8080, HTTP_REQ),
        'tls': delayed_flow(443, tls_records(client_hello('a.example'))),
        'http-fragments': record(2, client_tcp(8080, 1000, 0, 0x02, options=SYN_OPTS, sport=40002)) + frags,
        'icmp-error': l4 + record(2, icmp_err), 'quic-initial': record(2, quic),
    }
    for name, data in flows.items():
        write('impl/ProcessorFuzzTest', 'frames', name, data)


if __name__ == '__main__':
    translator()
    sniffers()
    netcfg()
    provider_blobs()
    processor()
