"""Do ordinal, Knot and NSD give the same answers? Asked with dig for a sample of every query
file: the rcode and the answer section (TTLs and record order ignored) must match."""
import random
import subprocess


def answer_of(port, name, qtype):
    """(rcode, sorted answer records without TTL) as dig shows them."""
    out = subprocess.run(["dig", "@127.0.0.1", "-p", str(port), "+norec", "+time=2",
                          "+tries=1", "+nocmd", "+nostats", "+noquestion", name, qtype],
                         capture_output=True, text=True).stdout
    rcode, records, in_answer = "", [], False
    for line in out.splitlines():
        if "status: " in line:
            rcode = line.split("status: ", 1)[1].split(",", 1)[0]
        if line.startswith(";; "):
            in_answer = line.startswith(";; ANSWER SECTION")
            continue
        if in_answer and line.strip():
            fields = line.split()
            records.append(" ".join([fields[0].lower()] + fields[2:]))
    return rcode, sorted(records)


def compare(servers, query_files, sample):
    """Lines describing every difference from the first server's answer (empty: all agree)."""
    rng = random.Random(7)
    differences = []
    for path in query_files.values():
        with open(path) as f:
            lines = [line.split() for line in f if line.strip()]
        for name, qtype in rng.sample(lines, min(sample, len(lines))):
            reference = answer_of(servers[0].port, name, qtype)
            for other in servers[1:]:
                got = answer_of(other.port, name, qtype)
                if got != reference:
                    differences.append("%s %s: %s %s, %s %s" % (
                        name, qtype, servers[0].name, reference, other.name, got))
    return differences
