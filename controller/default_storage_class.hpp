#pragma once
// The cluster's default StorageClass (statefulset.md SS-15.5): what a claim that names no class
// at all is given. Pure function of the classes; safe from any thread.
#include <optional>
#include <vector>

#include "identity/storage_class.hpp"

namespace ordinal::controller {

/// The default among `classes`: only classes annotated
/// `storageclass.kubernetes.io/is-default-class: "true"` qualify (nothing is default by
/// accident); of several, the newest by creationTimestamp, then the first by name, as
/// Kubernetes' GetDefaultClass picks. nullopt when none.
[[nodiscard]] std::optional<identity::StorageClass> default_storage_class(
    const std::vector<identity::StorageClass>& classes);

}  // namespace ordinal::controller
