"""One zone size's servers: the workload generated and loaded into a store, `ordinal serve`
started on it, the zone exported into Knot DNS and NSD, and the answers compared."""
import os
import subprocess
import time

import generate_workload
import servers
import zone_compare

DOMAIN = "cluster.local"


class ZoneSetup:
    """Everything measured against one zone size. `running` lists the servers started, ordinal
    first; stop() ends them all."""

    def __init__(self, pods, workdir):
        self.pods = pods
        self.workdir = os.path.join(workdir, "zone-%d" % pods)
        os.makedirs(self.workdir, exist_ok=True)
        namespaces, per_namespace, per_service = generate_workload.SIZES[pods]
        self.services = list(generate_workload.workload(namespaces, per_namespace, per_service))
        self.endpoints = per_service * len(self.services)
        self.manifest_dir = os.path.join(self.workdir, "manifests")
        os.makedirs(self.manifest_dir, exist_ok=True)
        self.manifests = generate_workload.write_manifests(self.manifest_dir, self.services)
        self.queries = generate_workload.write_queries(self.workdir, self.services, 10000,
                                                       seed=4)
        self.running = []
        self.mismatches = []
        self.load_seconds = None  # the workload written into ordinal's store
        self.serve_seconds = None  # from `ordinal serve` to the zone naming every pod
        self.ordinal = None

    def start(self, binary, tools, peers):
        """Starts ordinal with the workload, then the `peers` ("knot", "nsd") on its export,
        and compares a sample of their answers."""
        print("bench: %d pods: starting ordinal with %d Services" % (self.pods,
              len(self.services)), flush=True)
        started = time.time()
        self.ordinal, api = servers.start_ordinal(binary, tools, self.workdir, self.manifest_dir,
                                                  DOMAIN)
        self.running.append(self.ordinal)
        wait_for_zone(binary, api, self.endpoints)
        self.load_seconds = self.ordinal.load_seconds
        self.serve_seconds = time.time() - started - self.load_seconds
        print("bench: %d pods loaded into the store in %.1f s, served %.1f s later" % (
            self.pods, self.load_seconds, self.serve_seconds), flush=True)
        zones = export_zones(binary, api, self.workdir)
        if "knot" in peers:
            self.running.append(servers.start_knot(self.workdir, zones))
        if "nsd" in peers:
            self.running.append(servers.start_nsd(self.workdir, zones))
        self.mismatches = zone_compare.compare(self.running, self.queries, sample=40)
        for line in self.mismatches:
            print("bench: answers differ: " + line, flush=True)

    def stop(self):
        for server in self.running:
            server.stop()
        self.running = []


def export_zones(binary, api, workdir):
    """The forward zone and the reverse zones as files: [(apex, path)]."""
    zones = []
    for reverse in (False, True):
        args = [binary, "--server", api, "zone", "export"] + (["--reverse"] if reverse else [])
        text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        for part in text.split("; ---- next zone ----\n"):
            apex = next(line.split()[1] for line in part.splitlines()
                        if line.startswith("$ORIGIN "))
            path = os.path.join(workdir, apex + "zone")
            with open(path, "w") as f:
                f.write(part)
            zones.append((apex, path))
    return zones


def endpoint_count(binary, api):
    text = subprocess.run([binary, "--server", api, "zone", "export"], capture_output=True,
                          text=True).stdout
    return sum(1 for line in text.splitlines()
               if ".bench-" in line and line.split()[3:4] == ["A"]
               and line.split()[0].count(".") == 6)


def wait_for_zone(binary, api, expected, timeout=300):
    """Waits until the served zone names every generated endpoint."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if endpoint_count(binary, api) >= expected:
            return
        time.sleep(0.5)
    raise RuntimeError("the zone never reached %d endpoint records" % expected)
