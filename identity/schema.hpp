#pragma once
// The shape of every served kind: which fields exist, their JSON types, which are required.
// Used for strict decoding (unknown fields with suggestions, wrong types), for server-side
// field validation, and later for OpenAPI documents.
#include <string>
#include <vector>

#include "identity/api_error.hpp"
#include "identity/json.hpp"

namespace ordinal::identity {

/// Checks `object` (which must carry apiVersion and kind) against its kind's schema.
/// Returns one cause per problem; `field` is the path (`spec.template.spec.containers[0].
/// imagePullPolicy`), reason is FieldValueUnknown (message carries a suggestion when a near
/// name exists), FieldValueTypeInvalid, FieldValueRequired or FieldValueNotSupported (an
/// apiVersion/kind that is not served). Empty: the object is well-formed.
std::vector<StatusCause> check_schema(const Json& object);

/// Removes every field check_schema would report as unknown (server-side fieldValidation
/// Warn/Ignore drop them, as the Kubernetes API server does). Returns the removed paths.
std::vector<std::string> prune_unknown_fields(Json& object);

}  // namespace ordinal::identity
