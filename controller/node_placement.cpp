#include "controller/node_placement.hpp"

#include <algorithm>
#include <utility>

#include "controller/sim_contract.hpp"
#include "controller/sim_scheduling.hpp"
#include "identity/condition.hpp"
#include "identity/metadata.hpp"
#include "identity/persistent_volume_claim.hpp"
#include "identity/storage_class.hpp"

namespace ordinal::controller {

using identity::Pod;
using identity::UpdateScope;

namespace {
constexpr std::string_view kHostIp = "127.0.0.1";
}  // namespace

void record_sandbox(Pod& pod, const std::string& address, const std::string& stamp) {
  pod.status.phase = "Pending";
  pod.status.pod_ip = address;
  pod.status.pod_ips = {address};
  pod.status.host_ip = std::string(kHostIp);
  pod.status.original["hostIPs"] = Json::array({{{"ip", kHostIp}}});
  pod.status.start_time = stamp;
  identity::set_condition(pod.status.conditions, "Initialized", "True", stamp);
}

std::optional<SyncOutcome> read_pod(ObjectManager& objects, const std::string& key, Pod& pod) {
  const auto parts = split_namespaced_key(key);
  if (!parts) return SyncOutcome::done();
  auto stored = objects.get({"Pod", parts->first, parts->second});
  if (!stored)
    return stored.error().code == 404 ? SyncOutcome::done() : SyncOutcome::failed(stored.error());
  pod = Pod::from_json(**stored);
  return std::nullopt;
}

bool marked_unreachable(const Pod& pod) {
  const auto it = pod.metadata.annotations.find(std::string(kUnreachableAnnotation));
  return it != pod.metadata.annotations.end() && it->second != "false";
}

bool is_pending(const Pod& pod) {
  return pod.status.phase.empty() || pod.status.phase == "Pending";
}

std::optional<ApiError> write_pod(ObjectManager& objects, Pod& pod, UpdateScope scope) {
  auto stored = objects.update(pod.to_json(), scope);
  if (!stored) return stored.error();
  pod = Pod::from_json(**stored);
  return std::nullopt;
}

NodePlacement::NodePlacement(ObjectManager& objects, EventRecorder& events, std::string node,
                             RecordOnce record_once)
    : objects_(objects),
      events_(events),
      node_(std::move(node)),
      record_once_(std::move(record_once)) {}

std::optional<SyncOutcome> NodePlacement::schedule(Pod& pod, TimePoint now, bool write_status) {
  if (pod.is_terminating()) return SyncOutcome::done();
  std::vector<identity::PersistentVolumeClaim> claims;
  for (const auto& item : objects_.list("PersistentVolumeClaim", pod.metadata.ns))
    claims.push_back(identity::PersistentVolumeClaim::from_json(*item));
  std::vector<identity::StorageClass> classes;
  for (const auto& item : objects_.list("StorageClass", std::nullopt))
    classes.push_back(identity::StorageClass::from_json(*item));

  const PlacementDecision decision = decide_placement(pod, claims, classes, node_);
  if (decision.verdict == PlacementDecision::Verdict::Unschedulable)
    return report_unschedulable(pod, decision.message, now);
  if (decision.verdict == PlacementDecision::Verdict::WaitForVolumes)
    return select_node(decision.claims_to_select, pod.metadata.ns);

  pod.spec.node_name = node_;
  if (auto error = write_pod(objects_, pod, UpdateScope::Main)) return SyncOutcome::failed(*error);
  identity::set_condition(pod.status.conditions, "PodScheduled", "True",
                          identity::format_timestamp(now));
  if (write_status)
    if (auto error = write_pod(objects_, pod, UpdateScope::Status))
      return SyncOutcome::failed(*error);
  events_.record(
      pod.to_json(), kNormal, "Scheduled",
      "Successfully assigned " + pod.metadata.ns + "/" + pod.metadata.name + " to " + node_, now);
  return std::nullopt;
}

void NodePlacement::wake_pods_using(const Json& claim, KeySink& keys) {
  const std::string ns = identity::metadata_string(claim, "namespace");
  const std::string name = identity::metadata_string(claim, "name");
  for (const auto& item : objects_.list("Pod", ns)) {
    const Pod pod = Pod::from_json(*item);
    const auto names = claim_names(pod);
    if (is_pending(pod) && std::find(names.begin(), names.end(), name) != names.end())
      keys.add(namespaced_key(ns, pod.metadata.name));
  }
}

SyncOutcome NodePlacement::report_unschedulable(Pod& pod, const std::string& message,
                                                TimePoint now) {
  record_once_(pod, kWarning, "FailedScheduling", message, now);
  if (!identity::set_condition(pod.status.conditions, "PodScheduled", "False",
                               identity::format_timestamp(now), "Unschedulable", message))
    return SyncOutcome::done();
  if (auto error = write_pod(objects_, pod, UpdateScope::Status))
    return SyncOutcome::failed(*error);
  return SyncOutcome::done();
}

SyncOutcome NodePlacement::select_node(const std::vector<std::string>& claims,
                                       const std::string& ns) {
  // SS-15.6: the binder provisions for the selected node; the claim's change wakes the pod.
  for (const auto& name : claims) {
    auto stored = objects_.get({"PersistentVolumeClaim", ns, name});
    if (!stored) return SyncOutcome::failed(stored.error());
    Json claim = **stored;
    identity::metadata_of(claim)["annotations"][std::string(kSelectedNodeAnnotation)] = node_;
    if (auto updated = objects_.update(std::move(claim)); !updated)
      return SyncOutcome::failed(updated.error());
  }
  return SyncOutcome::done();
}

}  // namespace ordinal::controller
