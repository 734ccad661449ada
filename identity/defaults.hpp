#pragma once
// Defaults as the Kubernetes API server applies them (e.g. StatefulSet replicas 1,
// OrderedReady, RollingUpdate with partition 0, revisionHistoryLimit 10, Retain/Retain; port
// protocol TCP; Service type ClusterIP; PVC volumeMode Filesystem; PV reclaim policy Retain).
#include "identity/json.hpp"

namespace ordinal::identity {

/// Fills every unset defaulted field of `object` in place; set fields are left alone.
/// Idempotent. Unknown kinds are left unchanged.
void apply_defaults(Json& object);

}  // namespace ordinal::identity
