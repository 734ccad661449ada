"""bench/results/scale.md (every target, the figure measured, met or MISSED) and scale.png
(zone costs against the number of pods, drawn by gnuplot)."""
import os
import subprocess


def verdict(ok):
    """met / MISSED; None for a figure shown for comparison, without a target of its own."""
    if ok is None:
        return "reference"
    return "met" if ok else "**MISSED**"


def latency(summary):
    """p50/p99 (max) of a change_latency summary, in milliseconds."""
    return "p50 %.3f ms, p99 %.3f ms (max %.1f ms)" % (
        summary["p50_us"] / 1000.0, summary["p99_us"] / 1000.0, summary["max_us"] / 1000.0)


def rows(results):
    """(item, target, measured, met) for every target that was measured."""
    out = []
    change = results.get("change")
    if change:
        p99_ms = change["ack_to_answer"]["p99_us"] / 1000.0
        out.append(("2. change to answer, p99 (%d changes, dnsperf at %d QPS)" %
                    (change["changes"], change["dnsperf_qps"]), "≤ 1 ms",
                    "%.3f ms (p50 %.3f ms; write round trip p50 %.2f ms)" %
                    (p99_ms, change["ack_to_answer"]["p50_us"] / 1000.0,
                     change["write"]["p50_us"] / 1000.0), p99_ms <= 1.0))
    out += replica_rows(results.get("replicas"))
    restart = results.get("restart")
    if restart:
        out.append(("3. resident memory vs Knot, same zone", "≤ 2 × Knot",
                    "%.0f MB vs %.0f MB = %.2f ×" % (restart["ordinal_rss_mb"],
                                                     restart["knot_rss_mb"], restart["rss_ratio"]),
                    restart["rss_ratio"] <= 2.0))
    zone = results.get("zone", [])
    if zone:
        big = zone[-1]
        out.append(("3. full zone rebuild, %d pods" % big["pods"], "≤ 1 s",
                    "%.0f ms (build_snapshot); %.0f ms (relist into the updater)" %
                    (big["full_build_ms"], big["relist_ms"]),
                    max(big["full_build_ms"], big["relist_ms"]) <= 1000))
        small = zone[0]
        growth = big["change_p50_us"] / max(small["change_p50_us"], 1e-9)
        size = big["pods"] / max(small["pods"], 1)
        # The names a change touches do not grow with the zone, so neither should its cost;
        # allow a factor of two over the whole span for caches and tree depths.
        out.append(("3. incremental change, %d → %d pods" % (small["pods"], big["pods"]),
                    "grows with names touched, not zone (≤ × 2 over the span)",
                    "p50 %.1f → %.1f µs (× %.1f for × %d pods)" %
                    (small["change_p50_us"], big["change_p50_us"], growth, size),
                    growth <= 2.0))
    if restart:
        out.append(("3. restart from the store to serving, %d pods" % zone[-1]["pods"]
                    if zone else "3. restart to serving", "≤ 2 s",
                    "%.2f s to ready, %.2f s to the first pod answer" %
                    (restart["restart_to_ready_s"], restart["restart_to_answer_s"]),
                    restart["restart_to_answer_s"] <= 2.0))
        if "idle_s" in restart:
            out.append(("… until the server is idle (zone updater and controllers through what "
                        "they loaded; memory and `get pods -A` below are taken then)", "—",
                        "%.1f s (registry quiet at %.1f s)" %
                        (restart["idle_s"], restart["settled_s"]), None))
        if "stop_s" in restart:
            out.append(("… and from SIGTERM to the process's exit", "—",
                        "%.2f s" % restart["stop_s"], None))
    control = results.get("control")
    if control:
        out.append(("4. %d-replica Parallel set all Ready (--sim-ready-after 0)" %
                    control["parallel_replicas"], "≤ 2 s", ("> %.0f s (%d Ready by then)" % (control["parallel_ready_s"],
                                                        control["parallel_ready_at_timeout"])
                              if control.get("parallel_timed_out") else
                              "%.2f s" % control["parallel_ready_s"]),
                    control["parallel_ready_s"] <= 2.0))
        split = control.get("ordered_controller_ms") or {}
        if split.get("p50") is not None:
            wait = control["ordered_readiness_ms"]
            out.append(("4. OrderedReady controller overhead per ordinal (%d replicas): pod N "
                        "Ready to pod N+1 created, p50 / p90 / max (traced run)" %
                        control["ordered_replicas"], "≤ 1 ms",
                        "%.2f / %.2f / %.2f ms" % (split["p50"], split["p90"], split["max"]),
                        split["p50"] <= 1.0))
            out.append(("4. … the readiness wait beside it: pod created to Ready (scheduling "
                        "and the simulated kubelet), p50 / p90", "—",
                        "%.2f / %.2f ms" % (wait["p50"], wait["p90"]), None))
        out.append(("4. OrderedReady all in, per ordinal (%d replicas; server CPU per ordinal)" %
                    control["ordered_replicas"], "—",
                    "%.2f ms (%.2f ms CPU)" % (control["ordered_ms_per_ordinal"],
                                               control["ordered_cpu_ms_per_ordinal"]), None))
    if restart:
        out.append(("4. `ordinal get pods -A`, %d pods" % (zone[-1]["pods"] if zone else 0),
                    "≤ 1 s", "%.2f s" % restart["get_pods_all_s"], restart["get_pods_all_s"] <= 1.0))
    writes = results.get("writes")
    if writes:
        out.append(("4. durable writes (%d connections)" % writes["connections"], "≥ 5,000/s",
                    "%.0f/s (p50 %.2f ms, p99 %.2f ms)" %
                    (writes["writes_per_s"], writes["p50_us"] / 1000.0, writes["p99_us"] / 1000.0),
                    writes["writes_per_s"] >= 5000))
        if "registry_64_per_s" in writes:
            out.append(("4. durable writes, registry alone in process (64 threads; 1 thread)",
                        "≥ 5,000/s", "%.0f/s (%.0f/s)" % (writes["registry_64_per_s"],
                                                         writes["registry_1_per_s"]),
                        writes["registry_64_per_s"] >= 5000))
        out.append(("4. acknowledged writes lost on SIGKILL", "0",
                    "%d of %d" % (writes["crash_lost"], writes["crash_acknowledged"]),
                    writes["crash_lost"] == 0 and writes["crash_acknowledged"] > 0))
    return out


def replica_rows(replicas):
    """Issue 10: the primary, a follower and a Knot secondary answering the same changes; a
    replica meets its target when its p99 is within the second that issue 10's tests allow."""
    if not replicas:
        return []
    out = [("change to answer at the primary, beside the replicas below (%d changes, no load)"
            % replicas["follower_changes"], "—", latency(replicas["primary"]), None)]
    out.append(("change to answer at a follower (`serve --follow`), p50/p99, same changes",
                "≤ 1 s", latency(replicas["follower"]), replicas["follower"]["p99_us"] <= 1e6))
    out.append(("change to answer at a Knot secondary (NOTIFY + IXFR), p50/p99, %d changes"
                % replicas["secondary_changes"], "≤ 1 s",
                latency(replicas["secondary"]) + "; primary meanwhile p50 %.3f ms"
                % (replicas["primary_beside_secondary"]["p50_us"] / 1000.0),
                replicas["secondary"]["p99_us"] <= 1e6))
    return out


def markdown(results, header):
    lines = [header, "", "| item | target | measured | |", "|---|---|---|---|"]
    for item, target, measured, ok in rows(results):
        lines.append("| %s | %s | %s | %s |" % (item, target, measured, verdict(ok)))
    zone = results.get("zone", [])
    if zone:
        lines += ["", "Zone costs by cluster size (in process, `bin/scale_zone`; sets of 10 pods):",
                  "", "| pods | services | load store | full build | relist | change p50 | "
                  "change p99 | seed (controllers) |", "|---|---|---|---|---|---|---|---|"]
        for z in zone:
            lines.append("| %d | %d | %.0f ms | %.0f ms | %.0f ms | %.1f µs | %.1f µs | %.1f s |" %
                         (z["pods"], z["services"], z["load_ms"], z["full_build_ms"],
                          z["relist_ms"], z["change_p50_us"], z["change_p99_us"],
                          z.get("seed_s", 0)))
    return "\n".join(lines) + "\n"


def plot(results, path):
    """Full build, relist and per-change cost against pods, log-log; returns False when gnuplot
    is missing or there is nothing to draw."""
    zone = results.get("zone", [])
    if not zone:
        return False
    data = path + ".dat"
    with open(data, "w") as f:
        for z in zone:
            f.write("%d %f %f %f\n" % (z["pods"], z["full_build_ms"], z["relist_ms"],
                                       z["change_p50_us"] / 1000.0))
    script = "\n".join([
        "set terminal pngcairo size 900,540 noenhanced" if has_cairo() else
        "set terminal png size 900,540",
        "set output '%s'" % path,
        "set title 'ordinal zone cost against cluster size'",
        "set logscale xy", "set xlabel 'pods (sets of 10)'", "set ylabel 'milliseconds'",
        "set key left top", "set grid",
        "plot '%s' using 1:2 with linespoints title 'full rebuild (build_snapshot)', "
        "'' using 1:3 with linespoints title 'relist into updater', "
        "'' using 1:4 with linespoints title 'one pod readiness change (p50)'" % data,
    ])
    try:
        subprocess.run(["gnuplot"], input=script, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return False
    finally:
        os.remove(data)
    return True


def has_cairo():
    out = subprocess.run(["gnuplot", "-e", "set terminal"], capture_output=True, text=True)
    return "pngcairo" in out.stdout + out.stderr
