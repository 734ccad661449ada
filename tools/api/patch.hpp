#pragma once
// PATCH bodies applied to a stored object: JSON merge patch (RFC 7386), JSON patch (RFC 6902,
// including test/move/copy) and Kubernetes strategic merge patch.
#include <string>

#include "identity/api_error.hpp"
#include "identity/json.hpp"

namespace ordinal::api {

/// Applies `patch_body` (of media type `content_type`, parameters ignored) to `original`.
/// Failures are Status errors: 415 for unsupported types (apply-patch+yaml included), 400 when
/// the body is not a patch document, 422 when a JSON patch operation cannot be applied.
/// `kind` selects list merge keys for strategic merge patch (Service ports merge by `port`).
identity::Result<identity::Json> apply_patch(const std::string& content_type,
                                             const std::string& patch_body,
                                             const identity::Json& original,
                                             const std::string& kind);

/// Strategic merge patch as kubectl sends it: merge patch semantics, plus lists merged by key
/// (containers/initContainers/env/volumes by name, ports by containerPort or Service port,
/// volumeMounts by mountPath, conditions by type), `$patch: delete|replace|merge` directives,
/// `$deleteFromPrimitiveList/<field>`, `$retainKeys`; `$setElementOrder/<field>` is accepted
/// and ignored. Lists without a merge key are replaced. Never throws for JSON input.
identity::Json strategic_merge(const identity::Json& original, const identity::Json& patch,
                               const std::string& kind);

}  // namespace ordinal::api
