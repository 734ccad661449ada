#pragma once
// Which pods a pass works on (SS-5.1–5.4) and where each goes (SS-6.5): claiming pods by
// selector and name, adopting matching orphans, releasing owned pods that no longer match, and
// splitting the claimed pods into in-range slots and condemned pods.
//
// claim_pods reads and writes through the object manager (one thread at a time);
// partition_pods is pure.
#include <optional>
#include <vector>

#include "controller/object_manager.hpp"
#include "controller/parsed_objects.hpp"
#include "identity/label_selector.hpp"
#include "identity/pod.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller {

/// The pods of one set, as claimed this pass.
struct ClaimedPods {
  std::vector<PodPtr> pods;       ///< owned by the set (after adoption), name order
  std::optional<ApiError> error;  ///< a failed adoption or release (the pass must stop)
};

/// SS-5.1–5.4 over every pod in the set's namespace: pods controlled by another owner are
/// skipped; orphans that match (`is_member_of`) and are not terminating are adopted, after a
/// fresh read confirms the set still exists with the same UID and is not being deleted
/// (SS-5.2); owned pods that no longer match are released (SS-5.3) unless the set is being
/// deleted. Pods that vanish meanwhile are ignored. Pods are read through `pods`.
[[nodiscard]] ClaimedPods claim_pods(ObjectManager& objects, PodCache& pods,
                                     const identity::StatefulSet& set);

/// SS-5.2 precondition shared with revision adoption: the set as stored now has the same UID
/// and no deletion timestamp. The error says why adoption is refused.
[[nodiscard]] std::optional<ApiError> can_adopt(const ObjectManager& objects,
                                                const identity::StatefulSet& set);

/// SS-6.5: owned pods split by ordinal.
struct PodSlots {
  /// Slot `ordinal - start` for each in-range ordinal; null where no pod exists.
  std::vector<PodPtr> replicas;
  /// Pods with a valid ordinal outside the range, highest ordinal first.
  std::vector<PodPtr> condemned;
};

/// SS-6.5; pods without an ordinal are in neither list (SS-5.4).
[[nodiscard]] PodSlots partition_pods(const identity::StatefulSet& set,
                                      const std::vector<PodPtr>& pods);

}  // namespace ordinal::controller
