#pragma once
// One reconcile pass over one StatefulSet (statefulset.md §6, SS-6.1–6.15): choose revisions,
// compute status, create/repair replicas, fix condemned claims, scale down, roll out, then write
// status if it changed and trim history. Reads and writes through the object manager only; one
// pass runs on one thread.
#include <optional>
#include <vector>

#include "controller/event_recorder.hpp"
#include "controller/object_manager.hpp"
#include "controller/parsed_objects.hpp"
#include "controller/reconciler.hpp"
#include "controller/set_status.hpp"
#include "identity/controller_revision.hpp"
#include "identity/pod.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller {

/// What a pass leaves behind.
struct PassResult {
  /// The first failure: revisions, a pod/claim write, the status write or trimming history.
  std::optional<ApiError> error;
  /// The status as computed (after SS-13.4); nullopt when revisions could not be chosen.
  std::optional<SetStatus> status;
};

/// Runs SS-6.1–6.15 for `set` over its claimed `pods` (set_pods.hpp) and its `revisions`
/// (list_revisions order) at `now`. The status computed so far is written even when a step
/// fails (SS-6.14); a set being deleted only gets its status written (SS-6.8).
[[nodiscard]] PassResult run_pass(ObjectManager& objects, EventRecorder& events,
                                  const identity::StatefulSet& set, const std::vector<PodPtr>& pods,
                                  const std::vector<identity::ControllerRevision>& revisions,
                                  TimePoint now);

}  // namespace ordinal::controller
