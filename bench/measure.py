"""One dnsperf run against one server, with the server's CPU time over the run.

dnsperf is pinned to its own core (the servers share the other), so the client and the server
never compete for a CPU. Debian's dnsperf 2.10 has no latency histogram: fixed-rate runs use
its verbose mode, one line per query with its latency, for the percentiles.
"""
import re
import subprocess

import servers

CLIENT_CORE = "1"
# dnsperf's -t: a query unanswered this long counts as lost.
TIMEOUT_SECONDS = 2


class Run:
    """What one run measured."""

    def __init__(self, **fields):
        self.server = fields["server"]
        self.zone = fields.get("zone", 3000)  # pods in the zone
        self.mix = fields["mix"]
        self.transport = fields["transport"]
        self.mode = fields["mode"]  # "saturation" or "30k"
        self.completed = fields.get("completed", 0)
        self.lost = fields.get("lost", 0)
        self.qps = fields.get("qps", 0.0)
        self.avg_latency = fields.get("avg_latency")
        self.p50 = fields.get("p50")
        self.p99 = fields.get("p99")
        # The same over every query sent, a lost one counting as the client's timeout: a server
        # that drops queries under load must not look faster than one that answers them late.
        self.p99_with_lost = fields.get("p99_with_lost")
        self.cpu = fields.get("cpu", 0.0)
        self.rcodes = fields.get("rcodes", "")

    @property
    def per_cpu_second(self):
        return self.completed / self.cpu if self.cpu > 0 else 0.0


def percentile(sorted_values, share):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, int(round(share * (len(sorted_values) - 1))))
    return sorted_values[index]


def number(pattern, text, cast=float, default=0):
    found = re.search(pattern, text, re.MULTILINE)
    return cast(found.group(1)) if found else default


def dnsperf_args(server, query_file, transport, mode, seconds):
    args = ["taskset", "-c", CLIENT_CORE, "dnsperf", "-s", "127.0.0.1", "-p", str(server.port),
            "-d", query_file, "-l", str(seconds), "-m", transport, "-t", str(TIMEOUT_SECONDS)]
    if mode == "saturation":
        # Enough in flight that the client, not the window, is the limit.
        args += ["-c", "8" if transport == "udp" else "16", "-q", "500"]
    else:
        args += ["-c", "4" if transport == "udp" else "8", "-q", "500", "-Q", "30000", "-v"]
    return args


def run(server, mix, query_file, transport, mode, seconds, zone=3000):
    """Runs dnsperf once against a zone of `zone` pods; returns a Run."""
    before = servers.cpu_seconds(server.pid)
    out = subprocess.run(dnsperf_args(server, query_file, transport, mode, seconds),
                         capture_output=True, text=True).stdout
    cpu = servers.cpu_seconds(server.pid) - before
    latencies = []
    if mode != "saturation":
        for line in out.splitlines():
            if line.startswith("> "):
                try:
                    latencies.append(float(line.rsplit(" ", 1)[1]))
                except ValueError:
                    pass
        latencies.sort()
    lost = number(r"Queries lost:\s+(\d+)", out, int)
    with_lost = latencies + [float(TIMEOUT_SECONDS)] * lost if latencies else []
    rcodes = re.search(r"Response codes:\s+(.*)$", out, re.MULTILINE)
    return Run(server=server.name, zone=zone, mix=mix, transport=transport, mode=mode,
               completed=number(r"Queries completed:\s+(\d+)", out, int),
               lost=lost,
               qps=number(r"Queries per second:\s+([\d.]+)", out),
               avg_latency=number(r"Average Latency \(s\):\s+([\d.]+)", out, float, None),
               p50=percentile(latencies, 0.50), p99=percentile(latencies, 0.99),
               p99_with_lost=percentile(with_lost, 0.99),
               cpu=cpu, rcodes=rcodes.group(1).strip() if rcodes else "")
