#pragma once
// Discovery documents, built from the kinds table (identity/kinds.hpp): what kubectl reads
// before anything else to learn which resources exist, their verbs and short names. `/api` and
// `/apis` also come in the aggregated form (apidiscovery.k8s.io/v2 APIGroupDiscoveryList,
// discovery_aggregated.cpp): every group-version with its resources in one answer, which
// spares kubectl a request per group-version.
#include <string>
#include <string_view>

#include "identity/json.hpp"
#include "tools/api/api_types.hpp"
#include "tools/api/resource_route.hpp"

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

/// The Content-Type of the aggregated form, also what a client lists in Accept to ask for it.
inline constexpr std::string_view kAggregatedDiscoveryType =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

/// `/api` (`core`: the core group alone) or `/apis` (every other group) as an
/// APIGroupDiscoveryList: one item per group, its versions (preferred first) each with their
/// resources, scope, verbs, short names, categories and subresources.
identity::Json aggregated_discovery(bool core);

/// Whether an Accept header asks for the aggregated form: the first media range ordinal can
/// serve is kAggregatedDiscoveryType (parameters in any order). Ranges it cannot serve (v2beta1,
/// protobuf) are skipped; plain `application/json`, `*/*` or no Accept at all mean the plain
/// form. Quality values are not weighed: kubectl lists its choices in order of preference.
bool accepts_aggregated_discovery(std::string_view accept);

/// The answer to GET of a discovery route (ApiVersions, ApiGroupList, ApiGroup, ResourceList,
/// Version). `/api` and `/apis` answer in the aggregated form when Accept asks for it (that
/// form with an ETag, built once), else in the plain one; both with `Vary: Accept`. 405 for
/// other methods, 404 for other routes. Never throws.
ApiResponse discovery_response(const ApiRequest& request, const Route& route);

}  // namespace ordinal::api
