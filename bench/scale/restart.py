"""Item 3, server side, at the largest size: restart from the store to serving, the server's
resident memory beside Knot's for the same zone (`ordinal zone export` loaded into knotd), and
item 4's `ordinal get pods -A` over every pod."""
import os
import subprocess
import time

import harness
import servers
import bench_zone  # bench/bench_zone.py: export_zones


def get_all_pods_seconds(binary, api):
    """`ordinal get pods -A`: the median of three runs, or one when it takes seconds (at 100,000
    pods one run says enough, and three would cost a minute)."""
    timings = []
    while len(timings) < 3 and (not timings or timings[0] < 3):
        begin = time.monotonic()
        subprocess.run([binary, "--server", api, "get", "pods", "-A"], check=True,
                       stdout=subprocess.DEVNULL)
        timings.append(time.monotonic() - begin)
    return sorted(timings)[len(timings) // 2]


def measure(binary, data_dir, pod_name, workdir):
    """`pod_name`: one seeded pod's name under the domain (scale_seed prints it), asked until
    the restarted server answers it."""
    result = {}
    name = "%s.%s" % (pod_name, harness.DOMAIN)
    server = harness.Serve(binary, data_dir, os.path.join(workdir, "restart.log"))
    try:
        start = time.monotonic() - server.started_s
        harness.wait_until(lambda: servers.dig_status(server.dns_port, name, "A") == "NOERROR", 120)
        result["restart_to_ready_s"] = server.started_s
        result["restart_to_answer_s"] = time.monotonic() - start
        harness.quiet(server.api)
        result["settled_s"] = time.monotonic() - start
        harness.idle(server.pid)
        result["idle_s"] = time.monotonic() - start
        result["ordinal_rss_mb"] = server.rss_kb() / 1024.0
        result["get_pods_all_s"] = get_all_pods_seconds(binary, server.api)
        zones = bench_zone.export_zones(binary, server.api, workdir)
        result["zone_file_mb"] = sum(os.path.getsize(path) for _, path in zones) / 1e6
    finally:
        begin = time.monotonic()
        server.stop()  # SIGTERM, then the wait for the process to end
        result["stop_s"] = time.monotonic() - begin
    knot = servers.start_knot(workdir, zones)
    try:
        time.sleep(1)  # zones are loaded before SOA answers; let the allocator settle
        result["knot_rss_mb"] = harness.rss_kb(knot.pid) / 1024.0
    finally:
        knot.stop()
    result["rss_ratio"] = result["ordinal_rss_mb"] / result["knot_rss_mb"]
    return result
