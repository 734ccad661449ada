#include "zones/cluster_records.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "identity/parallel_ranges.hpp"
#include "zones/dns_name.hpp"
#include "zones/peer_records.hpp"
#include "zones/service_records.hpp"

namespace ordinal::zones {
namespace {

constexpr std::uint32_t kVersionTtl = 28800;

std::vector<std::string> ns_addresses(const ZoneConfig& config) {
  std::vector<std::string> out;
  for (const auto& address : config.ns_addresses) {
    if (address != "0.0.0.0" && address != "::" && is_ip_literal(address)) out.push_back(address);
  }
  if (out.empty()) out.emplace_back("127.0.0.1");
  return out;
}

void add_apex(ZoneContent& content, const ZoneConfig& config) {
  const std::string ns_name = "ns.dns." + content.zone;
  const std::uint32_t ttl = config.ttl;
  Record ns{content.zone, rr_type::kNs, ttl, NameData{ns_name}};
  content.forward.push_back(ns);
  content.transfer.push_back(ns);
  for (const auto& address : ns_addresses(config)) {
    if (auto glue = address_record(ns_name, address, ttl)) {
      content.forward.push_back(*glue);
      content.transfer.push_back(*glue);
    }
  }
  content.forward.push_back(
      {"dns-version." + content.zone, rr_type::kTxt, kVersionTtl, TxtData{{"1.1.0"}}});
  content.forward_ents.push_back("svc." + content.zone);
  content.forward_ents.push_back("pod." + content.zone);
}

void add_namespaces(const ZoneInputs& inputs, const ZoneConfig& config, ZoneContent& content) {
  // The registry does not insist on Namespace objects, so a namespace holding a Service
  // exists too.
  std::set<std::string> names(inputs.namespaces.begin(), inputs.namespaces.end());
  for (const auto& service : inputs.services) names.insert(service.ns);
  for (const auto& name : names) {
    content.forward_ents.push_back(to_lower(name) + ".svc." + content.zone);
    if (config.pod_mode == PodMode::Verified) {
      content.forward_ents.push_back(to_lower(name) + ".pod." + content.zone);
    }
  }
}

void add_pods(const ZoneInputs& inputs, const ZoneConfig& config, ZoneContent& content) {
  if (config.pod_mode != PodMode::Verified) return;
  for (const auto& pod : inputs.pods) {
    if (pod.terminating || pod.ip.empty()) continue;
    const std::string owner =
        dashed_address(pod.ip) + "." + to_lower(pod.ns) + ".pod." + content.zone;
    if (auto record = address_record(owner, pod.ip, config.ttl)) {
      content.forward.push_back(std::move(*record));
    }
  }
}

/// Each Service with its ready addresses, in transfer order.
using ServiceAddresses = std::vector<std::pair<const ServiceInfo*, std::vector<ReadyAddress>>>;

/// dns.md §6.3: a cluster IP maps to its first Service only; other addresses to every ready
/// endpoint name carrying them.
void add_ptrs(const ServiceAddresses& all, const ZoneContent& zone_content, std::uint32_t ttl,
              std::vector<Record>& out) {
  std::map<std::string, std::string> cluster_ip_owner;
  for (const auto& [service, ready] : all) {
    for (const auto& ip : service->cluster_ips) {
      cluster_ip_owner.emplace(ip, service_fqdn(*service, zone_content.zone));
    }
  }
  for (const auto& [ip, target] : cluster_ip_owner) {
    if (auto owner = reverse_name(ip))
      out.push_back({*owner, rr_type::kPtr, ttl, NameData{target}});
  }
  for (const auto& [service, ready] : all) {
    if (service->kind == ServiceInfo::Kind::ExternalName) continue;
    for (const auto& item : ready) {
      if (cluster_ip_owner.count(item.address) != 0) continue;
      const std::string target = item.label + "." + service_fqdn(*service, zone_content.zone);
      if (auto owner = reverse_name(item.address)) {
        out.push_back({*owner, rr_type::kPtr, ttl, NameData{target}});
      }
    }
  }
}

/// What one range of Services contributes to the zone, in Service order.
struct ServicePart {
  ServiceAddresses ready;
  std::vector<Record> forward;
  std::vector<Record> transfer;
  std::vector<std::string> fleeting;
};

/// (namespace, name) of a Service, as the objects that refer to it name it.
using ServiceRef = std::pair<std::string_view, std::string_view>;

/// `items` grouped by the Service each names (`service_of`): one pass, so that a zone of N
/// Services costs N lookups, not N scans of every slice and set.
template <typename Item, typename ServiceOf>
std::map<ServiceRef, std::vector<const Item*>> by_service(const std::vector<Item>& items,
                                                          ServiceOf service_of) {
  std::map<ServiceRef, std::vector<const Item*>> out;
  for (const auto& item : items) out[{item.ns, service_of(item)}].push_back(&item);
  return out;
}

template <typename Item>
const std::vector<const Item*>& of_service(
    const std::map<ServiceRef, std::vector<const Item*>>& index, const ServiceInfo& service) {
  static const std::vector<const Item*> kNone;
  const auto it = index.find({service.ns, service.name});
  return it == index.end() ? kNone : it->second;
}

void add_peers(const ServiceInfo& service, const std::vector<const SetInfo*>& sets,
               const std::vector<ReadyAddress>& ready, const PodIndex& pods,
               const ZoneConfig& config, const std::string& zone, ServicePart& part) {
  PeerRecords peers = peer_records(service, sets, ready, pods, zone, config.ttl);
  for (auto& record : peers.records) part.forward.push_back(std::move(record));
  for (auto& name : peers.fleeting) part.fleeting.push_back(std::move(name));
}

template <typename T>
void append(std::vector<T>& to, std::vector<T>& from) {
  std::move(from.begin(), from.end(), std::back_inserter(to));
}

/// Fewer Services than twice this are compiled on one thread: starting a thread costs more.
constexpr std::size_t kServicesPerThread = 512;

}  // namespace

ZoneContent cluster_records(const ZoneInputs& inputs, const ZoneConfig& config) {
  ZoneContent content;
  content.zone = to_lower(absolute_name(config.domain));
  add_apex(content, config);
  add_namespaces(inputs, config, content);

  // Transfer order is by Service name only (dns.md §6.9); namespace breaks ties for stability.
  std::vector<const ServiceInfo*> services;
  for (const auto& service : inputs.services) services.push_back(&service);
  std::sort(services.begin(), services.end(), [](const ServiceInfo* a, const ServiceInfo* b) {
    return std::tie(a->name, a->ns) < std::tie(b->name, b->ns);
  });
  const PodIndex pods(inputs);
  const auto slices_by_service = by_service(
      inputs.slices, [](const SliceInfo& slice) -> std::string_view { return slice.service; });
  const auto sets_by_service = by_service(
      inputs.sets, [](const SetInfo& set) -> std::string_view { return set.service_name; });
  // Each Service's records depend only on the inputs, so ranges of Services are compiled on
  // every core and joined in order; the joined vectors are sized once (a large cluster's zone
  // is hundreds of thousands of records, and growing one vector moved them again and again).
  std::vector<ServicePart> parts(identity::kMaxRangeParts);
  identity::for_ranges(
      services.size(), kServicesPerThread,
      [&](std::size_t index, std::size_t begin, std::size_t end) {
        ServicePart& part = parts[index];
        for (std::size_t i = begin; i < end; ++i) {
          const ServiceInfo& service = *services[i];
          std::vector<const SliceInfo*> slices = of_service(slices_by_service, service);
          std::sort(slices.begin(), slices.end(),
                    [](const SliceInfo* a, const SliceInfo* b) { return a->name < b->name; });
          part.ready.emplace_back(&service, ready_addresses(service, slices, config, pods));
          const auto& ready = part.ready.back().second;
          add_service_records(service, ready, content.zone, config.ttl, part.forward);
          add_service_transfer(service, ready, content.zone, config.ttl, part.transfer);
          if (config.peer_extensions)
            add_peers(service, of_service(sets_by_service, service), ready, pods, config,
                      content.zone, part);
        }
      });
  std::size_t forward = content.forward.size(), transfer = content.transfer.size(), ready = 0;
  for (const auto& part : parts) {
    forward += part.forward.size();
    transfer += part.transfer.size();
    ready += part.ready.size();
  }
  if (config.pod_mode == PodMode::Verified) forward += inputs.pods.size();
  content.forward.reserve(forward);
  content.transfer.reserve(transfer);
  ServiceAddresses all;
  all.reserve(ready);
  for (auto& part : parts) {
    append(content.forward, part.forward);
    append(content.transfer, part.transfer);
    append(content.fleeting, part.fleeting);
    append(all, part.ready);
  }
  add_pods(inputs, config, content);
  if (config.reverse_zones) add_ptrs(all, content, config.ttl, content.reverse);
  return content;
}

}  // namespace ordinal::zones
