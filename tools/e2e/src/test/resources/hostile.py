#!/usr/bin/python3
"""Hostile client for the v6proxy end-to-end suite; Python standard library only.

Runs inside a client namespace and writes raw Ethernet frames with an AF_PACKET socket.

  hostile.py overlap VARIANT   connect to 10.0.0.42:8080 with a kernel socket, send an
                               incomplete request for a.example, inject a segment that
                               overlaps it with other bytes (VARIANT: same | partial), then
                               complete the request from the socket; prints the request sent
  hostile.py rstdownload PATH  download http://10.0.0.42:8080/PATH (Host a.example) while
                               injecting 300 RSTs with random sequence numbers on the same
                               4-tuple; prints the body's SHA-256
  hostile.py synflood N PORT   N SYNs to 10.0.0.43:PORT from 10.0.0.100-250 (spoofed),
                               every one a new 4-tuple
  hostile.py spoof6 SRC N      (run on a backend) N UDP datagrams from this host's MAC with the
                               IPv6 source SRC (another backend's address) to a client-prefix
                               address, 50 ms apart: what makes a host service move SRC here
  hostile.py echoes PORT N     (run on a client) one connection to 10.0.0.43:PORT; N times, 100 ms
                               apart, send "ping I" and print the line that comes back
"""
import random
import socket
import struct
import sys
import time

IFACE = "eth0"
VIP_HTTP = "10.0.0.42"
VIP_L4 = "10.0.0.43"
GW_MAC = bytes.fromhex("020000004601")


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def frame(src_mac, src, dst, sport, dport, seq, ack, flags, payload=b"", window=65535):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff, 5 << 4, flags, window, 0, 0)
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 6, len(tcp) + len(payload))
    c = csum(pseudo + tcp + payload)
    tcp = tcp[:16] + struct.pack("!H", c) + tcp[18:]
    total = 20 + len(tcp) + len(payload)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, random.randint(0, 0xffff), 0x4000, 64, 6, 0,
                     socket.inet_aton(src), socket.inet_aton(dst))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return GW_MAC + src_mac + b"\x08\x00" + ip + tcp + payload


def own_mac():
    with open("/sys/class/net/%s/address" % IFACE) as f:
        return bytes.fromhex(f.read().strip().replace(":", ""))


def overlap(variant):
    raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
    raw.bind((IFACE, 0))
    raw.settimeout(0.2)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s.settimeout(10)
    s.connect((VIP_HTTP, 8080))
    src, sport = s.getsockname()
    isn = None
    deadline = time.time() + 3
    # The SYN went out before connect() returned: find it in what the packet socket saw.
    while isn is None and time.time() < deadline:
        try:
            f = raw.recv(2048)
        except socket.timeout:
            break
        if len(f) >= 54 and f[12:14] == b"\x08\x00" and f[23] == 6:
            ihl = (f[14] & 15) * 4
            t = 14 + ihl
            fs, fd = struct.unpack("!HH", f[t:t + 4])
            flags = f[t + 13]
            if fs == sport and flags & 0x02 and not flags & 0x10:
                isn = struct.unpack("!I", f[t + 4:t + 8])[0]
    if isn is None:
        # The SYN left before the packet socket was reading: the handshake ACK carries ISN + 1 as well.
        print("no SYN seen", file=sys.stderr)
        sys.exit(2)
    head = b"GET /whoami HTTP/1.1\r\nHost: a.example\r\nUser-Agent: hostile\r\n"
    s.sendall(head)
    time.sleep(0.2)
    ack = 0
    if variant == "same":
        forged = head.replace(b"a.example", b"b.example")
        at = 0
    else:
        # A tail that starts inside the Host value and claims another name.
        at = head.index(b"a.example") + 2
        forged = b"b.example\r\nUser-Agent: hostile\r\n"
        forged = forged[:len(head) - at]
    raw.send(frame(own_mac(), src, VIP_HTTP, sport, 8080, isn + 1 + at, ack, 0x18, forged))
    time.sleep(0.2)
    s.sendall(b"\r\n")
    answer = b""
    try:
        while b"\r\n\r\n" not in answer or len(answer) < 40:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
    except socket.timeout:
        pass
    sys.stdout.write((head + b"\r\n").decode())
    sys.stdout.write("---\n" + answer.decode(errors="replace"))


def rstdownload(path):
    import hashlib
    raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    raw.bind((IFACE, 0))
    mac = own_mac()
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
    s.settimeout(30)
    s.connect((VIP_HTTP, 8080))
    src, sport = s.getsockname()
    s.sendall(("GET /%s HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n" % path).encode())
    data = b""
    injected = 0
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
        if injected < 300:
            for _ in range(10):
                raw.send(frame(mac, src, VIP_HTTP, sport, 8080, random.getrandbits(32), 0, 0x04))
                injected += 1
            time.sleep(0.002)
    body = data[data.index(b"\r\n\r\n") + 4:]
    print(hashlib.sha256(body).hexdigest(), injected)


def synflood(n, port):
    raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    raw.bind((IFACE, 0))
    mac = own_mac()
    for i in range(n):
        src = "10.0.0.%d" % (100 + i % 151)
        raw.send(frame(mac, src, VIP_L4, 1024 + i // 151, port, random.getrandbits(32), 0, 0x02))
        if i % 100 == 99:
            # Paced (about 20,000 frames/s) so the TAP's queue, not the proxy, is not what drops them.
            time.sleep(0.005)
    print(n)


def spoof6(src, n):
    raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    raw.bind((IFACE, 0))
    mac = own_mac()
    s6 = socket.inet_pton(socket.AF_INET6, src)
    d6 = socket.inet_pton(socket.AF_INET6, "2001:db8:46::a00:3")
    for i in range(n):
        payload = b"spoof %d" % i
        udp = struct.pack("!HHHH", 40000, 9, 8 + len(payload), 0) + payload
        pseudo = s6 + d6 + struct.pack("!IxxxB", len(udp), 17)
        udp = udp[:6] + struct.pack("!H", csum(pseudo + udp) or 0xffff) + udp[8:]
        ip6 = struct.pack("!IHBB", 6 << 28, len(udp), 17, 64) + s6 + d6
        raw.send(GW_MAC + mac + b"\x86\xdd" + ip6 + udp)
        time.sleep(0.05)
    print(n)


def echoes(port, n):
    s = socket.create_connection((VIP_L4, port), timeout=10)
    f = s.makefile("rwb")
    for i in range(n):
        f.write(b"ping %d\n" % i)
        f.flush()
        line = f.readline()
        if not line:
            print("closed")
            break
        sys.stdout.write(line.decode(errors="replace"))
        sys.stdout.flush()
        time.sleep(0.1)


if __name__ == "__main__":
    if sys.argv[1] == "overlap":
        overlap(sys.argv[2])
    elif sys.argv[1] == "rstdownload":
        rstdownload(sys.argv[2])
    elif sys.argv[1] == "spoof6":
        spoof6(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "echoes":
        echoes(int(sys.argv[2]), int(sys.argv[3]))
    else:
        synflood(int(sys.argv[2]), int(sys.argv[3]))
