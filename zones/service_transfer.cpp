// The transfer content of one Service (dns.md §6.9 step 3): what `ordinal zone export` prints.
#include <algorithm>

#include "zones/dns_name.hpp"
#include "zones/service_records.hpp"

namespace ordinal::zones {
namespace {

void add_cluster_ip_transfer(const ServiceInfo& service, const std::string& fqdn, std::uint32_t ttl,
                             std::vector<Record>& out) {
  for (const auto& ip : service.cluster_ips) {
    if (auto record = address_record(fqdn, ip, ttl)) out.push_back(std::move(*record));
  }
  for (const auto& port : service.ports) {
    if (!port.port) continue;
    out.push_back({fqdn, rr_type::kSrv, ttl, SrvData{0, 100, *port.port, fqdn}});
    if (port.name.empty()) continue;
    const std::string owner =
        "_" + to_lower(port.name) + "._" + to_lower(port.protocol) + "." + fqdn;
    out.push_back({owner, rr_type::kSrv, ttl, SrvData{0, 100, *port.port, fqdn}});
  }
}

void add_headless_transfer(const std::vector<ReadyAddress>& ready, const std::string& fqdn,
                           std::uint32_t ttl, std::vector<Record>& out) {
  // Weights count the ready addresses of each slice, not ports (CoreDNS xfr.go).
  for (auto begin = ready.begin(); begin != ready.end();) {
    const auto end = std::find_if(
        begin, ready.end(), [&](const ReadyAddress& item) { return item.slice != begin->slice; });
    const auto count = static_cast<std::size_t>(end - begin);
    const auto weight = static_cast<std::uint16_t>(std::max<std::size_t>(1, 100 / count));
    for (auto it = begin; it != end; ++it) {
      const std::string target = it->label + "." + fqdn;
      if (auto record = address_record(fqdn, it->address, ttl)) out.push_back(std::move(*record));
      if (auto record = address_record(target, it->address, ttl)) out.push_back(std::move(*record));
      for (const auto& port : it->slice->ports) {
        if (port.name.empty() || !port.port) continue;
        const std::string owner =
            "_" + to_lower(port.name) + "._" + to_lower(port.protocol) + "." + fqdn;
        out.push_back({owner, rr_type::kSrv, ttl, SrvData{0, weight, *port.port, target}});
      }
    }
    begin = end;
  }
}

}  // namespace

void add_service_transfer(const ServiceInfo& service, const std::vector<ReadyAddress>& ready,
                          const std::string& zone, std::uint32_t ttl, std::vector<Record>& out) {
  const std::string fqdn = service_fqdn(service, zone);
  switch (service.kind) {
    case ServiceInfo::Kind::ClusterIp:
      add_cluster_ip_transfer(service, fqdn, ttl, out);
      return;
    case ServiceInfo::Kind::Headless:
      add_headless_transfer(ready, fqdn, ttl, out);
      return;
    case ServiceInfo::Kind::ExternalName:
      if (service.external_name.empty() || is_ip_literal(service.external_name)) return;
      out.push_back(
          {fqdn, rr_type::kCname, ttl, NameData{to_lower(absolute_name(service.external_name))}});
      return;
  }
}

}  // namespace ordinal::zones
