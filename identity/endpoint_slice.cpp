#include "identity/endpoint_slice.hpp"

#include "identity/json_fields.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

EndpointConditions EndpointConditions::from_json(const Json& json) {
  EndpointConditions out;
  out.ready = get_bool(json, {"ready"});
  out.serving = get_bool(json, {"serving"});
  out.terminating = get_bool(json, {"terminating"});
  out.original = json;
  return out;
}

Json EndpointConditions::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_bool(out, {"ready"}, ready);
  put_bool(out, {"serving"}, serving);
  put_bool(out, {"terminating"}, terminating);
  return out;
}

Endpoint Endpoint::from_json(const Json& json) {
  Endpoint out;
  out.addresses = get_strings(json, {"addresses"});
  out.conditions = get_object<EndpointConditions>(json, {"conditions"});
  out.hostname = get_string(json, {"hostname"});
  out.node_name = get_string(json, {"nodeName"});
  out.target_ref = get_optional_object<ObjectReference>(json, {"targetRef"});
  out.original = json;
  return out;
}

Json Endpoint::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_strings(out, {"addresses"}, addresses);
  put_object(out, {"conditions"}, conditions.to_json());
  put_string(out, {"hostname"}, hostname);
  put_string(out, {"nodeName"}, node_name);
  put_optional_object(out, {"targetRef"}, target_ref);
  return out;
}

EndpointPort EndpointPort::from_json(const Json& json) {
  EndpointPort out;
  out.name = get_string(json, {"name"});
  out.port = get_int<std::int32_t>(json, {"port"});
  out.protocol = get_string(json, {"protocol"});
  out.app_protocol = get_string(json, {"appProtocol"});
  out.original = json;
  return out;
}

Json EndpointPort::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"name"}, name);
  put_int(out, {"port"}, port);
  put_string(out, {"protocol"}, protocol);
  put_string(out, {"appProtocol"}, app_protocol);
  return out;
}

EndpointSlice EndpointSlice::from_json(const Json& json) {
  EndpointSlice out;
  out.api_version = get_string(json, {"apiVersion"});
  out.kind = get_string(json, {"kind"});
  out.metadata = get_object<ObjectMeta>(json, {"metadata"});
  out.address_type = get_string(json, {"addressType"});
  out.endpoints = get_list<Endpoint>(json, {"endpoints"});
  out.ports = get_list<EndpointPort>(json, {"ports"});
  out.original = json;
  return out;
}

Json EndpointSlice::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"apiVersion"}, api_version);
  put_string(out, {"kind"}, kind);
  put_object(out, {"metadata"}, metadata.to_json());
  put_string(out, {"addressType"}, address_type);
  put_list(out, {"endpoints"}, endpoints);
  put_list(out, {"ports"}, ports);
  return out;
}

}  // namespace ordinal::identity
