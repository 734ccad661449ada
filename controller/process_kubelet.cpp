#include "controller/process_kubelet.hpp"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "controller/process_pod_files.hpp"
#include "controller/process_status.hpp"
#include "controller/sim_contract.hpp"
#include "controller/sim_scheduling.hpp"
#include "identity/condition.hpp"
#include "identity/metadata.hpp"
#include "identity/persistent_volume_claim.hpp"
#include "identity/storage_class.hpp"

namespace ordinal::controller {
namespace {

using identity::Pod;
using identity::UpdateScope;

}  // namespace

ProcessKubelet::ProcessKubelet(ObjectManager& objects, EventRecorder& events,
                               ProcessKubeletOptions options)
    : objects_(objects),
      events_(events),
      options_(std::move(options)),
      addresses_(options_.pod_cidr),
      placement_(objects, events, std::string(kProcessNodeName),
                 [this](const Pod& pod, std::string_view type, std::string_view reason,
                        const std::string& message,
                        TimePoint now) { record_once(pod, type, reason, message, now); }) {
  options_.launch.dns_address = options_.dns_address;
}

ProcessKubelet::~ProcessKubelet() {
  // Ask every pod at once, so the grace periods run side by side, then wait for each.
  const auto deadline = std::chrono::system_clock::now() + std::chrono::seconds{2};
  for (auto& [uid, pod] : pods_) pod->stop(deadline);
  pods_.clear();
}

std::vector<std::string> ProcessKubelet::watched_kinds() const {
  return {"Pod", "PersistentVolumeClaim"};
}

void ProcessKubelet::on_change(const identity::WatchEvent& event, KeySink& keys) {
  const Json& object = *event.object;
  const std::string ns = identity::metadata_string(object, "namespace");
  if (object.value("kind", "") == "Pod") {
    if (event.type == identity::WatchEvent::Type::Deleted) {
      // Removed without us (a forced delete): its processes go at once.
      const std::string uid = identity::metadata_string(object, "uid");
      if (auto it = pods_.find(uid); it != pods_.end())
        it->second->stop(std::chrono::system_clock::now());
      told_.erase(uid);
      book_.forget(uid);
      remove_files(ns, identity::metadata_string(object, "name"), uid);
    } else {
      book_.observe(object);
    }
    keys.add(namespaced_key(ns, identity::metadata_string(object, "name")));
    return;
  }
  placement_.wake_pods_using(object, keys);
}

SyncOutcome ProcessKubelet::sync(const std::string& key, TimePoint now) {
  std::erase_if(pods_, [](const auto& entry) { return entry.second->stopped(); });
  Pod pod;
  if (auto outcome = read_pod(objects_, key, pod)) return *outcome;

  if (marked_unreachable(pod)) return report_unreachable(std::move(pod), now);
  if (pod.is_terminating()) return terminate(pod, now);
  if (pod.status.phase == "Failed" || pod.status.phase == "Succeeded") return finish(pod);
  if (pod.spec.node_name.empty())
    // Without an address yet, assign_address writes the status (PodScheduled with it).
    if (auto outcome = placement_.schedule(pod, now, !pod.status.pod_ip.empty())) return *outcome;
  if (pod.status.pod_ip.empty())
    if (auto outcome = assign_address(pod, now)) return *outcome;
  return report(pod, now);
}

std::optional<SyncOutcome> ProcessKubelet::assign_address(Pod& pod, TimePoint now) {
  // The pods' nameserver may be in the range too: never hand it out, even on a fresh start.
  auto address = book_.allocate(addresses_, objects_, pod.metadata.uid, {options_.dns_address});
  if (!address) {
    record_once(pod, kWarning, "FailedCreatePodSandBox", address.error().message, now);
    return SyncOutcome::failed(address.error());
  }
  const std::string stamp = identity::format_timestamp(now);
  record_sandbox(pod, *address, stamp);
  apply_runtime_status(pod, ProcessPod(prepare_launch(objects_, pod, options_.launch)).snapshot(),
                       stamp);
  if (auto error = write_pod(objects_, pod, UpdateScope::Status))
    return SyncOutcome::failed(*error);
  book_.hold(pod.metadata.uid, *address);
  return std::nullopt;
}

SyncOutcome ProcessKubelet::report(Pod& pod, TimePoint now) {
  auto it = pods_.find(pod.metadata.uid);
  if (it == pods_.end()) {
    it = pods_
             .emplace(pod.metadata.uid,
                      std::make_unique<ProcessPod>(prepare_launch(objects_, pod, options_.launch)))
             .first;
    it->second->start();
  }
  record_events(pod, *it->second, now);
  const Json before = pod.status.to_json();
  apply_runtime_status(pod, it->second->snapshot(), identity::format_timestamp(now));
  if (pod.status.to_json() != before)
    if (auto error = write_pod(objects_, pod, UpdateScope::Status))
      return SyncOutcome::failed(*error);
  return SyncOutcome::after(options_.poll);
}

SyncOutcome ProcessKubelet::finish(const Pod& pod) {
  // `ordinal sim fail`, or every container done for good: nothing may keep running.
  const auto it = pods_.find(pod.metadata.uid);
  if (it == pods_.end()) return SyncOutcome::done();
  it->second->stop(std::chrono::system_clock::now());
  if (!it->second->stopped()) return SyncOutcome::after(options_.poll);
  pods_.erase(it);
  return SyncOutcome::done();
}

SyncOutcome ProcessKubelet::terminate(const Pod& pod, TimePoint now) {
  const std::int64_t grace = pod.metadata.deletion_grace_period_seconds.value_or(0);
  if (grace == 0 && !pod.metadata.finalizers.empty()) return SyncOutcome::done();
  const auto it = pods_.find(pod.metadata.uid);
  if (it != pods_.end()) {
    for (const auto& container : pod.spec.containers)
      record_once(pod, kNormal, "Killing", "Stopping container " + container.name, now);
    it->second->stop(identity::parse_timestamp(pod.metadata.deletion_timestamp).value_or(now));
    if (!it->second->stopped()) return SyncOutcome::after(options_.poll);
    pods_.erase(it);
  }
  identity::DeleteOptions options;
  options.grace_period_seconds = 0;
  options.precondition_uid = pod.metadata.uid;  // never the pod that replaced this one
  auto removed = objects_.remove({"Pod", pod.metadata.ns, pod.metadata.name}, options);
  if (!removed && removed.error().code != 404) return SyncOutcome::failed(removed.error());
  told_.erase(pod.metadata.uid);
  remove_files(pod.metadata.ns, pod.metadata.name, pod.metadata.uid);
  return SyncOutcome::done();
}

void ProcessKubelet::remove_files(const std::string& ns, const std::string& name,
                                  const std::string& uid) const {
  // Its logs can no longer be asked for and its emptyDir volumes go with it; a process still
  // dying keeps writing to unlinked files.
  std::error_code ec;
  std::filesystem::remove_all(pod_directory(options_.launch.pods_root, ns, name, uid), ec);
}

SyncOutcome ProcessKubelet::report_unreachable(Pod pod, TimePoint now) {
  if (!identity::set_condition(pod.status.conditions, "Ready", "Unknown",
                               identity::format_timestamp(now), "NodeStatusUnknown",
                               "Kubelet stopped posting node status."))
    return SyncOutcome::done();
  if (auto error = write_pod(objects_, pod, UpdateScope::Status))
    return SyncOutcome::failed(*error);
  return SyncOutcome::done();
}

void ProcessKubelet::record_events(const Pod& pod, ProcessPod& runtime, TimePoint now) {
  for (const auto& event : runtime.take_events())
    events_.record(pod.to_json(), event.type, event.reason, event.message, now);
}

void ProcessKubelet::record_once(const Pod& pod, std::string_view type, std::string_view reason,
                                 const std::string& message, TimePoint now) {
  if (!told_[pod.metadata.uid].insert(std::string(reason) + "\n" + message).second) return;
  events_.record(pod.to_json(), type, reason, message, now);
}

}  // namespace ordinal::controller
