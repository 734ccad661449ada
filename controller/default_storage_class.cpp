#include "controller/default_storage_class.hpp"

namespace ordinal::controller {

std::optional<identity::StorageClass> default_storage_class(
    const std::vector<identity::StorageClass>& classes) {
  const identity::StorageClass* best = nullptr;
  for (const identity::StorageClass& candidate : classes) {
    if (!candidate.is_default()) continue;
    if (best == nullptr) {
      best = &candidate;
      continue;
    }
    // RFC 3339 timestamps of one precision order as text.
    const auto& created = candidate.metadata.creation_timestamp;
    const auto& best_created = best->metadata.creation_timestamp;
    if (created > best_created ||
        (created == best_created && candidate.metadata.name < best->metadata.name))
      best = &candidate;
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

}  // namespace ordinal::controller
