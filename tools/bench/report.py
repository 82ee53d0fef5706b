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
"""Turns one tools/bench/run into the results table.

Reads the JMH JSON results, the memory measurement and the scapy timings of
one run, prints one table, merges the rows into docs/bench/results.json (rows
of other benchmarks, e.g. tools/bench/e2e, are kept) and rewrites the
generated part of docs/bench/README.md. Throughputs are the median of the
measured iterations (the machines are shared and noisy; the median resists a
slow iteration better than the mean). Nothing here judges the numbers.
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys

ONLAB = "org.onlab.packet (deserialize, build, serialize)"
SCAPY = "scapy (Debian python3-scapy)"
SIZES = ("64", "512", "1460")
# SetupBench's mode parameter and the row label of each.
SETUP_MODES = (("l4", "l4"), ("http", "http (delayed binding)"))
DIRECTIONS = (("4to6", "ClientToBackend", "c2b"), ("6to4", "BackendToClient", "b2c"))
START = "<!-- bench:generated:start -->"
END = "<!-- bench:generated:end -->"
ETH, IP4, IP6, TCP = 14, 20, 40, 20


def load_jmh(path):
    """{(Class.method, payload or mode): (median ops/s, B/op)} of a JMH JSON result file.

    A group benchmark (two methods run at the same time, one thread each) is
    split into its methods; their B/op is None (JMH's gc profiler does not
    separate them).
    """
    out = {}
    if not path or not os.path.exists(path):
        return out
    with open(path) as f:
        for r in json.load(f):
            parts = r["benchmark"].rsplit(".", 2)
            cls = parts[-2]
            param = next(iter(r.get("params", {}).values()), "")
            norm = None
            methods = {}
            for key, m in r.get("secondaryMetrics", {}).items():
                key = key.lstrip("\u00b7")
                if key == "gc.alloc.rate.norm":
                    norm = m["score"]
                elif not key.startswith("gc.") and m.get("rawData"):
                    methods[key] = statistics.median([x for fork in m["rawData"] for x in fork])
            if methods:
                for name, ops in methods.items():
                    out[(cls + "." + name, param)] = (ops, None)
            else:
                raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
                out[(cls + "." + parts[-1], param)] = (statistics.median(raw), norm)
    return out


def ratio(v, b):
    return None if v is None or b in (None, 0) else v / b


def row(name, v6proxy, baseline, baseline_name, unit, r):
    return {"name": name, "v6proxy": v6proxy, "baseline": baseline, "baselineName": baseline_name,
            "unit": unit, "ratio": r}


def frame_array_bytes(direction, size):
    """Heap size of the output frame array: 16-byte header (64-bit JVM, compressed oops), 8-byte aligned."""
    n = ETH + (IP6 if direction == "4to6" else IP4) + TCP + int(size)
    return (16 + n + 7) // 8 * 8


def build_rows(jmh, alloc, mem, scapy):
    rows = []
    for d, method, _ in DIRECTIONS:
        for s in SIZES:
            v = jmh.get(("TranslateBench.v6proxy" + method, s), (None, None))
            b = jmh.get(("TranslateBench.onlab" + method, s), (None, None))
            rows.append(row("translate %s %sB" % (d, s), v[0], b[0], ONLAB, "packets/s", ratio(v[0], b[0])))
    for d, method, key in DIRECTIONS:
        for s in SIZES:
            v = jmh.get(("TranslateBench.v6proxy" + method, s), (None, None))[0]
            b = scapy.get("%s-%s" % (key, s))
            if isinstance(b, dict):
                # Paired run: v6proxy timed in the same slices as scapy.
                v, b = b.get("v6proxy"), b.get("scapy")
            rows.append(row("scapy %s %sB" % (d, s), v, b, SCAPY, "packets/s", ratio(v, b)))
    for d, method, _ in DIRECTIONS:
        for s in SIZES:
            v = alloc.get(("AllocBench.v6proxy" + method, s), (None, None))[1]
            b = alloc.get(("AllocBench.onlab" + method, s), (None, None))[1]
            rows.append(row("alloc %s %sB" % (d, s), v, b, ONLAB, "B/packet (ratio = baseline/v6proxy)",
                            ratio(b, v)))
    for mode, label in SETUP_MODES:
        v = jmh.get(("SetupBench.v6proxy", mode), (None, None))[0]
        b = jmh.get(("SetupBench.onlab", mode), (None, None))[0]
        rows.append(row("setup %s SYN to first data" % label, v, b, ONLAB + " + ConcurrentHashMap",
                        "connections/s", ratio(v, b)))
    if mem:
        rows.append(row("memory local tables", mem["v6proxyMirror"], mem["onlabMirror"],
                        "ConcurrentHashMaps keyed by ConnectionKey and an IPv6-side key object",
                        "B/connection (ratio = baseline/v6proxy)",
                        ratio(mem["onlabMirror"], mem["v6proxyMirror"])))
        rows.append(row("memory per connection, all", mem["v6proxyTotal"], mem["onlabTotal"],
                        "same, + the same record and in-memory ConsistentMap",
                        "B/connection (ratio = baseline/v6proxy)", ratio(mem["onlabTotal"], mem["v6proxyTotal"])))
        rows.append(row("record on heap", mem["recordHeap"], None, None, "B/connection", None))
        rows.append(row("record serialized (Kryo)", mem["recordSerialized"], None, None, "B/connection", None))
    return rows


def fmt(x):
    if x is None:
        return "-"
    if isinstance(x, str):
        return x
    if abs(x) >= 1000:
        return "{:,.0f}".format(x)
    if abs(x) >= 10:
        return "{:.1f}".format(x)
    return "{:.2f}".format(x)


def table(rows):
    head = ("name", "v6proxy", "baseline", "baselineName", "unit", "ratio")
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * len(head)) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(fmt(r[k]) for k in head) + " |")
    return "\n".join(lines)


def notes(rows, alloc, mem):
    by = {r["name"]: r for r in rows}
    out = []
    xl = [by["translate %s %sB" % (d, s)]["ratio"] for d, _, _ in DIRECTIONS for s in SIZES]
    sc = [by["scapy %s %sB" % (d, s)]["ratio"] for d, _, _ in DIRECTIONS for s in SIZES]
    xl = [x for x in xl if x is not None]
    sc = [x for x in sc if x is not None]
    if xl:
        out.append("* Per-packet path vs org.onlab.packet: %.1fx to %.1fx (target >= 10x)." % (min(xl), max(xl)))
    if sc:
        out.append("* Per-packet path vs scapy: %s to %s times (target >= 1000x)."
                   % (fmt(min(sc)), fmt(max(sc))))
    out.append("* Allocation per packet (target: the output frame only). Per packet, v6proxy's path"
               " allocates / its translator step alone allocates / the output frame array is:")
    for d, method, _ in DIRECTIONS:
        parts = []
        for s in SIZES:
            path = alloc.get(("AllocBench.v6proxy" + method, s), (None, None))[1]
            xlate = alloc.get(("AllocBench.translator" + method, s), (None, None))[1]
            parts.append("%sB: %s / %s / %d" % (s, fmt(path), fmt(xlate), frame_array_bytes(d, s)))
        out.append("  %s %s B." % (d, "; ".join(parts)))
    out.append("  The difference between path and translator is FrameSender.send(): a DefaultOutboundPacket"
               " (32 B) and ByteBuffer.wrap()'s HeapByteBuffer (56 B) per packet for PacketService.emit()"
               " (JFR allocation samples point at FrameSender.java:53).")
    if mem:
        out.append("* Memory: %d connections, median of %d rounds, heap used after full GCs (SerialGC)."
                   " The in-memory ConsistentMap holds the record object; a real ONOS cluster keeps the"
                   " serialized record (%s B) in its partitions instead."
                   % (mem["connections"], mem["rounds"], fmt(mem["recordSerialized"])))
    return "\n".join(out)


def merge_json(path, rows):
    mine = {r["name"] for r in rows}
    kept = []
    if os.path.exists(path):
        try:
            with open(path) as f:
                kept = [r for r in json.load(f) if r.get("name") not in mine]
        except (ValueError, OSError):
            kept = []
    with open(path, "w") as f:
        json.dump(rows + kept, f, indent=2)
        f.write("\n")


def commit_id(root):
    try:
        return subprocess.check_output(["git", "-C", root, "rev-parse", "--short", "HEAD"],
                                       stderr=subprocess.DEVNULL).decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write_readme(path, generated):
    text = "# v6proxy benchmarks\n\nRun `tools/bench/run` (see tools/bench).\n"
    if os.path.exists(path):
        with open(path) as f:
            text = f.read()
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        text = head + START + "\n" + generated + "\n" + END + tail
    else:
        text = text.rstrip("\n") + "\n\n" + START + "\n" + generated + "\n" + END + "\n"
    with open(path, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", default="quick")
    ap.add_argument("--jmh", required=True)
    ap.add_argument("--alloc", required=True)
    ap.add_argument("--memory", required=True)
    ap.add_argument("--scapy", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--readme", required=True)
    ap.add_argument("--root", default=".")
    a = ap.parse_args()
    jmh = load_jmh(a.jmh)
    alloc = load_jmh(a.alloc)
    mem = None
    if os.path.exists(a.memory) and os.path.getsize(a.memory) > 0:
        with open(a.memory) as f:
            mem = json.load(f)
    scapy = {}
    if os.path.exists(a.scapy) and os.path.getsize(a.scapy) > 0:
        with open(a.scapy) as f:
            scapy = json.load(f)
    rows = build_rows(jmh, alloc, mem, scapy)
    tab = table(rows)
    print(tab)
    print()
    note = notes(rows, alloc, mem)
    print(note)
    merge_json(a.json, rows)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    generated = ("Last run: %s, %s mode, commit %s, %d cores, %s.\n\n%s\n\n%s"
                 % (stamp, a.mode, commit_id(a.root), os.cpu_count() or 0, java_version(), tab, note))
    write_readme(a.readme, generated)
    missing = [r["name"] for r in rows if r["v6proxy"] is None]
    if missing:
        print("report: no result for " + ", ".join(missing), file=sys.stderr)
        sys.exit(1)


def java_version():
    try:
        out = subprocess.check_output(["java", "-version"], stderr=subprocess.STDOUT).decode()
        return out.splitlines()[0].replace('"', "")
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "java unknown"


if __name__ == "__main__":
    main()
