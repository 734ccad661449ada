// The /status and /scale subresources.
#include "tools/api/api_response.hpp"
#include "tools/api/body_decoder.hpp"
#include "tools/api/patch.hpp"
#include "tools/api/resource_handlers.hpp"

namespace ordinal::api {
namespace {

using identity::Json;

// PATCHes without a resourceVersion of their own are retried on conflicts (see object_writes).
constexpr int kStatusPatchAttempts = 5;

const Json& member(const Json& object, const char* key) {
  static const Json empty;
  auto it = object.find(key);
  return it == object.end() ? empty : *it;
}

// The autoscaling/v1 Scale of a StatefulSet.
Json scale_of(const Json& set) {
  const Json& metadata = member(set, "metadata");
  Json scale_metadata = Json::object();
  for (const char* key : {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"})
    if (metadata.contains(key)) scale_metadata[key] = metadata[key];
  std::string selector;
  if (auto parsed = identity::LabelSelector::from_json(member(member(set, "spec"), "selector")))
    selector = parsed->to_string();
  const Json& replicas = member(member(set, "spec"), "replicas");
  const Json& current = member(member(set, "status"), "replicas");
  return {
      {"kind", "Scale"},
      {"apiVersion", "autoscaling/v1"},
      {"metadata", std::move(scale_metadata)},
      {"spec", {{"replicas", replicas.is_number_integer() ? replicas : Json(1)}}},
      {"status",
       {{"replicas", current.is_number_integer() ? current : Json(0)}, {"selector", selector}}}};
}

identity::Result<Json> set_from_scale(const Json& scale, const Json& set, const std::string& name) {
  if (member(scale, "kind") != "Scale" || member(scale, "apiVersion") != "autoscaling/v1")
    return identity::bad_request("the body must be an autoscaling/v1 Scale");
  const Json& scale_name = member(member(scale, "metadata"), "name");
  if (scale_name.is_string() && !scale_name.get<std::string>().empty() && scale_name != name)
    return identity::bad_request("the name of the object (" + scale_name.get<std::string>() +
                                 ") does not match the name on the URL (" + name + ")");
  const Json& replicas = member(member(scale, "spec"), "replicas");
  if (!replicas.is_number_integer() || replicas.get<std::int64_t>() < 0) {
    return identity::invalid(
        "Scale", "autoscaling", name,
        {{"FieldValueInvalid",
          "Invalid value: " + replicas.dump() + ": must be greater than or equal to 0",
          "spec.replicas"}});
  }
  Json updated = set;
  updated["spec"]["replicas"] = replicas;
  const Json& rv = member(member(scale, "metadata"), "resourceVersion");
  updated["metadata"]["resourceVersion"] = rv.is_string() ? rv.get<std::string>() : "";
  return updated;
}

}  // namespace

ApiResponse ResourceHandlers::status(const ResourceCall& call) {
  for (int attempt = 1;; ++attempt) {
    auto [response, retry] = status_once(call);
    if (!retry || attempt == kStatusPatchAttempts) return response;
  }
}

ApiResponse ResourceHandlers::scale(const ResourceCall& call) {
  for (int attempt = 1;; ++attempt) {
    auto [response, retry] = scale_once(call);
    if (!retry || attempt == kStatusPatchAttempts) return response;
  }
}

ResourceHandlers::Attempt ResourceHandlers::status_once(const ResourceCall& call) {
  auto stored = registry_.get(key_of(call.route));
  if (!stored) return {error_response(route_error(stored.error(), call.route)), false};
  const std::string& method = call.http.method;
  if (method == "GET") return {object_response(200, typed(**stored, *call.route.kind)), false};
  Json incoming;
  std::vector<std::string> duplicates;
  if (method == "PUT") {
    auto body = decode_body(call.http.body, header_value(call.http, "content-type"));
    if (!body) return {error_response(body.error()), false};
    incoming = std::move(body->object);
    duplicates = std::move(body->duplicate_fields);
  } else {
    auto patched = apply_patch(header_value(call.http, "content-type"), call.http.body, **stored,
                               call.route.kind->kind);
    if (!patched) return {error_response(patched.error()), false};
    incoming = std::move(*patched);
  }
  // Only status changes here; the rest of the object is the stored one.
  Json object = **stored;
  object["status"] = incoming.contains("status") ? incoming["status"] : Json::object();
  const Json& rv = member(member(incoming, "metadata"), "resourceVersion");
  object["metadata"]["resourceVersion"] = rv.is_string() ? rv.get<std::string>() : "";
  for (const char* key : {"kind", "apiVersion"})
    if (incoming.contains(key)) object[key] = incoming[key];
  const bool pinned =
      method == "PUT" || rv != member(member(**stored, "metadata"), "resourceVersion");
  auto updated = update_object(call, std::move(object), **stored, std::move(duplicates),
                               identity::UpdateScope::Status);
  if (!updated) return {error_response(updated.error()), !pinned && updated.error().code == 409};
  return {object_response(200, updated->object, updated->warnings), false};
}

ResourceHandlers::Attempt ResourceHandlers::scale_once(const ResourceCall& call) {
  auto stored = registry_.get(key_of(call.route));
  if (!stored) return {error_response(route_error(stored.error(), call.route)), false};
  const Json current = scale_of(**stored);
  const std::string& method = call.http.method;
  if (method == "GET") return {json_response(200, current), false};
  Json incoming;
  if (method == "PUT") {
    auto body = decode_body(call.http.body, header_value(call.http, "content-type"));
    if (!body) return {error_response(body.error()), false};
    incoming = std::move(body->object);
  } else {
    auto patched =
        apply_patch(header_value(call.http, "content-type"), call.http.body, current, "Scale");
    if (!patched) return {error_response(patched.error()), false};
    incoming = std::move(*patched);
  }
  const bool pinned = method == "PUT" || member(member(incoming, "metadata"), "resourceVersion") !=
                                             member(current["metadata"], "resourceVersion");
  auto set = set_from_scale(incoming, **stored, call.route.name);
  if (!set) return {error_response(set.error()), false};
  auto updated = update_object(call, std::move(*set), **stored, {}, identity::UpdateScope::Main);
  if (!updated) return {error_response(updated.error()), !pinned && updated.error().code == 409};
  return {json_response(200, scale_of(updated->object)), false};
}

}  // namespace ordinal::api
