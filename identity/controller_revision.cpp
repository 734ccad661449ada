#include "identity/controller_revision.hpp"

#include "identity/json_fields.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

ControllerRevision ControllerRevision::from_json(const Json& json) {
  ControllerRevision out;
  out.api_version = get_string(json, {"apiVersion"});
  out.kind = get_string(json, {"kind"});
  out.metadata = get_object<ObjectMeta>(json, {"metadata"});
  out.data = get_json(json, {"data"});
  out.revision = get_int<std::int64_t>(json, {"revision"});
  out.original = json;
  return out;
}

Json ControllerRevision::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"apiVersion"}, api_version);
  put_string(out, {"kind"}, kind);
  put_object(out, {"metadata"}, metadata.to_json());
  put_json(out, {"data"}, data);
  put_int(out, {"revision"}, revision);
  return out;
}

}  // namespace ordinal::identity
