#!/usr/bin/env python3
"""Scale, change-to-answer latency and control-plane benchmarks (issue 7, items 2 to 4).

Seeds clusters of 1k, 10k and 100k pods with ordinal's own controllers, measures the zone's
costs on each, restarts a server on the largest (time to serving, memory beside Knot's,
`get pods -A`), measures change-to-answer latency under dnsperf load and at a follower and a Knot
secondary of the primary (issue 10), the controller on fresh sets, and durable writes with a
SIGKILL check. Writes bench/results/scale.md and scale.png and
prints the table. Runs unattended; about four minutes on a quiet 2-core machine.

  python3 bench/scale/run_scale.py --ordinal build/bin/ordinal [--sizes 1000,10000,100000]
                                   [--changes 10000] [--follower-changes 2000]
                                   [--secondary-changes 300] [--keep]
                                   [--out bench/results/scale.md]
"""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import change
import control
import harness
import replicas
import report_scale
import restart
import zone_cost

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "..", "results")


def commit():
    out = subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True).stdout.strip()
    return out or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ordinal", required=True, help="the ordinal binary")
    parser.add_argument("--bin", help="where the bench tools are (default: beside --ordinal)")
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="pods per seeded cluster (seeding 100,000 through the controllers "
                        "takes about four minutes); restart, memory and `get pods -A` run on "
                        "the largest, change latency and the replicas on the middle one")
    parser.add_argument("--changes", type=int, default=10000, help="change-latency samples")
    parser.add_argument("--follower-changes", type=int, default=2000,
                        help="changes timed at the primary and a follower")
    parser.add_argument("--secondary-changes", type=int, default=300,
                        help="changes timed at the primary and a Knot secondary")
    parser.add_argument("--only", default="zone,restart,change,replicas,control,writes",
                        help="which parts to run")
    parser.add_argument("--out", default=os.path.join(RESULTS, "scale.md"))
    parser.add_argument("--json", help="also write every figure measured to this file")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    binary = os.path.abspath(args.ordinal)
    bin_dir = os.path.abspath(args.bin or os.path.dirname(binary))
    sizes = [int(s) for s in args.sizes.split(",")]
    parts = set(args.only.split(","))
    workdir = tempfile.mkdtemp(prefix="ordinal-scale-")
    results = {"zone": []}
    started = time.monotonic()
    try:
        seeded, pod_names = {}, {}
        if parts & {"zone", "restart", "change", "replicas"}:
            for pods in sizes:
                seed = zone_cost.seed(bin_dir, workdir, pods)
                seeded[pods] = seed["data_dir"]
                pod_names[pods] = seed["pod_name"]
                print("seeded %d pods in %.1f s" % (pods, seed["seconds"]), flush=True)
                if "zone" in parts:
                    z = zone_cost.measure(bin_dir, seed["data_dir"])
                    z["seed_s"] = seed["seconds"]
                    results["zone"].append(z)
                    print("zone", json.dumps(z), flush=True)
        if "restart" in parts:
            results["restart"] = restart.measure(binary, seeded[max(sizes)], pod_names[max(sizes)],
                                                 workdir)
            results["restart"]["pods"] = max(sizes)
            print("restart", json.dumps(results["restart"]), flush=True)
        if "change" in parts:
            middle = sorted(sizes)[len(sizes) // 2]
            results["change"] = change.measure(binary, bin_dir, seeded[middle], workdir,
                                               changes=args.changes)
            results["change"]["pods"] = middle
            print("change", json.dumps(results["change"]), flush=True)
        if "replicas" in parts:
            middle = sorted(sizes)[len(sizes) // 2]
            results["replicas"] = replicas.measure(
                binary, bin_dir, seeded[middle], workdir,
                follower_changes=args.follower_changes, secondary_changes=args.secondary_changes)
            results["replicas"]["pods"] = middle
            print("replicas", json.dumps(results["replicas"]), flush=True)
        if "control" in parts:
            results["control"] = control.controller(binary, workdir)
            print("control", json.dumps(results["control"]), flush=True)
        if "writes" in parts:
            results["writes"] = control.writes(binary, bin_dir, workdir)
            results["writes"].update(control.registry_writes(bin_dir, workdir))
            print("writes", json.dumps(results["writes"]), flush=True)
    finally:
        if args.keep:
            print("work directory kept: %s" % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    header = ("# Scale, change latency and control plane\n\n"
              "Commit %s, %s, %d s. Two cores shared with whatever else runs; release build.\n"
              "Produced by `bench/scale/run_scale.py`." %
              (commit(), datetime.date.today().isoformat(), time.monotonic() - started))
    text = report_scale.markdown(results, header)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    report_scale.plot(results, os.path.splitext(args.out)[0] + ".png")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
