"""Item 2: from the acknowledged write that changes a pod's readiness to the first DNS answer
that reflects it (bin/change_latency), over many changes, while dnsperf loads the same server at
a fixed rate. The server is pinned to one core, dnsperf and the prober to the other."""
import os
import subprocess

import harness

SERVER_CORE, CLIENT_CORE = "0", "1"


def measure(binary, bin_dir, data_dir, workdir, changes=10000, qps=30000):
    server = harness.Serve(binary, data_dir, os.path.join(workdir, "change.log"), core=SERVER_CORE)
    load = None
    try:
        listed = harness.call(server.api, "GET", "/api/v1/pods")["items"]
        names = []
        for pod in listed:
            meta = pod["metadata"]
            service = meta["name"].rsplit("-", 1)[0]
            names.append((meta["namespace"], service, meta["name"]))
        queries = os.path.join(workdir, "change-queries.txt")
        with open(queries, "w") as f:
            for ns, service, name in names:
                f.write("%s.%s.%s.svc.%s A\n" % (name, service, ns, harness.DOMAIN))
        load = subprocess.Popen(
            ["taskset", "-c", CLIENT_CORE, "dnsperf", "-s", "127.0.0.1",
             "-p", str(server.dns_port), "-d", queries, "-l", "3600", "-Q", str(qps), "-q", "500"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Flip the pods of one set in turn; each change is its own acknowledged write.
        ns, service, _ = names[0]
        members = [name for (n, s, name) in names if n == ns and s == service]
        args = ["taskset", "-c", CLIENT_CORE, harness.tool(bin_dir, "change_latency"),
                "--api", server.api_address, "--dns", "127.0.0.1:%d" % server.dns_port,
                "--changes", str(changes), "--namespace", ns, "--service", service]
        for name in members:
            args += ["--pod", name]
        result = harness.run_json(args)
        result["dnsperf_qps"] = qps
        return result
    finally:
        if load is not None:
            load.terminate()
            load.wait()
        server.stop()
