#include "identity/namespace_object.hpp"

#include "identity/json_fields.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

Namespace Namespace::from_json(const Json& json) {
  Namespace out;
  out.api_version = get_string(json, {"apiVersion"});
  out.kind = get_string(json, {"kind"});
  out.metadata = get_object<ObjectMeta>(json, {"metadata"});
  out.status_phase = get_string(json, {"status", "phase"});
  out.original = json;
  return out;
}

Json Namespace::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"apiVersion"}, api_version);
  put_string(out, {"kind"}, kind);
  put_object(out, {"metadata"}, metadata.to_json());
  put_string(out, {"status", "phase"}, status_phase);
  return out;
}

}  // namespace ordinal::identity
