#pragma once
// What `ordinal rollout status` says about a StatefulSet: kubectl's StatefulSet status viewer,
// message for message, so scripts that grep kubectl's output work unchanged.
#include <string>

#include "identity/json.hpp"

namespace ordinal::cli {

struct RolloutStatus {
  std::string message;  ///< one line, without the trailing newline; empty when `error` is set
  bool done = false;    ///< the rollout finished: stop watching
  std::string error;    ///< non-empty: rollout status cannot be followed for this set
};

/// Reads spec.updateStrategy, spec.replicas, metadata.generation and status of `set` (a
/// StatefulSet as the API returns it). Pure; never throws.
RolloutStatus statefulset_rollout_status(const identity::Json& set);

}  // namespace ordinal::cli
