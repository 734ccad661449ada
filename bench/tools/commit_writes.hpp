#pragma once
// Committing a batch of registry writes in the bench tools that fill a data directory, where
// any write that fails is a broken benchmark, not a case to handle.
#include <stdexcept>
#include <utility>
#include <vector>

#include "identity/registry.hpp"

namespace bench {

/// Commits `writes` in one transaction and clears it; throws std::runtime_error naming the
/// first write that failed.
inline void commit_writes(ordinal::identity::Registry& registry,
                          std::vector<ordinal::identity::Registry::Write>& writes) {
  for (auto& result : registry.commit(std::move(writes)))
    if (!result.ok()) throw std::runtime_error("write failed: " + result.error().message);
  writes.clear();
}

}  // namespace bench
