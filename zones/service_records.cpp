#include "zones/service_records.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "zones/dns_name.hpp"

namespace ordinal::zones {
namespace {

/// One (target, address, port) an SRV query matched, before duplicates are removed.
struct SrvCandidate {
  std::string target;
  std::optional<std::uint16_t> port;
};

std::string srv_owner(const PortInfo& port, const std::string& fqdn) {
  return "_" + to_lower(port.name) + "._" + to_lower(port.protocol) + "." + fqdn;
}

bool same_port_name(const PortInfo& a, const PortInfo& b) {
  return to_lower(a.name) == to_lower(b.name) && to_lower(a.protocol) == to_lower(b.protocol);
}

/// dns.md §6.2.2: weight = max(1, 100 / N) over the candidates before deduplication; one
/// record per distinct (target, port); candidates without a port produce nothing.
void add_srv(const std::string& owner, const std::vector<SrvCandidate>& candidates,
             std::uint32_t ttl, std::vector<Record>& out) {
  if (candidates.empty()) return;
  const auto weight = static_cast<std::uint16_t>(std::max<std::size_t>(1, 100 / candidates.size()));
  std::set<std::pair<std::string, std::uint16_t>> seen;
  for (const auto& candidate : candidates) {
    if (!candidate.port || !seen.emplace(candidate.target, *candidate.port).second) continue;
    out.push_back(
        {owner, rr_type::kSrv, ttl, SrvData{0, weight, *candidate.port, candidate.target}});
  }
}

void add_addresses(const std::string& owner, const std::vector<std::string>& addresses,
                   std::uint32_t ttl, std::vector<Record>& out) {
  for (const auto& address : addresses) {
    if (auto record = address_record(owner, address, ttl)) out.push_back(std::move(*record));
  }
}

void add_endpoint_names(const std::vector<ReadyAddress>& ready, const std::string& fqdn,
                        std::uint32_t ttl, std::vector<Record>& out) {
  for (const auto& item : ready) {
    if (auto record = address_record(item.label + "." + fqdn, item.address, ttl)) {
      out.push_back(std::move(*record));
    }
  }
}

void add_cluster_ip(const ServiceInfo& service, const std::string& fqdn, std::uint32_t ttl,
                    std::vector<Record>& out) {
  add_addresses(fqdn, service.cluster_ips, ttl, out);
  std::vector<SrvCandidate> bare;
  for (const auto& port : service.ports) {
    std::vector<SrvCandidate> named;
    for (const auto& other : service.ports) {
      if (!same_port_name(port, other)) continue;
      for (std::size_t i = 0; i < service.cluster_ips.size(); ++i) {
        named.push_back({fqdn, other.port});
      }
    }
    if (!port.name.empty()) add_srv(srv_owner(port, fqdn), named, ttl, out);
    for (std::size_t i = 0; i < service.cluster_ips.size(); ++i) bare.push_back({fqdn, port.port});
  }
  add_srv(fqdn, bare, ttl, out);
}

void add_headless(const std::vector<ReadyAddress>& ready, const std::string& fqdn,
                  std::uint32_t ttl, std::vector<Record>& out) {
  std::set<std::string> distinct;
  for (const auto& item : ready) distinct.insert(item.address);
  add_addresses(fqdn, {distinct.begin(), distinct.end()}, ttl, out);
  std::vector<SrvCandidate> bare;
  std::vector<PortInfo> named_ports;
  for (const auto& item : ready) {
    const std::string target = item.label + "." + fqdn;
    if (item.slice->ports.empty()) bare.push_back({target, std::nullopt});
    for (const auto& port : item.slice->ports) {
      bare.push_back({target, port.port});
      const bool known = std::any_of(named_ports.begin(), named_ports.end(),
                                     [&](const PortInfo& p) { return same_port_name(p, port); });
      if (!port.name.empty() && !known) named_ports.push_back(port);
    }
  }
  for (const auto& port : named_ports) {
    std::vector<SrvCandidate> named;
    for (const auto& item : ready) {
      for (const auto& other : item.slice->ports) {
        if (same_port_name(port, other)) named.push_back({item.label + "." + fqdn, other.port});
      }
    }
    add_srv(srv_owner(port, fqdn), named, ttl, out);
  }
  add_srv(fqdn, bare, ttl, out);
}

}  // namespace

std::vector<ReadyAddress> ready_addresses(const ServiceInfo& service,
                                          const std::vector<const SliceInfo*>& slices,
                                          const ZoneConfig& config, const PodIndex& pods) {
  std::vector<ReadyAddress> out;
  for (const SliceInfo* slice : slices) {
    for (const auto& endpoint : slice->endpoints) {
      if (!pods.endpoint_ready(endpoint, slice->ns, service)) continue;
      for (const auto& address : endpoint.addresses) {
        if (!is_ip_literal(address)) continue;
        std::string label = to_lower(endpoint.hostname);
        if (label.empty() && config.endpoint_pod_names && !endpoint.pod_name.empty() &&
            endpoint.pod_name.size() <= 63) {
          label = to_lower(endpoint.pod_name);
        }
        if (label.empty()) label = dashed_address(address);
        out.push_back({address, std::move(label), slice, &endpoint});
      }
    }
  }
  return out;
}

std::string service_fqdn(const ServiceInfo& service, const std::string& zone) {
  return to_lower(service.name + "." + service.ns + ".svc." + zone);
}

std::optional<Record> address_record(const std::string& owner, const std::string& address,
                                     std::uint32_t ttl) {
  if (const auto v4 = parse_ipv4(address)) return Record{owner, rr_type::kA, ttl, *v4};
  if (const auto v6 = parse_ipv6(address)) return Record{owner, rr_type::kAaaa, ttl, *v6};
  return std::nullopt;
}

void add_service_records(const ServiceInfo& service, const std::vector<ReadyAddress>& ready,
                         const std::string& zone, std::uint32_t ttl, std::vector<Record>& out) {
  const std::string fqdn = service_fqdn(service, zone);
  switch (service.kind) {
    case ServiceInfo::Kind::ExternalName:
      // An IP literal is no host name: CoreDNS publishes nothing for it (dns.md §6.4).
      if (service.external_name.empty() || is_ip_literal(service.external_name)) return;
      out.push_back(
          {fqdn, rr_type::kCname, ttl, NameData{to_lower(absolute_name(service.external_name))}});
      return;
    case ServiceInfo::Kind::Headless:
      add_headless(ready, fqdn, ttl, out);
      break;
    case ServiceInfo::Kind::ClusterIp:
      add_cluster_ip(service, fqdn, ttl, out);
      break;
  }
  add_endpoint_names(ready, fqdn, ttl, out);
}

}  // namespace ordinal::zones
