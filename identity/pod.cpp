#include "identity/pod.hpp"

#include "identity/json_fields.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

Pod Pod::from_json(const Json& json) {
  Pod out;
  out.api_version = get_string(json, {"apiVersion"});
  out.kind = get_string(json, {"kind"});
  out.metadata = get_object<ObjectMeta>(json, {"metadata"});
  out.spec = get_object<PodSpec>(json, {"spec"});
  out.status = get_object<PodStatus>(json, {"status"});
  out.original = json;
  return out;
}

Json Pod::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"apiVersion"}, api_version);
  put_string(out, {"kind"}, kind);
  put_object(out, {"metadata"}, metadata.to_json());
  put_object(out, {"spec"}, spec.to_json());
  put_object(out, {"status"}, status.to_json());
  return out;
}

const Condition* Pod::ready_condition() const {
  return find_condition(status.conditions, "Ready");
}

bool Pod::is_ready() const {
  const Condition* ready = ready_condition();
  return ready != nullptr && ready->is_true();
}

bool Pod::is_running_and_ready() const {
  return status.phase == "Running" && is_ready();
}

}  // namespace ordinal::identity
