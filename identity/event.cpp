#include "identity/event.hpp"

#include "identity/json_fields.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

Event Event::from_json(const Json& json) {
  Event out;
  out.api_version = get_string(json, {"apiVersion"});
  out.kind = get_string(json, {"kind"});
  out.metadata = get_object<ObjectMeta>(json, {"metadata"});
  out.involved_object = get_object<ObjectReference>(json, {"involvedObject"});
  out.reason = get_string(json, {"reason"});
  out.message = get_string(json, {"message"});
  out.type = get_string(json, {"type"});
  out.count = get_int<std::int32_t>(json, {"count"});
  out.first_timestamp = get_string(json, {"firstTimestamp"});
  out.last_timestamp = get_string(json, {"lastTimestamp"});
  out.source_component = get_string(json, {"source", "component"});
  out.reporting_component = get_string(json, {"reportingComponent"});
  out.original = json;
  return out;
}

Json Event::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"apiVersion"}, api_version);
  put_string(out, {"kind"}, kind);
  put_object(out, {"metadata"}, metadata.to_json());
  put_object(out, {"involvedObject"}, involved_object.to_json());
  put_string(out, {"reason"}, reason);
  put_string(out, {"message"}, message);
  put_string(out, {"type"}, type);
  put_int(out, {"count"}, count);
  put_string(out, {"firstTimestamp"}, first_timestamp);
  put_string(out, {"lastTimestamp"}, last_timestamp);
  put_string(out, {"source", "component"}, source_component);
  put_string(out, {"reportingComponent"}, reporting_component);
  return out;
}

}  // namespace ordinal::identity
