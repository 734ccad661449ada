#!/usr/bin/env python3
"""Instructions per query, counted by callgrind on a fixed query file: deterministic, so a
change's effect shows without the noise of a shared machine.

bench/tools/query_replay builds the zone from the benchmark's manifests in-process and answers
each query file through dns::handle_query N times, then 2N times, each pass in one call of
ordinal_replay_pass(). valgrind collects only inside that function (--toggle-collect) and
dumps after each call (--dump-after); the zone build runs uninstrumented (--instr-atstart=no,
started by a client request before the first pass). Instructions per query are
(I(2N) - I(N)) / (N x queries): whatever a pass costs once cancels out.

    python3 bench/callgrind.py --tool build/bin/query_replay -f workload.yaml... \
        --queries a=a.txt --queries srv=srv.txt [--repeat 2] [--limit 2000]
"""
import argparse
import glob
import json
import os
import re
import subprocess
import tempfile


def dump_totals(prefix):
    """Instruction counts of the numbered dumps `prefix`.N, in dump order."""
    def number(path):
        return int(path.rsplit(".", 1)[1])
    totals = []
    for path in sorted(glob.glob(prefix + ".*"), key=number):
        with open(path) as f:
            text = f.read()
        found = re.search(r"^(?:summary|totals):\s+(\d+)", text, re.MULTILINE)
        totals.append(int(found.group(1)) if found else 0)
    return totals


def callgrind_totals(args, instrument_at_start):
    """Instructions of every ordinal_replay_pass() call of the command `args`."""
    with tempfile.TemporaryDirectory(prefix="ordinal-callgrind-") as directory:
        prefix = os.path.join(directory, "callgrind.out")
        subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + prefix,
                        "--instr-atstart=" + ("yes" if instrument_at_start else "no"),
                        "--collect-atstart=no", "--toggle-collect=ordinal_replay_pass",
                        "--dump-after=ordinal_replay_pass"] + args,
                       check=True, capture_output=True, text=True)
        return dump_totals(prefix)


def replay_args(tool, manifests, queries, repeat, limit):
    args = [tool, "--repeat", str(repeat), "--limit", str(limit)]
    for path in manifests:
        args += ["-f", path]
    for mix, path in queries.items():
        args += ["--queries", "%s=%s" % (mix, path)]
    return args


def measure(tool, manifests, queries, repeat=2, limit=2000):
    """{mix: {"instructions": per query, "ns_native": wall-clock ns per query outside valgrind,
    "queries": how many per pass}} for every query file in `queries` ({mix: path})."""
    args = replay_args(tool, manifests, queries, repeat, limit)
    native = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    passes = [json.loads(line) for line in native.splitlines() if line.startswith("{")]
    totals = callgrind_totals(args, instrument_at_start=False)
    if len(totals) < len(passes) or not any(totals):
        # query_replay was built without valgrind's header, so it cannot start the
        # instrumentation itself: instrument everything (slower, same counts).
        totals = callgrind_totals(args, instrument_at_start=True)
    if len(totals) < len(passes):
        raise RuntimeError("callgrind wrote %d dumps for %d passes" % (len(totals), len(passes)))
    results = {}
    for i in range(0, len(passes), 2):
        once, twice = passes[i], passes[i + 1]
        count = once["queries"] * once["repeat"]
        results[once["mix"]] = {
            "instructions": (totals[i + 1] - totals[i]) / count,
            "ns_native": twice["ns_per_query"],
            "queries": once["queries"],
            "rcodes": twice["rcodes"],
        }
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tool", default="build/bin/query_replay")
    parser.add_argument("-f", dest="manifests", action="append", required=True)
    parser.add_argument("--queries", action="append", required=True, help="NAME=FILE")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--limit", type=int, default=2000,
                        help="queries taken from the top of each file")
    args = parser.parse_args()
    queries = dict(item.split("=", 1) for item in args.queries)
    for mix, result in measure(args.tool, args.manifests, queries, args.repeat,
                               args.limit).items():
        print("%-9s %8.0f instructions/query  %6.0f ns/query natively  (%d queries)" % (
            mix, result["instructions"], result["ns_native"], result["queries"]))


if __name__ == "__main__":
    main()
