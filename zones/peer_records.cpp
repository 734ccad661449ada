#include "zones/peer_records.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "zones/dns_name.hpp"

namespace ordinal::zones {
namespace {

/// N of a pod named "<set>-N", or -1.
std::int64_t ordinal_of(const std::string& pod, const std::string& set) {
  if (pod.size() <= set.size() + 1 || pod.compare(0, set.size(), set) != 0 ||
      pod[set.size()] != '-') {
    return -1;
  }
  std::int64_t value = -1;
  const char* first = pod.data() + set.size() + 1;
  const char* last = pod.data() + pod.size();
  const auto [end, error] = std::from_chars(first, last, value);
  return error == std::errc() && end == last ? value : -1;
}

const char* state_of(const PodInfo& pod) {
  if (pod.terminating) return "terminating";
  return pod.ready ? "ready" : "starting";
}

/// The member TXT of one ready address, or nothing when its pod is not a member of `sets`.
void add_member_txt(const ReadyAddress& item, const ServiceInfo& service,
                    const std::vector<const SetInfo*>& sets, const PodIndex& pods,
                    const std::string& fqdn, std::uint32_t ttl, std::vector<Record>& out) {
  if (item.endpoint == nullptr || item.endpoint->hostname.empty()) return;
  const PodInfo* pod = pods.find(service.ns, item.endpoint->pod_name);
  if (pod == nullptr) return;
  for (const SetInfo* set : sets) {
    if (pod->set != set->name) continue;
    const std::int64_t ordinal = ordinal_of(pod->name, set->name);
    if (ordinal < 0) return;
    const std::string text = "ordinal=" + std::to_string(ordinal) + " state=" + state_of(*pod) +
                             " revision=" + pod->revision;
    out.push_back({item.label + "." + fqdn, rr_type::kTxt, ttl, TxtData{{text}}});
    return;
  }
}

TxtData service_txt(std::vector<const SetInfo*> sets) {
  std::sort(sets.begin(), sets.end(),
            [](const SetInfo* a, const SetInfo* b) { return a->name < b->name; });
  TxtData txt;
  for (const SetInfo* set : sets) {
    const std::string counts = "replicas=" + std::to_string(set->replicas) +
                               " ready=" + std::to_string(set->ready_replicas);
    txt.strings.push_back(sets.size() == 1 ? counts : "set=" + set->name + " " + counts);
  }
  return txt;
}

void add_fleeting(const ServiceInfo& service, const std::vector<const SetInfo*>& sets,
                  const std::vector<ReadyAddress>& ready, const std::string& fqdn,
                  std::vector<std::string>& out) {
  std::set<std::string> answerable;
  for (const auto& item : ready) answerable.insert(item.label);
  bool declared = false;
  for (const SetInfo* set : sets) {
    const std::int32_t count = std::min(set->replicas, kMaxFleetingMembers);
    for (std::int32_t i = 0; i < count; ++i) {
      declared = true;
      const std::string label =
          to_lower(set->name) + "-" + std::to_string(std::int64_t{set->ordinals_start} + i);
      if (answerable.count(label) == 0) out.push_back(label + "." + fqdn);
    }
  }
  if (!declared || !ready.empty()) return;
  out.push_back(fqdn);
  for (const auto& port : service.ports) {
    if (port.name.empty()) continue;
    out.push_back("_" + to_lower(port.name) + "._" + to_lower(port.protocol) + "." + fqdn);
  }
}

}  // namespace

PeerRecords peer_records(const ServiceInfo& service, const std::vector<const SetInfo*>& sets,
                         const std::vector<ReadyAddress>& ready, const PodIndex& pods,
                         const std::string& zone, std::uint32_t ttl) {
  PeerRecords out;
  if (service.kind != ServiceInfo::Kind::Headless || sets.empty()) return out;
  const std::string fqdn = service_fqdn(service, zone);
  for (const auto& item : ready) add_member_txt(item, service, sets, pods, fqdn, ttl, out.records);
  if (!ready.empty()) out.records.push_back({fqdn, rr_type::kTxt, ttl, service_txt(sets)});
  add_fleeting(service, sets, ready, fqdn, out.fleeting);
  return out;
}

}  // namespace ordinal::zones
