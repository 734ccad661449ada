#!/usr/bin/env python3
"""`make bench`, DNS part: ordinal, Knot DNS and NSD side by side on the same zones and queries.

For each zone size (3,000 and 100,000 pods of headless Services and EndpointSlices) serves the
workload with `ordinal serve`, exports the zones with `ordinal zone export` into Knot and NSD,
checks that all three answer a sample of names alike, then measures pod A, SRV, NXDOMAIN and a
60/30/10 mix: with dnsperf (UDP and TCP, at saturation and at a fixed 30k QPS) and with our own
batched generator dns_loadgen (UDP, saturating and at 30k QPS, beside a bare UDP echo). Counts
instructions per query with callgrind. Writes bench/results/dns.md and dns_loadgen.png.
"""
import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time

import bench_zone
import callgrind
import generate_workload
import loadgen_runs
import measure
import plot
import report
import servers

MIXES = ("a", "srv", "nxdomain", "mix")
SERVERS = ("ordinal", "knot", "nsd", "echo")
TRANSPORTS = ("udp", "tcp")
MODES = ("saturation", "30k")
PARTS = ("dnsperf", "loadgen", "callgrind")
ZONES = tuple(sorted(generate_workload.SIZES))
DEFAULT_ZONES = ZONES
# The full matrix (dnsperf over UDP and TCP, at saturation and at a fixed 30k QPS; dns_loadgen
# at saturation and at 30k; callgrind) runs on the smallest zone. The larger one answers the
# question that changes with size, throughput against the same peers: dnsperf over UDP and
# dns_loadgen, both at saturation (keeps `make bench` within its time).
FULL_MATRIX_ZONES = (ZONES[0],)


def choices(what, allowed, cast=str):
    """An argparse type: a comma-separated subset of `allowed`, kept in `allowed`'s order."""
    def parse(text):
        try:
            chosen = [cast(part.strip()) for part in text.split(",") if part.strip()]
        except ValueError:
            chosen = [None]
        unknown = [part for part in chosen if part not in allowed]
        if unknown or not chosen:
            raise argparse.ArgumentTypeError("%s: expected some of %s, got %r" %
                                             (what, ",".join(map(str, allowed)), text))
        return tuple(item for item in allowed if item in chosen)
    return parse


def check_tools(args):
    needed = ["dig", "taskset"]
    if "knot" in args.servers:
        needed.append("knotd")
    if "nsd" in args.servers:
        needed.append("nsd")
    if "dnsperf" in args.parts:
        needed.append("dnsperf")
    if "callgrind" in args.parts:
        needed.append("valgrind")
    missing = [t for t in needed if not shutil.which(t)]
    for tool in ("dns_loadgen", "udp_echo", "query_replay", "store_load"):
        if not os.access(os.path.join(args.tools, tool), os.X_OK):
            missing.append(os.path.join(args.tools, tool))
    if missing:
        sys.exit("bench: missing %s (run tools/install-deps.sh --bench, and build the bench "
                 "tools)" % ", ".join(missing))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ordinal", default="build/bin/ordinal")
    parser.add_argument("--tools", help="directory of dns_loadgen, udp_echo and query_replay "
                        "(default: beside --ordinal)")
    # Two seconds: 250,000 to 1,000,000 queries per run, and `make bench` (about 90 runs)
    # stays within its time.
    parser.add_argument("--seconds", type=float, default=2, help="length of each dnsperf run")
    parser.add_argument("--loadgen-seconds", type=float, default=2,
                        help="length of each dns_loadgen run")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "results",
                                                      "dns.md"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--servers", type=choices("servers", SERVERS), default=SERVERS,
                        help="comma-separated servers to measure (default: all); ordinal "
                        "always runs, since the others load its zones; echo only with loadgen")
    parser.add_argument("--transports", type=choices("transports", TRANSPORTS),
                        default=TRANSPORTS, help="dnsperf: udp,tcp (default: both)")
    parser.add_argument("--mixes", type=choices("mixes", MIXES), default=MIXES,
                        help="comma-separated query files (default: %s)" % ",".join(MIXES))
    parser.add_argument("--modes", type=choices("modes", MODES), default=MODES,
                        help="comma-separated: saturation,30k (default: both)")
    parser.add_argument("--zones", type=choices("zones", ZONES, int), default=DEFAULT_ZONES,
                        help="comma-separated zone sizes in pods, of %s (default: %s)" %
                        (",".join(map(str, ZONES)), ",".join(map(str, DEFAULT_ZONES))))
    parser.add_argument("--parts", type=choices("parts", PARTS), default=PARTS,
                        help="comma-separated: dnsperf,loadgen,callgrind (default: all)")
    args = parser.parse_args()
    args.ordinal = os.path.abspath(args.ordinal)
    args.tools = os.path.abspath(args.tools or os.path.dirname(args.ordinal))
    return args


def dnsperf_runs(args, setup):
    runs = []
    measured = [server for server in setup.running if server.name in args.servers]
    full = setup.pods in FULL_MATRIX_ZONES
    for mode in args.modes:
        if mode == "30k" and not full:
            continue
        for transport in args.transports:
            if transport == "tcp" and not full:
                continue
            for mix in args.mixes:
                if mode == "30k" and transport == "tcp" and mix != "mix":
                    continue  # TCP latency only on the mix, to keep a run short
                for server in measured:
                    run = measure.run(server, mix, setup.queries[mix], transport, mode,
                                      args.seconds, zone=setup.pods)
                    print("bench: %d dnsperf %-7s %-8s %s %-10s %8.0f QPS  %6.2f CPU-s  %s%s" %
                          (setup.pods, server.name, mix, transport, mode, run.qps, run.cpu,
                           run.rcodes, tail_latency(run)), flush=True)
                    runs.append(run)
    return runs


def loadgen_runs_for(args, setup):
    tool = os.path.join(args.tools, "dns_loadgen")
    measured = [server for server in setup.running if server.name in args.servers]
    echo = None
    if "echo" in args.servers:
        echo = servers.start_echo(os.path.join(args.tools, "udp_echo"), setup.workdir)
    runs = []
    try:
        for mode in args.modes:
            if mode == "30k" and setup.pods not in FULL_MATRIX_ZONES:
                continue
            plan = [(server, mix) for mix in args.mixes for server in measured]
            if echo:
                plan.append((echo, "-"))  # the echo answers any file alike
            for server, mix in plan:
                query_file = setup.queries["mix" if mix == "-" else mix]
                run = loadgen_runs.run(tool, server, setup.pods, mix, query_file, mode,
                                       args.loadgen_seconds)
                print("bench: %d loadgen %-7s %-8s %-10s %8.0f QPS  %6.2f CPU-s  p50 %s p99 %s "
                      "µs  lost %d  %s" % (setup.pods, server.name, mix, mode, run.qps, run.cpu,
                                           run.p50, run.p99, run.lost, run.rcode_text()),
                      flush=True)
                runs.append(run)
    finally:
        if echo:
            echo.stop()
    return runs


def callgrind_counts(args, setup):
    queries = {mix: setup.queries[mix] for mix in args.mixes}
    counts = callgrind.measure(os.path.join(args.tools, "query_replay"),
                               [path for _, path in setup.manifests], queries)
    for mix, result in counts.items():
        print("bench: %d callgrind %-8s %6.0f instructions/query" % (
            setup.pods, mix, result["instructions"]), flush=True)
    return counts


def main():
    args = parse_args()
    check_tools(args)
    began = time.time()
    workdir = tempfile.mkdtemp(prefix="ordinal-bench-")
    runs, load_runs, instructions, setups = [], [], {}, []
    try:
        for pods in args.zones:
            setup = bench_zone.ZoneSetup(pods, workdir)
            setups.append(setup)
            if "dnsperf" in args.parts or "loadgen" in args.parts:
                try:
                    setup.start(args.ordinal, args.tools, args.servers)
                    if "dnsperf" in args.parts:
                        runs += dnsperf_runs(args, setup)
                    if "loadgen" in args.parts:
                        load_runs += loadgen_runs_for(args, setup)
                finally:
                    setup.stop()
            if "callgrind" in args.parts and pods in FULL_MATRIX_ZONES:
                instructions[pods] = callgrind_counts(args, setup)
        out_dir = os.path.dirname(os.path.abspath(args.out))
        os.makedirs(out_dir, exist_ok=True)
        png = os.path.splitext(os.path.basename(args.out))[0] + "_loadgen.png"
        drawn = load_runs and plot.render(load_runs, args.zones, list(args.mixes),
                                          os.path.join(out_dir, png), workdir)
        notes = notes_for(args, setups, time.time() - began)
        text = report.render(runs, args.mixes, notes, load_runs, instructions,
                             png if drawn else None)
        with open(args.out, "w") as f:
            f.write(text)
        print(text)
    finally:
        if args.keep:
            print("bench: kept " + workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def tail_latency(run):
    """p99 of the answered queries, and counting lost ones as timed out, for fixed-rate runs."""
    if run.p99 is None:
        return ""
    return "  p99 %.0f µs (%.0f µs counting %d lost)" % (run.p99 * 1e6, run.p99_with_lost * 1e6,
                                                      run.lost)


def versions():
    found = []
    for args in (["knotd", "-V"], ["nsd", "-v"], ["dnsperf", "-h"]):
        if not shutil.which(args[0]):
            continue
        result = subprocess.run(args, capture_output=True, text=True)
        first = (result.stdout + result.stderr).strip().splitlines()
        found.append(next((l for l in first if any(c.isdigit() for c in l)), args[0]))
    return found


def notes_for(args, setups, wall):
    sizes = []
    for setup in setups:
        namespaces, per_namespace, per_service = generate_workload.SIZES[setup.pods]
        applied = ("; loaded into the store in %.1f s (bench/tools/store_load), then served "
                   "%.1f s after `ordinal serve` started" % (setup.load_seconds,
                                                           setup.serve_seconds)
                   if setup.load_seconds is not None else "")
        sizes.append("{:,} pods ({} namespaces × {} headless Services × {} ready endpoints{})"
                     .format(setup.pods, namespaces, per_namespace, per_service, applied))
    mismatches = sum(len(setup.mismatches) for setup in setups)
    return [
        "Run %s on %d CPUs in %.0f s. Zones: %s; Knot and NSD load `ordinal zone export` "
        "output." % (datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), os.cpu_count(), wall,
                     "; ".join(sizes)),
        "Servers pinned to CPU %s (one UDP and one TCP worker for Knot, one server process "
        "for NSD with `rrl-ratelimit: 0`), the load generator to CPU %s. CPU-s is the server's "
        "utime+stime over the run from /proc/<pid>/stat (NSD: with its children)." %
        (servers.SERVER_CORE, measure.CLIENT_CORE),
        "dns_loadgen (bench/tools/dns_loadgen.cpp): UDP, sendmmsg/recvmmsg batches of %d, "
        "%.0f s per run; saturating runs keep %d queries in flight; fixed-rate runs send %d "
        "QPS and time every query with CLOCK_MONOTONIC; a query unanswered after %.1f s is "
        "lost. The echo is bench/tools/udp_echo.cpp, the floor for any UDP server here." % (
            loadgen_runs.BATCH, args.loadgen_seconds, loadgen_runs.WINDOW, loadgen_runs.RATE,
            loadgen_runs.TIMEOUT_SECONDS),
        "dnsperf: %.0f s per run; latency percentiles from dnsperf -v at a fixed 30k QPS "
        "(%s pods only), mostly dnsperf's own overhead." % (
            args.seconds, ", ".join("{:,}".format(z) for z in FULL_MATRIX_ZONES)),
        "Instructions per query: bench/callgrind.py (query_replay under valgrind "
        "--tool=callgrind, the first 2,000 queries of each file answered 2 and 4 times through "
        "dns::handle_query, the difference divided by 2 × 2,000).",
        "Versions: " + "; ".join(versions()) + ".",
        "Load average at the end: %.2f %.2f %.2f (other processes on the machine share both "
        "CPUs, which lowers QPS but not CPU-s per query much)." % os.getloadavg(),
        "Answer check on a sample of every query file: " +
        ("all three servers agree." if not mismatches else
         "%d differences (listed in the run's output)." % mismatches),
    ]


if __name__ == "__main__":
    main()
