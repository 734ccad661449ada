// DELETE of objects and collections, and the cascade of a Namespace's deletion.
#include <cstdint>
#include <string>

#include "identity/defaults.hpp"
#include "tools/api/api_response.hpp"
#include "tools/api/resource_handlers.hpp"

namespace ordinal::api {
namespace {

using identity::Json;

std::optional<std::int64_t> parse_int(const std::string& text) {
  try {
    std::size_t used = 0;
    long long value = std::stoll(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

// DeleteOptions from the query (gracePeriodSeconds) and the body (a meta/v1 DeleteOptions:
// gracePeriodSeconds, preconditions). propagationPolicy is accepted; dependents are the
// controller's business.
identity::Result<identity::DeleteOptions> delete_options(const ResourceCall& call) {
  identity::DeleteOptions options;
  if (auto grace = call.target.param("gracePeriodSeconds")) {
    options.grace_period_seconds = parse_int(*grace);
    if (!options.grace_period_seconds)
      return identity::bad_request("gracePeriodSeconds must be an integer, got \"" + *grace + "\"");
  }
  if (call.http.body.empty()) return options;
  Json body = Json::parse(call.http.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object())
    return identity::bad_request("the body of a DELETE must be a DeleteOptions object");
  if (auto grace = body.find("gracePeriodSeconds"); grace != body.end() && grace->is_number())
    options.grace_period_seconds = grace->get<std::int64_t>();
  if (auto pre = body.find("preconditions"); pre != body.end() && pre->is_object()) {
    if (auto uid = pre->find("uid"); uid != pre->end() && uid->is_string())
      options.precondition_uid = uid->get<std::string>();
    if (auto rv = pre->find("resourceVersion"); rv != pre->end() && rv->is_string())
      options.precondition_resource_version = rv->get<std::string>();
  }
  return options;
}

}  // namespace

void ResourceHandlers::delete_namespace_contents(const std::string& ns) {
  // Synchronous and forceful (grace 0): nothing outlives its namespace.
  identity::DeleteOptions force;
  force.grace_period_seconds = 0;
  for (const auto& kind : identity::all_kinds()) {
    if (!kind.namespaced) continue;
    for (const auto& item : registry_.list(kind.kind, ns).items)
      (void)registry_.remove(identity::ObjectKey::of(*item), force);
  }
}

ApiResponse ResourceHandlers::remove(const ResourceCall& call) {
  auto options = delete_options(call);
  if (!options) return error_response(options.error());
  const identity::ObjectKey key = key_of(call.route);
  auto stored = registry_.get(key);
  if (!stored) return error_response(route_error(stored.error(), call.route));
  if (is_dry_run(call.target)) return object_response(200, typed(**stored, *call.route.kind));
  if (key.kind == "Namespace") {
    if (key.name == "default")
      return error_response(forbidden("namespaces", key.name, "this namespace may not be deleted"));
    delete_namespace_contents(key.name);
  }
  auto removed = registry_.remove(key, *options);
  if (!removed) return error_response(route_error(removed.error(), call.route));
  return object_response(200, typed(**removed, *call.route.kind));
}

ApiResponse ResourceHandlers::remove_collection(const ResourceCall& call) {
  auto options = delete_options(call);
  if (!options) return error_response(options.error());
  const identity::KindInfo& kind = *call.route.kind;
  auto selected = select_collection(call);
  if (!selected) return error_response(selected.error());
  Json items = Json::array();
  for (const auto& item : selected->items) {
    const identity::ObjectKey key = identity::ObjectKey::of(*item);
    if (key.kind == "Namespace" && key.name == "default") continue;
    if (is_dry_run(call.target)) {
      items.push_back(typed(*item, kind));
      continue;
    }
    if (key.kind == "Namespace") delete_namespace_contents(key.name);
    if (auto removed = registry_.remove(key, *options)) items.push_back(typed(**removed, kind));
  }
  return json_response(
      200, {{"kind", kind.kind + "List"},
            {"apiVersion", kind.api_version()},
            {"metadata", {{"resourceVersion", std::to_string(registry_.resource_version())}}},
            {"items", std::move(items)}});
}

std::optional<identity::ApiError> ResourceHandlers::ensure_namespace(const std::string& ns,
                                                                     bool create_missing) {
  auto existing = registry_.get({"Namespace", "", ns});
  if (existing) return std::nullopt;
  if (existing.error().code != 404) return existing.error();
  if (!create_missing) return identity::not_found("namespaces", "", ns);
  Json object = {{"apiVersion", "v1"},
                 {"kind", "Namespace"},
                 {"metadata", {{"name", ns}}},
                 {"spec", Json::object()},
                 {"status", initial_status("Namespace")}};
  identity::apply_defaults(object);
  auto created = registry_.create(std::move(object));
  // Someone else creating it at the same moment is as good as creating it.
  if (!created && created.error().code != 409) return created.error();
  return std::nullopt;
}

}  // namespace ordinal::api
