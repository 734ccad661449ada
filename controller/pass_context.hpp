#pragma once
// The steps of one reconcile pass over a StatefulSet's pods (statefulset.md §6–§8) and how
// they are run: in ordinal order stopping at the first blocking pod (monotonic,
// OrderedReady) or in slow-start batches (burst, Parallel; SS-7.8).
//
// Steps write through the pass's StatefulPodControl; one pass runs on one thread.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "controller/object_manager.hpp"
#include "controller/reconciler.hpp"
#include "controller/stateful_pod_control.hpp"
#include "identity/pod.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller {

/// What every step of one pass needs. References must outlive the pass.
struct PassContext {
  const identity::StatefulSet& set;         ///< the live set
  const identity::StatefulSet& update_set;  ///< the live set at the update revision (SS-6.3)
  StatefulPodControl& control;
  TimePoint now;
  bool monotonic = true;  ///< OrderedReady
  std::int32_t min_ready_seconds = 0;
};

/// The outcome of one step: `stop` ends the pass in monotonic mode (in burst mode only that
/// pod's processing); an error always ends the pass.
struct Step {
  bool stop = false;
  std::optional<ApiError> error;
};

/// Largest slow-start batch (SS-7.8).
inline constexpr std::size_t kMaxBatchSize = 500;

/// Runs `step(0..count-1)`. Monotonic: in order, returning the first stop or error. Burst: in
/// batches of 1, 2, 4, ... (at most kMaxBatchSize), every item of a batch runs, then
/// `end_batch` (when given) finishes the batch's deferred writes and adds their errors; after a
/// batch with errors no later batch starts and the aggregated error is returned (SS-7.8).
/// Burst mode never reports a stop without an error.
[[nodiscard]] Step run_for_all(std::size_t count, const std::function<Step(std::size_t)>& step,
                               bool monotonic,
                               const std::function<std::vector<ApiError>()>& end_batch = {});

/// §7 for one in-range slot: `replica` is the existing pod or the planned one (no phase).
[[nodiscard]] Step process_replica(const PassContext& pass, const identity::Pod& replica);

/// SS-6.10: brings the claim owner references of condemned `pod` in line with the retention
/// policy before any condemned pod is deleted.
[[nodiscard]] Step fix_condemned_claims(const PassContext& pass, const identity::Pod& pod);

/// §8 for one condemned pod; `is_first_unavailable` says whether it is the pass's first
/// unavailable pod (SS-6.7, SS-8.3).
[[nodiscard]] Step process_condemned(const PassContext& pass, const identity::Pod& pod,
                                     bool is_first_unavailable);

}  // namespace ordinal::controller
