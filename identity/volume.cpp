#include "identity/volume.hpp"

#include <utility>

#include "identity/json_fields.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

ClaimVolumeSource ClaimVolumeSource::from_json(const Json& json) {
  ClaimVolumeSource out;
  out.claim_name = get_string(json, {"claimName"});
  out.read_only = get_bool(json, {"readOnly"});
  out.original = json;
  return out;
}

Json ClaimVolumeSource::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"claimName"}, claim_name);
  put_bool(out, {"readOnly"}, read_only);
  return out;
}

Volume Volume::from_json(const Json& json) {
  Volume out;
  out.name = get_string(json, {"name"});
  out.persistent_volume_claim =
      get_optional_object<ClaimVolumeSource>(json, {"persistentVolumeClaim"});
  out.original = json;
  return out;
}

Json Volume::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"name"}, name);
  put_optional_object(out, {"persistentVolumeClaim"}, persistent_volume_claim);
  return out;
}

Volume Volume::for_claim(std::string name, std::string claim_name) {
  Volume out;
  out.name = std::move(name);
  out.persistent_volume_claim.emplace().claim_name = std::move(claim_name);
  return out;
}

}  // namespace ordinal::identity
