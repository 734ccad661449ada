#include "identity/validation.hpp"

#include <string>

#include "identity/kinds.hpp"
#include "identity/validation_rules.hpp"

namespace ordinal::identity {
namespace {

std::string kind_of(const Json& object) {
  const Json& kind = field_of(object, "kind");
  return kind.is_string() ? kind.get<std::string>() : std::string();
}

// Null fields mean "unset": compare as if they were absent.
Json without_nulls(const Json& v) {
  if (v.is_object()) {
    Json out = Json::object();
    for (const auto& [key, value] : v.items())
      if (!value.is_null()) out[key] = without_nulls(value);
    return out;
  }
  if (v.is_array()) {
    Json out = Json::array();
    for (const auto& item : v) out.push_back(without_nulls(item));
    return out;
  }
  return v;
}

Json spec_without(const Json& object, std::initializer_list<const char*> mutable_fields) {
  Json spec = without_nulls(field_of(object, "spec"));
  if (!spec.is_object()) return spec;
  for (const char* f : mutable_fields) spec.erase(f);
  return spec;
}

void validate_meta_update(const Json& old_object, const Json& new_object, Causes& out) {
  const Json& old_meta = field_of(old_object, "metadata");
  const Json& new_meta = field_of(new_object, "metadata");
  for (const char* f : {"name", "namespace", "uid"}) {
    const Json& before = field_of(old_meta, f);
    const Json& after = field_of(new_meta, f);
    if (before.is_string() && !before.get<std::string>().empty() && before != after)
      add_invalid(out, std::string("metadata.") + f, after, "field is immutable");
  }
}

// SS-2.4: collisionCount may never decrease.
void validate_collision_count(const Json& old_object, const Json& new_object, Causes& out) {
  const Json& before = field_of(field_of(old_object, "status"), "collisionCount");
  const Json& after = field_of(field_of(new_object, "status"), "collisionCount");
  if (!before.is_number()) return;
  const long long now = after.is_number() ? after.get<long long>() : 0;
  if (now < before.get<long long>())
    add_invalid(out, "status.collisionCount", now, "cannot be decremented");
}

// Claims: only the requested size may change, and a volume name may be set once (binding).
void validate_pvc_update(const Json& old_object, const Json& new_object, Causes& out) {
  Json before = spec_without(old_object, {"volumeAttributesClassName"});
  Json after = spec_without(new_object, {"volumeAttributesClassName"});
  for (Json* spec : {&before, &after})
    if (spec->is_object() && spec->contains("resources") && (*spec)["resources"].is_object())
      (*spec)["resources"].erase("requests");
  if (before.is_object() && after.is_object() && field_of(before, "volumeName").is_null() &&
      after.contains("volumeName"))
    before["volumeName"] = after["volumeName"];
  if (before != after)
    add_forbidden(out, "spec",
                  "spec is immutable after creation except resources.requests and "
                  "volumeAttributesClassName for bound claims");
}

void mask_images(Json& spec) {
  for (const char* list : {"containers", "initContainers"})
    if (spec.contains(list) && spec[list].is_array())
      for (auto& c : spec[list])
        if (c.is_object()) c.erase("image");
}

// Pods: images, deadline, tolerations and grace period may change; nodeName may be set once.
void validate_pod_update(const Json& old_object, const Json& new_object, Causes& out) {
  const auto mutable_fields = {"activeDeadlineSeconds", "tolerations",
                               "terminationGracePeriodSeconds"};
  Json before = spec_without(old_object, mutable_fields);
  Json after = spec_without(new_object, mutable_fields);
  if (!before.is_object() || !after.is_object()) return;
  mask_images(before);
  mask_images(after);
  if (field_of(before, "nodeName").is_null() && after.contains("nodeName"))
    before["nodeName"] = after["nodeName"];
  if (before != after)
    add_forbidden(out, "spec",
                  "pod updates may not change fields other than `spec.containers[*].image`,"
                  "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
                  "`spec.tolerations` (only additions to existing tolerations),"
                  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was "
                  "previously negative)");
}

// A cluster IP, once allocated, stays; an update that omits it keeps the old one.
void validate_service_update(const Json& old_object, const Json& new_object, Causes& out) {
  const Json& before = field_of(field_of(old_object, "spec"), "clusterIP");
  const Json& after = field_of(field_of(new_object, "spec"), "clusterIP");
  if (before.is_string() && !before.get<std::string>().empty() && after.is_string() &&
      !after.get<std::string>().empty() && before != after)
    add_invalid(out, "spec.clusterIPs[0]", after, "may not change once set");
}

// SS-2.5: data is immutable, revision may change (rollback renumbers).
void validate_revision_update(const Json& old_object, const Json& new_object, Causes& out) {
  const Json& before = field_of(old_object, "data");
  const Json& after = field_of(new_object, "data");
  if (without_nulls(before) != without_nulls(after))
    add_invalid(out, "data", after, "field is immutable");
}

}  // namespace

void validate_stateful_set_update(const Json& old_object, const Json& new_object, Causes& out) {
  // SS-2.1 with 16.4: revisionHistoryLimit is mutable.
  const auto mutable_fields = {"replicas",
                               "ordinals",
                               "template",
                               "updateStrategy",
                               "persistentVolumeClaimRetentionPolicy",
                               "minReadySeconds",
                               "revisionHistoryLimit"};
  if (spec_without(old_object, mutable_fields) != spec_without(new_object, mutable_fields))
    add_forbidden(out, "spec",
                  "updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                  "'template', 'updateStrategy', 'revisionHistoryLimit', "
                  "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
  validate_collision_count(old_object, new_object, out);
}

std::vector<StatusCause> validate_object(const Json& object) {
  Causes out;
  const std::string kind = kind_of(object);
  const KindInfo* info = find_kind(kind);
  if (info == nullptr) return out;
  const Json& meta = field_of(object, "metadata");
  const Json* meta_ptr = meta.is_object() ? &meta : nullptr;
  if (kind == "StatefulSet")
    validate_stateful_set(object, out);
  else if (kind == "Service")
    validate_service(object, out);
  else if (kind == "Pod")
    validate_pod(object, out);
  else if (kind == "PersistentVolumeClaim")
    validate_pvc(object, out);
  else if (kind == "PersistentVolume")
    validate_pv(object, out);
  else if (kind == "StorageClass")
    validate_storage_class(object, out);
  else if (kind == "EndpointSlice")
    validate_endpoint_slice(object, out);
  else if (kind == "ControllerRevision")
    validate_controller_revision(object, out);
  else if (kind == "ConfigMap" || kind == "Secret")
    validate_config_data(object, out);
  else if (kind == "Namespace")
    validate_object_meta(meta_ptr, false, NameRule::Dns1123Label, out);
  else
    validate_object_meta(meta_ptr, info->namespaced, NameRule::Dns1123Subdomain, out);
  return out;
}

std::vector<StatusCause> validate_update(const Json& old_object, const Json& new_object) {
  Causes out;
  validate_meta_update(old_object, new_object, out);
  const std::string kind = kind_of(new_object);
  if (kind == "StatefulSet")
    validate_stateful_set_update(old_object, new_object, out);
  else if (kind == "ControllerRevision")
    validate_revision_update(old_object, new_object, out);
  else if (kind == "PersistentVolumeClaim")
    validate_pvc_update(old_object, new_object, out);
  else if (kind == "Pod")
    validate_pod_update(old_object, new_object, out);
  else if (kind == "Service")
    validate_service_update(old_object, new_object, out);
  Causes fresh = validate_object(new_object);
  out.insert(out.end(), fresh.begin(), fresh.end());
  return out;
}

}  // namespace ordinal::identity
