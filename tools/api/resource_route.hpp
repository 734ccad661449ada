#pragma once
// Where a request goes: a discovery document, a health or metrics endpoint, or a resource path
// of a served kind. Accepted resource shapes (group "" is `/api/v1`, others `/apis/G/V`):
//   PREFIX/{resource}                               all namespaces / cluster-scoped collection
//   PREFIX/{resource}/{name}[/{subresource}]        cluster-scoped object
//   PREFIX/namespaces/{ns}/{resource}[/{name}[/{subresource}]]   namespaced kinds only
//   /api/v1/namespaces/{name}[/{subresource}]       the Namespace object itself
//   PREFIX/watch/...                                legacy watch paths (same shapes after)
#include <string>

#include "identity/kinds.hpp"
#include "tools/api/request_target.hpp"

namespace ordinal::api {

struct Route {
  enum class Type {
    NotFound,
    ApiVersions,          ///< /api
    ApiGroupList,         ///< /apis
    ApiGroup,             ///< /apis/{group}
    ResourceList,         ///< /api/v1, /apis/{group}/{version}
    Version,              ///< /version
    Health,               ///< /healthz, /readyz, /livez (and their sub-checks)
    Metrics,              ///< /metrics
    OpenApiIndex,         ///< /openapi/v3
    OpenApiGroupVersion,  ///< /openapi/v3/api/v1, /openapi/v3/apis/{group}/{version}
    Resource,             ///< a collection, an object or a subresource
  };
  Type type = Type::NotFound;
  std::string group;    ///< ApiGroup, ResourceList, OpenApiGroupVersion
  std::string version;  ///< ResourceList, OpenApiGroupVersion
  /// For Resource: the kind served at the path (never null for Resource).
  const identity::KindInfo* kind = nullptr;
  /// Namespace segment of the path; empty for cluster-scoped kinds and all-namespace lists.
  std::string ns;
  std::string name;           ///< empty: the collection
  std::string subresource;    ///< "", "status", "scale", ...
  bool legacy_watch = false;  ///< the path began with .../watch/
};

/// Maps a parsed target to a Route. Never throws; unknown paths give Type::NotFound.
Route route_target(const RequestTarget& target);

}  // namespace ordinal::api
