// GET of objects and collections, and the helpers every resource handler shares.
#include <vector>

#include "tools/api/api_response.hpp"
#include "tools/api/request_selectors.hpp"
#include "tools/api/resource_handlers.hpp"
#include "tools/api/table_response.hpp"

namespace ordinal::api {

using identity::Json;

identity::ObjectKey key_of(const Route& route) {
  return {route.kind->kind, route.kind->namespaced ? route.ns : "", route.name};
}

bool is_dry_run(const RequestTarget& target) {
  return target.param("dryRun").value_or("") == "All";
}

Json typed(const Json& object, const identity::KindInfo& kind) {
  Json copy = object;
  if (!copy.contains("kind")) copy["kind"] = kind.kind;
  if (!copy.contains("apiVersion")) copy["apiVersion"] = kind.api_version();
  return copy;
}

ApiResponse object_response(unsigned status, const Json& object,
                            const std::vector<std::string>& warnings) {
  ApiResponse response = json_response(status, object);
  for (const auto& warning : warnings) {
    std::string escaped;
    for (char c : warning) {
      if (c == '"' || c == '\\') escaped.push_back('\\');
      escaped.push_back(c);
    }
    response.headers.emplace_back("Warning", "299 - \"" + escaped + "\"");
  }
  return response;
}

identity::ApiError route_error(const identity::ApiError& error, const Route& route) {
  if (error.code != 404 || route.name.empty()) return error;
  return identity::not_found(route.kind->resource, route.kind->group, route.name);
}

ApiResponse ResourceHandlers::get(const ResourceCall& call) {
  auto table = table_request(call.http, call.target);
  if (!table) return error_response(table.error());
  auto object = registry_.get(key_of(call.route));
  if (!object) return error_response(route_error(object.error(), call.route));
  if (*table)
    return json_response(
        200, table_of(*call.route.kind, {**object}, **table,
                      (*object)->value("/metadata/resourceVersion"_json_pointer, std::string()),
                      std::chrono::system_clock::now()));
  return object_response(200, typed(**object, *call.route.kind));
}

identity::Result<identity::ListResult> ResourceHandlers::select_collection(
    const ResourceCall& call) {
  const identity::KindInfo& kind = *call.route.kind;
  auto selectors = parse_request_selectors(call.target, kind.kind);
  if (!selectors) return selectors.error();
  std::optional<std::string> ns;
  if (kind.namespaced && !call.route.ns.empty()) ns = call.route.ns;
  identity::ListResult result = registry_.list(kind.kind, ns, selectors->labels);
  std::erase_if(result.items, [&](const auto& item) { return !selectors->fields.matches(*item); });
  return result;
}

ApiResponse ResourceHandlers::list(const ResourceCall& call) {
  const identity::KindInfo& kind = *call.route.kind;
  auto table = table_request(call.http, call.target);
  if (!table) return error_response(table.error());
  auto selected = select_collection(call);
  if (!selected) return error_response(selected.error());
  if (*table) {
    std::vector<Json> objects;
    for (const auto& item : selected->items) objects.push_back(*item);
    return json_response(
        200, table_of(kind, objects, **table, std::to_string(selected->resource_version),
                      std::chrono::system_clock::now()));
  }
  Json items = Json::array();
  for (const auto& item : selected->items) items.push_back(typed(*item, kind));
  return json_response(
      200, {{"kind", kind.kind + "List"},
            {"apiVersion", kind.api_version()},
            {"metadata", {{"resourceVersion", std::to_string(selected->resource_version)}}},
            {"items", std::move(items)}});
}

}  // namespace ordinal::api
