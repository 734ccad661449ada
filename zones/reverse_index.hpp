#pragma once
// Which PTR records each reverse name carries (dns.md §6.3), kept per Service so that a change
// to one Service recomputes only the addresses it maps: a cluster IP maps to its first Service
// by (name, namespace) only; any other address to every ready endpoint name carrying it.
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "zones/record.hpp"

namespace ordinal::zones {

/// Owned by one builder thread; not thread-safe.
class ReverseIndex {
 public:
  /// (name, namespace): the order in which Services are "first" (dns.md §6.3, §6.9).
  using ServiceKey = std::pair<std::string, std::string>;
  /// One ready endpoint address and the name it is published under (<ep>.<svc>.<ns>.svc.<zone>).
  struct EndpointName {
    std::string address;
    std::string target;
  };

  /// Replaces what the Service `key` maps: its cluster IPs (to `fqdn`) and its ready endpoint
  /// addresses. Empty lists withdraw the Service.
  void set_service(const ServiceKey& key, const std::string& fqdn,
                   const std::vector<std::string>& cluster_ips,
                   const std::vector<EndpointName>& endpoints);
  /// The PTR records of every reverse name whose records may have changed since the last call,
  /// by owner; an empty list means the name has none left. Each list is sorted by target and
  /// keeps duplicates (the transfer content); TTL `ttl`.
  std::map<std::string, std::vector<Record>> take_changes(std::uint32_t ttl);

 private:
  struct Mapped {
    std::string fqdn;
    std::vector<std::string> cluster_ips;
    std::vector<EndpointName> endpoints;
  };
  void touch(const std::string& address);
  /// Replaces `mapped`'s endpoints with `endpoints`, touching the addresses whose names
  /// changed.
  void update_endpoints(Mapped& mapped, const ServiceKey& key,
                        const std::vector<EndpointName>& endpoints);

  std::map<ServiceKey, Mapped> services_;
  /// address text -> Services with it as a cluster IP -> the Service name.
  std::map<std::string, std::map<ServiceKey, std::string>> cluster_ips_;
  /// address text -> Service -> endpoint names carrying it, duplicates kept.
  std::map<std::string, std::map<ServiceKey, std::vector<std::string>>> endpoints_;
  /// reverse owner -> address texts that map to it (one address, different spellings).
  std::map<std::string, std::set<std::string>> addresses_;
  std::set<std::string> dirty_;  ///< reverse owners
};

}  // namespace ordinal::zones
