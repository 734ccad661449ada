#!/usr/bin/env python3
"""`make bench`: ordinal, Knot DNS and NSD side by side on the same zone and the same queries.

Generates 3,000 pods' worth of headless Services and EndpointSlices, serves them with
`ordinal serve`, exports the zones with `ordinal zone export` into Knot and NSD, checks that all
three answer a sample of names alike, then runs dnsperf against each: pod A, SRV, NXDOMAIN and a
60/30/10 mix, over UDP and TCP, at saturation and at a fixed 30k QPS. Writes the table to
bench/results/dns.md and prints it.
"""
import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile

import generate_workload
import measure
import report
import servers
import zone_compare

DOMAIN = "cluster.local"
MIXES = ("a", "srv", "nxdomain", "mix")
SERVERS = ("ordinal", "knot", "nsd")
TRANSPORTS = ("udp", "tcp")
MODES = ("saturation", "30k")


def choices(what, allowed):
    """An argparse type: a comma-separated subset of `allowed`, kept in `allowed`'s order."""
    def parse(text):
        chosen = [part.strip() for part in text.split(",") if part.strip()]
        unknown = [part for part in chosen if part not in allowed]
        if unknown or not chosen:
            raise argparse.ArgumentTypeError("%s: expected some of %s, got %r" %
                                             (what, ",".join(allowed), text))
        return tuple(item for item in allowed if item in chosen)
    return parse


def export_zones(binary, api, workdir):
    """The forward zone and the reverse zones as files: [(apex, path)]."""
    zones = []
    for reverse in (False, True):
        args = [binary, "--server", api, "zone", "export"] + (["--reverse"] if reverse else [])
        text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        for part in text.split("; ---- next zone ----\n"):
            apex = next(line.split()[1] for line in part.splitlines()
                        if line.startswith("$ORIGIN "))
            path = os.path.join(workdir, apex + "zone")
            with open(path, "w") as f:
                f.write(part)
            zones.append((apex, path))
    return zones


def endpoint_count(binary, api):
    text = subprocess.run([binary, "--server", api, "zone", "export"], capture_output=True,
                          text=True).stdout
    return sum(1 for line in text.splitlines()
               if ".bench-" in line and line.split()[3:4] == ["A"]
               and line.split()[0].count(".") == 6)


def wait_for_zone(binary, api, expected, timeout=120):
    """Waits until the served zone names every generated endpoint."""
    import time
    deadline = time.time() + timeout
    while time.time() < deadline:
        if endpoint_count(binary, api) >= expected:
            return
        time.sleep(0.5)
    raise RuntimeError("the zone never reached %d endpoint records" % expected)


def check_tools():
    missing = [t for t in ("knotd", "nsd", "dnsperf", "dig", "taskset") if not shutil.which(t)]
    if missing:
        sys.exit("bench: missing %s (run tools/install-deps.sh --bench)" % ", ".join(missing))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ordinal", default="build/bin/ordinal")
    parser.add_argument("--seconds", type=int, default=8, help="length of each dnsperf run")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "results",
                                                      "dns.md"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--servers", type=choices("servers", SERVERS), default=SERVERS,
                        help="comma-separated servers to measure (default: all); ordinal "
                        "always runs, since the others load its zones")
    parser.add_argument("--transports", type=choices("transports", TRANSPORTS),
                        default=TRANSPORTS, help="comma-separated: udp,tcp (default: both)")
    parser.add_argument("--mixes", type=choices("mixes", MIXES), default=MIXES,
                        help="comma-separated query files (default: %s)" % ",".join(MIXES))
    parser.add_argument("--modes", type=choices("modes", MODES), default=MODES,
                        help="comma-separated: saturation,30k (default: both)")
    args = parser.parse_args()
    check_tools()
    binary = os.path.abspath(args.ordinal)
    workdir = tempfile.mkdtemp(prefix="ordinal-bench-")
    running = []
    try:
        services = list(generate_workload.workload(10, 100, 3))
        manifests = generate_workload.write_manifests(workdir, services)
        queries = generate_workload.write_queries(workdir, services, 10000, seed=4)
        print("bench: starting ordinal with %d Services and %d endpoints" %
              (len(services), 3 * len(services)), flush=True)
        ordinal, api = servers.start_ordinal(binary, workdir, manifests, DOMAIN)
        running.append(ordinal)
        wait_for_zone(binary, api, 3 * len(services))
        zones = export_zones(binary, api, workdir)
        if "knot" in args.servers:
            running.append(servers.start_knot(workdir, zones))
        if "nsd" in args.servers:
            running.append(servers.start_nsd(workdir, zones))
        mismatches = zone_compare.compare(running, queries, sample=40)
        for line in mismatches:
            print("bench: answers differ: " + line, flush=True)
        measured = [server for server in running if server.name in args.servers]
        runs = []
        for mode in args.modes:
            for transport in args.transports:
                for mix in args.mixes:
                    if mode == "30k" and transport == "tcp" and mix != "mix":
                        continue  # TCP latency only on the mix, to keep a run short
                    for server in measured:
                        run = measure.run(server, mix, queries[mix], transport, mode,
                                          args.seconds)
                        print("bench: %-7s %-8s %s %-10s %8.0f QPS  %6.2f CPU-s  %s%s" % (
                            server.name, mix, transport, mode, run.qps, run.cpu, run.rcodes,
                            tail_latency(run)), flush=True)
                        runs.append(run)
        notes = notes_for(args.seconds, mismatches)
        text = report.render(runs, args.mixes, notes)
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            f.write(text)
        print(text)
    finally:
        for server in running:
            server.stop()
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


def notes_for(seconds, mismatches):
    versions = []
    for args in (["knotd", "-V"], ["nsd", "-v"], ["dnsperf", "-h"]):
        result = subprocess.run(args, capture_output=True, text=True)
        first = (result.stdout + result.stderr).strip().splitlines()
        versions.append(next((l for l in first if any(c.isdigit() for c in l)), args[0]))
    return [
        "Run %s on %d CPUs. Zone: 10 namespaces × 100 headless Services × 3 ready endpoints "
        "(3,000 pods); Knot and NSD load `ordinal zone export` output." %
        (datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), os.cpu_count()),
        "Servers pinned to CPU %s (one UDP and one TCP worker for Knot, one server process "
        "for NSD with `rrl-ratelimit: 0`), dnsperf to CPU %s; %d s per run. CPU-s is the "
        "server's utime+stime over the run from /proc/<pid>/stat (NSD: with its children). "
        "Latency percentiles come from dnsperf -v at a fixed 30k QPS." %
        (servers.SERVER_CORE, measure.CLIENT_CORE, seconds),
        "Versions: " + "; ".join(versions) + ".",
        "Load average at the end: %.2f %.2f %.2f (other processes on the machine share both "
        "CPUs, which lowers QPS but not CPU-s per query much)." % os.getloadavg(),
        "Answer check on a sample of every query file: " +
        ("all three servers agree." if not mismatches else
         "%d differences (listed in the run's output)." % len(mismatches)),
    ]


if __name__ == "__main__":
    main()
