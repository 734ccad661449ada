#include "identity/persistent_volume_claim.hpp"

#include "identity/json_fields.hpp"
#include "identity/top_level_object.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

PersistentVolumeClaimSpec PersistentVolumeClaimSpec::from_json(const Json& json) {
  PersistentVolumeClaimSpec out;
  out.access_modes = get_strings(json, {"accessModes"});
  out.storage_request = get_string(json, {"resources", "requests", "storage"});
  out.storage_class_name = get_optional_string(json, {"storageClassName"});
  out.volume_name = get_string(json, {"volumeName"});
  out.volume_mode = get_string(json, {"volumeMode"});
  out.selector = get_json(json, {"selector"});
  out.original = json;
  return out;
}

Json PersistentVolumeClaimSpec::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_strings(out, {"accessModes"}, access_modes);
  put_string(out, {"resources", "requests", "storage"}, storage_request);
  put_optional_string(out, {"storageClassName"}, storage_class_name);
  put_string(out, {"volumeName"}, volume_name);
  put_string(out, {"volumeMode"}, volume_mode);
  put_json(out, {"selector"}, selector);
  return out;
}

PersistentVolumeClaimStatus PersistentVolumeClaimStatus::from_json(const Json& json) {
  PersistentVolumeClaimStatus out;
  out.phase = get_string(json, {"phase"});
  out.capacity_storage = get_string(json, {"capacity", "storage"});
  out.access_modes = get_strings(json, {"accessModes"});
  out.original = json;
  return out;
}

Json PersistentVolumeClaimStatus::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"phase"}, phase);
  put_string(out, {"capacity", "storage"}, capacity_storage);
  put_strings(out, {"accessModes"}, access_modes);
  return out;
}

PersistentVolumeClaim PersistentVolumeClaim::from_json(const Json& json) {
  return read_top_level_object<PersistentVolumeClaim>(json);
}

Json PersistentVolumeClaim::to_json() const {
  return write_top_level_object(*this);
}

std::optional<Quantity> PersistentVolumeClaim::requested_storage() const {
  if (spec.storage_request.empty()) return std::nullopt;
  return Quantity::parse(spec.storage_request);
}

}  // namespace ordinal::identity
