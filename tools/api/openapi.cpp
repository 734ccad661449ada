#include "tools/api/openapi.hpp"

#include <set>

#include "identity/kinds.hpp"

namespace ordinal::api {
namespace {

using identity::Json;

std::string prefix(const std::string& group, const std::string& version) {
  return group.empty() ? "api/" + version : "apis/" + group + "/" + version;
}

Json query_parameter(const std::string& name) {
  return {{"name", name}, {"in", "query"}, {"schema", {{"type", "string"}}}};
}

Json operation(const identity::KindInfo& kind, const std::string& action, const std::string& id,
               bool write) {
  Json parameters = Json::array();
  if (write) {
    for (const char* name : {"dryRun", "fieldManager", "fieldValidation"})
      parameters.push_back(query_parameter(name));
  }
  return {{"operationId", id},
          {"parameters", std::move(parameters)},
          {"responses", {{"200", {{"description", "OK"}}}}},
          {"x-kubernetes-action", action},
          {"x-kubernetes-group-version-kind",
           {{"group", kind.group}, {"version", kind.version}, {"kind", kind.kind}}}};
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
  Json paths = Json::object();
  for (const auto& kind : identity::all_kinds()) {
    if (kind.group != group || kind.version != version) continue;
    std::string item = "/" + prefix(group, version) +
                       (kind.namespaced ? "/namespaces/{namespace}/" : "/") + kind.resource +
                       "/{name}";
    paths[item] = {{"get", operation(kind, "get", "read" + kind.kind, false)},
                   {"put", operation(kind, "put", "replace" + kind.kind, true)},
                   {"patch", operation(kind, "patch", "patch" + kind.kind, true)},
                   {"delete", operation(kind, "delete", "delete" + kind.kind, false)}};
  }
  return {{"openapi", "3.0.0"},
          {"info", {{"title", "Kubernetes"}, {"version", "v1.32.0"}}},
          {"paths", std::move(paths)},
          {"components", {{"schemas", Json::object()}}}};
}

}  // namespace ordinal::api
