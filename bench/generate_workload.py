#!/usr/bin/env python3
"""The benchmark workload: headless Services with EndpointSlices, and dnsperf query files.

NAMESPACES x SERVICES headless Services (one named TCP port "http") with PODS ready endpoints
each, written as manifests of Services and EndpointSlices. The slices carry no
endpointslice.kubernetes.io/managed-by label, so ordinal's EndpointSlice controller leaves them
alone and the zone is exactly what is written here. The query files name the same records for
every server: pod A, named-port SRV, NXDOMAIN, and a 60/30/10 mix of the three.
"""
import argparse
import os
import random

DOMAIN = "cluster.local"


# Zone sizes `make bench` measures: pods -> (namespaces, Services per namespace, pods per
# Service). Five endpoints per Service keep an SRV answer with its addresses under 512 bytes,
# so that UDP answers are not truncated (dnsperf and dns_loadgen send no EDNS).
SIZES = {3000: (10, 100, 3), 100000: (20, 1000, 5)}


def pod_address(index):
    """A unique address per endpoint: 10.244.x.y for the first 62,500, then 10.245.x.y, ..."""
    return "10.%d.%d.%d" % (244 + index // 62500, index // 250 % 250, index % 250 + 1)


def workload(namespaces, services, pods):
    """(namespace, service, [(hostname, address)]) for every Service."""
    index = 0
    for n in range(namespaces):
        ns = "bench-%d" % n
        for s in range(services):
            svc = "svc-%03d" % s
            endpoints = []
            for p in range(pods):
                endpoints.append(("%s-%d" % (svc, p), pod_address(index)))
                index += 1
            yield ns, svc, endpoints


def service_manifest(ns, svc):
    return (
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: %s\n  namespace: %s\n"
        "spec:\n  clusterIP: None\n  ports:\n  - name: http\n    port: 80\n"
        "    protocol: TCP\n" % (svc, ns)
    )


def slice_manifest(ns, svc, endpoints):
    lines = [
        "apiVersion: discovery.k8s.io/v1",
        "kind: EndpointSlice",
        "metadata:",
        "  name: %s-bench" % svc,
        "  namespace: %s" % ns,
        "  labels:",
        "    kubernetes.io/service-name: %s" % svc,
        "addressType: IPv4",
        "ports:",
        "- name: http",
        "  port: 80",
        "  protocol: TCP",
        "endpoints:",
    ]
    for hostname, address in endpoints:
        lines += [
            "- addresses: [\"%s\"]" % address,
            "  hostname: %s" % hostname,
            "  conditions:",
            "    ready: true",
        ]
    return "\n".join(lines) + "\n"


def write_manifests(directory, services):
    """One manifest file per namespace (`ordinal apply -n` checks objects' namespaces against
    its flag); returns [(namespace, path)]."""
    documents = {}
    for ns, svc, endpoints in services:
        documents.setdefault(ns, []).append(service_manifest(ns, svc))
        documents[ns].append(slice_manifest(ns, svc, endpoints))
    files = []
    for ns, docs in documents.items():
        path = os.path.join(directory, "workload-%s.yaml" % ns)
        with open(path, "w") as out:
            out.write("---\n".join(docs))
        files.append((ns, path))
    return files


def write_queries(directory, services, mix_size, seed):
    """Writes a.txt, srv.txt, nxdomain.txt and mix.txt; returns their paths by mix name."""
    a, srv, nx = [], [], []
    for ns, svc, endpoints in services:
        base = "%s.%s.svc.%s" % (svc, ns, DOMAIN)
        for hostname, _ in endpoints:
            a.append("%s.%s A" % (hostname, base))
        srv.append("_http._tcp.%s SRV" % base)
        nx.append("missing-%s.%s A" % (svc, base))
    rng = random.Random(seed)
    for lines in (a, srv, nx):
        rng.shuffle(lines)
    mix = []
    for share, lines in ((60, a), (30, srv), (10, nx)):
        count = mix_size * share // 100
        mix += [lines[i % len(lines)] for i in range(count)]
    rng.shuffle(mix)
    files = {}
    for name, lines in (("a", a), ("srv", srv), ("nxdomain", nx), ("mix", mix)):
        files[name] = os.path.join(directory, name + ".txt")
        with open(files[name], "w") as out:
            out.write("\n".join(lines) + "\n")
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True, help="directory for manifests and queries")
    parser.add_argument("--size", type=int, choices=sorted(SIZES),
                        help="a preset zone size in pods (overrides the three counts below)")
    parser.add_argument("--namespaces", type=int, default=10)
    parser.add_argument("--services", type=int, default=100)
    parser.add_argument("--pods", type=int, default=3)
    parser.add_argument("--mix-size", type=int, default=10000)
    args = parser.parse_args()
    if args.size:
        args.namespaces, args.services, args.pods = SIZES[args.size]
    os.makedirs(args.out, exist_ok=True)
    services = list(workload(args.namespaces, args.services, args.pods))
    write_manifests(args.out, services)
    write_queries(args.out, services, args.mix_size, seed=4)


if __name__ == "__main__":
    main()
