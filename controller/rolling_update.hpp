#pragma once
// Updates (statefulset.md §11): which revision a newly created pod gets (SS-11.9) and the
// RollingUpdate step that deletes outdated pods from the highest slot down to the partition,
// one at a time (SS-11.3) or, with maxUnavailable above 1, several at once (SS-11.12, 16.3).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "controller/parsed_objects.hpp"
#include "controller/pass_context.hpp"
#include "controller/set_status.hpp"
#include "identity/pod.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller {

/// SS-11.9: the planned pod of `ordinal`, built from `current_set` labelled `current_revision`
/// or from `update_set` labelled `update_revision`. `set` is the live set (strategy,
/// partition, stored `status.currentReplicas`).
[[nodiscard]] identity::Pod new_versioned_pod(const identity::StatefulSet& set,
                                              const identity::StatefulSet& current_set,
                                              const identity::StatefulSet& update_set,
                                              const std::string& current_revision,
                                              const std::string& update_revision,
                                              std::int32_t ordinal);

/// SS-11.3/11.12 over the in-range slots `replicas` (slot i = ordinal start+i; planned pods
/// included). Each deletion decrements `status.current_replicas` (SS-13.3). Pods that are not
/// created yet are never deleted; NotFound on delete counts as deleted. Returns a delete error.
/// OnDelete sets are the caller's case (SS-11.8): nothing is done for them here.
std::optional<ApiError> rolling_update(const PassContext& pass, const std::vector<PodPtr>& replicas,
                                       const std::string& update_revision, SetStatus& status);

}  // namespace ordinal::controller
