#include "tools/cli/peers_help.hpp"

namespace ordinal::cli {

std::string peers_help_footer() {
  return R"(
Members are the targets of SRV SERVICE.NAMESPACE.svc.DOMAIN (or _NAME._tcp.... with
--port-name), sorted by the ordinal at the end of their first label. The namespace is the one
in the argument, else -n, else the pod's own (service account), else "default".

Examples (service etcd in namespace db, three members):
  ordinal peers etcd.db
    etcd-0.etcd.db.svc.cluster.local:2380
    etcd-1.etcd.db.svc.cluster.local:2380
    etcd-2.etcd.db.svc.cluster.local:2380
  ordinal peers etcd.db --format json
    [{"name": "etcd-0", "ordinal": 0, "fqdn": "etcd-0.etcd.db...", "port": 2380,
      "addresses": ["10.244.0.5"]}, ...]
  ordinal peers etcd.db --format etcd --self          (on host etcd-1)
    --initial-cluster=etcd-0=http://etcd-0.etcd.db.svc.cluster.local:2380,etcd-1=...
    --initial-advertise-peer-urls=http://etcd-1.etcd.db.svc.cluster.local:2380
  ordinal peers es.db --port 9300 --format elasticsearch
    discovery.seed_hosts: ["es-0.es.db.svc.cluster.local:9300", ...]
    cluster.initial_master_nodes: ["es-0", "es-1", "es-2"]
  ordinal peers kafka.db --port-name controller --format kafka --id-offset 1
    controller.quorum.voters=1@kafka-0.kafka.db.svc.cluster.local:9093,2@...
    bootstrap.servers=kafka-0.kafka.db.svc.cluster.local:9093,...
  ordinal peers zk.db --format zookeeper --self       (on host zk-1)
    server.1=zk-0.zk.db.svc.cluster.local:2888:3888
    server.2=zk-1.zk.db.svc.cluster.local:2888:3888
    server.3=zk-2.zk.db.svc.cluster.local:2888:3888
    # myid=2
  With --self the last line is the comment "# myid=N" (N = own ordinal + 1), which ZooKeeper
  ignores in zoo.cfg; write the myid file with:  ... | sed -n 's/^# myid=//p' > DATADIR/myid
  ordinal peers redis.db --format redis
    redis-0.redis.db.svc.cluster.local:6379 redis-1.redis.db.svc.cluster.local:6379 ...
  (for: redis-cli --cluster create $(ordinal peers redis.db --format redis); redis-cli 7+)

--template FILE renders FILE with {{ordinal}}, {{ordinal_plus_one}}, {{fqdn}}, {{name}} (this
host's identity; need --self), {{peers}} (fqdn:port of every member), {{peer_fqdns}} and
{{peer_addresses}} (address:port of every member, for programs that need addresses, such as
Redis Cluster's CLUSTER MEET), each joined with --separator. An unknown placeholder is an error that names it.

--self reads <set>-<ordinal> from the hostname; --ordinal-offset K is subtracted from every
ordinal (for spec.ordinals.start = K), so ids still start at 0 (kafka) or 1 (zookeeper).

Bootstrap barrier:
  ordinal peers etcd.db --wait --min 3 --timeout 2m --format etcd
asks again with backoff (50 ms doubling to 2 s) and never trusts a negative answer; a member
counts once its SRV target has an address. It prints the members and exits 0 once 3 resolve;
on timeout it exits 1 and names the missing members. --expect-replicas takes the count from
the service's TXT record "replicas=R ready=K" instead of --min.
)";
}

}  // namespace ordinal::cli
