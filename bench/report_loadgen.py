"""The dns_loadgen and callgrind results as Markdown: runs with their ratios to Knot and to
the bare UDP echo, instructions per query, and issue 7's targets, met or missed."""

SERVERS = ("ordinal", "knot", "nsd", "echo")


def find(runs, server, zone, mix, mode):
    for run in runs:
        if (run.server, run.zone, run.mix, run.mode) == (server, zone, mix, mode):
            return run
    return None


def echo_of(runs, zone):
    """The echo's saturating run for `zone` (measured once, on whichever query file)."""
    return next((run for run in runs if run.server == "echo" and run.zone == zone
                 and run.mode == "saturation"), None)


def ratio(value, reference):
    return "%.2f" % (value / reference) if reference else "-"


def us(value):
    return "-" if value is None else "%.0f" % value


def latency(run):
    return " / ".join(us(v) for v in (run.p50, run.p90, run.p99, run.p999, run.max))


def table(runs, zone, mixes):
    lines = [
        "| server | mix | load | QPS | p50 / p90 / p99 / p99.9 / max (µs) | p99 counting lost "
        "(µs) | lost | rcodes | server CPU-s | queries per CPU-s | QPS vs Knot | QPS vs echo |",
        "|---|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    echo = echo_of(runs, zone)
    for mode in ("saturation", "30k"):
        for mix in mixes + ["-"]:
            knot = find(runs, "knot", zone, mix, mode)
            for server in SERVERS:
                run = find(runs, server, zone, mix, mode)
                if run is None:
                    continue
                lines.append("| %s | %s | %s | %.0f | %s | %s | %d | %s | %.2f | %.0f | %s | %s |" % (
                    server, mix, "max" if mode == "saturation" else "30k QPS", run.qps,
                    latency(run), us(run.p99_with_lost), run.lost, run.rcode_text(), run.cpu,
                    run.per_cpu_second, ratio(run.qps, knot.qps if knot else 0),
                    ratio(run.qps, echo.qps if echo and mode == "saturation" else 0)))
    return lines


def instructions_table(instructions):
    """`instructions`: {zone: {mix: callgrind.measure()'s entry}}."""
    lines = ["| zone (pods) | mix | instructions per query | ns per query (native, unpinned) "
             "| queries replayed | rcodes |", "|---:|---|---:|---:|---:|---|"]
    for zone in sorted(instructions):
        for mix, result in instructions[zone].items():
            rcodes = " ".join("%s %d" % item for item in sorted(result["rcodes"].items()))
            lines.append("| %d | %s | %.0f | %.0f | %d | %s |" % (
                zone, mix, result["instructions"], result["ns_native"], result["queries"],
                rcodes))
    return lines


def verdict(ok):
    return "met" if ok else "MISSED"


def targets(runs, zones, mixes):
    """Issue 7's generator targets per zone and mix: ordinal's saturating QPS ≥ 1.3 × Knot's
    and ≥ 75 % of the echo's, and p99 at 30k QPS ≤ Knot's."""
    lines = ["| target | zone | mix | ordinal | reference | ratio | result |",
             "|---|---:|---|---:|---:|---:|---|"]
    for zone in zones:
        echo = echo_of(runs, zone)
        for mix in mixes:
            ours = find(runs, "ordinal", zone, mix, "saturation")
            knot = find(runs, "knot", zone, mix, "saturation")
            if ours and knot:
                lines.append("| generator QPS ≥ 1.3 × Knot's | %d | %s | %.0f | %.0f | %s | %s |"
                             % (zone, mix, ours.qps, knot.qps, ratio(ours.qps, knot.qps),
                                verdict(ours.qps >= 1.3 * knot.qps)))
            if ours and echo:
                lines.append("| generator QPS ≥ 75 %% of the echo's | %d | %s | %.0f | %.0f | %s | "
                             "%s |" % (zone, mix, ours.qps, echo.qps, ratio(ours.qps, echo.qps),
                                       verdict(ours.qps >= 0.75 * echo.qps)))
            ours = find(runs, "ordinal", zone, mix, "30k")
            knot = find(runs, "knot", zone, mix, "30k")
            if ours and knot and ours.p99_with_lost and knot.p99_with_lost:
                # Lost queries count as the timeout: dropping is not faster than answering.
                mine, theirs = ours.p99_with_lost, knot.p99_with_lost
                lines.append("| generator p99 at 30k QPS ≤ Knot's (a lost query counts as the timeout) | %d | %s | %s µs | %s µs | %s | "
                             "%s |" % (zone, mix, us(mine), us(theirs), ratio(mine, theirs),
                                       verdict(mine <= theirs)))
    return lines
