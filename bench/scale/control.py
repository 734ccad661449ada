"""Item 4: the controller and the API on a fresh server started with --sim-ready-after 0.
  - a 1,000-replica Parallel StatefulSet: from the acknowledged create to status.readyReplicas
    = 1,000;
  - an OrderedReady set: with no readiness wait, all the time per ordinal is the controller's;
  - for both, the server's CPU time (user + system, all threads) over the same span, a figure
    less at the mercy of a busy machine than the wall-clock time;
  - durable writes per second (bin/scale_writes: many connections creating ConfigMaps), and a
    crash check: the server is killed with SIGKILL in the middle of such a run and restarted,
    and every ConfigMap it acknowledged must be there."""
import os
import shutil
import subprocess
import time

import harness

SERVER_CORE, CLIENT_CORE = "0", "1"


def statefulset(name, replicas, policy):
    labels = {"app": name}
    return {
        "apiVersion": "apps/v1", "kind": "StatefulSet",
        "metadata": {"name": name},
        "spec": {
            "serviceName": name, "replicas": replicas, "podManagementPolicy": policy,
            "selector": {"matchLabels": labels},
            "template": {"metadata": {"labels": labels},
                         "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}},
        },
    }


def time_to_ready(api, ns, name, replicas, policy, timeout=120):
    harness.call(api, "POST", "/api/v1/namespaces/%s/services" % ns, {
        "apiVersion": "v1", "kind": "Service", "metadata": {"name": name},
        "spec": {"clusterIP": "None", "selector": {"app": name},
                 "ports": [{"name": "http", "port": 80}]}})
    path = "/apis/apps/v1/namespaces/%s/statefulsets" % ns
    start = time.monotonic()
    harness.call(api, "POST", path, statefulset(name, replicas, policy))

    def ready_count():
        return harness.call(api, "GET", "%s/%s" % (path, name)).get("status", {}).get(
            "readyReplicas", 0)

    while ready_count() != replicas:
        if time.monotonic() - start > timeout:
            return None, ready_count()  # missed: how far it got
        time.sleep(0.005)
    return time.monotonic() - start, replicas


def cpu_seconds(pid):
    """User + system CPU time of `pid` and its live descendants, in seconds."""
    total = 0
    for member in harness.servers.process_tree(pid):
        try:
            with open("/proc/%d/stat" % member) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:
            pass
    return total / os.sysconf("SC_CLK_TCK")


def one_set(binary, workdir, name, replicas, policy, timeout):
    """A fresh server (so that one set's backlog never delays the other) and one set: seconds
    to all Ready (None on timeout), Ready replicas reached, server CPU seconds meanwhile."""
    data_dir = os.path.join(workdir, "control-%s" % name)
    shutil.rmtree(data_dir, ignore_errors=True)
    server = harness.Serve(binary, data_dir, os.path.join(workdir, "control-%s.log" % name),
                           extra=["--sim-ready-after", "0s"])
    try:
        before = cpu_seconds(server.pid)
        seconds, ready = time_to_ready(server.api, "bench", name, replicas, policy, timeout)
        return seconds, ready, cpu_seconds(server.pid) - before
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def controller(binary, workdir, parallel=1000, ordered=200, timeout=60):
    parallel_s, parallel_ready, parallel_cpu = one_set(binary, workdir, "par", parallel,
                                                       "Parallel", timeout)
    ordered_s, ordered_ready, ordered_cpu = one_set(binary, workdir, "ord", ordered,
                                                    "OrderedReady", timeout)
    # A set that timed out counts its time as the timeout (a lower bound).
    return {"parallel_replicas": parallel, "parallel_ready_s": parallel_s or float(timeout),
            "parallel_ready_at_timeout": parallel_ready, "parallel_timed_out": parallel_s is None,
            "parallel_cpu_s": parallel_cpu, "ordered_cpu_s": ordered_cpu,
            "ordered_cpu_ms_per_ordinal": ordered_cpu * 1000.0 / ordered,
            "ordered_replicas": ordered, "ordered_ready_s": ordered_s or float(timeout),
            "ordered_ready_at_timeout": ordered_ready, "ordered_timed_out": ordered_s is None,
            "ordered_ms_per_ordinal": (ordered_s or float(timeout)) * 1000.0 / ordered}


def writes(binary, bin_dir, workdir, connections=64, seconds=5):
    data_dir = os.path.join(workdir, "writes-data")
    shutil.rmtree(data_dir, ignore_errors=True)
    server = harness.Serve(binary, data_dir, os.path.join(workdir, "writes.log"),
                           core=SERVER_CORE)
    load = [harness.tool(bin_dir, "scale_writes"), "--api", server.api_address,
            "--namespace", "writes", "--connections", str(connections)]
    try:
        harness.call(server.api, "POST", "/api/v1/namespaces",
                     {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "writes"}})
        result = harness.run_json(["taskset", "-c", CLIENT_CORE] + load +
                                  ["--seconds", str(seconds), "--prefix", "t"])
        # The crash check: kill the server while writes are in flight.
        acked_file = os.path.join(workdir, "acked.txt")
        crash = subprocess.Popen(["taskset", "-c", CLIENT_CORE] + load +
                                 ["--seconds", "30", "--prefix", "k", "--acked", acked_file],
                                 stdout=subprocess.PIPE, text=True)
        time.sleep(2)
        server.kill()
        crash.communicate(timeout=60)
    finally:
        server.stop()
    with open(acked_file) as f:
        acked = [line.strip() for line in f if line.strip()]
    server = harness.Serve(binary, data_dir, os.path.join(workdir, "writes-restart.log"))
    try:
        stored = harness.call(server.api, "GET", "/api/v1/namespaces/writes/configmaps")["items"]
    finally:
        server.stop()
    names = {item["metadata"]["name"] for item in stored}
    lost = [name for name in acked if name not in names]
    result.update({"crash_acknowledged": len(acked), "crash_lost": len(lost),
                   "crash_lost_examples": lost[:5]})
    return result


def registry_writes(bin_dir, workdir, seconds=3):
    """Durable writes per second of the registry alone (bin/scale_registry_writes), with one
    writer (a sync per write) and with 64 (group commit): what the store can do whatever the
    API in front of it does."""
    out = {}
    for threads in (1, 64):
        data_dir = os.path.join(workdir, "registry-writes-%d" % threads)
        shutil.rmtree(data_dir, ignore_errors=True)
        out[threads] = harness.run_json([harness.tool(bin_dir, "scale_registry_writes"),
                                         "--data-dir", data_dir, "--threads", str(threads),
                                         "--seconds", str(seconds)])
        shutil.rmtree(data_dir, ignore_errors=True)
    return {"registry_1_per_s": out[1]["writes_per_s"], "registry_64_per_s": out[64]["writes_per_s"]}
