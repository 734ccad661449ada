#pragma once
// Discovery documents, built from the kinds table (identity/kinds.hpp): what kubectl reads
// before anything else to learn which resources exist, their verbs and short names.
#include <string>

#include "identity/json.hpp"

namespace ordinal::api {

/// `/api`: APIVersions with the core version v1. `host` ("127.0.0.1:8080") is echoed as the
/// server address, as kube-apiserver does; empty leaves it out.
identity::Json api_versions(const std::string& host);
/// `/apis`: APIGroupList with every non-core group serving a kind, preferred version v1.
identity::Json api_group_list();
/// `/apis/{group}`: one APIGroup. Precondition: the group serves a kind.
identity::Json api_group(const std::string& group);
/// `/api/v1` (group "") or `/apis/{group}/{version}`: APIResourceList with each resource and
/// its subresources (`statefulsets/scale` is autoscaling/v1 Scale).
identity::Json api_resource_list(const std::string& group, const std::string& version);
/// `/version`: version.Info as kube-apiserver v1.32.0 reports it.
identity::Json version_info();

}  // namespace ordinal::api
