// GET of objects and collections, and the helpers every resource handler shares.
#include <vector>

#include "tools/api/api_response.hpp"
#include "tools/api/json_writer.hpp"
#include "tools/api/print_cells.hpp"
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

void append_typed(std::string& out, const Json& object, const identity::KindInfo& kind) {
  const bool complete = object.contains("kind") && object.contains("apiVersion");
  append_json(out, complete ? object : typed(object, kind));
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
    return json_text_response(200, table_json(*call.route.kind, {object->get()}, **table,
                                              value_text(**object, "/metadata/resourceVersion", ""),
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
    std::vector<const Json*> objects;
    objects.reserve(selected->items.size());
    for (const auto& item : selected->items) objects.push_back(item.get());
    return json_text_response(
        200, table_json(kind, objects, **table, std::to_string(selected->resource_version),
                        std::chrono::system_clock::now()));
  }
  // Written item by item: one DOM holding every item would copy each object first (a list of
  // 100,000 pods is gigabytes of DOM), where dumping reads the stored objects in place.
  std::string body = R"({"apiVersion":")" + kind.api_version() + R"(","items":[)";
  for (std::size_t i = 0; i < selected->items.size(); ++i) {
    if (i > 0) body += ',';
    append_typed(body, *selected->items[i], kind);
  }
  body += R"(],"kind":")" + kind.kind + R"(List","metadata":{"resourceVersion":")" +
          std::to_string(selected->resource_version) + R"("}})";
  return json_text_response(200, std::move(body));
}

}  // namespace ordinal::api
