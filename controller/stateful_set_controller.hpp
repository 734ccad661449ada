#pragma once
// The StatefulSet controller (statefulset.md §5–§14): a Reconciler keyed by
// "<namespace>/<name>" of a StatefulSet. Each sync reads the set, its pods, claims and
// revisions fresh from the object manager, adopts and releases pods (SS-5), and runs one pass
// (set_pass.hpp). Volume binding (§15) is another controller's job.
//
// Thread-safety: as every Reconciler, called from the controller manager's one thread.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "controller/event_recorder.hpp"
#include "controller/object_manager.hpp"
#include "controller/parsed_objects.hpp"
#include "controller/reconciler.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller {

class StatefulSetController final : public Reconciler {
 public:
  /// `objects` must outlive the controller. Events are recorded through it with the component
  /// "statefulset-controller".
  explicit StatefulSetController(ObjectManager& objects);
  /// The same, recording events through `events` and reading pods through `pods` (both must
  /// outlive the controller; `pods` may be shared with other controllers of the same manager).
  StatefulSetController(ObjectManager& objects, EventRecorder& events, PodCache& pods);

  /// "statefulset".
  [[nodiscard]] std::string_view name() const override { return "statefulset"; }
  /// StatefulSet, Pod, PersistentVolumeClaim, ControllerRevision.
  [[nodiscard]] std::vector<std::string> watched_kinds() const override;
  /// SS-5.5: a set maps to itself; a pod or revision to its controlling set, or when it has no
  /// controller to every set in its namespace whose selector matches it; a claim to every set
  /// in its namespace whose selector matches its labels (claims carry the matchLabels, SS-4.2).
  /// Reads sets from the object manager; never writes.
  void on_change(const identity::WatchEvent& event, KeySink& keys) override;
  /// One pass for the set `key` ("<namespace>/<name>"); a missing set is done. Fails with the
  /// first write error (retried with backoff); asks for a re-sync when a Ready pod becomes
  /// available by the passing of time (SS-5.5). A set without a usable selector gets a Warning
  /// event and no pods.
  SyncOutcome sync(const std::string& key, TimePoint now) override;

 private:
  void keys_for_labels(const std::string& ns, const identity::Json& object, KeySink& keys) const;
  [[nodiscard]] bool selector_unusable(const identity::StatefulSet& set, TimePoint now);

  ObjectManager& objects_;
  std::unique_ptr<EventRecorder> own_events_;  ///< when no recorder was given
  EventRecorder& events_;
  std::unique_ptr<PodCache> own_pods_;  ///< when no cache was given
  PodCache& pods_;
};

}  // namespace ordinal::controller
