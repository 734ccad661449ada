#include "tools/cli/peers_format.hpp"

#include <functional>
#include <stdexcept>

#include "identity/json.hpp"

namespace ordinal::cli {
namespace {

std::string endpoint(const Peer& peer) {
  return peer.fqdn + ":" + std::to_string(peer.port);
}

std::string join_peers(const std::vector<Peer>& peers, const std::string& separator,
                       const std::function<std::string(const Peer&)>& item) {
  std::string out;
  for (const auto& peer : peers) {
    if (!out.empty()) out += separator;
    out += item(peer);
  }
  return out;
}

// Kafka node ids and ZooKeeper server ids come from ordinals; a member without one (an
// endpoint named by its address) cannot be given an id.
int require_ordinal(const Peer& peer, const char* format) {
  if (!peer.ordinal)
    throw std::invalid_argument(std::string("--format ") + format + ": member " + peer.fqdn +
                                " has no ordinal (expected <set>-<ordinal>)");
  return *peer.ordinal;
}

std::string quoted_value(const std::string& text) {
  return identity::Json(text).dump();
}

// ordered_json keeps the documented field order, for people reading the output.
std::string format_json(const std::vector<Peer>& peers) {
  auto array = nlohmann::ordered_json::array();
  for (const auto& peer : peers) {
    nlohmann::ordered_json member = {{"name", peer.name},
                                     {"ordinal", nullptr},
                                     {"fqdn", peer.fqdn},
                                     {"port", peer.port},
                                     {"addresses", peer.addresses}};
    if (peer.ordinal) member["ordinal"] = *peer.ordinal;
    array.push_back(std::move(member));
  }
  return array.dump(2) + "\n";
}

std::string format_etcd(const std::vector<Peer>& peers, const FormatOptions& options) {
  const std::string prefix = options.scheme + "://";
  std::string out =
      "--initial-cluster=" +
      join_peers(peers, ",", [&](const Peer& p) { return p.name + "=" + prefix + endpoint(p); }) +
      "\n";
  if (options.self)
    out += "--initial-advertise-peer-urls=" + prefix + options.self->fqdn + ":" +
           std::to_string(options.self->port) + "\n";
  return out;
}

std::string format_elasticsearch(const std::vector<Peer>& peers) {
  return "discovery.seed_hosts: [" +
         join_peers(peers, ", ", [](const Peer& p) { return quoted_value(endpoint(p)); }) + "]\n" +
         "cluster.initial_master_nodes: [" +
         join_peers(peers, ", ", [](const Peer& p) { return quoted_value(p.name); }) + "]\n";
}

std::string format_kafka(const std::vector<Peer>& peers, const FormatOptions& options) {
  return "controller.quorum.voters=" +
         join_peers(peers, ",",
                    [&](const Peer& p) {
                      return std::to_string(require_ordinal(p, "kafka") + options.id_offset) + "@" +
                             endpoint(p);
                    }) +
         "\nbootstrap.servers=" + join_peers(peers, ",", endpoint) + "\n";
}

std::string format_zookeeper(const std::vector<Peer>& peers, const FormatOptions& options) {
  std::string out;
  for (const auto& peer : peers)
    out += "server." + std::to_string(require_ordinal(peer, "zookeeper") + 1) + "=" + peer.fqdn +
           ":2888:3888\n";
  if (options.self) out += "# myid=" + std::to_string(options.self->ordinal + 1) + "\n";
  return out;
}

}  // namespace

PeerFormat parse_peer_format(const std::string& text) {
  static const std::pair<const char*, PeerFormat> kFormats[] = {
      {"list", PeerFormat::List},   {"json", PeerFormat::JsonArray},
      {"etcd", PeerFormat::Etcd},   {"elasticsearch", PeerFormat::Elasticsearch},
      {"kafka", PeerFormat::Kafka}, {"zookeeper", PeerFormat::Zookeeper},
      {"redis", PeerFormat::Redis}};
  for (const auto& [name, format] : kFormats)
    if (text == name) return format;
  throw std::invalid_argument("unknown --format \"" + text +
                              "\"; expected list, json, etcd, elasticsearch, kafka, zookeeper or "
                              "redis");
}

std::string format_peers(const std::vector<Peer>& peers, const FormatOptions& options) {
  switch (options.format) {
    case PeerFormat::List:
      return peers.empty() ? std::string() : join_endpoints(peers, "\n") + "\n";
    case PeerFormat::JsonArray:
      return format_json(peers);
    case PeerFormat::Etcd:
      return format_etcd(peers, options);
    case PeerFormat::Elasticsearch:
      return format_elasticsearch(peers);
    case PeerFormat::Kafka:
      return format_kafka(peers, options);
    case PeerFormat::Zookeeper:
      return format_zookeeper(peers, options);
    case PeerFormat::Redis:
      return join_endpoints(peers, " ") + "\n";
  }
  return {};
}

std::string join_endpoints(const std::vector<Peer>& peers, const std::string& separator) {
  return join_peers(peers, separator, endpoint);
}

}  // namespace ordinal::cli
