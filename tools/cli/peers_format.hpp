#pragma once
// The peer list of `ordinal peers` in the syntax each clustered application documents for its
// bootstrap configuration. Pure functions over the members already resolved.
#include <optional>
#include <string>
#include <vector>

#include "tools/cli/peer_list.hpp"

namespace ordinal::cli {

enum class PeerFormat { List, JsonArray, Etcd, Elasticsearch, Kafka, Zookeeper, Redis };

/// "list", "json", "etcd", "elasticsearch", "kafka", "zookeeper", "redis". Throws
/// std::invalid_argument naming the accepted values for anything else.
PeerFormat parse_peer_format(const std::string& text);

struct FormatOptions {
  PeerFormat format = PeerFormat::List;
  std::string scheme = "http";       ///< etcd peer URLs
  int id_offset = 0;                 ///< kafka: node id = ordinal + id_offset
  std::optional<SelfIdentity> self;  ///< --self: etcd advertise URL, zookeeper myid
};

/// The text for `peers` (ordered as given), ending in a newline:
/// - list: `fqdn:port` per line;
/// - json: an array of {name, ordinal (null when none), fqdn, port, addresses};
/// - etcd: `--initial-cluster=name=scheme://fqdn:port,...`, and with a self
///   `--initial-advertise-peer-urls=scheme://fqdn:port`;
/// - elasticsearch: `discovery.seed_hosts: ["fqdn:port", ...]` and
///   `cluster.initial_master_nodes: ["name", ...]` (YAML);
/// - kafka: `controller.quorum.voters=id@fqdn:port,...` and `bootstrap.servers=fqdn:port,...`;
/// - zookeeper: `server.N=fqdn:2888:3888` per member (N = ordinal + 1), and with a self the
///   comment line `# myid=N` last (ZooKeeper ignores it; scripts read it for the myid file);
/// - redis: `fqdn:port` separated by spaces, for `redis-cli --cluster create`.
/// Throws std::invalid_argument when kafka or zookeeper meet a member without an ordinal.
std::string format_peers(const std::vector<Peer>& peers, const FormatOptions& options);

/// `fqdn:port` of each member, joined with `separator`.
std::string join_endpoints(const std::vector<Peer>& peers, const std::string& separator);

}  // namespace ordinal::cli
