#include "zones/reverse_index.hpp"

#include <algorithm>

#include "zones/dns_name.hpp"

namespace ordinal::zones {

void ReverseIndex::touch(const std::string& address) {
  const auto owner = reverse_name(address);
  if (!owner) return;
  addresses_[*owner].insert(address);
  dirty_.insert(*owner);
}

namespace {

/// address -> the names carrying it, in list order (duplicates kept).
std::map<std::string, std::vector<std::string>> targets_by_address(
    const std::vector<ReverseIndex::EndpointName>& endpoints) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& endpoint : endpoints) out[endpoint.address].push_back(endpoint.target);
  return out;
}

}  // namespace

void ReverseIndex::update_endpoints(Mapped& mapped, const ServiceKey& key,
                                    const std::vector<EndpointName>& endpoints) {
  const auto before = targets_by_address(mapped.endpoints);
  const auto after = targets_by_address(endpoints);
  auto changed = [&](const std::string& address, const std::vector<std::string>* now) {
    auto& names = endpoints_[address];
    if (now != nullptr)
      names[key] = *now;
    else
      names.erase(key);
    touch(address);
  };
  for (const auto& [address, targets] : before) {
    const auto now = after.find(address);
    if (now == after.end())
      changed(address, nullptr);
    else if (now->second != targets)
      changed(address, &now->second);
  }
  for (const auto& [address, targets] : after)
    if (before.count(address) == 0) changed(address, &targets);
  mapped.endpoints = endpoints;
}

void ReverseIndex::set_service(const ServiceKey& key, const std::string& fqdn,
                               const std::vector<std::string>& cluster_ips,
                               const std::vector<EndpointName>& endpoints) {
  if (const auto old = services_.find(key); old != services_.end()) {
    // A change of endpoints alone (the everyday one: a pod turning ready) touches only the
    // addresses whose names changed, not every address of the Service.
    if (old->second.fqdn == fqdn && old->second.cluster_ips == cluster_ips) {
      update_endpoints(old->second, key, endpoints);
      if (cluster_ips.empty() && endpoints.empty()) services_.erase(old);
      return;
    }
    for (const auto& ip : old->second.cluster_ips) {
      cluster_ips_[ip].erase(key);
      touch(ip);
    }
    for (const auto& endpoint : old->second.endpoints) {
      endpoints_[endpoint.address].erase(key);
      touch(endpoint.address);
    }
    services_.erase(old);
  }
  if (cluster_ips.empty() && endpoints.empty()) return;
  for (const auto& ip : cluster_ips) {
    cluster_ips_[ip].emplace(key, fqdn);
    touch(ip);
  }
  for (const auto& endpoint : endpoints) {
    endpoints_[endpoint.address][key].push_back(endpoint.target);
    touch(endpoint.address);
  }
  services_.emplace(key, Mapped{fqdn, cluster_ips, endpoints});
}

std::map<std::string, std::vector<Record>> ReverseIndex::take_changes(std::uint32_t ttl) {
  std::map<std::string, std::vector<Record>> out;
  for (const auto& owner : dirty_) {
    std::vector<Record>& records = out[owner];
    auto& addresses = addresses_[owner];
    for (auto address = addresses.begin(); address != addresses.end();) {
      auto ips = cluster_ips_.find(*address);
      auto names = endpoints_.find(*address);
      if (ips != cluster_ips_.end() && ips->second.empty()) ips = cluster_ips_.erase(ips);
      if (names != endpoints_.end() && names->second.empty()) names = endpoints_.erase(names);
      const bool is_ip = ips != cluster_ips_.end() && ips->first == *address;
      const bool has_names = names != endpoints_.end() && names->first == *address;
      if (is_ip) {
        records.push_back({owner, rr_type::kPtr, ttl, NameData{ips->second.begin()->second}});
      } else if (has_names) {
        for (const auto& [service, targets] : names->second) {
          for (const auto& target : targets) {
            records.push_back({owner, rr_type::kPtr, ttl, NameData{target}});
          }
        }
      }
      address = (is_ip || has_names) ? std::next(address) : addresses.erase(address);
    }
    if (addresses.empty()) addresses_.erase(owner);
    std::sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
      return std::get<NameData>(a.data).target < std::get<NameData>(b.data).target;
    });
  }
  dirty_.clear();
  return out;
}

}  // namespace ordinal::zones
