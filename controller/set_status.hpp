#pragma once
// A StatefulSet's status as one pass computes it (statefulset.md §13): the counters over the
// pass's pods (SS-13.1), the completion rule (SS-13.4, for both strategies per 16.2) and the
// write that happens only when something differs (SS-13.5).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "controller/object_manager.hpp"
#include "controller/reconciler.hpp"
#include "identity/pod.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller {

/// What a pass writes to `status` (SS-13.1/13.2).
struct SetStatus {
  std::int64_t observed_generation = 0;
  std::int32_t replicas = 0;
  std::int32_t ready_replicas = 0;
  std::int32_t current_replicas = 0;
  std::int32_t updated_replicas = 0;
  std::int32_t available_replicas = 0;
  std::string current_revision;
  std::string update_revision;
  std::int32_t collision_count = 0;
};

/// SS-13.1: sets the five counters of `status` from `pods` (planned pods, which have no
/// phase, count nowhere), availability judged with `min_ready_seconds` at `now`.
void count_pods(SetStatus& status, const std::vector<const identity::Pod*>& pods,
                std::int32_t min_ready_seconds, TimePoint now);

/// SS-13.4 (both strategies, 16.2): when `updatedReplicas == readyReplicas == replicas ==
/// spec.replicas`, the update revision becomes current and `currentReplicas = updatedReplicas`.
void complete_update(const identity::StatefulSet& set, SetStatus& status);

/// SS-13.5: whether `status` differs from the stored one (a newer observed generation, any
/// counter, revision or the collision count).
[[nodiscard]] bool status_differs(const identity::StatefulSet& set, const SetStatus& status);

/// Writes `status` through the status subresource when status_differs; on a 409 re-reads the
/// set and retries. Other status fields (conditions) are kept. Returns the write's error.
std::optional<ApiError> write_status(ObjectManager& objects, const identity::StatefulSet& set,
                                     const SetStatus& status);

}  // namespace ordinal::controller
