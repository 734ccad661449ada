#pragma once
// OpenAPI v3 schemas of the served kinds, generated from the field tree the server checks
// writes against (identity/schema_tree.hpp), so what `kubectl explain` shows and what the
// server accepts cannot drift apart. Schemas carry Kubernetes' names
// (`io.k8s.api.apps.v1.StatefulSet`); shared types (ObjectMeta, PodSpec, Container, ...) are
// their own schemas, referred to as `{"allOf": [{"$ref": ...}]}` the way kube-apiserver writes
// them and kubectl's explain follows them. Objects without a name of their own are inline.
#include <string>

#include "identity/json.hpp"
#include "identity/kinds.hpp"

namespace ordinal::api {

/// The `components.schemas` of the document of `group`/`version`: one schema per kind served
/// there, tagged `x-kubernetes-group-version-kind`, and every schema those refer to. An empty
/// object when the group-version serves no kind. Builds from scratch on every call: callers
/// keep the result (openapi.hpp builds each document once).
identity::Json openapi_schemas(const std::string& group, const std::string& version);

/// The schema name of `kind`: "io.k8s.api.apps.v1.StatefulSet", "io.k8s.api.core.v1.Pod".
std::string openapi_schema_name(const identity::KindInfo& kind);

}  // namespace ordinal::api
