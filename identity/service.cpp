#include "identity/service.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

ServicePort ServicePort::from_json(const Json& json) {
  ServicePort out;
  out.name = get_string(json, {"name"});
  out.protocol = get_string(json, {"protocol"});
  out.port = get_int<std::int32_t>(json, {"port"});
  out.target_port = get_value<IntOrString>(json, {"targetPort"});
  out.app_protocol = get_string(json, {"appProtocol"});
  out.original = json;
  return out;
}

Json ServicePort::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"name"}, name);
  put_string(out, {"protocol"}, protocol);
  put_int(out, {"port"}, port);
  put_value(out, {"targetPort"}, target_port);
  put_string(out, {"appProtocol"}, app_protocol);
  return out;
}

ServiceSpec ServiceSpec::from_json(const Json& json) {
  ServiceSpec out;
  out.type = get_string(json, {"type"});
  out.cluster_ip = get_string(json, {"clusterIP"});
  out.cluster_ips = get_strings(json, {"clusterIPs"});
  out.ports = get_list<ServicePort>(json, {"ports"});
  out.selector = get_string_map(json, {"selector"});
  out.publish_not_ready_addresses = get_bool(json, {"publishNotReadyAddresses"});
  out.external_name = get_string(json, {"externalName"});
  out.ip_families = get_strings(json, {"ipFamilies"});
  out.original = json;
  return out;
}

Json ServiceSpec::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"type"}, type);
  put_string(out, {"clusterIP"}, cluster_ip);
  put_strings(out, {"clusterIPs"}, cluster_ips);
  put_list(out, {"ports"}, ports);
  put_string_map(out, {"selector"}, selector);
  put_bool(out, {"publishNotReadyAddresses"}, publish_not_ready_addresses);
  put_string(out, {"externalName"}, external_name);
  put_strings(out, {"ipFamilies"}, ip_families);
  return out;
}

Service Service::from_json(const Json& json) {
  Service out;
  out.api_version = get_string(json, {"apiVersion"});
  out.kind = get_string(json, {"kind"});
  out.metadata = get_object<ObjectMeta>(json, {"metadata"});
  out.spec = get_object<ServiceSpec>(json, {"spec"});
  out.original = json;
  return out;
}

Json Service::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"apiVersion"}, api_version);
  put_string(out, {"kind"}, kind);
  put_object(out, {"metadata"}, metadata.to_json());
  put_object(out, {"spec"}, spec.to_json());
  return out;
}

}  // namespace ordinal::identity
