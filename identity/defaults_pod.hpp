#pragma once
// Pod spec defaults, shared by Pods and the templates of StatefulSets (core/v1 defaults.go).
#include <string_view>

#include "identity/json.hpp"

namespace ordinal::identity {

/// Fills the unset defaulted fields of a PodSpec object in place (restartPolicy Always,
/// dnsPolicy ClusterFirst, terminationGracePeriodSeconds 30, schedulerName, securityContext,
/// per-container terminationMessagePath/Policy, imagePullPolicy, port protocol, probe timing,
/// volume modes). A non-object is left alone. Idempotent.
void default_pod_spec(Json& spec);

/// kubectl's rule for imagePullPolicy: Always for `:latest` or no tag, else IfNotPresent
/// (a digest counts as pinned).
std::string_view default_pull_policy(std::string_view image);

/// Sets `object[key] = value` when the key is absent or null. Returns the field.
Json& default_field(Json& object, const char* key, Json value);

}  // namespace ordinal::identity
