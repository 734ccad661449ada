#include "tools/api/admission.hpp"

#include <algorithm>
#include <optional>

#include "identity/defaults.hpp"
#include "identity/metadata.hpp"
#include "identity/schema.hpp"
#include "identity/validation.hpp"

namespace ordinal::api {
namespace {

using identity::ApiError;
using identity::Json;
using identity::StatusCause;

std::optional<ApiError> check_type(Json& object, const identity::KindInfo& kind) {
  if (!object.contains("apiVersion")) object["apiVersion"] = kind.api_version();
  if (!object.contains("kind")) object["kind"] = kind.kind;
  const std::string api_version = identity::string_member(object, "apiVersion");
  if (api_version != kind.api_version())
    return identity::bad_request("the API version in the data (" + api_version +
                                 ") does not match the expected API version (" +
                                 kind.api_version() + ")");
  const std::string body_kind = identity::string_member(object, "kind");
  if (body_kind != kind.kind)
    return identity::bad_request("the kind in the data (" + body_kind +
                                 ") does not match the expected kind (" + kind.kind + ")");
  return std::nullopt;
}

std::optional<ApiError> check_key(Json& object, const AdmissionRequest& request) {
  Json& metadata = object["metadata"];
  if (!metadata.is_object())
    return identity::bad_request("metadata must be an object, got " +
                                 std::string(metadata.type_name()));
  if (!request.kind->namespaced) {
    metadata.erase("namespace");
  } else {
    const std::string ns = identity::string_member(metadata, "namespace");
    if (ns.empty()) metadata["namespace"] = request.ns;
    if (!ns.empty() && ns != request.ns)
      return identity::bad_request(
          "the namespace of the provided object does not match the namespace sent on the "
          "request");
  }
  if (request.name.empty()) return std::nullopt;
  const std::string name = identity::string_member(metadata, "name");
  if (name.empty()) metadata["name"] = request.name;
  if (!name.empty() && name != request.name)
    return identity::bad_request("the name of the object (" + name +
                                 ") does not match the name on the URL (" + request.name + ")");
  return std::nullopt;
}

// Unknown fields and duplicates: rejected, reported as warnings and pruned, or pruned silently.
std::optional<ApiError> check_fields(Json& object, const AdmissionRequest& request,
                                     std::vector<std::string>& warnings) {
  std::vector<std::string> problems;
  for (const auto& path : request.duplicate_fields)
    problems.push_back("duplicate field \"" + path + "\"");
  std::vector<StatusCause> type_errors;
  for (auto& cause : identity::check_schema(object)) {
    if (cause.reason == "FieldValueUnknown")
      problems.push_back("unknown field \"" + cause.field + "\"");
    else if (cause.reason != "FieldValueRequired")  // validation reports these with its wording
      type_errors.push_back(std::move(cause));
  }
  if (request.validation == FieldValidation::Strict && !problems.empty()) {
    std::string message = "strict decoding error: ";
    for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? ", " : "") + problems[i];
    return identity::bad_request(message);
  }
  if (!type_errors.empty())
    return identity::invalid(request.kind->kind, request.kind->group,
                             identity::metadata_string(object, "name"), std::move(type_errors));
  if (!problems.empty()) identity::prune_unknown_fields(object);
  if (request.validation == FieldValidation::Warn) warnings = std::move(problems);
  return std::nullopt;
}

// As kube-apiserver's BeforeUpdate: fields only the server sets come from the stored object
// (a PUT without uid is not an attempt to change it).
void keep_system_fields(Json& object, const Json& stored) {
  auto stored_meta = stored.find("metadata");
  if (stored_meta == stored.end() || !stored_meta->is_object()) return;
  Json& metadata = object["metadata"];
  if (identity::string_member(metadata, "uid").empty() && stored_meta->contains("uid"))
    metadata["uid"] = (*stored_meta)["uid"];
  for (const char* key :
       {"creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds"}) {
    if (stored_meta->contains(key))
      metadata[key] = (*stored_meta)[key];
    else
      metadata.erase(key);
  }
}

bool is_external_name(const Json& spec) {
  return identity::string_member(spec, "type") == "ExternalName";
}

// Kubernetes' PrepareForUpdate for Services: a PUT or apply that leaves clusterIP out keeps the
// allocated address (it is immutable, not cleared), and turning a Service into ExternalName
// drops the address together with its families. Allocation itself needs the registry: see
// cluster_ip.hpp.
void keep_cluster_ip(Json& object, const Json& stored) {
  auto stored_spec = stored.find("spec");
  Json& spec = object["spec"];
  if (stored_spec == stored.end() || !stored_spec->is_object() || !spec.is_object()) return;
  const std::string stored_ip = identity::string_member(*stored_spec, "clusterIP");
  const std::string ip = identity::string_member(spec, "clusterIP");
  if (is_external_name(spec)) {
    if (!is_external_name(*stored_spec) && (ip.empty() || ip == stored_ip)) {
      for (const char* key : {"clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"})
        spec.erase(key);
    }
    return;
  }
  if (!ip.empty() || stored_ip.empty() || is_external_name(*stored_spec)) return;
  for (const char* key : {"clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"}) {
    if (!spec.contains(key) && stored_spec->contains(key)) spec[key] = (*stored_spec)[key];
  }
}

// An ExternalName Service is a DNS alias: it has no cluster IP to route to.
std::vector<StatusCause> external_name_causes(const Json& object) {
  auto spec = object.find("spec");
  if (spec == object.end() || !spec->is_object() || !is_external_name(*spec)) return {};
  auto ips = spec->find("clusterIPs");
  const bool listed = ips != spec->end() && ips->is_array() && !ips->empty();
  if (!listed && identity::string_member(*spec, "clusterIP").empty()) return {};
  return {{"FieldValueForbidden", "Forbidden: may not be set for ExternalName services",
           "spec.clusterIPs"}};
}

}  // namespace

identity::Result<FieldValidation> parse_field_validation(const std::string& value) {
  if (value.empty() || value == "Warn") return FieldValidation::Warn;
  if (value == "Strict") return FieldValidation::Strict;
  if (value == "Ignore") return FieldValidation::Ignore;
  return identity::bad_request(
      "fieldValidation must be one of \"Ignore\", \"Warn\" or "
      "\"Strict\", got \"" +
      value + "\"");
}

Json initial_status(const std::string& kind) {
  if (kind == "Pod" || kind == "PersistentVolumeClaim" || kind == "PersistentVolume")
    return {{"phase", "Pending"}};
  if (kind == "Namespace") return {{"phase", "Active"}};
  return Json::object();
}

identity::Result<Admitted> admit(Json object, const AdmissionRequest& request) {
  const identity::KindInfo& kind = *request.kind;
  if (auto error = check_type(object, kind)) return *error;
  if (auto error = check_key(object, request)) return *error;
  Admitted admitted;
  if (auto error = check_fields(object, request, admitted.warnings)) return *error;
  const bool service = kind.kind == "Service";
  if (service && request.stored != nullptr) keep_cluster_ip(object, *request.stored);
  identity::apply_defaults(object);
  const bool has_status = std::find(kind.subresources.begin(), kind.subresources.end(), "status") !=
                          kind.subresources.end();
  if (request.stored == nullptr) {
    object["metadata"].erase("resourceVersion");
    if (has_status) object["status"] = initial_status(kind.kind);
  } else {
    keep_system_fields(object, *request.stored);
  }
  if (request.stored != nullptr && has_status && !request.status_update) {
    // The main resource never changes status (that is what /status is for).
    auto status = request.stored->find("status");
    if (status != request.stored->end())
      object["status"] = *status;
    else
      object.erase("status");
  }
  auto causes = request.stored == nullptr ? identity::validate_object(object)
                                          : identity::validate_update(*request.stored, object);
  if (service) {
    for (auto& cause : external_name_causes(object)) causes.push_back(std::move(cause));
  }
  if (!causes.empty())
    return identity::invalid(kind.kind, kind.group, identity::metadata_string(object, "name"),
                             std::move(causes));
  admitted.object = std::move(object);
  return admitted;
}

}  // namespace ordinal::api
