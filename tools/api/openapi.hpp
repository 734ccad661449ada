#pragma once
// OpenAPI v3 documents, as far as kubectl reads them: `/openapi/v3` (the index of group-versions)
// and `/openapi/v3/api/v1`, `/openapi/v3/apis/{group}/{version}` with one path per object and
// its operations tagged `x-kubernetes-group-version-kind`. kubectl looks for the
// `fieldValidation` query parameter on PATCH to choose server-side validation
// (`--validate=strict`), which ordinal performs (admission.hpp); schemas are left empty.
#include <string>

#include "identity/json.hpp"

namespace ordinal::api {

/// `/openapi/v3`: `{"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1"}, ...}}`.
identity::Json openapi_index();
/// The document of one served group-version (group "" is the core group).
identity::Json openapi_group_version(const std::string& group, const std::string& version);

}  // namespace ordinal::api
