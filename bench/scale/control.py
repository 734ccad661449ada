"""Item 4: the controller and the API on a fresh server started with --sim-ready-after 0.
  - a 1,000-replica Parallel StatefulSet: from the acknowledged create to status.readyReplicas
    = 1,000;
  - an OrderedReady set: with no readiness wait, all the time per ordinal is the controller's;
  - for both, the server's CPU time (user + system, all threads) over the same span, a figure
    less at the mercy of a busy machine than the wall-clock time;
  - for OrderedReady, where each ordinal's time goes, from a second run traced through a pod
    watch: the controller's share (pod N Ready to pod N+1 created, both as the watch saw them
    acknowledged) and the readiness wait (pod created to Ready: scheduling and the simulated
    kubelet's writes). The watch adds work to the server, so this run is a little slower;
  - durable writes per second (bin/scale_writes: many connections creating ConfigMaps), and a
    crash check: the server is killed with SIGKILL in the middle of such a run and restarted,
    and every ConfigMap it acknowledged must be there."""
import http.client
import json
import os
import shutil
import subprocess
import threading
import time
import urllib.parse

import harness
import measure  # bench/measure.py: percentile

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


class PodTrace:
    """Watches the pods of `ns` and keeps, per pod name, when the watch first saw it added and
    first saw it Ready (time.monotonic())."""

    def __init__(self, api, ns):
        self.added, self.ready = {}, {}
        url = urllib.parse.urlparse(api)
        self.connection = http.client.HTTPConnection(url.hostname, url.port, timeout=300)
        self.connection.request("GET", "/api/v1/namespaces/%s/pods?watch=1" % ns)
        self.response = self.connection.getresponse()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        try:
            for line in self.response:
                seen = time.monotonic()
                event = json.loads(line)
                pod = event.get("object", {})
                name = pod.get("metadata", {}).get("name")
                if not name:
                    continue
                self.added.setdefault(name, seen)
                conditions = pod.get("status", {}).get("conditions", [])
                if any(c.get("type") == "Ready" and c.get("status") == "True" for c in conditions):
                    self.ready.setdefault(name, seen)
        except (OSError, ValueError, http.client.HTTPException):
            pass  # the server stopped

    def split(self, name, replicas):
        """Per ordinal, in ms: (controller: Ready(i) -> added(i+1), readiness: added -> Ready)."""
        controller, readiness = [], []
        for i in range(replicas):
            pod, following = "%s-%d" % (name, i), "%s-%d" % (name, i + 1)
            if pod in self.added and pod in self.ready:
                readiness.append((self.ready[pod] - self.added[pod]) * 1000.0)
            if pod in self.ready and following in self.added:
                controller.append((self.added[following] - self.ready[pod]) * 1000.0)
        return controller, readiness


def percentiles(values):
    ordered = sorted(values)
    return {"p50": measure.percentile(ordered, 0.5), "p90": measure.percentile(ordered, 0.9),
            "max": measure.percentile(ordered, 1.0)}


def ordered_split(binary, workdir, replicas, timeout):
    """The traced OrderedReady run: percentiles of the controller's share and of the readiness
    wait per ordinal."""
    data_dir = os.path.join(workdir, "control-traced")
    shutil.rmtree(data_dir, ignore_errors=True)
    server = harness.Serve(binary, data_dir, os.path.join(workdir, "control-traced.log"),
                           extra=["--sim-ready-after", "0s"])
    try:
        harness.call(server.api, "POST", "/api/v1/namespaces",
                     {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "traced"}})
        trace = PodTrace(server.api, "traced")
        time_to_ready(server.api, "traced", "ord", replicas, "OrderedReady", timeout)
        time.sleep(0.2)  # the last events
        controller, readiness = trace.split("ord", replicas)
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    return {"controller_ms": percentiles(controller), "readiness_ms": percentiles(readiness)}


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
    split = ordered_split(binary, workdir, ordered, timeout)
    # A set that timed out counts its time as the timeout (a lower bound).
    return {"parallel_replicas": parallel, "parallel_ready_s": parallel_s or float(timeout),
            "parallel_ready_at_timeout": parallel_ready, "parallel_timed_out": parallel_s is None,
            "parallel_cpu_s": parallel_cpu, "ordered_cpu_s": ordered_cpu,
            "ordered_cpu_ms_per_ordinal": ordered_cpu * 1000.0 / ordered,
            "ordered_replicas": ordered, "ordered_ready_s": ordered_s or float(timeout),
            "ordered_ready_at_timeout": ordered_ready, "ordered_timed_out": ordered_s is None,
            "ordered_ms_per_ordinal": (ordered_s or float(timeout)) * 1000.0 / ordered,
            "ordered_controller_ms": split["controller_ms"],
            "ordered_readiness_ms": split["readiness_ms"]}


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
