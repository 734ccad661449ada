#pragma once
// OpenAPI v3 documents, as far as kubectl reads them: `/openapi/v3` (the index of
// group-versions) and `/openapi/v3/api/v1`, `/openapi/v3/apis/{group}/{version}` with
//   - a path per collection and per object, their operations tagged
//     `x-kubernetes-group-version-kind` (explain finds a resource's kind through them);
//   - the `fieldValidation` query parameter on writes: kubectl then leaves `--validate` to the
//     server (admission.hpp) instead of validating against OpenAPI v2, which ordinal does not
//     serve;
//   - `components.schemas` from the server's own field tree (openapi_schemas.hpp), for
//     `kubectl explain`.
// PATCH operations declare no request body types on purpose: kubectl then builds apply patches
// from its compiled-in types, which carry the strategic merge keys these schemas do not.
// kubectl fetches the documents on every apply, so each is built and serialised once and
// served with an ETag; a matching If-None-Match is answered 304.
#include <string>

#include "identity/json.hpp"
#include "tools/api/api_types.hpp"
#include "tools/api/resource_route.hpp"

namespace ordinal::api {

/// `/openapi/v3`: `{"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1"}, ...}}`.
identity::Json openapi_index();
/// The document of one served group-version (group "" is the core group), a copy of the one
/// built on first use; a document with no paths and no schemas for a group-version that serves
/// no kind.
identity::Json openapi_group_version(const std::string& group, const std::string& version);

/// The answer to GET of an OpenApiIndex or OpenApiGroupVersion route: the serialised document
/// (built once, on first use, thread-safe), its `ETag`, or 304 Not Modified with no body when
/// the request's `If-None-Match` names that ETag. 404 for a group-version that serves no kind,
/// 405 for methods other than GET. Never throws.
ApiResponse openapi_response(const ApiRequest& request, const Route& route);

}  // namespace ordinal::api
