"""One dns_loadgen run against one server, with the server's CPU time over the run.

dns_loadgen (bench/tools/dns_loadgen.cpp) batches queries with sendmmsg/recvmmsg and keeps a
window in flight; it runs pinned to its own core, the server to the other, so neither competes
for a CPU. Saturating runs keep WINDOW queries in flight; fixed-rate runs send RATE queries a
second and report latency percentiles measured per query with CLOCK_MONOTONIC.
"""
import json
import subprocess

import servers

CLIENT_CORE = "1"
# Enough in flight to keep a server busy between the generator's batches, few enough that the
# server's socket buffer (about 200 KB by default, ~300 queries) never overflows.
WINDOW = 128
BATCH = 32
RATE = 30000
# A query unanswered this long counts as lost (on loopback an answer takes microseconds).
TIMEOUT_SECONDS = 1.0


class LoadRun:
    """What one run measured: the generator's JSON line plus the server's CPU seconds."""

    def __init__(self, server, zone, mix, mode, report, cpu):
        self.server = server
        self.zone = zone  # pods in the zone
        self.mix = mix
        self.mode = mode  # "saturation" or "30k"
        self.report = report
        self.cpu = cpu
        latency = report.get("latency_us", {})
        self.qps = report.get("qps", 0.0)
        self.sent = report.get("sent", 0)
        self.answered = report.get("answered", 0)
        self.lost = report.get("lost", 0)
        self.rcodes = report.get("rcodes", {})
        self.p50 = latency.get("p50")
        self.p90 = latency.get("p90")
        self.p99 = latency.get("p99")
        self.p999 = latency.get("p999")
        self.max = latency.get("max")
        self.p99_with_lost = latency.get("p99_with_lost")

    @property
    def per_cpu_second(self):
        return self.answered / self.cpu if self.cpu > 0 else 0.0

    def rcode_text(self):
        return " ".join("%s %d" % item for item in sorted(self.rcodes.items()))


def loadgen_args(tool, server, query_file, mode, seconds):
    args = ["taskset", "-c", CLIENT_CORE, tool, "--server", "127.0.0.1", "--port",
            str(server.port), "--queries", query_file, "--seconds", str(seconds),
            "--batch", str(BATCH), "--timeout", str(TIMEOUT_SECONDS)]
    if mode == "saturation":
        args += ["--window", str(WINDOW)]
    else:
        # The window only bounds memory here: a server that stalls is not sent more.
        args += ["--rate", str(RATE), "--window", "10000"]
    return args


def run(tool, server, zone, mix, query_file, mode, seconds):
    """Runs dns_loadgen once; returns a LoadRun. Raises RuntimeError when it fails."""
    before = servers.cpu_seconds(server.pid)
    result = subprocess.run(loadgen_args(tool, server, query_file, mode, seconds),
                            capture_output=True, text=True)
    cpu = servers.cpu_seconds(server.pid) - before
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError("dns_loadgen failed (%d): %s" % (result.returncode,
                                                            result.stderr.strip()))
    return LoadRun(server.name, zone, mix, mode, json.loads(lines[-1]), cpu)
