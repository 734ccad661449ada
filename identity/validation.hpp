#pragma once
// Validation and immutability as the Kubernetes API server checks them (statefulset.md §1–2
// for StatefulSets; names, labels and ports for every kind). Run after apply_defaults.
#include <vector>

#include "identity/api_error.hpp"
#include "identity/json.hpp"

namespace ordinal::identity {

/// Problems with a new object. Empty: valid. Causes carry the field path and Kubernetes's
/// wording (`Required value`, `Invalid value: -1: must be greater than or equal to 0`,
/// `Unsupported value: "Sometimes": supported values: "OrderedReady", "Parallel"`).
std::vector<StatusCause> validate_object(const Json& object);

/// Problems with replacing `old_object` by `new_object` (same kind and key): everything
/// validate_object finds in the new one, plus immutable fields that changed (SS-2.1/2.2:
/// one Forbidden cause on `spec` naming the fields that may change).
std::vector<StatusCause> validate_update(const Json& old_object, const Json& new_object);

}  // namespace ordinal::identity
