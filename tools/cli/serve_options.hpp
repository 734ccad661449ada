#pragma once
// The flags of `ordinal serve` (cli.md, "The daemon") and the small parsers they need.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "identity/duration.hpp"

namespace ordinal::cli {

struct ServeOptions {
  std::string data_dir = "./ordinal-data";
  std::vector<std::string> dns_listen;  ///< empty: 127.0.0.1:1053
  std::string api_listen = "127.0.0.1:8080";
  std::string domain = "cluster.local";
  std::string pod_cidr = "10.244.0.0/16";
  bool pod_cidr_given = false;  ///< --pod-cidr was on the command line
  std::string service_cidr = "10.96.0.0/12";
  std::string runtime = "sim";
  std::string sim_ready_after = "1s";
  /// --runtime process: the pods' nameserver; DNS also listens on this address, port 53.
  std::string pod_dns = "127.1.0.1";
  std::vector<std::string> upstreams;
  std::vector<std::string> allow_transfer;
  std::vector<std::string> notify;
  std::vector<std::string> tsig_keys;  ///< --tsig-key [ALG:]NAME:BASE64SECRET
  std::vector<std::string> files;
  std::string ns = "default";
  bool ns_given = false;  ///< -n was on the command line: it overrides manifests' namespaces
  bool strict_namespaces = false;
  bool peer_records = true;  ///< TXT records and uncached NXDOMAIN for StatefulSet members
  std::size_t dns_max_tcp_connections = 1024;
  std::uint32_t rrl = 0;       ///< --rrl: UDP responses per second per client prefix; 0: off
  std::uint32_t rrl_slip = 2;  ///< --rrl-slip
  /// --follow URL: DNS only, from another server's objects (tools/follow/); empty: the full
  /// server.
  std::string follow;
  std::string token_file;  ///< --token-file: bearer token sent to the --follow source
  std::string ca_file;     ///< --ca-file: CA that the https:// --follow source is verified with
  /// The flags given that only the full server uses ("--data-dir", "-f", ...); --follow
  /// refuses them.
  std::vector<std::string> server_only_given;
};

/// The pod range when --pod-cidr is not given: loopback addresses for local processes.
inline constexpr const char* kProcessPodCidr = "127.1.0.0/16";

struct HostPort {
  std::string host;
  std::uint16_t port = 0;
};

/// "127.0.0.1:8080", "[::1]:53", "localhost:0". Throws std::invalid_argument naming `what`.
HostPort parse_host_port(const std::string& text, const std::string& what);
using identity::parse_duration;

}  // namespace ordinal::cli
