#include "identity/storage_class.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

StorageClass StorageClass::from_json(const Json& json) {
  StorageClass out;
  out.api_version = get_string(json, {"apiVersion"});
  out.kind = get_string(json, {"kind"});
  out.metadata = get_object<ObjectMeta>(json, {"metadata"});
  out.provisioner = get_string(json, {"provisioner"});
  out.reclaim_policy = get_string(json, {"reclaimPolicy"});
  out.volume_binding_mode = get_string(json, {"volumeBindingMode"});
  out.allow_volume_expansion = get_bool(json, {"allowVolumeExpansion"});
  out.parameters = get_string_map(json, {"parameters"});
  out.original = json;
  return out;
}

Json StorageClass::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"apiVersion"}, api_version);
  put_string(out, {"kind"}, kind);
  put_object(out, {"metadata"}, metadata.to_json());
  put_string(out, {"provisioner"}, provisioner);
  put_string(out, {"reclaimPolicy"}, reclaim_policy);
  put_string(out, {"volumeBindingMode"}, volume_binding_mode);
  put_bool(out, {"allowVolumeExpansion"}, allow_volume_expansion);
  put_string_map(out, {"parameters"}, parameters);
  return out;
}

bool StorageClass::is_default() const {
  auto it = metadata.annotations.find(std::string(kDefaultClassAnnotation));
  return it != metadata.annotations.end() && it->second == "true";
}

}  // namespace ordinal::identity
