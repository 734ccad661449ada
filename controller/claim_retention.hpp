#pragma once
// The owner references that carry a StatefulSet's claim retention policy (SS-14.4–14.9):
// which references the claims of one pod must have, and the rewrite that puts them there.
// Pure functions of the claim, the set and the pod; safe from any thread. Reading and writing
// the claims is the pod control's job (stateful_pod_control.hpp).
#include "identity/persistent_volume_claim.hpp"
#include "identity/pod.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller {

/// A controller reference to something other than this set or this pod (same name and kind
/// with another UID counts too): the policy is ignored for the claim (SS-14.9).
[[nodiscard]] bool has_unexpected_controller(const identity::PersistentVolumeClaim& claim,
                                             const identity::StatefulSet& set,
                                             const identity::Pod& pod);

/// A reference to a pod named like `pod` but with another UID (or any UID when `pod` has none
/// yet): the claim of an earlier pod of this ordinal awaiting garbage collection (SS-14.6).
[[nodiscard]] bool has_stale_pod_reference(const identity::PersistentVolumeClaim& claim,
                                           const identity::Pod& pod);

/// Whether the claim's references already match the policy for `pod` (the table of SS-14.4;
/// in range or condemned per `set`). A claim referencing an earlier set or pod of the same
/// name (stale) counts as up to date: it is left alone (SS-14.9). So does a claim controlled
/// by something else, unless it also references this set or pod.
[[nodiscard]] bool claim_owner_up_to_date(const identity::PersistentVolumeClaim& claim,
                                          const identity::StatefulSet& set,
                                          const identity::Pod& pod);

/// Rewrites the claim's references to this set and pod per SS-14.4 (controller references;
/// other owners are kept). With another controller present only removes ours (SS-14.9).
/// Returns whether anything changed.
bool update_claim_owner_refs(identity::PersistentVolumeClaim& claim,
                             const identity::StatefulSet& set, const identity::Pod& pod);

}  // namespace ordinal::controller
