#include "tools/api/openapi.hpp"

#include <map>
#include <set>

#include "identity/kinds.hpp"
#include "tools/api/api_response.hpp"
#include "tools/api/cached_document.hpp"
#include "tools/api/openapi_schemas.hpp"

namespace ordinal::api {
namespace {

using identity::Json;
using identity::KindInfo;

std::string prefix(const std::string& group, const std::string& version) {
  return group.empty() ? "api/" + version : "apis/" + group + "/" + version;
}

Json query_parameter(const std::string& name) {
  return {{"name", name}, {"in", "query"}, {"schema", {{"type", "string"}}}};
}

Json operation(const KindInfo& kind, const std::string& action, const std::string& id, bool write) {
  Json parameters = Json::array();
  if (write) {
    for (const char* name : {"dryRun", "fieldManager", "fieldValidation"})
      parameters.push_back(query_parameter(name));
  }
  Json body_schema = {{"$ref", "#/components/schemas/" + openapi_schema_name(kind)}};
  Json ok = {{"description", "OK"},
             {"content", {{"application/json", {{"schema", std::move(body_schema)}}}}}};
  return {{"operationId", id},
          {"parameters", std::move(parameters)},
          {"responses", {{"200", std::move(ok)}}},
          {"x-kubernetes-action", action},
          {"x-kubernetes-group-version-kind",
           {{"group", kind.group}, {"version", kind.version}, {"kind", kind.kind}}}};
}

// The paths of one kind as kube-apiserver names them: collection and object, plus the
// all-namespaces list of a namespaced kind. Explain looks for any of them.
void add_paths(Json& paths, const KindInfo& kind) {
  const std::string base = "/" + prefix(kind.group, kind.version);
  const std::string scoped = kind.namespaced ? base + "/namespaces/{namespace}" : base;
  const std::string collection = scoped + "/" + kind.resource;
  paths[collection] = {{"get", operation(kind, "list", "list" + kind.kind, false)},
                       {"post", operation(kind, "post", "create" + kind.kind, true)}};
  paths[collection + "/{name}"] = {
      {"get", operation(kind, "get", "read" + kind.kind, false)},
      {"put", operation(kind, "put", "replace" + kind.kind, true)},
      {"patch", operation(kind, "patch", "patch" + kind.kind, true)},
      {"delete", operation(kind, "delete", "delete" + kind.kind, false)}};
  if (kind.namespaced) {
    paths[base + "/" + kind.resource] = {
        {"get", operation(kind, "list", "list" + kind.kind + "ForAllNamespaces", false)}};
  }
}

ApiResponse not_served() {
  identity::ApiError error;
  error.code = 404;
  error.reason = "NotFound";
  error.message = "the server could not find the requested resource";
  return error_response(error);
}

Json build_group_version(const std::string& group, const std::string& version) {
  Json paths = Json::object();
  for (const auto& kind : identity::all_kinds())
    if (kind.group == group && kind.version == version) add_paths(paths, kind);
  return {{"openapi", "3.0.0"},
          {"info", {{"title", "Kubernetes"}, {"version", "v1.32.0"}}},
          {"paths", std::move(paths)},
          {"components", {{"schemas", openapi_schemas(group, version)}}}};
}

// The document of every served group-version, built once: keyed "api/v1", "apis/apps/v1".
const std::map<std::string, Json>& group_versions() {
  static const std::map<std::string, Json> built = [] {
    std::map<std::string, Json> all;
    for (const auto& kind : identity::all_kinds()) {
      const std::string key = prefix(kind.group, kind.version);
      if (!all.contains(key)) all[key] = build_group_version(kind.group, kind.version);
    }
    return all;
  }();
  return built;
}

// Every document serialised once, with the same keys and "" for the index.
const std::map<std::string, CachedDocument>& documents() {
  static const std::map<std::string, CachedDocument> built = [] {
    std::map<std::string, CachedDocument> all;
    all[""] = make_cached_document(openapi_index());
    for (const auto& [key, document] : group_versions()) all[key] = make_cached_document(document);
    return all;
  }();
  return built;
}

}  // namespace

Json openapi_index() {
  Json paths = Json::object();
  std::set<std::string> seen;
  for (const auto& kind : identity::all_kinds()) {
    std::string gv = prefix(kind.group, kind.version);
    if (seen.insert(gv).second) paths[gv] = {{"serverRelativeURL", "/openapi/v3/" + gv}};
  }
  return {{"paths", std::move(paths)}};
}

Json openapi_group_version(const std::string& group, const std::string& version) {
  auto it = group_versions().find(prefix(group, version));
  return it != group_versions().end() ? it->second : build_group_version(group, version);
}

ApiResponse openapi_response(const ApiRequest& request, const Route& route) {
  if (request.method != "GET")
    return error_response(identity::method_not_allowed(
        "the server does not allow this method on the requested resource"));
  std::string key;
  if (route.type == Route::Type::OpenApiGroupVersion) {
    if (!identity::serves_group_version(route.group, route.version)) return not_served();
    key = prefix(route.group, route.version);
  } else if (route.type != Route::Type::OpenApiIndex) {
    return not_served();
  }
  return cached_response(request, documents().at(key));
}

}  // namespace ordinal::api
