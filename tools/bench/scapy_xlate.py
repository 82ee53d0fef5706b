#!/usr/bin/python3
# Copyright 2026-present v6proxy contributors
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
"""The prototype's way of translating a segment, timed.

The prototype's controller parsed each packet-in with scapy, rebuilt it as
IPv6/TCP (or IPv4/TCP back) with the mapped addresses and ports and let scapy
recompute lengths and checksums when turning it into bytes. This script does
that on the frames of v6proxy's translation benchmark (written by
org.v6proxy.impl.FrameDump: <dir>/{c2b,b2c}-<payload>.in, the frames v6proxy
emits for them in .out, and mapping.json) and reports packets per second for
each direction and payload size. Before timing, each rebuilt frame is
compared with v6proxy's output: the two must be byte-identical, otherwise the
comparison would be void and the script exits with status 2.

With --paired JAVA_COMMAND (the command that starts
org.v6proxy.impl.XlateLoop), v6proxy's path is timed in the same way in a
Java process, alternating with scapy slice by slice (--rounds slices of
--seconds each, after --warm seconds of JIT warm-up), so that both see the
same load on shared cores; each side's result is the median of its slices.

Output: one JSON object on stdout: {"c2b-64": packets_per_second, ...}, or
with --paired {"c2b-64": {"scapy": pps, "v6proxy": pps}, ...}.
"""

import argparse
import itertools
import json
import os
import shlex
import statistics
import subprocess
import sys
import time

from scapy.layers.inet import IP, TCP
from scapy.layers.inet6 import IPv6
from scapy.layers.l2 import Ether
from scapy.packet import Raw


def client_to_backend(raw, m):
    """RFC 7915 section 4: an IPv4 segment to the VIP becomes IPv6 to the backend."""
    p = Ether(raw)
    ip = p[IP]
    tcp = p[TCP]
    out = (Ether(dst=m["backendMac"], src=m["gatewayMac"])
           / IPv6(tc=ip.tos, fl=0, nh=6, hlim=ip.ttl - 1, src=m["client6"], dst=m["backend6"])
           / TCP(sport=tcp.sport, dport=m["backendPort"], seq=tcp.seq, ack=tcp.ack, dataofs=tcp.dataofs,
                 flags=tcp.flags, window=tcp.window, urgptr=tcp.urgptr, options=tcp.options)
           / Raw(load=bytes(tcp.payload)))
    return bytes(out)


_IDS = itertools.count(1)


def backend_to_client(raw, m, ident=None):
    """RFC 7915 section 5: an IPv6 segment from the backend becomes IPv4 from the VIP.

    Section 5.1: a translated packet of at most 1260 bytes gets DF clear and an identification
    from a generator (here a counter; `ident` fixes it to compare with v6proxy's own choice),
    a larger one DF set and identification 0.
    """
    p = Ether(raw)
    ip6 = p[IPv6]
    tcp = p[TCP]
    small = 20 + ip6.plen <= 1260
    ident = (next(_IDS) & 0xffff if ident is None else ident) if small else 0
    out = (Ether(dst=m["clientMac"], src=m["gatewayMac"])
           / IP(tos=ip6.tc, id=ident, flags=0 if small else "DF", frag=0, ttl=ip6.hlim - 1, proto=6,
                src=m["vip"], dst=m["client4"])
           / TCP(sport=m["servicePort"], dport=tcp.dport, seq=tcp.seq, ack=tcp.ack, dataofs=tcp.dataofs,
                 flags=tcp.flags, window=tcp.window, urgptr=tcp.urgptr, options=tcp.options)
           / Raw(load=bytes(tcp.payload)))
    return bytes(out)


def timed(fn, raw, m, seconds):
    """Packets per second of fn over at least `seconds` (checked every 64 packets)."""
    n = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for _ in range(64):
            fn(raw, m)
        n += 64
        now = time.perf_counter()
        if now >= deadline:
            return n / (now - start)


class Java:
    """The XlateLoop process, one command line and one answer line at a time."""

    def __init__(self, command):
        self.proc = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     universal_newlines=True, bufsize=1)

    def ask(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        if not answer or answer.startswith("error"):
            print("scapy_xlate: XlateLoop answered %r to %r" % (answer, line), file=sys.stderr)
            sys.exit(3)
        return answer

    def close(self):
        self.proc.stdin.write("quit\n")
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("frames", help="directory written by FrameDump")
    ap.add_argument("--seconds", type=float, default=1.0, help="timed seconds per case (per slice with --paired)")
    ap.add_argument("--paired", help="command starting org.v6proxy.impl.XlateLoop")
    ap.add_argument("--rounds", type=int, default=3, help="slices per case and side with --paired")
    ap.add_argument("--warm", type=float, default=6.0, help="JIT warm-up seconds of the Java side")
    args = ap.parse_args()
    java = Java(args.paired) if args.paired else None
    if java:
        java.ask("warm %g" % args.warm)
    with open(os.path.join(args.frames, "mapping.json")) as f:
        m = json.load(f)
    results = {}
    for direction, fn in (("c2b", client_to_backend), ("b2c", backend_to_client)):
        for size in m["payloads"].split(","):
            name = "%s-%s" % (direction, size)
            with open(os.path.join(args.frames, name + ".in"), "rb") as f:
                raw = f.read()
            with open(os.path.join(args.frames, name + ".out"), "rb") as f:
                want = f.read()
            # The identification of a small IPv4 packet is the translator's own choice (RFC 7915
            # 5.1): compare with the one v6proxy chose, everything else byte for byte.
            got = fn(raw, m, int.from_bytes(want[18:20], "big")) if direction == "b2c" else fn(raw, m)
            if got != want:
                first = next((i for i in range(min(len(got), len(want))) if got[i] != want[i]),
                             min(len(got), len(want)))
                print("scapy_xlate: %s differs from v6proxy's frame at byte %d (%d vs %d bytes)"
                      % (name, first, len(got), len(want)), file=sys.stderr)
                sys.exit(2)
            fn(raw, m)  # warm-up
            if java:
                v6proxy, scapy = [], []
                for _ in range(args.rounds):
                    v6proxy.append(float(java.ask("run %s %g" % (name, args.seconds))))
                    scapy.append(timed(fn, raw, m, args.seconds))
                results[name] = {"scapy": statistics.median(scapy), "v6proxy": statistics.median(v6proxy)}
            else:
                results[name] = timed(fn, raw, m, args.seconds)
    if java:
        java.close()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
