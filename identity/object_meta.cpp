#include "identity/object_meta.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

OwnerReference OwnerReference::from_json(const Json& json) {
  OwnerReference out;
  out.api_version = get_string(json, {"apiVersion"});
  out.kind = get_string(json, {"kind"});
  out.name = get_string(json, {"name"});
  out.uid = get_string(json, {"uid"});
  out.controller = get_bool(json, {"controller"});
  out.block_owner_deletion = get_bool(json, {"blockOwnerDeletion"});
  out.original = json;
  return out;
}

Json OwnerReference::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"apiVersion"}, api_version);
  put_string(out, {"kind"}, kind);
  put_string(out, {"name"}, name);
  put_string(out, {"uid"}, uid);
  put_bool(out, {"controller"}, controller);
  put_bool(out, {"blockOwnerDeletion"}, block_owner_deletion);
  return out;
}

ObjectMeta ObjectMeta::from_json(const Json& json) {
  ObjectMeta out;
  out.name = get_string(json, {"name"});
  out.generate_name = get_string(json, {"generateName"});
  out.ns = get_string(json, {"namespace"});
  out.uid = get_string(json, {"uid"});
  out.resource_version = get_string(json, {"resourceVersion"});
  out.generation = get_int<std::int64_t>(json, {"generation"});
  out.creation_timestamp = get_string(json, {"creationTimestamp"});
  out.deletion_timestamp = get_string(json, {"deletionTimestamp"});
  out.deletion_grace_period_seconds = get_int<std::int64_t>(json, {"deletionGracePeriodSeconds"});
  out.labels = get_string_map(json, {"labels"});
  out.annotations = get_string_map(json, {"annotations"});
  out.finalizers = get_strings(json, {"finalizers"});
  out.owner_references = get_list<OwnerReference>(json, {"ownerReferences"});
  out.original = json;
  return out;
}

Json ObjectMeta::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"name"}, name);
  put_string(out, {"generateName"}, generate_name);
  put_string(out, {"namespace"}, ns);
  put_string(out, {"uid"}, uid);
  put_string(out, {"resourceVersion"}, resource_version);
  put_int(out, {"generation"}, generation);
  put_string(out, {"creationTimestamp"}, creation_timestamp);
  put_string(out, {"deletionTimestamp"}, deletion_timestamp);
  put_int(out, {"deletionGracePeriodSeconds"}, deletion_grace_period_seconds);
  put_string_map(out, {"labels"}, labels);
  put_string_map(out, {"annotations"}, annotations);
  put_strings(out, {"finalizers"}, finalizers);
  put_list(out, {"ownerReferences"}, owner_references);
  return out;
}

const OwnerReference* ObjectMeta::controller_ref() const {
  for (const OwnerReference& ref : owner_references)
    if (ref.is_controller()) return &ref;
  return nullptr;
}

const OwnerReference* ObjectMeta::find_owner(std::string_view owner_uid) const {
  for (const OwnerReference& ref : owner_references)
    if (ref.uid == owner_uid) return &ref;
  return nullptr;
}

std::string_view ObjectMeta::label(std::string_view key) const {
  auto it = labels.find(std::string(key));
  return it == labels.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace ordinal::identity
