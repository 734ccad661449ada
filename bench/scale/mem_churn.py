"""Resident memory of `ordinal serve` against registry changes while a StatefulSet is scaled
between 0 and 50 replicas through the API (the "memory flat" check).

Starts a server on a fresh data directory (`--sim-ready-after 0s`), creates a headless Service
and a Parallel StatefulSet, then scales the set 0 -> 50 -> 0 ... with PATCHes of its scale
subresource, each time waiting until the status says it got there. Every `--every` seconds it
samples the server's VmRSS and the registry's resourceVersion (one change per write). Prints
one line per sample, `seconds changes rss_kib`, and at the end the growth per change after
`--warm` changes (the watch history, 10,000 changes, fills up to there by design), as a
least-squares slope and as first-to-last.

  python3 bench/scale/mem_churn.py --ordinal build/bin/ordinal [--minutes 5] [--warm 11000]
          [--every 2] [--csv FILE] [-- extra serve flags]
  python3 bench/scale/mem_churn.py --api http://127.0.0.1:PORT --pid PID [...]

The second form drives a server started by hand (under heaptrack or valgrind, say) and samples
the RSS of PID and its children.

MALLOC_ARENA_MAX and other environment variables pass through to the server, so runs with and
without them tell allocator fragmentation from memory that is still referenced.
"""
import argparse
import os
import shutil
import sys
import tempfile
import time

import harness

SERVICE = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
           "spec": {"clusterIP": "None", "selector": {"app": "web"},
                    "ports": [{"name": "web", "port": 80}]}}


def statefulset(replicas):
    labels = {"app": "web"}
    return {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "web"},
            "spec": {"serviceName": "web", "replicas": replicas,
                     "podManagementPolicy": "Parallel", "selector": {"matchLabels": labels},
                     "template": {"metadata": {"labels": labels},
                                  "spec": {"containers": [{"name": "web", "image": "web:1"}]}}}}


class Attached:
    """A server started by someone else: its API and the process whose RSS is sampled."""

    def __init__(self, api, pid):
        self.api = api.rstrip("/")
        self.pid = pid

    def rss_kb(self):
        return harness.rss_kb(self.pid)

    def stop(self):
        pass


def start(args, workdir):
    if args.api:
        return Attached(args.api, args.pid)
    extra = ["--sim-ready-after", "0s"] + args.serve_flags
    return harness.Serve(args.ordinal, os.path.join(workdir, "data"),
                         os.path.join(workdir, "serve.log"), extra)


def resource_version(api):
    listed = harness.call(api, "GET", "/api/v1/namespaces?limit=1")
    return int(listed["metadata"]["resourceVersion"])


def scale(api, ns, replicas, timeout=60):
    """PATCHes the scale subresource and waits for the status to reach `replicas`."""
    path = "/apis/apps/v1/namespaces/%s/statefulsets/web" % ns
    harness.call(api, "PATCH", path + "/scale", {"spec": {"replicas": replicas}},
                 content_type="application/merge-patch+json")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = harness.call(api, "GET", path).get("status", {})
        if status.get("readyReplicas", 0) == replicas and (
                replicas > 0 or status.get("replicas", 0) == 0):
            return True
        time.sleep(0.05)
    return False


def slope(points):
    """Least-squares slope of (x, y) points; 0 when there are fewer than two."""
    if len(points) < 2:
        return 0.0
    n = float(len(points))
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    return sum((p[0] - mx) * (p[1] - my) for p in points) / sxx if sxx else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ordinal", help="the binary to start (or --api and --pid)")
    parser.add_argument("--api", help="drive this running server instead")
    parser.add_argument("--pid", type=int, help="with --api: the process to sample")
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--warm", type=int, default=11000,
                        help="changes before growth counts (past the watch history)")
    parser.add_argument("--every", type=float, default=2.0, help="seconds between samples")
    parser.add_argument("--csv", help="also write the samples here")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("serve_flags", nargs="*", help="more `ordinal serve` flags (after --)")
    args = parser.parse_args()
    if not args.ordinal and not (args.api and args.pid):
        parser.error("need --ordinal, or --api and --pid")

    workdir = tempfile.mkdtemp(prefix="ordinal-mem-")
    server = start(args, workdir)
    samples = []
    try:
        ns = "load"
        harness.call(server.api, "POST", "/api/v1/namespaces",
                     {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}})
        harness.call(server.api, "POST", "/api/v1/namespaces/%s/services" % ns, SERVICE)
        harness.call(server.api, "POST", "/apis/apps/v1/namespaces/%s/statefulsets" % ns,
                     statefulset(0))
        start_time = time.monotonic()
        next_sample = start_time
        replicas, scales, stuck = 50, 0, 0
        while time.monotonic() - start_time < args.minutes * 60:
            if not scale(server.api, ns, replicas):
                stuck += 1
            scales += 1
            replicas = 50 - replicas
            if time.monotonic() >= next_sample:
                sample = (time.monotonic() - start_time, resource_version(server.api),
                          server.rss_kb())
                samples.append(sample)
                print("%.1f %d %d" % sample, flush=True)
                next_sample += args.every
    finally:
        server.stop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print("work directory:", workdir, file=sys.stderr)
    if args.csv:
        with open(args.csv, "w") as f:
            f.write("seconds,changes,rss_kib\n")
            for s in samples:
                f.write("%.1f,%d,%d\n" % s)
    warm = [(c, r) for _, c, r in samples if c >= args.warm]
    per_change = slope(warm)
    print("scales %d (%d not settled in 60 s); changes %d; RSS %d -> %d KiB" %
          (scales, stuck, samples[-1][1] if samples else 0, samples[0][2] if samples else 0,
           samples[-1][2] if samples else 0))
    if len(warm) >= 2:
        print("after %d changes: %.3f KiB per change (least squares), %d -> %d KiB over %d "
              "changes" % (args.warm, per_change, warm[0][1], warm[-1][1],
                           warm[-1][0] - warm[0][0]))
    else:
        print("fewer than two samples after %d changes: run longer" % args.warm)


if __name__ == "__main__":
    main()
