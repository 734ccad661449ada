#pragma once
// The PersistentVolumeClaims a StatefulSet's pod needs (SS-4.1/4.2), built from the claim
// templates, with the set's owner reference where the retention policy asks for it (SS-14.4).
// Pure free functions; safe from any thread. Creating them is the object manager's job.
#include <cstdint>
#include <vector>

#include "identity/json.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller {

/// Whether the claims of `ordinal` must carry a controller reference to the set (SS-14.4):
/// `whenDeleted: Delete`, and either the ordinal is in range or `whenScaled` is Retain. (With
/// `whenScaled: Delete` a condemned ordinal's claims are owned by its pod instead.)
[[nodiscard]] bool set_owns_claims(const identity::StatefulSet& set, std::int32_t ordinal);

/// One claim per template, in template order (SS-4.1/4.2): name `<template>-<set>-<ordinal>`,
/// the set's namespace, labels = template labels overwritten by `spec.selector.matchLabels`
/// (matchExpressions add nothing), everything else of the template as written except `status`,
/// which a new object does not carry. The set's controller reference is added when
/// set_owns_claims; a pod reference (condemned ordinal, `whenScaled: Delete`) needs the pod's
/// UID and is left to the retention update. Requires `ordinal >= 0`.
[[nodiscard]] std::vector<identity::Json> new_claims(const identity::StatefulSet& set,
                                                     std::int32_t ordinal);

}  // namespace ordinal::controller
