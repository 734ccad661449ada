#include "controller/stateful_set_controller.hpp"

#include <algorithm>
#include <chrono>
#include <optional>

#include "controller/pod_availability.hpp"
#include "controller/set_pass.hpp"
#include "controller/set_pods.hpp"
#include "controller/set_revisions.hpp"
#include "identity/label_selector.hpp"
#include "identity/metadata.hpp"
#include "identity/object_meta.hpp"

namespace ordinal::controller {
namespace {

std::optional<identity::LabelSelector> usable_selector(const identity::StatefulSet& set) {
  auto selector = identity::LabelSelector::from_json(set.spec.selector);
  if (!selector || selector->empty()) return std::nullopt;
  return selector;
}

// SS-5.5: the re-sync that notices a pod turning available; else, while fewer pods than asked
// are available, one after minReadySeconds (upstream's periodic check).
SyncOutcome timer_outcome(const identity::StatefulSet& set, const std::vector<PodPtr>& pods,
                          const std::optional<SetStatus>& status, TimePoint now) {
  const std::int32_t min_ready = set.spec.min_ready_seconds.value_or(0);
  if (min_ready <= 0 || set.metadata.is_terminating()) return SyncOutcome::done();
  std::optional<std::chrono::milliseconds> soonest;
  for (const PodPtr& pod : pods)
    if (auto left = time_until_available(*pod, min_ready, now))
      soonest = soonest ? std::min(*soonest, *left) : *left;
  if (soonest) return SyncOutcome::after(*soonest + std::chrono::seconds(1));
  if (status && status->available_replicas < set.desired_replicas())
    return SyncOutcome::after(std::chrono::seconds(min_ready));
  return SyncOutcome::done();
}

}  // namespace

StatefulSetController::StatefulSetController(ObjectManager& objects)
    : objects_(objects),
      own_events_(std::make_unique<EventRecorder>(objects, "statefulset-controller")),
      events_(*own_events_),
      own_pods_(std::make_unique<PodCache>()),
      pods_(*own_pods_) {}

StatefulSetController::StatefulSetController(ObjectManager& objects, EventRecorder& events,
                                             PodCache& pods)
    : objects_(objects), events_(events), pods_(pods) {}

std::vector<std::string> StatefulSetController::watched_kinds() const {
  return {"StatefulSet", "Pod", "PersistentVolumeClaim", "ControllerRevision"};
}

void StatefulSetController::keys_for_labels(const std::string& ns, const identity::Json& object,
                                            KeySink& keys) const {
  for (const ObjectPtr& stored : objects_.list("StatefulSet", ns)) {
    const identity::StatefulSet set = identity::StatefulSet::from_json(*stored);
    const auto selector = usable_selector(set);
    if (selector && selector->matches_object(object))
      keys.add(namespaced_key(ns, set.metadata.name));
  }
}

void StatefulSetController::on_change(const identity::WatchEvent& event, KeySink& keys) {
  if (!event.object) return;
  const identity::Json& object = *event.object;
  const std::string kind = object.value("kind", "");
  const std::string ns = identity::metadata_string(object, "namespace");
  if (kind == "StatefulSet") {
    keys.add(namespaced_key(ns, identity::metadata_string(object, "name")));
    return;
  }
  if (kind == "Pod" || kind == "ControllerRevision") {
    const auto meta = identity::ObjectMeta::from_json(object.value("metadata", identity::Json()));
    if (const identity::OwnerReference* controller = meta.controller_ref()) {
      if (controller->kind == "StatefulSet" && controller->api_version.starts_with("apps/"))
        keys.add(namespaced_key(ns, controller->name));
      return;
    }
  } else if (kind != "PersistentVolumeClaim") {
    return;
  }
  keys_for_labels(ns, object, keys);
}

bool StatefulSetController::selector_unusable(const identity::StatefulSet& set, TimePoint now) {
  std::string error;
  const auto selector = identity::LabelSelector::from_json(set.spec.selector, &error);
  const identity::Json involved = set.to_json();
  if (!selector) {
    events_.record(involved, kWarning, "InvalidSelector",
                   "invalid selector of StatefulSet " + set.metadata.name + ": " + error, now);
    return true;
  }
  if (selector->empty()) {
    events_.record(involved, kWarning, "SelectingAll",
                   "This StatefulSet is selecting all pods. A non-empty selector is required.",
                   now);
    return true;
  }
  // Pods built from a template the selector does not match could never be claimed.
  if (!selector->matches(set.spec.pod_template.metadata.labels)) {
    events_.record(
        involved, kWarning, "InvalidSelector",
        "selector of StatefulSet " + set.metadata.name + " does not match its template labels",
        now);
    return true;
  }
  return false;
}

SyncOutcome StatefulSetController::sync(const std::string& key, TimePoint now) {
  const auto parts = split_namespaced_key(key);
  if (!parts) return SyncOutcome::done();
  auto stored = objects_.get({"StatefulSet", parts->first, parts->second});
  if (!stored) {
    if (stored.error().code == 404) return SyncOutcome::done();
    return SyncOutcome::failed(stored.error());
  }
  const identity::StatefulSet set = identity::StatefulSet::from_json(**stored);
  if (selector_unusable(set, now)) return SyncOutcome::done();
  const identity::LabelSelector selector = *usable_selector(set);

  auto revisions = list_revisions(objects_, set, selector);
  if (!set.metadata.is_terminating()) {
    if (auto error = adopt_orphan_revisions(objects_, set, revisions))
      return SyncOutcome::failed(*error);
    revisions = list_revisions(objects_, set, selector);
  }
  ClaimedPods claimed = claim_pods(objects_, pods_, set);
  if (claimed.error) return SyncOutcome::failed(*claimed.error);

  const PassResult result = run_pass(objects_, events_, set, claimed.pods, revisions, now);
  if (result.error) return SyncOutcome::failed(*result.error);
  return timer_outcome(set, claimed.pods, result.status, now);
}

}  // namespace ordinal::controller
