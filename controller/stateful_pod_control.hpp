#pragma once
// The writes one pass makes for one pod of a StatefulSet, each with its event on the set
// (upstream's StatefulPodControl): create a pod and its claims (SS-4.5), delete a pod, create
// claims missing for a Pending pod (SS-7.3), repair a pod (SS-9) and keep its claims' owner
// references in line with the retention policy (SS-14.4–14.9).
//
// Reads go to the object manager on every call (never cached). Not thread-safe: one pass uses
// one instance from one thread.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "controller/event_recorder.hpp"
#include "controller/object_manager.hpp"
#include "controller/reconciler.hpp"
#include "identity/pod.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller {

class StatefulPodControl {
 public:
  /// `objects` and `events` must outlive this object. Events are recorded about `set` at `now`.
  StatefulPodControl(ObjectManager& objects, EventRecorder& events,
                     const identity::StatefulSet& set, TimePoint now);

  /// SS-4.5, SS-7.2: creates the pod's missing claims, then (only if all claims are usable) the
  /// pod, then sets the claims' owner references. AlreadyExists for the pod is an error of this
  /// pass (SS-10.1). Events: SuccessfulCreate/FailedCreate for claims and pod.
  std::optional<ApiError> create_pod(const identity::Pod& planned);
  /// Deletes with the default grace period. Events: SuccessfulDelete/FailedDelete.
  std::optional<ApiError> delete_pod(const identity::Pod& pod);
  /// SS-7.3: creates claims missing for a Pending pod and fixes their owner references.
  std::optional<ApiError> create_missing_claims(const identity::Pod& pod);
  /// SS-7.7/SS-9: repairs the pod's identity labels and its claims' owner references; storage
  /// drift cannot be repaired (pod volumes are immutable, SS-9.2) and is reported as a Warning
  /// event and an error. A consistent pod causes no write.
  std::optional<ApiError> update_pod(const identity::Pod& pod);

  /// SS-14.4: whether every existing claim of `pod` has the references the policy asks for.
  /// Missing claims count as matching (they are created later).
  [[nodiscard]] bool claims_match_policy(const identity::Pod& pod) const;
  /// SS-14.4/14.9: rewrites the owner references of the pod's existing claims where needed;
  /// emits ConflictingController for a claim controlled by something else.
  std::optional<ApiError> update_claims_for_policy(const identity::Pod& pod);
  /// SS-7.2 step 1, SS-14.6: with `whenScaled: Delete`, a claim of this ordinal still references
  /// an earlier pod of the same name.
  [[nodiscard]] bool claim_is_stale(const identity::Pod& pod) const;
  /// Records an event about the set (best effort, never fails the pass).
  void event(std::string_view type, const std::string& reason, const std::string& message);

  /// Burst mode (SS-7.8): while on, create_pod makes the pod's claims but only queues the pod;
  /// finish_creates() then creates every queued pod in one commit (one disk sync for the whole
  /// slow-start batch) and completes each as create_pod would have. Queued pods must outlive
  /// the finish_creates() call.
  void defer_creates(bool on) { deferring_ = on; }
  /// Creates the queued pods; the errors of those that failed, in queue order.
  std::vector<ApiError> finish_creates();

 private:
  struct QueuedCreate {
    const identity::Pod* planned;
    identity::Json object;
  };
  /// The rest of create_pod once the pod's create returned `created`.
  std::optional<ApiError> complete_create(const identity::Pod& planned,
                                          const Result<ObjectPtr>& created);
  std::optional<ApiError> create_claims(const identity::Pod& pod);
  std::optional<ApiError> unrepairable(const identity::Pod& pod);
  std::optional<ApiError> write_identity(const identity::Pod& pod);
  void record_pod_event(const std::string& verb, const identity::Pod& pod,
                        const std::optional<ApiError>& error);

  ObjectManager& objects_;
  EventRecorder& events_;
  const identity::StatefulSet& set_;
  identity::Json set_json_;
  TimePoint now_;
  bool deferring_ = false;
  std::vector<QueuedCreate> queued_;
};

/// "[first, second]" for several errors, the error itself for one (Kubernetes' aggregate).
[[nodiscard]] ApiError aggregate(const std::vector<ApiError>& errors);

}  // namespace ordinal::controller
