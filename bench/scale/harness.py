"""What every scale measurement needs: an `ordinal serve` on free loopback ports, its memory,
JSON calls to its API, and the benchmark tools built beside it (bin/<tool>)."""
import json
import os
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import servers  # noqa: E402  (bench/servers.py: free_port, process_tree, pinning, dig)

DOMAIN = "cluster.local"
POD_CIDR = "10.128.0.0/9"  # room for 100,000 pods; scale_seed uses the same


class Serve:
    """`ordinal serve` on `data_dir`; `started_s` is from exec to the `ready` line."""

    def __init__(self, binary, data_dir, log_path, extra=(), core=None):
        self.dns_port = servers.free_port()
        args = [binary, "serve", "--data-dir", data_dir,
                "--dns-listen", "127.0.0.1:%d" % self.dns_port, "--api-listen", "127.0.0.1:0",
                "--pod-cidr", POD_CIDR] + list(extra)
        if core is not None:
            args = ["taskset", "-c", str(core)] + args
        self.log = open(log_path, "w")
        start = time.monotonic()
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.api = None
        for line in self.process.stdout:
            if line.startswith("api "):
                self.api = line.split()[1]
            if line.strip() == "ready":
                break
        self.started_s = time.monotonic() - start
        if self.api is None:
            raise RuntimeError("ordinal serve did not start; see %s" % log_path)
        # Keep draining stdout so a chatty server never blocks on a full pipe.
        self.drain = subprocess.Popen(["cat"], stdin=self.process.stdout, stdout=subprocess.DEVNULL)
        self.api_address = self.api.split("//", 1)[1].rstrip("/")

    @property
    def pid(self):
        return self.process.pid

    def rss_kb(self):
        return rss_kb(self.process.pid)

    def kill(self):
        """SIGKILL, as a crash would."""
        self.process.kill()
        self.process.wait()
        self.drain.wait()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.drain.wait()
        self.log.close()


def rss_kb(pid):
    """Resident memory of `pid` and its live descendants (VmRSS), in KiB."""
    total = 0
    for member in servers.process_tree(pid):
        try:
            with open("/proc/%d/status" % member) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def call(api, method, path, body=None, content_type="application/json"):
    """One API request; the decoded JSON answer (raises on HTTP errors)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(api.rstrip("/") + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


def tool(bin_dir, name):
    path = os.path.join(bin_dir, name)
    if not os.access(path, os.X_OK):
        raise RuntimeError("%s is not built (cmake --build <dir> --target %s)" % (path, name))
    return path


def run_json(args, **kwargs):
    """Runs a tool that prints one JSON object; returns it."""
    out = subprocess.run(args, check=True, capture_output=True, text=True, **kwargs).stdout
    return json.loads(out.strip().splitlines()[-1])


def wait_until(predicate, timeout, step=0.01):
    """Polls `predicate` until it is true; returns the seconds it took (raises on timeout)."""
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > timeout:
            raise RuntimeError("timed out after %.0f s" % timeout)
        time.sleep(step)
    return time.monotonic() - start


def cpu_seconds(pid):
    """User and system CPU time of `pid` so far, in seconds."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle(pid, busy=0.05, seconds=2.0, timeout=180):
    """Waits until `pid` uses less than `busy` of a core over `seconds`: the registry can be
    quiet while the server still works through what it loaded (the zone feed's updater compiling
    behind the first snapshot, the controllers' first passes), and a figure taken then measures
    that contention, not the server."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = cpu_seconds(pid)
        time.sleep(seconds)
        if cpu_seconds(pid) - before < busy * seconds:
            return
    raise RuntimeError("ordinal serve stayed busy for %d s" % timeout)


def quiet(api, seconds=1.0, timeout=120):
    """Waits until the registry's resourceVersion stays put for `seconds` (controllers idle)."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        rv = call(api, "GET", "/api/v1/namespaces?limit=1")["metadata"]["resourceVersion"]
        if rv != last:
            last, since = rv, time.monotonic()
        elif time.monotonic() - since >= seconds:
            return
        time.sleep(0.1)
