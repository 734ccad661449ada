"""Item 3, server side, at the largest size: restart from the store to serving, the server's
resident memory beside Knot's for the same zone (`ordinal zone export` loaded into knotd), and
item 4's `ordinal get pods -A` over every pod."""
import os
import subprocess
import time

import harness
import servers
import bench_zone  # bench/bench_zone.py: export_zones


def first_pod_name(api):
    """An A name of one endpoint, to ask once the server says it is ready. Lists every pod (the
    API ignores `limit`, as Kubernetes allows), so it is asked before the timed start."""
    pods = harness.call(api, "GET", "/api/v1/pods?limit=1")["items"]
    pod = pods[0]["metadata"]
    service = pod["name"].rsplit("-", 1)[0]  # scale_seed: Service and set share the name
    return "%s.%s.%s.svc.%s" % (pod["name"], service, pod["namespace"], harness.DOMAIN)


def measure(binary, data_dir, workdir):
    result = {}
    server = harness.Serve(binary, data_dir, os.path.join(workdir, "restart-probe.log"))
    try:
        name = first_pod_name(server.api)
    finally:
        server.stop()
    server = harness.Serve(binary, data_dir, os.path.join(workdir, "restart.log"))
    try:
        start = time.monotonic() - server.started_s
        harness.wait_until(lambda: servers.dig_status(server.dns_port, name, "A") == "NOERROR", 30)
        result["restart_to_ready_s"] = server.started_s
        result["restart_to_answer_s"] = time.monotonic() - start
        harness.quiet(server.api)
        result["ordinal_rss_mb"] = server.rss_kb() / 1024.0
        timings = []
        for _ in range(3):
            begin = time.monotonic()
            subprocess.run([binary, "--server", server.api, "get", "pods", "-A"], check=True,
                           stdout=subprocess.DEVNULL)
            timings.append(time.monotonic() - begin)
        result["get_pods_all_s"] = sorted(timings)[1]
        zones = bench_zone.export_zones(binary, server.api, workdir)
        result["zone_file_mb"] = sum(os.path.getsize(path) for _, path in zones) / 1e6
    finally:
        server.stop()
    knot = servers.start_knot(workdir, zones)
    try:
        time.sleep(1)  # zones are loaded before SOA answers; let the allocator settle
        result["knot_rss_mb"] = harness.rss_kb(knot.pid) / 1024.0
    finally:
        knot.stop()
    result["rss_ratio"] = result["ordinal_rss_mb"] / result["knot_rss_mb"]
    return result
