#include "zones/endpoint_overlay.hpp"

namespace ordinal::zones {

PodIndex::PodIndex(const ZoneInputs& inputs) {
  for (const auto& pod : inputs.deleted_pods) deleted_[{pod.ns, pod.name}] = pod.uid;
  for (const auto& pod : inputs.pods) put(pod);
}

void PodIndex::put(const PodInfo& pod) {
  Key key{pod.ns, pod.name};
  deleted_.erase(key);
  live_[std::move(key)] = pod;
}

void PodIndex::remove(const std::string& ns, const std::string& name) {
  const auto it = live_.find({ns, name});
  if (it == live_.end()) return;
  deleted_[it->first] = it->second.uid;
  live_.erase(it);
}

void PodIndex::forget_deleted(const std::string& ns, const std::string& name) {
  deleted_.erase({ns, name});
}

const PodInfo* PodIndex::find(const std::string& ns, const std::string& name) const {
  const auto it = live_.find({ns, name});
  return it == live_.end() ? nullptr : &it->second;
}

std::optional<bool> PodIndex::pod_verdict(const EndpointInfo& endpoint, const std::string& ns,
                                          const ServiceInfo& service) const {
  if (endpoint.pod_name.empty()) return std::nullopt;
  if (const PodInfo* pod = find(ns, endpoint.pod_name)) {
    // A StatefulSet recreates its pods under the same name: the slice may still list the old
    // one, whose address is gone.
    if (!endpoint.pod_uid.empty() && !pod->uid.empty() && endpoint.pod_uid != pod->uid) {
      return false;
    }
    if (pod->ip.empty() || pod->terminal) return false;  // the slice controller drops it
    return service.publish_not_ready || (pod->ready && !pod->terminating);
  }
  const auto gone = deleted_.find({ns, endpoint.pod_name});
  if (gone == deleted_.end()) return std::nullopt;
  if (!endpoint.pod_uid.empty() && !gone->second.empty() && endpoint.pod_uid != gone->second) {
    return std::nullopt;  // a pod of that name the zone has not seen
  }
  return false;
}

bool PodIndex::endpoint_ready(const EndpointInfo& endpoint, const std::string& ns,
                              const ServiceInfo& service) const {
  return pod_verdict(endpoint, ns, service).value_or(endpoint.ready || service.publish_not_ready);
}

std::vector<DeletedPod> PodIndex::deleted() const {
  std::vector<DeletedPod> out;
  for (const auto& [key, uid] : deleted_) out.push_back({key.first, key.second, uid});
  return out;
}

}  // namespace ordinal::zones
