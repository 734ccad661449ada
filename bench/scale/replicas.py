"""Issue 10: change-to-answer latency at a follower and at a Knot DNS secondary beside the
primary's. One primary (`ordinal serve` on a seeded store, with `--allow-transfer` and
`--notify`), one `ordinal serve --follow` of its API and one knotd that transfers its zones
(AXFR, then NOTIFY + IXFR). `bin/change_latency` flips pods' readiness through the primary's API
and times, per change, the first reflecting answer at the primary and at each replica asked at
the same time. No dnsperf load here: the figures are the replication paths alone."""
import os
import subprocess
import time

import harness
import servers

ZONES = ["cluster.local.", "in-addr.arpa."]


class Follower:
    """`ordinal serve --follow URL` on a free DNS port; ready once it printed `ready`."""

    def __init__(self, binary, url, log_path):
        self.dns_port = servers.free_port()
        args = [binary, "serve", "--follow", url, "--dns-listen", "127.0.0.1:%d" % self.dns_port,
                "--api-listen", "127.0.0.1:0"]
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log, text=True)
        ready = False
        for line in self.process.stdout:
            if line.strip() == "ready":
                ready = True
                break
        if not ready:
            raise RuntimeError("the follower did not start; see %s" % log_path)
        self.drain = subprocess.Popen(["cat"], stdin=self.process.stdout, stdout=subprocess.DEVNULL)

    def stop(self):
        stop_process(self.process)
        self.drain.wait()
        self.log.close()


def stop_process(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_knot(workdir, primary_port, port):
    """knotd as a secondary of 127.0.0.1:`primary_port` for ZONES, accepting its NOTIFY (the
    configuration of tests/integration/secondary_servers.hpp)."""
    base = os.path.join(workdir, "knot-secondary")
    os.makedirs(os.path.join(base, "db"), exist_ok=True)
    lines = servers.knot_server_lines(base, port) + [
        "remote:",
        "  - id: primary",
        "    address: 127.0.0.1@%d" % primary_port,
        "acl:",
        "  - id: primary_notify",
        "    address: 127.0.0.1",
        "    action: notify",
        "template:",
        "  - id: default",
        "    storage: \"%s\"" % base,
        "    zonefile-sync: -1",
        "    zonefile-load: none",
        "    master: primary",
        "    acl: primary_notify",
        "zone:",
    ] + ["  - domain: \"%s\"" % zone for zone in ZONES]
    config = os.path.join(base, "knot.conf")
    with open(config, "w") as f:
        f.write("\n".join(lines) + "\n")
    knotd = "/usr/sbin/knotd" if os.access("/usr/sbin/knotd", os.X_OK) else "knotd"
    log = open(os.path.join(base, "knot.log"), "w")
    return subprocess.Popen([knotd, "-c", config], stdout=log, stderr=log), log


def soa_serial(port):
    out = subprocess.run(["dig", "+short", "+time=1", "+tries=1", "-p", str(port), "@127.0.0.1",
                          "SOA", harness.DOMAIN], capture_output=True, text=True).stdout.split()
    return out[2] if len(out) >= 3 else None


def wait_transferred(primary_port, knot_port, knot, timeout=60):
    """Until knot serves the primary's current serial."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if knot.poll() is not None:
            raise RuntimeError("knotd exited with %s" % knot.returncode)
        serial = soa_serial(primary_port)
        if serial is not None and soa_serial(knot_port) == serial:
            return
        time.sleep(0.2)
    raise RuntimeError("knot did not transfer the zone within %d s" % timeout)


def whole_rounds(changes, members):
    """`changes` rounded up to whole out-and-back rounds, so every pod ends as it started."""
    rounds = max(1, -(-changes // (2 * members)))
    return rounds * 2 * members


def measure(binary, bin_dir, data_dir, workdir, follower_changes=2000, secondary_changes=300):
    knot_port = servers.free_port()
    primary = harness.Serve(binary, data_dir, os.path.join(workdir, "replicas-primary.log"),
                            extra=["--allow-transfer", "127.0.0.0/8",
                                   "--notify", "127.0.0.1:%d" % knot_port])
    follower = knot = knot_log = None
    try:
        follower = Follower(binary, primary.api, os.path.join(workdir, "replicas-follower.log"))
        knot, knot_log = start_knot(workdir, primary.dns_port, knot_port)
        harness.quiet(primary.api)
        wait_transferred(primary.dns_port, knot_port, knot)
        # The last set of the store: change.py flips the first one's pods.
        listed = harness.call(primary.api, "GET", "/api/v1/pods")["items"]
        names = [(p["metadata"]["namespace"], p["metadata"]["name"]) for p in listed]
        ns, last = names[-1]
        service = last.rsplit("-", 1)[0]
        members = [name for (n, name) in names
                   if n == ns and name.rsplit("-", 1)[0] == service]

        def run(label, port, changes):
            args = [harness.tool(bin_dir, "change_latency"), "--api", primary.api_address,
                    "--dns", "primary=127.0.0.1:%d" % primary.dns_port,
                    "--dns", "%s=127.0.0.1:%d" % (label, port),
                    "--changes", str(whole_rounds(changes, len(members))),
                    "--namespace", ns, "--service", service, "--gap-us", "200"]
            for name in members:
                args += ["--pod", name]
            return harness.run_json(args)

        with_follower = run("follower", follower.dns_port, follower_changes)
        with_knot = run("knot", knot_port, secondary_changes)
        return {
            "follower_changes": with_follower["changes"],
            "secondary_changes": with_knot["changes"],
            "primary": with_follower["at"]["primary"],
            "follower": with_follower["at"]["follower"],
            "secondary": with_knot["at"]["knot"],
            "primary_beside_secondary": with_knot["at"]["primary"],
            "write": with_follower["write"],
        }
    finally:
        if knot is not None:
            stop_process(knot)
            knot_log.close()
        if follower is not None:
            follower.stop()
        primary.stop()
