#pragma once
// The owner reference a StatefulSet puts on the objects it controls: its pods (SS-3.2) and, when
// the retention policy asks for it, its claims (SS-14.4, 16.5). Pure; safe from any thread.
#include <string_view>

#include "identity/object_meta.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller {

/// `{apiVersion: apps/v1, kind: StatefulSet, name, uid, controller: true,
/// blockOwnerDeletion: true}` for `set` (SS-3.2; blockOwnerDeletion true per 16.5).
[[nodiscard]] identity::OwnerReference controller_reference(const identity::StatefulSet& set);

/// Whether `meta` has an owner reference with this UID. An empty `uid` never matches, so a set
/// read without a UID is never taken for the owner of anything.
[[nodiscard]] bool has_owner(const identity::ObjectMeta& meta, std::string_view uid);

}  // namespace ordinal::controller
