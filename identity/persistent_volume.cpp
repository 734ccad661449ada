#include "identity/persistent_volume.hpp"

#include "identity/json_fields.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

PersistentVolumeSpec PersistentVolumeSpec::from_json(const Json& json) {
  PersistentVolumeSpec out;
  out.capacity_storage = get_string(json, {"capacity", "storage"});
  out.access_modes = get_strings(json, {"accessModes"});
  out.persistent_volume_reclaim_policy = get_string(json, {"persistentVolumeReclaimPolicy"});
  out.storage_class_name = get_string(json, {"storageClassName"});
  out.claim_ref = get_optional_object<ObjectReference>(json, {"claimRef"});
  out.volume_mode = get_string(json, {"volumeMode"});
  out.host_path = get_json(json, {"hostPath"});
  out.local = get_json(json, {"local"});
  out.original = json;
  return out;
}

Json PersistentVolumeSpec::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"capacity", "storage"}, capacity_storage);
  put_strings(out, {"accessModes"}, access_modes);
  put_string(out, {"persistentVolumeReclaimPolicy"}, persistent_volume_reclaim_policy);
  put_string(out, {"storageClassName"}, storage_class_name);
  put_optional_object(out, {"claimRef"}, claim_ref);
  put_string(out, {"volumeMode"}, volume_mode);
  put_json(out, {"hostPath"}, host_path);
  put_json(out, {"local"}, local);
  return out;
}

PersistentVolume PersistentVolume::from_json(const Json& json) {
  PersistentVolume out;
  out.api_version = get_string(json, {"apiVersion"});
  out.kind = get_string(json, {"kind"});
  out.metadata = get_object<ObjectMeta>(json, {"metadata"});
  out.spec = get_object<PersistentVolumeSpec>(json, {"spec"});
  out.status_phase = get_string(json, {"status", "phase"});
  out.original = json;
  return out;
}

Json PersistentVolume::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"apiVersion"}, api_version);
  put_string(out, {"kind"}, kind);
  put_object(out, {"metadata"}, metadata.to_json());
  put_object(out, {"spec"}, spec.to_json());
  put_string(out, {"status", "phase"}, status_phase);
  return out;
}

std::optional<Quantity> PersistentVolume::capacity() const {
  if (spec.capacity_storage.empty()) return std::nullopt;
  return Quantity::parse(spec.capacity_storage);
}

}  // namespace ordinal::identity
