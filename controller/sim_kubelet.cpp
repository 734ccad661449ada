#include "controller/sim_kubelet.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <utility>

#include "controller/sim_scheduling.hpp"
#include "identity/condition.hpp"
#include "identity/duration.hpp"
#include "identity/metadata.hpp"
#include "identity/persistent_volume_claim.hpp"
#include "identity/storage_class.hpp"

namespace ordinal::controller {
namespace {

using identity::Pod;
using identity::UpdateScope;
using Millis = std::chrono::milliseconds;

constexpr std::string_view kNodeStatusUnknown = "NodeStatusUnknown";

std::string annotation(const Pod& pod, std::string_view name) {
  const auto it = pod.metadata.annotations.find(std::string(name));
  return it == pod.metadata.annotations.end() ? std::string() : it->second;
}

// A pod object created without defaulting has no phase yet; it is as Pending as one that has.

std::string describe(Millis duration) {
  return duration.count() % 1000 == 0 ? std::to_string(duration.count() / 1000) + "s"
                                      : std::to_string(duration.count()) + "ms";
}

Millis until(TimePoint when, TimePoint now) {
  return std::max(Millis{1}, std::chrono::ceil<Millis>(when - now));
}

// Kubernetes' message for a pod whose containers are not all ready.
std::string unready_message(const Pod& pod) {
  std::string names;
  for (const auto& container : pod.spec.containers)
    names += (names.empty() ? "" : " ") + container.name;
  return "containers with unready status: [" + names + "]";
}

void set_not_ready(Pod& pod, const std::string& stamp) {
  const std::string message = unready_message(pod);
  identity::set_condition(pod.status.conditions, "ContainersReady", "False", stamp,
                          "ContainersNotReady", message);
  identity::set_condition(pod.status.conditions, "Ready", "False", stamp, "ContainersNotReady",
                          message);
}

std::vector<identity::ContainerStatus> container_statuses(const Pod& pod, bool running,
                                                          const std::string& stamp) {
  std::vector<identity::ContainerStatus> out;
  for (const auto& container : pod.spec.containers) {
    Json status = {{"name", container.name}, {"image", container.image}, {"imageID", ""},
                   {"ready", running},       {"restartCount", 0},        {"started", running},
                   {"state", Json::object()}};
    if (running) {
      status["imageID"] = "sim://" + container.image;
      status["containerID"] = "sim://" + pod.metadata.uid + "/" + container.name;
      status["state"]["running"] = {{"startedAt", stamp}};
    } else {
      status["state"]["waiting"] = {{"reason", "ContainerCreating"}};
    }
    out.push_back(identity::ContainerStatus::from_json(status));
  }
  return out;
}

// Writes `pod` and reads back what was stored, so the next step starts from the new version.

}  // namespace

SimKubelet::SimKubelet(ObjectManager& objects, EventRecorder& events, SimKubeletOptions options)
    : objects_(objects),
      events_(events),
      options_(std::move(options)),
      addresses_(options_.pod_cidr),
      placement_(objects, events, options_.node_name,
                 [this](const Pod& pod, std::string_view type, std::string_view reason,
                        const std::string& message,
                        TimePoint now) { record_once(pod, type, reason, message, now); }) {}

std::vector<std::string> SimKubelet::watched_kinds() const {
  return {"Pod", "PersistentVolumeClaim"};
}

void SimKubelet::on_change(const identity::WatchEvent& event, KeySink& keys) {
  const Json& object = *event.object;
  const std::string ns = identity::metadata_string(object, "namespace");
  if (object.value("kind", "") == "Pod") {
    if (event.type == identity::WatchEvent::Type::Deleted) {
      forget(identity::metadata_string(object, "uid"));
    } else {
      std::lock_guard lock(mu_);
      book_.observe(object);
      keys.add(namespaced_key(ns, identity::metadata_string(object, "name")));
    }
    return;
  }
  placement_.wake_pods_using(object, keys);
}

SyncOutcome SimKubelet::sync(const std::string& key, TimePoint now) {
  Pod pod;
  if (auto outcome = read_pod(objects_, key, pod)) return *outcome;

  // SS-10.4: an unreachable node reports nothing, so nothing else happens to its pods.
  if (marked_unreachable(pod)) return report_unreachable(std::move(pod), now);
  if (pod.is_terminating()) return terminate(pod, now);
  if (pod.status.phase == "Failed" || pod.status.phase == "Succeeded") return SyncOutcome::done();
  if (const auto* ready = pod.ready_condition();
      ready != nullptr && ready->status == "Unknown" && ready->reason == kNodeStatusUnknown)
    if (auto error = restore_readiness(pod, now)) return SyncOutcome::failed(*error);
  if (pod.spec.node_name.empty())
    // A pod about to start gets PodScheduled written with its start (one write, not two).
    if (auto outcome =
            placement_.schedule(pod, now, !(is_pending(pod) && pod.status.pod_ip.empty())))
      return *outcome;
  // After Running, readiness belongs to the `ordinal sim` verbs (sim_contract.hpp).
  if (!is_pending(pod)) return SyncOutcome::done();
  if (pod.status.pod_ip.empty())
    if (auto outcome = start(pod, now)) return *outcome;
  return become_ready(pod, now);
}

std::optional<SyncOutcome> SimKubelet::start(Pod& pod, TimePoint now) {
  auto address = [&] {
    std::lock_guard lock(mu_);
    return book_.allocate(addresses_, objects_, pod.metadata.uid);
  }();
  if (!address) {
    record_once(pod, kWarning, "FailedCreatePodSandBox", address.error().message, now);
    // The PodScheduled condition placement left to this write (best effort: we fail anyway).
    (void)write_pod(objects_, pod, UpdateScope::Status);
    return SyncOutcome::failed(address.error());
  }
  const std::string stamp = identity::format_timestamp(now);
  record_sandbox(pod, *address, stamp);
  identity::set_condition(pod.status.conditions, "PodScheduled", "True", stamp);
  set_not_ready(pod, stamp);
  pod.status.container_statuses = container_statuses(pod, false, stamp);
  {
    std::lock_guard lock(mu_);
    book_.hold(pod.metadata.uid, *address);  // replaced if the write fails and we try again
    started_[pod.metadata.uid] = now;
  }
  // Ready at once: become_ready writes the started and the ready state as one status write.
  const Millis ready_after =
      annotation_duration(pod, kSimReadyAfterAnnotation, options_.ready_after, now);
  if (ready_after <= Millis{0}) return std::nullopt;
  if (auto error = write_pod(objects_, pod, UpdateScope::Status))
    return SyncOutcome::failed(*error);
  return std::nullopt;
}

SyncOutcome SimKubelet::become_ready(Pod& pod, TimePoint now) {
  const Millis ready_after =
      annotation_duration(pod, kSimReadyAfterAnnotation, options_.ready_after, now);
  TimePoint ready_at;
  {
    std::lock_guard lock(mu_);
    auto started = started_.find(pod.metadata.uid);
    if (started == started_.end()) {
      // Restarted since the start was written: the stored startTime is the best we know.
      const TimePoint stored = identity::parse_timestamp(pod.status.start_time).value_or(now);
      started = started_.emplace(pod.metadata.uid, stored).first;
    }
    ready_at = started->second + ready_after;
  }
  if (now < ready_at) return SyncOutcome::after(until(ready_at, now));

  const std::string stamp = identity::format_timestamp(now);
  pod.status.phase = "Running";
  pod.status.container_statuses = container_statuses(pod, true, stamp);
  identity::set_condition(pod.status.conditions, "ContainersReady", "True", stamp);
  identity::set_condition(pod.status.conditions, "Ready", "True", stamp);
  if (auto error = write_pod(objects_, pod, UpdateScope::Status))
    return SyncOutcome::failed(*error);
  return SyncOutcome::done();
}

SyncOutcome SimKubelet::terminate(const Pod& pod, TimePoint now) {
  // Grace 0 with the object still there: finalizers hold it, the kubelet's part is done.
  const std::int64_t grace = pod.metadata.deletion_grace_period_seconds.value_or(0);
  if (grace == 0 && !pod.metadata.finalizers.empty()) return SyncOutcome::done();
  if (!pod.spec.node_name.empty())
    for (const auto& container : pod.spec.containers)
      record_once(pod, kNormal, "Killing", "Stopping container " + container.name, now);

  const TimePoint deadline =
      identity::parse_timestamp(pod.metadata.deletion_timestamp).value_or(now);
  // Simulated containers take as long to stop as to start unless the pod says otherwise, so
  // a deleted pod is visibly Terminating for a moment, as with a real kubelet.
  const Millis stop_after =
      annotation_duration(pod, kSimStopAfterAnnotation, options_.ready_after, now);
  const TimePoint stopped = std::min(deadline - std::chrono::seconds{grace} + stop_after, deadline);
  if (now < stopped) return SyncOutcome::after(until(stopped, now));

  identity::DeleteOptions options;
  options.grace_period_seconds = 0;
  options.precondition_uid = pod.metadata.uid;  // never the pod that replaced this one
  auto removed = objects_.remove({"Pod", pod.metadata.ns, pod.metadata.name}, options);
  if (!removed && removed.error().code != 404) return SyncOutcome::failed(removed.error());
  return SyncOutcome::done();
}

SyncOutcome SimKubelet::report_unreachable(Pod pod, TimePoint now) {
  if (!identity::set_condition(pod.status.conditions, "Ready", "Unknown",
                               identity::format_timestamp(now), kNodeStatusUnknown,
                               "Kubelet stopped posting node status."))
    return SyncOutcome::done();
  if (auto error = write_pod(objects_, pod, UpdateScope::Status))
    return SyncOutcome::failed(*error);
  return SyncOutcome::done();
}

std::optional<ApiError> SimKubelet::restore_readiness(Pod& pod, TimePoint now) {
  // Reachable again: Ready follows the containers' readiness, which the kubelet (or `ordinal
  // sim ready`) last reported and which the node's silence did not change.
  const std::string stamp = identity::format_timestamp(now);
  const auto* containers = identity::find_condition(pod.status.conditions, "ContainersReady");
  if (pod.status.phase == "Running" && (containers == nullptr || containers->is_true()))
    identity::set_condition(pod.status.conditions, "Ready", "True", stamp);
  else
    identity::set_condition(pod.status.conditions, "Ready", "False", stamp, "ContainersNotReady",
                            unready_message(pod));
  return write_pod(objects_, pod, UpdateScope::Status);
}

Millis SimKubelet::annotation_duration(const Pod& pod, std::string_view name, Millis fallback,
                                       TimePoint now) {
  if (!pod.metadata.annotations.contains(std::string(name))) return fallback;
  try {
    return identity::parse_duration(annotation(pod, name));
  } catch (const std::invalid_argument& error) {
    record_once(
        pod, kWarning, "InvalidAnnotation",
        "annotation " + std::string(name) + ": " + error.what() + "; using " + describe(fallback),
        now);
    return fallback;
  }
}

void SimKubelet::record_once(const Pod& pod, std::string_view type, std::string_view reason,
                             const std::string& message, TimePoint now) {
  const std::string key = std::string(reason) + "\n" + message;
  {
    std::lock_guard lock(mu_);
    if (!told_[pod.metadata.uid].insert(key).second) return;
  }
  events_.record(pod.to_json(), type, reason, message, now);
}

void SimKubelet::forget(const std::string& uid) {
  std::lock_guard lock(mu_);
  book_.forget(uid);
  started_.erase(uid);
  told_.erase(uid);
}

}  // namespace ordinal::controller
