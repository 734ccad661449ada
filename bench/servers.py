"""The three DNS servers under test, each a process pinned to the server core.

ordinal serves the generated workload itself; Knot DNS and NSD load the zone files that
`ordinal zone export` printed. Each runs from its own configuration in a temporary directory on
its own loopback port, never as a system service.
"""
import os
import re
import socket
import subprocess
import time

SERVER_CORE = "0"


def free_port():
    """A port free for both UDP and TCP on 127.0.0.1."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
            tcp.bind(("127.0.0.1", 0))
            port = tcp.getsockname()[1]
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                    udp.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue


def process_tree(pid):
    """`pid` and its live descendants (NSD serves from forked children)."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo += children.get(current, [])
    return tree


def cpu_seconds(pid):
    """utime + stime of `pid` and its live descendants, in seconds (all threads included)."""
    ticks = 0
    for member in process_tree(pid):
        try:
            with open("/proc/%d/stat" % member) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks / os.sysconf("SC_CLK_TCK")


def dig_status(port, name, qtype, tcp=False):
    """The rcode dig reports ("NOERROR", ...) or "" when there is no answer."""
    args = ["dig", "@127.0.0.1", "-p", str(port), "+norec", "+time=1", "+tries=1", name, qtype]
    if tcp:
        args.append("+tcp")
    out = subprocess.run(args, capture_output=True, text=True).stdout
    found = re.search(r"status: (\w+)", out)
    return found.group(1) if found else ""


def wait_answering(port, zone, process, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError("server on port %d exited with %s" % (port, process.returncode))
        if dig_status(port, zone, "SOA") == "NOERROR":
            return
        time.sleep(0.2)
    raise RuntimeError("server on port %d does not answer SOA %s" % (port, zone))


class Server:
    def __init__(self, name, process, port, log):
        self.name, self.process, self.port, self.log = name, process, port, log
        self.load_seconds = None  # ordinal: how long loading the workload into its store took

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def pinned(args):
    return ["taskset", "-c", SERVER_CORE] + args


def start_ordinal(binary, tools, workdir, manifests, domain):
    """`ordinal serve` on a store loaded with the manifests under `manifests` (a file or a
    directory) by bench/tools/store_load; returns (Server, API URL). Applying through the API
    would wait for one synced commit per object (minutes for the largest zone), and what is
    measured here is the answering."""
    data_dir = os.path.join(workdir, "ordinal-data")
    started = time.time()
    subprocess.run([os.path.join(tools, "store_load"), "--data-dir", data_dir,
                    "--manifests", manifests], check=True, stdout=subprocess.DEVNULL)
    loaded = time.time() - started
    port = free_port()
    log = open(os.path.join(workdir, "ordinal.log"), "w")
    args = [binary, "serve", "--data-dir", data_dir,
            "--dns-listen", "127.0.0.1:%d" % port, "--api-listen", "127.0.0.1:0",
            "--domain", domain]
    process = subprocess.Popen(pinned(args), stdout=subprocess.PIPE, stderr=log, text=True)
    api = None
    for line in process.stdout:
        if line.startswith("api "):
            api = line.split()[1]
        if line.strip() == "ready":
            break
    if api is None:
        raise RuntimeError("ordinal serve did not start; see %s" % log.name)
    # Keep draining stdout so a chatty server never blocks on a full pipe.
    subprocess.Popen(["cat"], stdin=process.stdout, stdout=subprocess.DEVNULL)
    server = Server("ordinal", process, port, log)
    server.load_seconds = loaded
    wait_answering(port, domain + ".", process)
    return server, api


def knot_server_lines(base, port):
    """The head of a knotd configuration: one UDP and one TCP worker on 127.0.0.1:`port`, its
    state under `base`, warnings to stderr."""
    return [
        "server:",
        "    rundir: \"%s\"" % base,
        "    listen: 127.0.0.1@%d" % port,
        "    udp-workers: 1",
        "    tcp-workers: 1",
        "    background-workers: 1",
        "database:",
        "    storage: \"%s\"" % os.path.join(base, "db"),
        "control:",
        "    listen: \"%s\"" % os.path.join(base, "knot.sock"),
        "log:",
        "  - target: stderr",
        "    any: warning",
    ]


def start_knot(workdir, zones):
    """knotd with one UDP and one TCP worker (ordinal serves DNS from one thread too)."""
    base = os.path.join(workdir, "knot")
    os.makedirs(os.path.join(base, "db"), exist_ok=True)
    port = free_port()
    lines = knot_server_lines(base, port) + [
        "template:",
        "  - id: default",
        "    storage: \"%s\"" % base,
        "    zonefile-sync: -1",
        "    journal-content: none",
        "zone:",
    ]
    for apex, path in zones:
        lines += ["  - domain: \"%s\"" % apex, "    file: \"%s\"" % path]
    config = os.path.join(base, "knot.conf")
    with open(config, "w") as f:
        f.write("\n".join(lines) + "\n")
    log = open(os.path.join(base, "knot.log"), "w")
    process = subprocess.Popen(pinned(["knotd", "-c", config]), stdout=log, stderr=log)
    wait_answering(port, zones[0][0], process)
    return Server("knot", process, port, log)


def start_nsd(workdir, zones):
    """nsd in the foreground with one server process and rate limiting off (Debian turns RRL
    on, which would drop most of a benchmark's replies)."""
    base = os.path.join(workdir, "nsd")
    os.makedirs(base, exist_ok=True)
    port = free_port()
    lines = [
        "server:",
        "    server-count: 1",
        "    ip-address: 127.0.0.1",
        "    port: %d" % port,
        "    do-ip6: no",
        "    username: \"\"",
        "    chroot: \"\"",
        "    zonesdir: \"%s\"" % base,
        "    database: \"\"",
        "    zonelistfile: \"%s\"" % os.path.join(base, "zone.list"),
        "    xfrdfile: \"%s\"" % os.path.join(base, "xfrd.state"),
        "    xfrdir: \"%s\"" % base,
        "    pidfile: \"%s\"" % os.path.join(base, "nsd.pid"),
        "    logfile: \"%s\"" % os.path.join(base, "nsd.log"),
        "    verbosity: 0",
        "    rrl-ratelimit: 0",
        "    rrl-whitelist-ratelimit: 0",
        "    tcp-count: 256",
        "remote-control:",
        "    control-enable: no",
    ]
    for apex, path in zones:
        lines += ["zone:", "    name: \"%s\"" % apex, "    zonefile: \"%s\"" % path]
    config = os.path.join(base, "nsd.conf")
    with open(config, "w") as f:
        f.write("\n".join(lines) + "\n")
    log = open(os.path.join(base, "nsd.out"), "w")
    process = subprocess.Popen(pinned(["nsd", "-d", "-c", config]), stdout=log, stderr=log)
    wait_answering(port, zones[0][0], process)
    return Server("nsd", process, port, log)


def start_echo(tool, workdir):
    """bench/tools/udp_echo: answers every datagram with itself (QR set), the floor for any
    UDP server on this machine. Its port is read from its first line."""
    log = open(os.path.join(workdir, "udp_echo.log"), "w")
    process = subprocess.Popen(pinned([tool, "--listen", "127.0.0.1:0"]), stdout=subprocess.PIPE,
                               stderr=log, text=True)
    port = None
    for line in process.stdout:
        if line.startswith("udp "):
            port = int(line.split()[1].rsplit(":", 1)[1])
        if line.strip() == "ready":
            break
    if port is None:
        process.kill()
        raise RuntimeError("udp_echo did not start; see %s" % log.name)
    return Server("echo", process, port, log)
