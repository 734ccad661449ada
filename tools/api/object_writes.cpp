// POST, PUT and PATCH of objects: decode, admit (admission.hpp), write.
#include "tools/api/api_response.hpp"
#include "tools/api/body_decoder.hpp"
#include "tools/api/cluster_ip.hpp"
#include "tools/api/patch.hpp"
#include "tools/api/resource_handlers.hpp"

namespace ordinal::api {
namespace {

using identity::Json;

// Conflicts a PATCH did not ask for (no resourceVersion in it) are retried, as kube-apiserver
// does: a patch is a change relative to whatever is stored.
constexpr int kPatchAttempts = 5;

// kube-apiserver decodes merge and strategic merge patches strictly too: a field repeated in
// the patch is reported like one repeated in a body (by its path in the patch).
std::vector<std::string> patch_duplicate_fields(const std::string& content_type,
                                                const std::string& body) {
  std::string type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type != "application/merge-patch+json" && type != "application/strategic-merge-patch+json")
    return {};
  auto decoded = decode_body(body, "application/json");
  return decoded ? std::move(decoded->duplicate_fields) : std::vector<std::string>{};
}

std::string resource_version_of(const Json& object) {
  auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) return "";
  auto rv = metadata->find("resourceVersion");
  return rv != metadata->end() && rv->is_string() ? rv->get<std::string>() : "";
}

}  // namespace

identity::Result<Admitted> ResourceHandlers::update_object(const ResourceCall& call, Json object,
                                                           const Json& stored,
                                                           std::vector<std::string> duplicates,
                                                           identity::UpdateScope scope) {
  auto validation = parse_field_validation(call.target.param("fieldValidation").value_or(""));
  if (!validation) return validation.error();
  AdmissionRequest request{call.route.kind,
                           call.route.ns,
                           call.route.name,
                           *validation,
                           std::move(duplicates),
                           &stored,
                           scope == identity::UpdateScope::Status};
  auto admitted = admit(std::move(object), request);
  if (!admitted) return admitted;
  // Held until the write is done: no other write can take the same cluster IP meanwhile.
  auto allocation = ClusterIpAllocation::run(registry_, options_, admitted->object, &stored);
  if (!allocation) return allocation.error();
  if (is_dry_run(call.target)) return admitted;
  auto written = registry_.update(admitted->object, scope);
  if (!written) return route_error(written.error(), call.route);
  admitted->object = typed(**written, *call.route.kind);
  return admitted;
}

ApiResponse ResourceHandlers::create(const ResourceCall& call) {
  auto body = decode_body(call.http.body, header_value(call.http, "content-type"));
  if (!body) return error_response(body.error());
  auto validation = parse_field_validation(call.target.param("fieldValidation").value_or(""));
  if (!validation) return error_response(validation.error());
  AdmissionRequest request{
      call.route.kind, call.route.ns, "", *validation, std::move(body->duplicate_fields),
      nullptr,         false};
  auto admitted = admit(std::move(body->object), request);
  if (!admitted) return error_response(admitted.error());
  if (call.route.kind->namespaced) {
    if (auto error = ensure_namespace(call.route.ns, !options_.strict_namespaces))
      return error_response(*error);
  }
  auto allocation = ClusterIpAllocation::run(registry_, options_, admitted->object, nullptr);
  if (!allocation) return error_response(allocation.error());
  if (is_dry_run(call.target)) return object_response(201, admitted->object, admitted->warnings);
  auto created = registry_.create(std::move(admitted->object));
  if (!created) return error_response(created.error());
  return object_response(201, typed(**created, *call.route.kind), admitted->warnings);
}

ApiResponse ResourceHandlers::replace(const ResourceCall& call) {
  auto body = decode_body(call.http.body, header_value(call.http, "content-type"));
  if (!body) return error_response(body.error());
  auto stored = registry_.get(key_of(call.route));
  if (!stored) return error_response(route_error(stored.error(), call.route));
  auto updated = update_object(call, std::move(body->object), **stored,
                               std::move(body->duplicate_fields), identity::UpdateScope::Main);
  if (!updated) return error_response(updated.error());
  return object_response(200, updated->object, updated->warnings);
}

ApiResponse ResourceHandlers::patch(const ResourceCall& call) {
  const std::string content_type = header_value(call.http, "content-type");
  const std::vector<std::string> duplicates = patch_duplicate_fields(content_type, call.http.body);
  for (int attempt = 1;; ++attempt) {
    auto stored = registry_.get(key_of(call.route));
    if (!stored) return error_response(route_error(stored.error(), call.route));
    auto patched = apply_patch(content_type, call.http.body, **stored, call.route.kind->kind);
    if (!patched) return error_response(patched.error());
    const bool pinned = resource_version_of(*patched) != resource_version_of(**stored);
    auto updated =
        update_object(call, std::move(*patched), **stored, duplicates, identity::UpdateScope::Main);
    if (updated) return object_response(200, updated->object, updated->warnings);
    if (updated.error().code != 409 || pinned || attempt == kPatchAttempts)
      return error_response(updated.error());
  }
}

}  // namespace ordinal::api
