#include "identity/object_reference.hpp"

#include "identity/json_fields.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

ObjectReference ObjectReference::from_json(const Json& json) {
  ObjectReference out;
  out.kind = get_string(json, {"kind"});
  out.ns = get_string(json, {"namespace"});
  out.name = get_string(json, {"name"});
  out.uid = get_string(json, {"uid"});
  out.api_version = get_string(json, {"apiVersion"});
  out.resource_version = get_string(json, {"resourceVersion"});
  out.field_path = get_string(json, {"fieldPath"});
  out.original = json;
  return out;
}

Json ObjectReference::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"kind"}, kind);
  put_string(out, {"namespace"}, ns);
  put_string(out, {"name"}, name);
  put_string(out, {"uid"}, uid);
  put_string(out, {"apiVersion"}, api_version);
  put_string(out, {"resourceVersion"}, resource_version);
  put_string(out, {"fieldPath"}, field_path);
  return out;
}

}  // namespace ordinal::identity
