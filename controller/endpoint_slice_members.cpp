#include "controller/endpoint_slice_members.hpp"

#include "controller/endpoint_slice_builder.hpp"
#include "identity/endpoint_slice.hpp"
#include "identity/metadata.hpp"

namespace ordinal::controller {
namespace {

using identity::Json;

std::string slice_key(const Json& slice) {
  return namespaced_key(identity::metadata_string(slice, "namespace"),
                        identity::metadata_string(slice, "name"));
}

}  // namespace

void EndpointSliceMembers::remove(const std::string& key) {
  const auto it = slices_.find(key);
  if (it == slices_.end()) return;
  for (const std::string& pod : it->second.pods) {
    const auto services = services_of_pod_.find(pod);
    if (services == services_of_pod_.end()) continue;
    if (const auto count = services->second.find(it->second.service_key);
        count != services->second.end() && --count->second <= 0)
      services->second.erase(count);
    if (services->second.empty()) services_of_pod_.erase(services);
  }
  if (const auto count = slices_of_service_.find(it->second.service_key);
      count != slices_of_service_.end() && --count->second <= 0)
    slices_of_service_.erase(count);
  slices_.erase(it);
}

void EndpointSliceMembers::observe(const Json& slice) {
  const std::string key = slice_key(slice);
  remove(key);
  const std::string service =
      identity::label_string(slice, identity::EndpointSlice::kServiceNameLabel);
  if (service.empty() ||
      identity::label_string(slice, kManagedByLabel) != kEndpointSliceControllerName)
    return;
  const std::string ns = identity::metadata_string(slice, "namespace");
  Listing listing{namespaced_key(ns, service), {}};
  if (const auto endpoints = slice.find("endpoints");
      endpoints != slice.end() && endpoints->is_array()) {
    for (const Json& endpoint : *endpoints) {
      if (!endpoint.is_object()) continue;
      const auto target = endpoint.find("targetRef");
      if (target == endpoint.end()) continue;
      const std::string pod = identity::string_member(*target, "name");
      if (pod.empty()) continue;
      listing.pods.push_back(namespaced_key(ns, pod));
      ++services_of_pod_[listing.pods.back()][listing.service_key];
    }
  }
  ++slices_of_service_[listing.service_key];
  slices_.emplace(key, std::move(listing));
}

void EndpointSliceMembers::forget(const Json& slice) {
  remove(slice_key(slice));
}

bool EndpointSliceMembers::has_slices(const std::string& ns, const std::string& service) const {
  return slices_of_service_.contains(namespaced_key(ns, service));
}

void EndpointSliceMembers::services_listing(const std::string& ns, const std::string& pod,
                                            KeySink& keys) const {
  const auto it = services_of_pod_.find(namespaced_key(ns, pod));
  if (it == services_of_pod_.end()) return;
  for (const auto& [service, count] : it->second) keys.add(service);
}

}  // namespace ordinal::controller
