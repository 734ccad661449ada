#include "zones/zone_updater.hpp"

#include <future>
#include <optional>

#include "zones/cluster_records.hpp"
#include "zones/dns_name.hpp"
#include "zones/peer_records.hpp"
#include "zones/service_records.hpp"
#include "zones/zone_builder.hpp"

namespace ordinal::zones {
namespace {

const char* const kReverseApexes[] = {"in-addr.arpa.", "ip6.arpa."};

std::string source_of(char kind, const std::string& ns, const std::string& name) {
  return std::string(1, kind) + "/" + ns + "/" + name;
}

/// A run of one block holding `records`.
BlockRun run_of(std::vector<Record> records) {
  return std::make_shared<const std::vector<RecordBlock>>(
      1, std::make_shared<const std::vector<Record>>(std::move(records)));
}

bool ends_with(const std::string& name, const std::string& suffix) {
  return name.size() > suffix.size() &&
         name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

ZoneUpdater::ZoneUpdater(const ZoneConfig& config)
    : config_(served_config(config)),
      zone_(to_lower(absolute_name(config.domain))),
      forward_(zone_, false) {
  // The parts that do not depend on cluster objects: the records of an empty cluster.
  ZoneContent apex = cluster_records(ZoneInputs{}, config_);
  forward_.set("apex", std::move(apex.forward), apex.forward_ents);
  head_ = run_of(std::move(apex.transfer));
  if (!config_.reverse_zones) return;
  for (const char* name : kReverseApexes) {
    reverse_.emplace_back(name, true);
    const Record ns{name, rr_type::kNs, config_.ttl, NameData{"ns.dns." + zone_}};
    reverse_.back().set("apex", {ns}, {});
    reverse_heads_.push_back(run_of({ns}));
    ptr_transfer_.emplace_back();
  }
}

std::vector<std::string> ZoneUpdater::namespace_names(const std::string& ns) const {
  std::vector<std::string> names{to_lower(ns) + ".svc." + zone_};
  if (config_.pod_mode == PodMode::Verified) names.push_back(to_lower(ns) + ".pod." + zone_);
  return names;
}

void ZoneUpdater::put_namespace(const std::string& name) {
  forward_.set(source_of('n', "", name), {}, namespace_names(name));
}

void ZoneUpdater::remove_namespace(const std::string& name) {
  forward_.set(source_of('n', "", name), {}, {});
}

void ZoneUpdater::put_service(ServiceInfo service) {
  Key key{service.ns, service.name};
  if (const auto it = services_.find(key); it != services_.end() && it->second == service) return;
  services_[key] = std::move(service);
  dirty_.insert(std::move(key));
}

void ZoneUpdater::remove_service(const std::string& ns, const std::string& name) {
  if (services_.erase({ns, name}) != 0) dirty_.insert({ns, name});
}

void ZoneUpdater::put_slice(SliceInfo slice) {
  Key key{slice.ns, slice.name};
  std::optional<SliceInfo> previous;
  if (const auto it = slices_.find(key); it != slices_.end()) {
    if (it->second == slice) return;
    previous = it->second;
  }
  drop_slice(key);
  index_pods(slice, true);
  // Only after the new references are in: a deleted pod the slice still lists stays known.
  if (previous) forget_unlisted(*previous);
  Key owner{slice.ns, slice.service};
  slices_of_[owner].insert(slice.name);
  dirty_.insert(std::move(owner));
  slices_[std::move(key)] = std::move(slice);
}

void ZoneUpdater::remove_slice(const std::string& ns, const std::string& name) {
  const auto it = slices_.find({ns, name});
  if (it == slices_.end()) return;
  const SliceInfo previous = it->second;
  drop_slice({ns, name});
  forget_unlisted(previous);
}

void ZoneUpdater::drop_slice(const Key& key) {
  const auto it = slices_.find(key);
  if (it == slices_.end()) return;
  const Key owner{key.first, it->second.service};
  if (auto names = slices_of_.find(owner); names != slices_of_.end()) {
    names->second.erase(key.second);
    if (names->second.empty()) slices_of_.erase(names);
  }
  dirty_.insert(owner);
  index_pods(it->second, false);
  slices_.erase(it);
}

void ZoneUpdater::index_pods(const SliceInfo& slice, bool add) {
  for (const auto& endpoint : slice.endpoints) {
    if (endpoint.pod_name.empty()) continue;
    const Key pod{slice.ns, endpoint.pod_name};
    if (add) {
      pod_slices_[pod].insert(slice.name);
      continue;
    }
    const auto it = pod_slices_.find(pod);
    if (it == pod_slices_.end()) continue;
    it->second.erase(slice.name);
    if (it->second.empty()) pod_slices_.erase(it);
  }
}

void ZoneUpdater::forget_unlisted(const SliceInfo& slice) {
  for (const auto& endpoint : slice.endpoints) {
    if (!endpoint.pod_name.empty() && pod_slices_.count({slice.ns, endpoint.pod_name}) == 0) {
      pods_.forget_deleted(slice.ns, endpoint.pod_name);
    }
  }
}

void ZoneUpdater::dirty_services_of_pod(const Key& pod) {
  const auto it = pod_slices_.find(pod);
  if (it == pod_slices_.end()) return;
  for (const auto& name : it->second) {
    const auto slice = slices_.find({pod.first, name});
    if (slice != slices_.end()) dirty_.insert({pod.first, slice->second.service});
  }
}

void ZoneUpdater::put_set(SetInfo set) {
  if (const auto it = sets_.find({set.ns, set.name}); it != sets_.end() && it->second == set)
    return;
  remove_set(set.ns, set.name);
  Key service{set.ns, set.service_name};
  sets_of_[service].insert(set.name);
  dirty_.insert(std::move(service));
  Key key{set.ns, set.name};
  sets_[std::move(key)] = std::move(set);
}

void ZoneUpdater::remove_set(const std::string& ns, const std::string& name) {
  const auto it = sets_.find({ns, name});
  if (it == sets_.end()) return;
  const Key service{ns, it->second.service_name};
  if (auto names = sets_of_.find(service); names != sets_of_.end()) {
    names->second.erase(name);
    if (names->second.empty()) sets_of_.erase(names);
  }
  dirty_.insert(service);
  sets_.erase(it);
}

void ZoneUpdater::put_all(ZoneInputs inputs) {
  for (const auto& name : inputs.namespaces) put_namespace(name);
  for (auto& service : inputs.services) put_service(std::move(service));
  for (auto& slice : inputs.slices) put_slice(std::move(slice));
  for (const auto& pod : inputs.pods) put_pod(pod);
  for (auto& set : inputs.sets) put_set(std::move(set));
}

void ZoneUpdater::put_pod(const PodInfo& pod) {
  if (const PodInfo* known = pods_.find(pod.ns, pod.name); known != nullptr && *known == pod)
    return;
  pods_.put(pod);
  dirty_services_of_pod({pod.ns, pod.name});
  std::vector<Record> records;
  if (config_.pod_mode == PodMode::Verified && !pod.terminating && !pod.ip.empty()) {
    const std::string owner = dashed_address(pod.ip) + "." + to_lower(pod.ns) + ".pod." + zone_;
    if (auto record = address_record(owner, pod.ip, config_.ttl)) records.push_back(*record);
  }
  forward_.set(source_of('p', pod.ns, pod.name), std::move(records), {});
}

void ZoneUpdater::remove_pod(const std::string& ns, const std::string& name) {
  pods_.remove(ns, name);
  // Remembered only while a slice lists it: later slices are written without it.
  if (pod_slices_.count({ns, name}) == 0) pods_.forget_deleted(ns, name);
  dirty_services_of_pod({ns, name});
  forward_.set(source_of('p', ns, name), {}, {});
}

void ZoneUpdater::compile_service(const Key& key) {
  const std::string source = source_of('s', key.first, key.second);
  const ReverseIndex::ServiceKey order{key.second, key.first};
  const auto it = services_.find(key);
  if (it == services_.end()) {
    forward_.set(source, {}, {});
    forward_.set_fleeting(source, {});
    service_transfer_.put(order, {});
    ptrs_.set_service(order, {}, {}, {});
    return;
  }
  const ServiceInfo& service = it->second;
  std::vector<const SliceInfo*> slices;
  if (const auto names = slices_of_.find(key); names != slices_of_.end()) {
    for (const auto& name : names->second) slices.push_back(&slices_.at({key.first, name}));
  }
  const std::vector<ReadyAddress> ready = ready_addresses(service, slices, config_, pods_);
  std::vector<Record> records;
  add_service_records(service, ready, zone_, config_.ttl, records);
  PeerRecords peers;
  if (config_.peer_extensions)
    peers = peer_records(service, sets_of(key), ready, pods_, zone_, config_.ttl);
  records.insert(records.end(), std::make_move_iterator(peers.records.begin()),
                 std::make_move_iterator(peers.records.end()));
  forward_.set(source, std::move(records), namespace_names(service.ns));
  forward_.set_fleeting(source, peers.fleeting);
  std::vector<Record> transfer;
  add_service_transfer(service, ready, zone_, config_.ttl, transfer);
  service_transfer_.put(order, std::move(transfer));
  if (!config_.reverse_zones) return;
  const std::string fqdn = service_fqdn(service, zone_);
  std::vector<ReverseIndex::EndpointName> endpoints;
  if (service.kind != ServiceInfo::Kind::ExternalName) {
    for (const auto& item : ready) endpoints.push_back({item.address, item.label + "." + fqdn});
  }
  ptrs_.set_service(order, fqdn, service.cluster_ips, endpoints);
}

std::vector<const SetInfo*> ZoneUpdater::sets_of(const Key& service) const {
  std::vector<const SetInfo*> out;
  if (const auto names = sets_of_.find(service); names != sets_of_.end()) {
    for (const auto& name : names->second) out.push_back(&sets_.at({service.first, name}));
  }
  return out;
}

std::shared_ptr<const ZoneSnapshot> ZoneUpdater::publish(std::uint32_t serial) {
  for (const auto& key : dirty_) compile_service(key);
  dirty_.clear();
  std::vector<BlockRun> transfer{head_};
  for (auto& run : service_transfer_.runs()) transfer.push_back(std::move(run));
  const Record soa = zone_soa(zone_, zone_, config_, serial);
  if (!config_.reverse_zones) {
    std::vector<Zone> zones;
    zones.push_back(forward_.publish(soa, std::move(transfer)));
    return std::make_shared<const ZoneSnapshot>(std::move(zones), serial);
  }
  // The forward and the reverse zones share nothing once compiled. When many names changed
  // (a relist: every pod's A and PTR), the reverse zones render on a second thread meanwhile;
  // for the few names of an everyday change a thread would cost more than it saves.
  auto changes = ptrs_.take_changes(config_.ttl);
  constexpr std::size_t kChangesWorthAThread = 2000;
  std::vector<Zone> reverse_zones;
  std::future<std::vector<Zone>> reverse_later;  // its destructor waits, should forward throw
  if (changes.size() >= kChangesWorthAThread) {
    reverse_later = std::async(std::launch::async, [this, &changes, serial] {
      return publish_reverse(std::move(changes), serial);
    });
  } else {
    reverse_zones = publish_reverse(std::move(changes), serial);
  }
  std::vector<Zone> zones;
  zones.push_back(forward_.publish(soa, std::move(transfer)));
  if (reverse_later.valid()) reverse_zones = reverse_later.get();
  for (auto& zone : reverse_zones) zones.push_back(std::move(zone));
  return std::make_shared<const ZoneSnapshot>(std::move(zones), serial);
}

std::vector<Zone> ZoneUpdater::publish_reverse(PtrChanges changes, std::uint32_t serial) {
  for (auto& [owner, records] : changes) {
    for (std::size_t zone = 0; zone < reverse_.size(); ++zone) {
      if (!ends_with(owner, std::string(".") + kReverseApexes[zone])) continue;
      ptr_transfer_[zone].put(owner, records);
      reverse_[zone].set(source_of('r', "", owner), std::move(records), {});
    }
  }
  std::vector<Zone> zones;
  for (std::size_t zone = 0; zone < reverse_.size(); ++zone) {
    std::vector<BlockRun> transfer_of_zone{reverse_heads_[zone]};
    for (auto& run : ptr_transfer_[zone].runs()) transfer_of_zone.push_back(std::move(run));
    zones.push_back(reverse_[zone].publish(zone_soa(kReverseApexes[zone], zone_, config_, serial),
                                           std::move(transfer_of_zone)));
  }
  return zones;
}

}  // namespace ordinal::zones
