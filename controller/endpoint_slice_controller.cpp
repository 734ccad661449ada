#include "controller/endpoint_slice_controller.hpp"

#include <optional>
#include <utility>

#include "controller/endpoint_slice_builder.hpp"
#include "identity/endpoint_slice.hpp"
#include "identity/metadata.hpp"
#include "identity/pod.hpp"
#include "identity/service.hpp"

namespace ordinal::controller {

/// The writes that bring a Service's slices to the desired state.
struct SlicePlan {
  std::vector<Json> creates;
  std::vector<Json> updates;
  std::vector<ObjectKey> removals;
};

namespace {

using identity::EndpointSlice;
using identity::Pod;
using identity::Service;

identity::LabelSelector labels_selector(const Json& match_labels) {
  return identity::LabelSelector::from_json({{"matchLabels", match_labels}})
      .value_or(identity::LabelSelector{});
}

// Whether `desired` written over the stored `slice` leaves it as it is (no write needed).
// Endpoints are compared first, in place: they are what differs when anything does, and
// building the written slice copies every endpoint (matching every desired slice against every
// stored one that way cost O(slices^2) endpoint copies per pass).
bool already_applied(const Json& slice, const Service& service, const DesiredSlice& desired) {
  const auto endpoints = slice.find("endpoints");
  if (endpoints == slice.end() || *endpoints != desired.endpoints) return false;
  return apply_desired(slice, service, desired) == slice;
}

// Existing slices are reused so names stay stable: first those already equal to a desired
// slice (no write), then any of the same address type (an update in place); what is left is
// created or deleted.
SlicePlan plan_slices(const std::vector<ObjectPtr>& existing, const Service* service,
                      const std::vector<DesiredSlice>& desired) {
  SlicePlan plan;
  std::vector<bool> used(existing.size(), false);
  std::vector<const DesiredSlice*> unmatched;
  for (const auto& slice : desired) {
    bool matched = false;
    for (std::size_t i = 0; i < existing.size() && !matched; ++i) {
      if (used[i] || !already_applied(*existing[i], *service, slice)) continue;
      used[i] = matched = true;
    }
    if (!matched) unmatched.push_back(&slice);
  }
  for (const DesiredSlice* slice : unmatched) {
    std::optional<std::size_t> reuse;
    for (std::size_t i = 0; i < existing.size() && !reuse; ++i) {
      if (!used[i] && identity::string_member(*existing[i], "addressType") == slice->address_type)
        reuse = i;
    }
    if (reuse) {
      used[*reuse] = true;
      plan.updates.push_back(apply_desired(*existing[*reuse], *service, *slice));
    } else {
      plan.creates.push_back(apply_desired(Json::object(), *service, *slice));
    }
  }
  for (std::size_t i = 0; i < existing.size(); ++i)
    if (!used[i]) plan.removals.push_back(ObjectKey::of(*existing[i]));
  return plan;
}

// Whether every label of Service `service`'s selector is on `pod` (both stored objects), read
// without parsing the pod: this runs for every pod change.
bool selector_matches(const Service& service, const Json& pod) {
  const auto metadata = pod.find("metadata");
  if (metadata == pod.end() || !metadata->is_object()) return false;
  const auto labels = metadata->find("labels");
  if (labels == metadata->end() || !labels->is_object()) return false;
  for (const auto& [key, value] : service.spec.selector) {
    const auto label = labels->find(key);
    if (label == labels->end() || !label->is_string() ||
        label->get_ref<const std::string&>() != value)
      return false;
  }
  return true;
}

// Whether the stored pod has an address (status.podIP or status.podIPs); one without is in no
// slice (desired_slices leaves it out).
bool has_address(const Json& pod) {
  const auto status = pod.find("status");
  if (status == pod.end() || !status->is_object()) return false;
  const auto ip = status->find("podIP");
  if (ip != status->end() && ip->is_string() && !ip->get_ref<const std::string&>().empty())
    return true;
  const auto ips = status->find("podIPs");
  return ips != status->end() && ips->is_array() && !ips->empty();
}

}  // namespace

std::vector<std::string> EndpointSliceController::watched_kinds() const {
  return {std::string(Service::kKind), std::string(Pod::kKind), std::string(EndpointSlice::kKind)};
}

std::vector<ObjectPtr> EndpointSliceController::managed_slices(const std::string& ns,
                                                               const std::string& service) const {
  const Json labels = {{std::string(EndpointSlice::kServiceNameLabel), service},
                       {std::string(kManagedByLabel), std::string(kEndpointSliceControllerName)}};
  std::vector<ObjectPtr> out;
  // Checked again here: whatever the list returns, a slice of someone else is never touched.
  for (auto& object : objects_.list(std::string(EndpointSlice::kKind), ns, labels_selector(labels)))
    if (identity::label_string(*object, EndpointSlice::kServiceNameLabel) == service &&
        identity::label_string(*object, kManagedByLabel) == kEndpointSliceControllerName)
      out.push_back(std::move(object));
  return out;
}

void EndpointSliceController::add_services_selecting(const Json& pod, KeySink& keys) {
  const std::string ns = identity::metadata_string(pod, "namespace");
  for (const auto& service : services_.list(objects_, ns)) {
    if (publishes_endpoints(*service) && service->metadata.ns == ns &&
        selector_matches(*service, pod))
      keys.add(namespaced_key(service->metadata.ns, service->metadata.name));
  }
}

// Creates before updates before deletes, as Kubernetes orders them, so an endpoint moving
// between slices is never missing from all of them. Every write is tried; the first error is
// the pass's.
std::optional<ApiError> EndpointSliceController::execute(SlicePlan plan) {
  std::optional<ApiError> first;
  auto note = [&first](const ApiError& error) {
    if (!first) first = error;
  };
  for (auto& slice : plan.creates) {
    auto created = objects_.create(std::move(slice));
    if (created)
      members_.observe(**created);
    else
      note(created.error());
  }
  for (auto& slice : plan.updates) {
    auto updated = objects_.update(std::move(slice));
    if (updated)
      members_.observe(**updated);
    else
      note(updated.error());
  }
  for (const auto& key : plan.removals) {
    auto removed = objects_.remove(key);
    if (removed || removed.error().code == 404)
      members_.forget({{"metadata", {{"namespace", key.ns}, {"name", key.name}}}});
    else
      note(removed.error());
  }
  return first;
}

void EndpointSliceController::on_change(const identity::WatchEvent& event, KeySink& keys) {
  if (!event.object) return;
  const Json& object = *event.object;
  const ObjectKey key = ObjectKey::of(object);
  if (key.kind == Service::kKind) {
    keys.add(namespaced_key(key.ns, key.name));
  } else if (key.kind == Pod::kKind) {
    // A pod without an address changes no slice unless one lists it (it lost its address):
    // a new pod is created, then bound, before it has one, and each pass costs every pod.
    if (has_address(object)) add_services_selecting(object, keys);
    members_.services_listing(key.ns, key.name, keys);
  } else if (key.kind == EndpointSlice::kKind) {
    if (event.type == identity::WatchEvent::Type::Deleted)
      members_.forget(object);
    else
      members_.observe(object);
    const std::string service = identity::label_string(object, EndpointSlice::kServiceNameLabel);
    if (!service.empty() &&
        identity::label_string(object, kManagedByLabel) == kEndpointSliceControllerName)
      keys.add(namespaced_key(key.ns, service));
  }
}

SyncOutcome EndpointSliceController::sync(const std::string& key, TimePoint /*now*/) {
  const auto parts = split_namespaced_key(key);
  if (!parts) return SyncOutcome::done();  // not a key of ours
  const auto& [ns, name] = *parts;

  auto stored = objects_.get({std::string(Service::kKind), ns, name});
  if (!stored && stored.error().code != 404) return SyncOutcome::failed(stored.error());
  std::optional<Service> service;
  if (stored) service = Service::from_json(**stored);

  std::vector<DesiredSlice> desired;
  if (service && publishes_endpoints(*service)) {
    desired = desired_slices(*service, pods_.list(objects_, ns));
  }
  // Without a Service (or one that gets no endpoints) nothing is desired: every slice we
  // manage for it goes. When none has been seen there is nothing to list (a namespace's every
  // slice, for each of its selector-less Services at start-up): a slice written but not yet
  // seen here keys its Service again when its event arrives, and that pass lists it.
  if (desired.empty() && !members_.has_slices(ns, name)) return SyncOutcome::done();
  SlicePlan plan = plan_slices(managed_slices(ns, name), service ? &*service : nullptr, desired);
  if (auto error = execute(std::move(plan))) return SyncOutcome::failed(*error);
  return SyncOutcome::done();
}

}  // namespace ordinal::controller
