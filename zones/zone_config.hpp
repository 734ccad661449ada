#pragma once
// What the cluster zone looks like: its name, TTLs and the options of dns.md §9–§10.
#include <cstdint>
#include <string>
#include <vector>

namespace ordinal::zones {

/// How `<ip-dashed>.<ns>.pod.<zone>` names are answered (dns.md §9).
enum class PodMode {
  Disabled,  ///< no pod records; `<ns>.pod.<zone>` is NXDOMAIN
  Verified,  ///< A/AAAA only for a non-terminating pod with that primary IP (default, D12)
};

/// Plain value; copied into the feed and every snapshot built from it.
struct ZoneConfig {
  /// The cluster domain, without the trailing dot; matched case-insensitively.
  std::string domain = "cluster.local";
  /// TTL of every record built from cluster state (dns.md §5), 0–3600.
  std::uint32_t ttl = 5;
  /// SOA MINIMUM field: the negative-caching time.
  std::uint32_t soa_minimum = 5;
  PodMode pod_mode = PodMode::Verified;
  /// dns.md §2.4 rule 2: use the pod name from targetRef as the endpoint label.
  bool endpoint_pod_names = false;
  /// Serve the reverse zones in-addr.arpa. and ip6.arpa. (dns.md §6.3).
  bool reverse_zones = true;
  /// Addresses published for `ns.dns.<zone>` (NS glue). Unspecified addresses (0.0.0.0, ::)
  /// are skipped; when nothing is left, 127.0.0.1 is used.
  std::vector<std::string> ns_addresses = {"127.0.0.1"};
  /// The peer-discovery records of peer_records.hpp: member and Service TXT, and uncached
  /// NXDOMAIN for declared members not answerable yet (issue 6).
  bool peer_extensions = true;
};

}  // namespace ordinal::zones
