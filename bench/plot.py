"""The dns_loadgen results as one PNG made with gnuplot: for each zone size, saturating QPS
per server and query file (with the bare UDP echo as a dashed line), and the latency
percentiles of every server and the echo at a fixed 30k QPS on the mix."""
import os
import shutil
import subprocess

SERVERS = ("ordinal", "knot", "nsd")
PERCENTILES = (("p50", "p50"), ("p90", "p90"), ("p99", "p99"), ("p999", "p99.9"))


def find(runs, server, zone, mix, mode):
    return next((run for run in runs if (run.server, run.zone, run.mix, run.mode) ==
                 (server, zone, mix, mode)), None)


def write_data(directory, runs, zones, mixes):
    """One QPS file and one latency file per zone; returns {zone: (qps path, latency path or
    None, echo QPS or 0)}."""
    files = {}
    for zone in zones:
        qps_path = os.path.join(directory, "qps-%d.dat" % zone)
        with open(qps_path, "w") as f:
            for mix in mixes:
                values = [find(runs, server, zone, mix, "saturation") for server in SERVERS]
                f.write("%s %s\n" % (mix, " ".join("%.0f" % (v.qps if v else 0) for v in values)))
        latency_path = None  # no fixed-rate runs on this zone: its latency panel stays empty
        values = [find(runs, server, zone, "mix", "30k") for server in SERVERS]
        values.append(find(runs, "echo", zone, "-", "30k"))
        if any(values):
            latency_path = os.path.join(directory, "latency-%d.dat" % zone)
        with open(latency_path or os.devnull, "w") as f:
            for key, label in PERCENTILES:
                f.write("%s %s\n" % (label, " ".join(
                    "%.1f" % (getattr(v, key) or 0 if v else 0) for v in values)))
        echo = next((run.qps for run in runs if run.server == "echo" and run.zone == zone
                     and run.mode == "saturation"), 0)
        files[zone] = (qps_path, latency_path, echo)
    return files


def script(files, out):
    lines = [
        "set terminal pngcairo size 1400,%d font ',10'" % (420 * len(files)),
        "set output '%s'" % out,
        "set multiplot layout %d,2" % len(files),
        "set style data histogram",
        "set style histogram cluster gap 1",
        "set style fill solid 0.8 border -1",
        "set key outside bottom center horizontal",
        "set grid ytics",
        "set yrange [0:*]",
    ]
    for zone, (qps, latency, echo) in sorted(files.items()):
        lines += [
            "unset logscale y",
            "set yrange [0:*]",
            "set title 'Saturating QPS, {:,} pods (server and generator pinned to one core each)'"
            .format(zone),
            "set ylabel 'answers per second'",
            "plot '%s' using 2:xtic(1) title 'ordinal', '' using 3 title 'Knot', "
            "'' using 4 title 'NSD'%s" % (
                qps, ", %f with lines dashtype 2 lw 2 title 'bare UDP echo'" % echo
                if echo else ""),
        ]
        if latency is None:
            lines.append("set multiplot next")  # keep each zone on its own row
            continue
        lines += [
            "set logscale y",
            "set yrange [1:*]",
            "set title 'Latency at a fixed 30k QPS, mix, {:,} pods'".format(zone),
            "set ylabel 'microseconds (log)'",
            "plot '%s' using 2:xtic(1) title 'ordinal', '' using 3 title 'Knot', "
            "'' using 4 title 'NSD', '' using 5 title 'bare UDP echo'" % latency,
        ]
    lines.append("unset multiplot")
    return "\n".join(lines) + "\n"


def render(runs, zones, mixes, out, workdir):
    """Writes the PNG `out`; returns False (and writes nothing) when gnuplot is missing."""
    if not shutil.which("gnuplot") or not runs:
        return False
    files = write_data(workdir, runs, zones, mixes)
    path = os.path.join(workdir, "dns.gp")
    with open(path, "w") as f:
        f.write(script(files, out))
    subprocess.run(["gnuplot", path], check=True)
    return True
