"""The results as Markdown: a table of every dnsperf run per zone size, the dns_loadgen runs
and instructions per query (report_loadgen.py), and the issues' targets, met or missed."""
import report_loadgen

SERVERS = ("ordinal", "knot", "nsd")


def us(seconds):
    return "-" if seconds is None else "%.0f" % (seconds * 1e6)


def find(runs, server, mix, transport, mode):
    for run in runs:
        if (run.server, run.mix, run.transport, run.mode) == (server, mix, transport, mode):
            return run
    return None


def ratio(value, reference):
    return "%.2f" % (value / reference) if reference else "-"


def with_lost(run):
    """p99 when every lost query counts as the client's timeout, where it was measured."""
    value = getattr(run, "p99_with_lost", None)
    return " (%s)" % us(value) if value is not None else ""


def table(runs, mixes):
    lines = [
        "| server | mix | transport | load | QPS | avg / p50 / p99 (p99 counting lost) latency (µs) "
        "| lost | "
        "server CPU-s | queries per CPU-s | QPS vs Knot | queries/CPU-s vs Knot |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for mode in ("saturation", "30k"):
        for transport in ("udp", "tcp"):
            for mix in mixes:
                knot = find(runs, "knot", mix, transport, mode)
                for server in SERVERS:
                    run = find(runs, server, mix, transport, mode)
                    if run is None:
                        continue
                    lines.append(
                        "| %s | %s | %s | %s | %.0f | %s / %s / %s%s | %d | %.2f | %.0f | %s | %s |"
                        % (server, mix, transport.upper(),
                           "max" if mode == "saturation" else "30k QPS", run.qps,
                           us(run.avg_latency), us(run.p50), us(run.p99), with_lost(run), run.lost, run.cpu,
                           run.per_cpu_second, ratio(run.qps, knot.qps if knot else 0),
                           ratio(run.per_cpu_second, knot.per_cpu_second if knot else 0)))
    return lines


def verdict(ok):
    return "met" if ok else "MISSED"


def targets(runs, mixes):
    """The issue's four targets, each per mix, comparing ordinal with Knot."""
    lines = ["| target | mix | ordinal | Knot | ratio | result |", "|---|---|---:|---:|---:|---|"]
    for mix in mixes:
        ours = find(runs, "ordinal", mix, "udp", "saturation")
        knot = find(runs, "knot", mix, "udp", "saturation")
        if ours and knot:
            lines.append("| UDP QPS ≥ Knot's | %s | %.0f | %.0f | %s | %s |" % (
                mix, ours.qps, knot.qps, ratio(ours.qps, knot.qps),
                verdict(ours.qps >= knot.qps)))
            lines.append("| queries per CPU-s ≥ 1.2 × Knot's (UDP) | %s | %.0f | %.0f | %s | %s |"
                         % (mix, ours.per_cpu_second, knot.per_cpu_second,
                            ratio(ours.per_cpu_second, knot.per_cpu_second),
                            verdict(ours.per_cpu_second >= 1.2 * knot.per_cpu_second)))
        ours = find(runs, "ordinal", mix, "tcp", "saturation")
        knot = find(runs, "knot", mix, "tcp", "saturation")
        if ours and knot:
            lines.append("| TCP QPS ≥ 1.5 × Knot's | %s | %.0f | %.0f | %s | %s |" % (
                mix, ours.qps, knot.qps, ratio(ours.qps, knot.qps),
                verdict(ours.qps >= 1.5 * knot.qps)))
        for transport in ("udp", "tcp"):
            ours = find(runs, "ordinal", mix, transport, "30k")
            knot = find(runs, "knot", mix, transport, "30k")
            if ours and knot and ours.p99 is not None and knot.p99 is not None:
                lines.append("| p99 at 30k QPS ≤ Knot's (%s) | %s | %s µs | %s µs | %s | %s |" % (
                    transport.upper(), mix, us(ours.p99), us(knot.p99),
                    ratio(ours.p99, knot.p99), verdict(ours.p99 <= knot.p99)))
    return lines


def zone_title(zone):
    return "{:,} pods".format(zone)


def render(runs, mixes, notes, load_runs=(), instructions=None, plot=None):
    """The whole report. `runs`: dnsperf Runs; `load_runs`: loadgen_runs.LoadRun;
    `instructions`: {zone: {mix: callgrind.measure() entry}}; `plot`: a PNG file name beside
    the report, or None."""
    mixes = list(mixes)
    zones = sorted({run.zone for run in runs} | {run.zone for run in load_runs})
    out = ["# DNS benchmark: ordinal, Knot DNS and NSD", ""]
    out += notes + [""]
    if plot:
        out += ["![QPS and latency with dns_loadgen](%s)" % plot, ""]
    for zone in zones:
        if any(run.zone == zone for run in load_runs):
            out += ["## dns_loadgen runs, %s" % zone_title(zone), ""]
            out += report_loadgen.table(list(load_runs), zone, mixes) + [""]
    if instructions:
        out += ["## Instructions per query (callgrind)", ""]
        out += report_loadgen.instructions_table(instructions) + [""]
    for zone in zones:
        zone_runs = [run for run in runs if run.zone == zone]
        if zone_runs:
            out += ["## dnsperf runs, %s" % zone_title(zone), ""] + table(zone_runs, mixes) + [""]
    out += ["## Targets", ""]
    if load_runs:
        out += ["Issue 7, with dns_loadgen (server and generator pinned to one core each):", ""]
        out += report_loadgen.targets(list(load_runs), zones, mixes) + [""]
    for zone in zones:
        zone_runs = [run for run in runs if run.zone == zone]
        if zone_runs:
            out += ["With dnsperf, %s:" % zone_title(zone), ""]
            out += targets(zone_runs, mixes) + [""]
    return "\n".join(out)
