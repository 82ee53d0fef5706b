#!/usr/bin/env python3
"""Turns the raw outputs of tools/bench/e2e into its results.

usage: report.py WORKDIR OUTDIR

Reads WORKDIR/{env.json,cpu.tsv,iperf-*.json,wrk-*.txt,lat-*.txt}; writes OUTDIR/e2e.md,
OUTDIR/e2e-raw.json, merges the "e2e." rows into OUTDIR/results.json (other rows are kept)
and leaves WORKDIR/chart.gp (+ chart.dat) for gnuplot to draw OUTDIR/e2e.png.
"""
import json
import math
import os
import re
import sys

CEILING = "Open vSwitch as a plain IPv6 switch (NORMAL), c2 -> c1"
SWITCH_UP = "frames the switch sent to the controller"
HAP_TCP = "haproxy mode tcp, req.hdr(host) (v6p-hp)"
HAP_HTTP = "haproxy mode http, hdr(host) (v6p-hp)"
RESULT_KEYS = ("name", "v6proxy", "baseline", "baselineName", "unit", "ratio")


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def read_text(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def cpu_phases(work, env):
    """Phase -> wall seconds and CPU use in % of one core (200 % = both cores of 2)."""
    edges = {}
    for line in read_text(os.path.join(work, "cpu.tsv")).splitlines():
        f = line.split("\t")
        if len(f) != 8:
            continue
        phase, edge = f[0], f[1]
        edges.setdefault(phase, {})[edge] = [float(x) for x in f[2:]]
    hz = float(env.get("clkTck", 100))
    cpus = int(env.get("cpus", 1))
    out = {}
    for phase, e in edges.items():
        if "start" not in e or "end" not in e:
            continue
        s, t = e["start"], e["end"]
        wall = t[0] - s[0]
        if wall <= 0:
            continue
        total = t[2] - s[2]
        busy = 100.0 * cpus * (t[1] - s[1]) / total if total > 0 else None
        tb, hp, ng = (100.0 * (t[i] - s[i]) / hz / wall for i in (3, 4, 5))
        rest = None if busy is None else max(0.0, busy - tb - hp - ng)
        out[phase] = {"seconds": round(wall, 2), "machineBusyPct": rnd(busy), "testbedPct": rnd(tb),
                      "haproxyPct": rnd(hp), "nginxPct": rnd(ng), "restPct": rnd(rest)}
    return out


def merge_rounds(per_round):
    """Phase names end in .rN: averages each phase's figures over its rounds."""
    groups = {}
    for phase, c in per_round.items():
        groups.setdefault(re.sub(r"\.r\d+$", "", phase), []).append(c)
    out = {}
    for phase, cs in groups.items():
        out[phase] = {k: rnd(sum(c[k] for c in cs if c[k] is not None) / len(cs), 2 if k == "seconds" else 1)
                      for k in cs[0]}
        out[phase]["rounds"] = len(cs)
    return out


def rnd(x, digits=1):
    return None if x is None else round(x, digits)


def rounds(work, prefix, suffix):
    """Paths of one measurement's per-round files, in round order."""
    pat = re.compile(r"^%s\.r(\d+)%s$" % (re.escape(prefix), re.escape(suffix)))
    found = sorted((int(m.group(1)), f) for f in os.listdir(work) for m in [pat.match(f)] if m)
    return [os.path.join(work, f) for _, f in found]


def median(xs):
    xs = sorted(x for x in xs if x is not None)
    if not xs:
        return None
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def over_rounds(results, keys):
    """Median of each key over the rounds; every round's result kept under "rounds"."""
    ok = [r for r in results if "error" not in r]
    out = {k: median([r.get(k) for r in ok]) for k in keys} if ok else {}
    if len(ok) < len(results):
        out["error"] = "; ".join(r["error"] for r in results if "error" in r)
    if not results:
        out["error"] = "no output"
    out["rounds"] = results
    return out


def packet_ins(work, name):
    per_round = []
    for f in rounds(work, "pktin-" + name, ".json"):
        j = load_json(f)
        if not j or not j.get("seconds"):
            per_round.append({"error": "no output"})
            continue
        per_round.append({"appPerSec": j["appHandled"] / j["seconds"], "switchPerSec": j["switchUp"] / j["seconds"]})
    return over_rounds(per_round, ("appPerSec", "switchPerSec"))


def iperf(work, name):
    return over_rounds([iperf1(f) for f in rounds(work, "iperf-" + name, ".json")],
                       ("gbps", "retransmits", "senderMeanRttMs"))


def iperf1(path):
    j = load_json(path)
    if not j or "end" not in j or j.get("error"):
        return {"error": (j or {}).get("error", "no output")}
    end = j["end"]
    rcv = end.get("sum_received", {})
    snd = end.get("sum_sent", {})
    streams = end.get("streams") or [{}]
    rtt = (streams[0].get("sender") or {}).get("mean_rtt")
    return {"gbps": rcv.get("bits_per_second", 0) / 1e9, "retransmits": snd.get("retransmits"),
            "seconds": rcv.get("seconds"), "senderMeanRttMs": None if rtt is None else rtt / 1e3}


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def wrk(work, name):
    per_round = [wrk1(f) for f in rounds(work, "wrk-" + name, ".txt")]
    out = over_rounds(per_round, ("rps", "p50Ms", "p99Ms"))
    out["errors"] = sum(r.get("socketErrors", 0) + r.get("non2xx", 0) for r in per_round)
    return out


def wrk1(path):
    txt = read_text(path)
    r = {"raw": txt}
    m = re.search(r"Requests/sec:\s+([\d.]+)", txt)
    if not m:
        r["error"] = "no Requests/sec in the output"
        return r
    r["rps"] = float(m.group(1))
    m = re.search(r"(\d+) requests in ([\d.]+)s", txt)
    if m:
        r["requests"] = int(m.group(1))
    for pct in ("50", "99"):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)\s*$" % pct, txt, re.M)
        if m:
            r["p%sMs" % pct] = float(m.group(1)) * UNITS[m.group(2)]
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", txt)
    r["socketErrors"] = sum(int(x) for x in m.groups()) if m else 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", txt)
    r["non2xx"] = int(m.group(1)) if m else 0
    return r


def percentile(sorted_values, p):
    """Nearest-rank percentile."""
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, int(math.ceil(p / 100.0 * len(sorted_values))) - 1))
    return sorted_values[k]


def latency(work, name):
    connect, total, failed = [], [], 0
    text = "".join(read_text(f) for f in rounds(work, "lat-" + name, ".txt"))
    for line in text.splitlines():
        f = line.split()
        if len(f) != 4 or f[3] != "200":
            failed += 1
            continue
        connect.append(float(f[0]) * 1e3)
        total.append(float(f[2]) * 1e3)
    c, t = sorted(connect), sorted(total)
    return {"ok": len(t), "failed": failed, "over100Ms": sum(1 for x in t if x > 100), "connectP50Ms": percentile(c, 50), "connectP99Ms": percentile(c, 99),
            "totalP50Ms": percentile(t, 50), "totalP99Ms": percentile(t, 99),
            "connectMs": [round(x, 3) for x in connect], "totalMs": [round(x, 3) for x in total]}


def row(name, v, b, base_name, unit, inverse=False, notes="", label=None, group=0):
    ratio = None
    if v is not None and b is not None and v > 0 and b > 0:
        ratio = b / v if inverse else v / b
    return {"name": name, "v6proxy": v, "baseline": b, "baselineName": base_name, "unit": unit, "ratio": ratio,
            "notes": notes, "label": label or name, "group": group}


def cpu_note(cpu, phase, with_haproxy=False):
    c = cpu.get(phase)
    if not c:
        return ""
    s = "machine %s%%, testbed %s%%" % (c["machineBusyPct"], c["testbedPct"])
    if with_haproxy:
        s += ", haproxy %s%%" % c["haproxyPct"]
    return s + ", nginx %s%%" % c["nginxPct"]


def build_rows(work, cpu):
    rows = []
    bulk = {n: iperf(work, n) for n in ("l4.c2s", "l4.s2c", "delayed.c2s", "delayed.s2c", "ceiling.c2s",
                                          "ceiling.s2c")}
    for path, title in (("l4", "l4 service"), ("delayed", "delayed binding (prefix mode)")):
        for d, dtitle in (("c2s", "client to server"), ("s2c", "server to client")):
            v, b = bulk["%s.%s" % (path, d)], bulk["ceiling.%s" % d]
            notes = "retransmits %s vs %s; sender's mean RTT %s vs %s ms; during v6proxy: %s" % (
                v.get("retransmits"), b.get("retransmits"), fmt(v.get("senderMeanRttMs")),
                fmt(b.get("senderMeanRttMs")), cpu_note(cpu, "bulk.%s.%s" % (path, d)))
            if "error" in v or "error" in b:
                notes = "iperf3 error: %s / %s" % (v.get("error", "-"), b.get("error", "-"))
            rows.append(row("e2e.bulk %s %s" % (title, dtitle), v.get("gbps"), b.get("gbps"), CEILING, "Gbit/s",
                            notes=notes, label="bulk %s %s" % (path, d), group=1))
    wrks = {}
    for size in ("1k", "100k"):
        for who in ("v6proxy", "haproxy-tcp", "haproxy-http", "ceiling"):
            wrks["%s.%s" % (who, size)] = wrk(work, "%s.%s" % (who, size))
    for size, stitle in (("1k", "1KB"), ("100k", "100KB")):
        v = wrks["v6proxy.%s" % size]
        for who, base_name, btitle in (("haproxy-tcp", HAP_TCP, "haproxy mode tcp"),
                                       ("haproxy-http", HAP_HTTP, "haproxy mode http"),
                                       ("ceiling", CEILING, "ceiling")):
            b = wrks["%s.%s" % (who, size)]
            notes = "p50/p99 latency %s/%s ms vs %s/%s ms; errors %d vs %d; during v6proxy: %s" % (
                fmt(v.get("p50Ms")), fmt(v.get("p99Ms")), fmt(b.get("p50Ms")), fmt(b.get("p99Ms")),
                v.get("errors", 0), b.get("errors", 0),
                cpu_note(cpu, "wrk.v6proxy.%s" % size))
            if who.startswith("haproxy"):
                notes += "; during haproxy: %s" % cpu_note(cpu, "wrk.%s.%s" % (who, size), True)
            if "error" in v or "error" in b:
                notes = "wrk error: %s / %s" % (v.get("error", "-"), b.get("error", "-"))
            rows.append(row("e2e.wrk %s vs %s" % (stitle, btitle), v.get("rps"), b.get("rps"), base_name, "req/s",
                            notes=notes, label="wrk %s vs %s" % (stitle, btitle.replace("haproxy mode ", "hap-")),
                            group=2))
    lats = {who: latency(work, who) for who in ("v6proxy", "haproxy-tcp", "haproxy-http", "ceiling")}
    v = lats["v6proxy"]
    for who, base_name, btitle in (("haproxy-tcp", HAP_TCP, "haproxy mode tcp"),
                                   ("haproxy-http", HAP_HTTP, "haproxy mode http"),
                                   ("ceiling", CEILING, "ceiling")):
        b = lats[who]
        kinds = (("totalP50Ms", "p50 total"), ("totalP99Ms", "p99 total"))
        if who == "haproxy-tcp":
            kinds += (("connectP50Ms", "p50 connect"), ("connectP99Ms", "p99 connect"))
        for key, ktitle in kinds:
            notes = ("lower is better, ratio = baseline / v6proxy; requests ok %d vs %d, failed %d vs %d, "
                     "total over 100 ms %d vs %d" % (v["ok"], b["ok"], v["failed"], b["failed"], v["over100Ms"],
                                                      b["over100Ms"]))
            rows.append(row("e2e.latency %s vs %s (ratio = baseline/v6proxy)" % (ktitle, btitle), v.get(key),
                            b.get(key), base_name, "ms", inverse=True, notes=notes,
                            label="latency %s vs %s" % (ktitle, btitle.replace("haproxy mode ", "hap-")),
                            group=3))
    pin = packet_ins(work, "udp64")
    rows.append(row("e2e.packet-ins/s the app handled (64 B UDP flood, OpenFlow channel)", pin.get("appPerSec"),
                    pin.get("switchPerSec"), SWITCH_UP, "packet-ins/s",
                    notes="each is one PACKET_IN and one PACKET_OUT; ratio < 1: the switch dropped or queued "
                          "the rest; during it: %s" % cpu_note(cpu, "pktin.udp64"),
                    label="packet-ins handled / sent up", group=3))
    return rows, {"bulk": bulk, "wrk": wrks, "latency": lats, "packetIns": pin}


def fmt(x, digits=None):
    if x is None:
        return "n/a"
    if digits is None:
        digits = 3 if abs(x) < 10 else (1 if abs(x) < 1000 else 0)
    return "{:,.{d}f}".format(x, d=digits)


def targets(rows):
    out = []
    bulk = [r for r in rows if r["name"].startswith("e2e.bulk")]
    for r in bulk:
        ok = r["ratio"] is not None and r["ratio"] >= 0.8
        out.append("* %s: %s of the ceiling (target >= 80%%): **%s**" % (
            r["name"][4:], pct(r["ratio"]), "met" if ok else "missed"))
    for r in rows:
        if r["name"].startswith("e2e.wrk") and "haproxy" in r["name"]:
            ok = r["ratio"] is not None and r["ratio"] >= 1.0
            out.append("* %s: ratio %s (target >= 1): **%s**" % (
                r["name"][4:], fmt(r["ratio"], 2), "met" if ok else "missed by %s" % pct(
                    None if r["ratio"] is None else 1 - r["ratio"])))
    return out


def pct(x):
    return "n/a" if x is None else "%.0f%%" % (100 * x)


def markdown(env, rows, cpu, bg):
    lines = ["# End-to-end benchmark: v6proxy on the testbed", "",
             "Generated by `tools/bench/e2e` (%s mode) on %s, commit %s; %d s. Every ratio compares two "
             "measurements of the same run; ratio > 1 means v6proxy is better (for latency the ratio is "
             "baseline / v6proxy). How far to trust these numbers: [e2e-notes.md](e2e-notes.md)." % (
                 env["mode"], env["date"], env["commit"], env["seconds"]), "",
             "Machine: %d CPUs (%s), kernel %s, %s; haproxy %s, nginx %s, iperf3 %s, wrk %s. "
             "Load average at the end: %s. Busy before the run (others' load, 2 s sample): %s%% of one core." % (
                 env["cpus"], env["cpuModel"], env["kernel"], env["java"], env["haproxy"], env["nginx"],
                 env["iperf3"], env["wrk"], env["loadavg"], bg), "",
             "## Targets (issue 6)", ""]
    lines += targets(rows)
    lines += ["", "## Results", "", "| name | v6proxy | baseline | baselineName | unit | ratio | notes |",
              "|---|---:|---:|---|---|---:|---|"]
    for r in rows:
        lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            r["name"], fmt(r["v6proxy"]), fmt(r["baseline"]), r["baselineName"], r["unit"], fmt(r["ratio"], 2),
            r["notes"]))
    lines += ["", "![ratios](e2e.png)", "", "## CPU per phase", "",
              "Averaged over the rounds. In %% of one core (the machine has %d: %d%% = all busy). *rest* = load generators "
              "(iperf3, wrk, curl in the client namespace), the kernel's softirq work not charged to a process, "
              "and whatever else runs on the machine (other users' builds and tests included)." % (env["cpus"], 100 * env["cpus"]), "",
              "| phase | seconds | machine busy | testbed JVM | haproxy | nginx | rest |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for phase, c in cpu.items():
        lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            phase, c["seconds"], c["machineBusyPct"], c["testbedPct"], c["haproxyPct"], c["nginxPct"],
            c["restPct"]))
    lines += ["", "## How it is measured", "",
              "* **Fabric**: Open vSwitch 3.1 (userspace datapath, OpenFlow 1.3, fail-mode secure), bridge "
              "v6p-br; each namespace's eth0 is a veth (offloads off) whose other end is an OpenFlow port. "
              "v6proxy's intercepts are flow rules to the controller (the app's testbed over OpenFlow); "
              "everything else is forwarded by the switch's priority-0 NORMAL rule.",
              "* **Topology**: TESTBED.md's namespaces v6p-h1..h4 plus v6p-hp (dual stack, 10.0.0.5/24 and "
              "2001:db8::5/64, MAC 02:00:00:00:00:05) as port 5 of the switch. nginx (1 worker, access "
              "log off, defaults otherwise) and `iperf3 -s` run in v6p-h1 ([2001:db8::1]); clients in v6p-h3 "
              "(10.0.0.3, IPv4 only). Netcfg: `tools/bench/e2e.d/netcfg.json`.",
              "* **v6proxy**: the app's components in the testbed; services web (http, 10.0.0.42:8080, Host "
              "a.example -> [2001:db8::1]:8080), iperf (l4, 10.0.0.43:5201) and iperf-delayed (prefix mode, "
              "no routes, default backend [2001:db8::1]:5201: binds at the first client bytes, then relays "
              "with the same translation path as an l4 connection, plus the splice's seq/ack shift).",
              "* **haproxy** runs in v6p-hp; its frames (client -> v6p-hp in IPv4, v6p-hp -> backend in IPv6) "
              "are forwarded by the same switch without reaching the controller.",
              "* **Ceiling**: plain IPv6 through the same switch between two more namespaces, v6p-c1 (nginx "
              "and iperf3 as in v6p-h1, 2001:db8:c::1) and v6p-c2 (client, 2001:db8:c::2), ports 6-7. The "
              "ceiling's figures are in the v6proxy rows' baseline column. v6proxy, haproxy and the ceiling "
              "alternate within seconds, so that drift in the machine's background load hits them alike.",
              "* **Packet-ins**: `hping3 --udp -d 22 --flood` from v6p-h3 to the l4 UDP service "
              "10.0.0.43:9 for %d s (64-byte frames; the backend is a socat sink): the app's translated + "
              "dropped packets per second (its REST counters) versus the frames the switch sent to the "
              "controller (the CONTROLLER rules' n_packets)." % env["bulkSeconds"],
              "* **Rounds**: "
              "%d round(s); with more than one, the table shows medians (latency percentiles over the "
              "pooled samples)." % env.get("rounds", 1),
              "* **Bulk**: `iperf3 -t %d -O 1` (first second omitted), one stream, client to server and "
              "`-R`. Unit Gbit/s at the receiver." % env["bulkSeconds"],
              "* **Requests/s**: `wrk %s -d%ds --latency -H 'Host: a.example'` on keep-alive "
              "connections (nginx closes one after 1000 requests, so each path also sets up new "
              "connections while it runs)." % (env["wrkArgs"], env["wrkSeconds"]),
              "* **Latency**: %d sequential `curl` requests for the 1 KB file, one connection each; "
              "`time_connect` (TCP handshake with the proxy or server) and `time_total` (to the last byte), "
              "nearest-rank p50/p99." % env["curlRequests"],
              "* **Warm-up**: %d s of wrk per path and of iperf3 per testbed before measuring: the "
              "testbeds are JVMs and JIT compilation would otherwise count against whichever path runs "
              "first." % env["warmSeconds"],
              "* **haproxy as the peer**: mode tcp with `tcp-request inspect-delay` + `req.hdr(host)` is "
              "the functional equivalent of v6proxy's http mode (route each connection by its first "
              "request's Host, then relay bytes); mode http (parses every request, keeps its own server "
              "connections) is the usual hosting setup. Both are reported; haproxy uses its default "
              "thread count (one per CPU).",
              "* **Caveats**: the machine has %d cores, shared by the testbed JVMs (the switch *and* the "
              "app), nginx, haproxy, the load generators and anything else running; absolute numbers "
              "are noisy and only the same-run ratios mean something. Through v6proxy each frame crosses "
              "the testbed once (client TAP -> app -> backend TAP); through haproxy each byte crosses it "
              "twice (client -> v6p-hp, v6p-hp -> backend) but is handled by the kernel's TCP stacks "
              "and haproxy in between, and haproxy's CPU is extra to the testbed's. In a real deployment "
              "the switch forwards in hardware and only packet-ins reach the controller; here every "
              "frame, proxied or not, costs the testbed JVM CPU." % env["cpus"], ""]
    return "\n".join(lines)


def chart(work, out, rows, env):
    with open(os.path.join(work, "chart.dat"), "w") as f:
        for i, r in enumerate(rows):
            f.write('%d "%s" %s %d\n' % (i, r["label"], "%.4f" % r["ratio"] if r["ratio"] is not None else "NaN",
                                         r["group"]))
    top = max([r["ratio"] for r in rows if r["ratio"] is not None] + [1.2]) * 1.15
    gp = """set terminal pngcairo size 1400,720 font 'sans,10'
set output '%(png)s'
set title 'v6proxy end to end (%(mode)s, %(date)s, %(commit)s): v6proxy vs baseline, same run (> 1 = v6proxy better)'
set style fill solid 0.8 border -1
set boxwidth 0.7
set yrange [0:%(top).2f]
set ylabel 'ratio'
set xtics rotate by 40 right nomirror
set grid ytics
set key off
set bmargin 13
set palette defined (1 '#4477aa', 2 '#228833', 3 '#cc6677')
unset colorbox
set cbrange [1:3]
set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb 'black' lw 1.5
set arrow from graph 0, first 0.8 to graph 1, first 0.8 nohead lc rgb '#888888' dt 2
set ytics add ('bulk target 0.8' 0.8)
plot '%(dat)s' using 1:3:4:xtic(2) with boxes lc palette, \\
     '' using 1:3:(sprintf('%%.2f', $3)) with labels offset 0,0.7
""" % {"png": os.path.join(out, "e2e.png"), "mode": env["mode"], "date": env["date"][:10],
       "commit": env["commit"], "top": top, "dat": os.path.join(work, "chart.dat")}
    with open(os.path.join(work, "chart.gp"), "w") as f:
        f.write(gp)


def merge_results(out, rows):
    path = os.path.join(out, "results.json")
    existing = []
    if os.path.exists(path):
        existing = load_json(path)
        if not isinstance(existing, list):
            sys.exit("report.py: %s is not a JSON list; not overwriting it" % path)
    kept = [r for r in existing if not str(r.get("name", "")).startswith("e2e.")]
    new = [{k: r[k] for k in RESULT_KEYS} for r in rows]
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(kept + new, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    work, out = sys.argv[1], sys.argv[2]
    env = load_json(os.path.join(work, "env.json")) or {}
    cpu_rounds = cpu_phases(work, env)
    bg = cpu_rounds.pop("background", {}).get("machineBusyPct")
    cpu = merge_rounds(cpu_rounds)
    rows, raw = build_rows(work, cpu)
    with open(os.path.join(out, "e2e.md"), "w") as f:
        f.write(markdown(env, rows, cpu, bg))
    with open(os.path.join(out, "e2e-raw.json"), "w") as f:
        json.dump({"env": env, "backgroundBusyPct": bg, "cpu": cpu_rounds, "rows": rows, "raw": raw}, f,
                  indent=1)
        f.write("\n")
    merge_results(out, rows)
    chart(work, out, rows, env)
    for r in rows:
        print("%-70s %12s %12s %-7s ratio %s" % (r["name"], fmt(r["v6proxy"]), fmt(r["baseline"]), r["unit"],
                                                 fmt(r["ratio"], 2)))


if __name__ == "__main__":
    main()
